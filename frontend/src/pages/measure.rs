//! `/measures/:id`: one measure — the edit form for those who may change it, else a read-only view.

use crate::api;
use crate::components::budget_table::BudgetTable;
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::components::measure_comments::MeasureComments;
use crate::components::measure_form::{MeasureForm, MeasureMeta, RemoteChange};
use crate::components::measure_history::{MeasureHistory, Names};
use crate::i18n::{t, tx, use_i18n, K};
use crate::live::{describe, on_live, Live};
use crate::session::use_auth;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::api::events::LiveEventKind;
use shared::api::measures::MeasureDetail;
use shared::api::orgs::OrgSummary;
use shared::api::programme::ProgrammeOverview;
use shared::{ApiErrorBody, ErrorCode, Lang, MeasureId, Year};

#[component]
pub fn MeasurePage() -> impl IntoView {
    let params = use_params_map();
    let auth = use_auth();
    let id = Memo::new(move |_| {
        params.with(|p| p.get_str("id").and_then(|s| s.parse::<MeasureId>().ok()))
    });
    let detail = LocalResource::new(move || {
        let id = id.get();
        async move {
            match id {
                Some(id) => api::measure(id).await,
                None => Err(ApiErrorBody::new(ErrorCode::NotFound)),
            }
        }
    });
    let programme = LocalResource::new(api::programme);
    let orgs = LocalResource::new(api::orgs);
    let retry = Callback::new(move |()| {
        detail.refetch();
        programme.refetch();
        orgs.refetch();
    });

    // Live events: others' changes to this measure show up here without a reload.
    let notice: RwSignal<Option<(String, LiveEventKind)>> = RwSignal::new(None);
    let remote = RemoteChange::new();
    let activity = RwSignal::new(0_u64);
    let me = auth.user_untracked().map(|u| u.display_name);
    // With the edit form open, the form decides whether it may replace what is on screen.
    let editable = move || detail.with_untracked(|d| matches!(d, Some(Ok(d)) if d.can_edit));
    let show_update = move || {
        if editable() {
            remote.updated.update(|n| *n += 1);
        } else {
            detail.refetch();
        }
    };
    on_live(move |live| match live {
        Live::Reload => {
            activity.update(|n| *n += 1);
            show_update();
        }
        Live::Change(e) if Some(e.measure_id) == id.get_untracked() => {
            let others = me.as_deref() != Some(e.by.as_str());
            let told = describe(&e.by, e.kind, true, Lang::Uk).is_some();
            if !others || !told {
                return;
            }
            notice.set(Some((e.by.clone(), e.kind)));
            if e.kind != LiveEventKind::MeasureDeleted {
                activity.update(|n| *n += 1);
            }
            if e.kind == LiveEventKind::MeasureUpdated {
                show_update();
            }
        }
        Live::Change(_) => {}
    });
    view! {
        <section class="page measure-page">
            <p class="back-link"><a href="/plan">"← "{t(K::BackToPlan)}</a></p>
            <LiveNotice notice=notice remote=remote/>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    let d = match detail.await {
                        Ok(d) => d,
                        Err(e) => return view! { <ErrorView error=e on_retry=retry/> }.into_any(),
                    };
                    let user = auth.user_untracked();
                    let measure_id = d.id;
                    let main = match (d.can_edit, user) {
                        (true, Some(user)) => match (programme.await, orgs.await) {
                            (Ok(p), Ok(o)) => view! {
                                <MeasureForm detail=Some(d) programme=p orgs=o user=user remote=remote/>
                            }
                            .into_any(),
                            (Err(e), _) | (_, Err(e)) => {
                                return view! { <ErrorView error=e on_retry=retry/> }.into_any();
                            }
                        },
                        _ => view! { <ReadOnlyMeasure detail=d/> }.into_any(),
                    };
                    view! {
                        {main}
                        <MeasureActivity id=measure_id programme=programme orgs=orgs activity=activity/>
                    }
                    .into_any()
                })}
            </Transition>
        </section>
    }
}

/// Below the measure: its comment thread and its change history, each fetched on its own.
#[component]
fn MeasureActivity(
    id: MeasureId,
    programme: LocalResource<Result<ProgrammeOverview, ApiErrorBody>>,
    orgs: LocalResource<Result<Vec<OrgSummary>, ApiErrorBody>>,
    /// Bumped when others commented or changed the measure: both lists are fetched again.
    activity: RwSignal<u64>,
) -> impl IntoView {
    let comments = LocalResource::new(move || {
        activity.track();
        api::measure_comments(id)
    });
    let history = LocalResource::new(move || {
        activity.track();
        api::measure_history(id)
    });
    let on_posted = Callback::new(move |()| history.refetch());
    // Names for the diff come when (and if) the programme and organisations have loaded.
    let names = Signal::derive(move || {
        let p = programme.get().and_then(Result::ok);
        let o = orgs.get().and_then(Result::ok);
        Names::new(p.as_ref(), o.as_deref())
    });
    view! {
        <div class="measure-activity">
            <MeasureComments id=id comments=comments on_posted=on_posted/>
            <MeasureHistory history=history names=names/>
        </div>
    }
}

/// `#live-notice`: who else just changed this measure; with unsaved edits, a button loads their version.
#[component]
fn LiveNotice(
    notice: RwSignal<Option<(String, LiveEventKind)>>,
    remote: RemoteChange,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        notice.with(|n| {
            n.as_ref().and_then(|(by, kind)| {
                let lang = i18n.lang();
                let mut text = describe(by, *kind, true, lang)?;
                let more = match kind {
                    LiveEventKind::MeasureDeleted => Some(K::LiveGone),
                    LiveEventKind::MeasureUpdated if remote.held.get() => Some(K::LiveKeptEdits),
                    LiveEventKind::MeasureUpdated => Some(K::LiveShown),
                    _ => None,
                };
                if let Some(more) = more {
                    text.push(' ');
                    text.push_str(more.text(lang));
                }
                Some(text)
            })
        })
    };
    let class = move || {
        if notice.with(Option::is_some) {
            "live-notice"
        } else {
            "live-notice live-notice-idle"
        }
    };
    view! {
        <div class=class id="live-notice" role="status" aria-live="polite">
            {text}
            <Show when=move || remote.held.get()>
                " "
                <button
                    type="button"
                    id="live-reload"
                    class="btn btn-secondary btn-small"
                    on:click=move |_| remote.load.update(|n| *n += 1)
                >
                    {t(K::LiveLoad)}
                </button>
            </Show>
        </div>
    }
}

#[component]
fn ReadOnlyMeasure(detail: MeasureDetail) -> impl IntoView {
    let years: Vec<Year> = Year::all()
        .filter(|y| *y >= detail.start_year && *y <= detail.end_year)
        .collect();
    let term = format!("{}–{}", detail.start_year, detail.end_year);
    let direction = format!("{}. ", detail.direction.number);
    let task = format!("{} ", detail.task.code);
    let text_or_dash = |s: String| {
        if s.trim().is_empty() {
            "—".to_string()
        } else {
            s
        }
    };
    view! {
        <article class="measure-readonly" aria-labelledby="measure-heading">
            <h1 id="measure-heading">{tx(detail.name.clone())}</h1>
            <MeasureMeta detail=detail.clone()/>
            <p class="readonly-note" id="measure-readonly" role="note">
                {t(K::ReadOnly)}
            </p>
            <dl class="details card">
                <div>
                    <dt>{t(K::NameEn)}</dt>
                    <dd lang="en">{text_or_dash(detail.name.en.clone())}</dd>
                </div>
                <div>
                    <dt>{t(K::Direction)}</dt>
                    <dd>{direction}{tx(detail.direction.name.clone())}</dd>
                </div>
                <div>
                    <dt>{t(K::Task)}</dt>
                    <dd id="measure-task-view">{task}{tx(detail.task.name.clone())}</dd>
                </div>
                <div>
                    <dt>{t(K::Responsible)}</dt>
                    <dd id="measure-org-view">{tx(detail.org.name.clone())}</dd>
                </div>
                <div>
                    <dt>{t(K::Term)}</dt>
                    <dd>{term}</dd>
                </div>
                <div>
                    <dt>{t(K::Description)}</dt>
                    <dd class="prewrap">{text_or_dash(detail.description.clone())}</dd>
                </div>
                <div>
                    <dt>{t(K::ExpectedResult)}</dt>
                    <dd class="prewrap">{text_or_dash(detail.expected_result.clone())}</dd>
                </div>
            </dl>
            <div class="table-scroll card">
                <BudgetTable grid=detail.totals years=years id="measure-budget"/>
            </div>
        </article>
    }
}
