//! The report's header (organisation, period, stage, state, due dates), its lock or read-only
//! notice, the version conflict panel and the record of its steps.

use super::form::ReportForm;
use super::labels::{
    counts_days, date_text, days_text, period_label, snake, CalendarStateBadge, ComplianceBadge,
    StageBadge,
};
use super::PageState;
use crate::format;
use crate::i18n::{t, use_i18n, K};
use leptos::prelude::*;
use shared::api::reports::{Report, ReportStage};
use shared::calendar::{Compliance, Date};

/// The report on screen, if it has loaded (tracked).
pub fn shown_report(page: PageState) -> Option<Report> {
    page.shown
        .with(|s| s.as_ref().and_then(|r| r.as_ref().ok()).cloned())
}

/// The server's today, from the report's own due date and the days left until it.
pub fn today_of(report: &Report) -> Option<Date> {
    report.status.due.add_days(-report.status.days_until_due)
}

#[component]
pub fn ReportSummary(page: PageState) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        shown_report(page).map(|r| {
            let org = r.org.name.clone();
            let kind = r.org.kind.label();
            let period = r.period;
            let status = r.status;
            let today = today_of(&r);
            let ended = today.is_none_or(|d| period.has_ended(d));
            let locked = r.stage == Some(ReportStage::Approved);
            let deadlines = r
                .deadlines
                .iter()
                .map(|d| {
                    let (step, due) = (d.step, d.due);
                    let label = step.label();
                    let left = today.map(|t| t.days_until(due)).filter(|n| *n >= 0);
                    view! {
                        <li data-step=snake(&step)>
                            <span class="deadline-date">{move || date_text(due, i18n.lang())}</span>
                            " — "{move || i18n.text(&label)}
                            {left.map(|n| view! {
                                " "<span class="muted">"("{move || days_text(n, i18n.lang())}")"</span>
                            })}
                        </li>
                    }
                })
                .collect_view();
            let notice = if locked {
                Some(view! {
                    <p class="status-note report-locked" id="report-locked" role="note">
                        <strong>{t(K::ReportLockedNotice)}</strong>
                    </p>
                }
                .into_any())
            } else if !r.can_edit {
                Some(view! {
                    <p class="readonly-note" id="report-readonly" role="note">{t(K::ReportReadOnly)}</p>
                }
                .into_any())
            } else if !ended {
                Some(view! {
                    <p class="status-note" id="report-not-ended" role="note">{t(K::ReportNotEnded)}</p>
                }
                .into_any())
            } else {
                None
            };
            let org_heading = org.clone();
            let org_id = r.org.id;
            let fill_in = r.can_edit.then(|| {
                let href = format!("/import?kind=report&org={}&period={period}", org_id.0);
                view! {
                    <p class="report-excel">
                        <a href=href id="report-fill-in-excel">{t(K::ReportFillInExcel)}</a>
                    </p>
                }
            });
            let excel = view! {
                {fill_in}
                <crate::components::export_links::ExportLinks
                    table=shared::api::exports::ExportTable::Report
                    filters=format!("org={}&period={period}", org_id.0)
                />
            };
            view! {
                <h1 id="report-heading">
                    {t(K::ReportTitle)}": "{move || i18n.text(&org_heading)}" · "
                    {move || period_label(period, i18n.lang())}
                </h1>
                <div class="report-top">
                    // The version is the save counter that guards against lost updates: the
                    // page keeps it for the server, people are not shown it.
                    <dl class="passport-list card" id="report-summary" data-version=r.version.to_string()>
                        <div>
                            <dt>{t(K::Organisation)}</dt>
                            <dd id="report-org">
                                {move || i18n.text(&org)}
                                <span class="cell-sub">{move || i18n.text(&kind)}</span>
                            </dd>
                        </div>
                        <div>
                            <dt>{t(K::ReportPeriodLabel)}</dt>
                            <dd id="report-period" data-period=period.to_string()>
                                {move || period_label(period, i18n.lang())}
                            </dd>
                        </div>
                        <div>
                            <dt>{t(K::ReportStageCol)}</dt>
                            <dd id="report-stage" data-stage=r.stage.map_or("none", ReportStage::as_str)>
                                <StageBadge stage=r.stage/>
                            </dd>
                        </div>
                        <div>
                            <dt>{t(K::ReportStateCol)}</dt>
                            <dd id="report-state">
                                <CalendarStateBadge state=status.state/>
                                {counts_days(status.state).then(|| view! {
                                    " "<span class="report-days">{move || days_text(status.days_until_due, i18n.lang())}</span>
                                })}
                                {status.late.then(|| view! {
                                    " "<ComplianceBadge compliance=Compliance::Late/>
                                })}
                            </dd>
                        </div>
                        <div>
                            <dt>{t(K::ReportDueCol)}</dt>
                            <dd id="report-due">{move || date_text(status.due, i18n.lang())}</dd>
                        </div>
                    </dl>
                    <section class="card report-deadlines" id="report-deadlines" aria-labelledby="deadlines-title">
                        <h2 id="deadlines-title" class="small-heading">{t(K::ReportDeadlines)}</h2>
                        <ul>{deadlines}</ul>
                    </section>
                </div>
                {excel}
                {notice}
            }
        })
    }
}

/// `#report-conflict`: someone else saved first; load their report or keep one's own values.
#[component]
pub fn ConflictPanel(page: PageState) -> impl IntoView {
    let i18n = use_i18n();
    let load = move |_| {
        if let Some(server) = page.server.get_untracked() {
            page.errors.set(Vec::new());
            page.form
                .set(Some(ReportForm::new(server, i18n.lang_untracked())));
            page.server.set(None);
            page.message.set(None);
        }
    };
    let keep = move |_| {
        let version = page
            .server
            .with_untracked(|s| s.as_ref().map(|s| s.version));
        if let (Some(version), Some(form)) = (version, page.form.get_untracked()) {
            form.version.set(version);
            // Redraw the panel: the choice is made.
            page.server.update(|_| ());
        }
    };
    let kept = move || {
        let server = page.server.with(|s| s.as_ref().map(|s| s.version));
        let form = page.form.with(|f| f.as_ref().map(|f| f.version));
        matches!((server, form), (Some(s), Some(f)) if f.get() == s)
    };
    move || {
        page.server.with(|s| s.as_ref().map(|s| s.version)).map(|version| {
            view! {
                <div class="notice notice-error report-conflict" id="report-conflict" role="alert" data-version=version.to_string()>
                    <p><strong>{t(K::ConflictTitle)}</strong></p>
                    <p>{t(K::ReportConflictText)}</p>
                    <Show
                        when=kept
                        fallback=move || view! {
                            <p class="conflict-choices">
                                <button type="button" id="conflict-load" class="btn btn-secondary btn-small" on:click=load>
                                    {t(K::LoadServer)}
                                </button>
                                " "
                                <button type="button" id="conflict-keep" class="btn btn-primary btn-small" on:click=keep>
                                    {t(K::KeepMine)}
                                </button>
                            </p>
                        }
                    >
                        <p id="conflict-kept">{t(K::ReportKeepMineHint)}</p>
                    </Show>
                </div>
            }
        })
    }
}

/// `#report-steps`: submitted, endorsed, returned, approved, unlocked — who, when, why.
#[component]
pub fn StepsRecord(page: PageState) -> impl IntoView {
    let i18n = use_i18n();
    let body = move || {
        let steps = shown_report(page).map(|r| r.steps).unwrap_or_default();
        if steps.is_empty() {
            return view! { <p class="muted" id="report-no-steps">{t(K::ReportNoSteps)}</p> }
                .into_any();
        }
        let items = steps
            .into_iter()
            .map(|step| {
                let at = step.at;
                let label = step.action.label();
                view! {
                    <li class="step" data-action=step.action.as_str()>
                        <time datetime=format::iso(at)>{move || format::timestamp(at, i18n.lang())}</time>
                        " · "<strong class="step-action">{move || i18n.text(&label)}</strong>
                        " · "<span class="step-by">{step.by_name.clone()}</span>
                        {step.reason.clone().map(|r| view! {
                            <p class="step-reason prewrap">{t(K::ReasonLabel)}": "{r}</p>
                        })}
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="steps" id="report-steps-list">{items}</ol> }.into_any()
    };
    view! {
        <section class="card report-steps" id="report-steps" aria-labelledby="report-steps-title">
            <h2 id="report-steps-title">{t(K::ReportStepsTitle)}</h2>
            {body}
        </section>
    }
}
