//! `/import`: a plan or report file from Excel uploaded, checked in the background with its progress, previewed change by change with every refused row, and confirmed into the draft; `?job=` shows one upload (it survives a reload).

use crate::api;
use crate::components::resource_view::ResourceView;
use crate::format;
use crate::i18n::{t, use_i18n, K};
use crate::pages::report::labels::period_label;
use crate::session::use_auth;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use shared::api::exports::ExportTable;
use shared::api::imports::{
    ChangeKind, ImportChange, ImportIssue, ImportJob, ImportKind, ImportStart, ImportState,
};
use shared::calendar::ReportPeriod;
use shared::{ApiErrorBody, OrgId};
use std::time::Duration;

/// How many changes and problems the page lists (the marked copy has them all).
const SHOWN: usize = 300;

fn job_href(id: i32) -> String {
    format!("/import?job={id}")
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let params = use_query_map();
    let job =
        Memo::new(move |_| params.with(|p| p.get_str("job").and_then(|s| s.parse::<i32>().ok())));
    view! {
        <section class="page import-page" aria-labelledby="import-heading">
            <h1 id="import-heading">{t(K::ImportTitle)}</h1>
            <p class="hint">{t(K::ImportHint)}</p>
            {move || match job.get() {
                Some(id) => view! { <JobView id=id/> }.into_any(),
                None => view! { <UploadForm/><RecentJobs/> }.into_any(),
            }}
        </section>
    }
}

/// The choice of what the file is, the template to start from, and the file itself.
#[component]
fn UploadForm() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let params = use_query_map();
    let navigate = use_navigate();
    let initial_kind = params.with_untracked(|p| match p.get_str("kind") {
        Some("report") => ImportKind::Report,
        Some("targets") => ImportKind::Targets,
        _ => ImportKind::Plan,
    });
    let kind = RwSignal::new(initial_kind);
    let own_org = auth.user_untracked().and_then(|u| u.org.map(|o| o.id));
    let org = RwSignal::new(
        params
            .with_untracked(|p| p.get_str("org").and_then(|o| o.parse::<i32>().ok()))
            .map(OrgId)
            .or(own_org),
    );
    let period = RwSignal::new(
        params
            .with_untracked(|p| {
                p.get_str("period")
                    .and_then(|s| ReportPeriod::parse(s).ok())
            })
            .unwrap_or_else(|| {
                let all = ReportPeriod::all();
                all.first().copied().unwrap_or(ReportPeriod::Annual {
                    year: shared::Year::FIRST,
                })
            }),
    );
    let orgs = LocalResource::new(move || async move {
        if own_org.is_some() {
            Ok(Vec::new())
        } else {
            api::orgs().await
        }
    });
    let file_input: NodeRef<leptos::html::Input> = NodeRef::new();
    let problem = RwSignal::new(None::<ApiErrorBody>);
    let upload = Action::new_local(move |(start, file): &(ImportStart, web_sys::File)| {
        let (start, file) = (start.clone(), file.clone());
        async move { api::start_import(&start, file).await }
    });
    let busy = upload.pending();
    Effect::new(move |_| match upload.value().get() {
        Some(Ok(job)) => navigate(&job_href(job.id), NavigateOptions::default()),
        Some(Err(e)) => problem.set(Some(e)),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let Some(file) = file_input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            problem.set(Some(ApiErrorBody {
                code: shared::ErrorCode::ImportEmpty,
                message: K::ImportChooseFile.both(),
                field: Some("file".into()),
                current: None,
            }));
            return;
        };
        let k = kind.get_untracked();
        let start = ImportStart {
            kind: k,
            name: file.name(),
            org: (k == ImportKind::Report)
                .then(|| org.get_untracked())
                .flatten(),
            period: (k == ImportKind::Report).then(|| period.get_untracked().to_string()),
        };
        upload.dispatch_local((start, file));
    };
    let periods = move || {
        ReportPeriod::all()
            .into_iter()
            .map(|p| {
                view! {
                    <option value=p.to_string() selected=move || period.get() == p>
                        {move || period_label(p, i18n.lang())}
                    </option>
                }
            })
            .collect_view()
    };
    let org_select = move || {
        (own_org.is_none()).then(|| {
            view! {
                <div class="field">
                    <label for="import-org">{t(K::ImportOrg)}</label>
                    <ResourceView resource=orgs children={move |list: Vec<shared::api::orgs::OrgSummary>| {
                        let options = list
                            .into_iter()
                            .map(|o| {
                                let name = o.name.clone();
                                let id = o.id;
                                view! {
                                    <option value=id.0.to_string() selected=move || org.get() == Some(id)>
                                        {move || i18n.text(&name)}
                                    </option>
                                }
                            })
                            .collect_view();
                        view! {
                            <select id="import-org" on:change=move |ev| {
                                org.set(event_target_value(&ev).parse::<i32>().ok().map(OrgId));
                            }>
                                <option value="">"—"</option>
                                {options}
                            </select>
                        }
                    }}/>
                </div>
            }
        })
    };
    let template = move || {
        let lang = i18n.lang();
        match kind.get() {
            ImportKind::Plan => template_link(
                K::ImportPlanTemplate,
                K::ImportPlanTemplateLink,
                "import-plan-template",
                api::export_url(
                    ExportTable::Plan,
                    "xlsx",
                    &own_org.map(|o| format!("org={o}")).unwrap_or_default(),
                    lang,
                    None,
                ),
            ),
            ImportKind::Report => match org.get() {
                Some(o) => template_link(
                    K::ImportReportTemplate,
                    K::ImportReportTemplateLink,
                    "import-report-template",
                    api::report_workbook_url(o, period.get(), lang),
                ),
                None => view! { <p class="hint">{t(K::ImportChooseOrg)}</p> }.into_any(),
            },
            ImportKind::Targets => template_link(
                K::ImportTargetsTemplate,
                K::ImportTargetsTemplateLink,
                "import-targets-template",
                api::export_url(ExportTable::Targets, "xlsx", "", lang, None),
            ),
        }
    };
    let may_decide = auth.user_untracked().is_some_and(|u| u.may.decide);
    let error = move || {
        problem.get().map(|e| {
            view! { <p class="notice notice-error" role="alert" id="import-error">{i18n.text(&e.message)}</p> }
        })
    };
    view! {
        <form class="card import-form" on:submit=submit aria-labelledby="import-form-heading">
            <h2 id="import-form-heading">{t(K::ImportUpload)}</h2>
            <fieldset class="import-kind">
                <legend>{t(K::ImportWhat)}</legend>
                {kind_choice(kind, ImportKind::Plan)}
                {kind_choice(kind, ImportKind::Report)}
                {may_decide.then(|| kind_choice(kind, ImportKind::Targets))}
            </fieldset>
            {move || (kind.get() == ImportKind::Report).then(|| view! {
                <div class="filters">
                    {org_select}
                    <div class="field">
                        <label for="import-period">{t(K::ReportPeriodLabel)}</label>
                        <select id="import-period" on:change=move |ev| {
                            if let Ok(p) = ReportPeriod::parse(&event_target_value(&ev)) {
                                period.set(p);
                            }
                        }>{periods()}</select>
                    </div>
                </div>
            })}
            {template}
            <div class="field">
                <label for="import-file">{t(K::ImportFile)}</label>
                <input type="file" id="import-file" node_ref=file_input
                    accept=".xlsx,.xls,.ods,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"/>
                <p class="hint">{t(K::ImportFileHint)}</p>
            </div>
            {error}
            <button type="submit" id="import-submit" class="btn btn-primary" disabled=move || busy.get()>
                {move || if busy.get() { i18n.t(K::ImportUploading) } else { i18n.t(K::ImportCheck) }}
            </button>
        </form>
    }
}

/// One choice of what the file holds (`#import-kind-plan`, …).
fn kind_choice(kind: RwSignal<ImportKind>, this: ImportKind) -> impl IntoView {
    view! {
        <label>
            <input type="radio" name="import-kind" id=format!("import-kind-{}", this.as_str()) value=this.as_str()
                prop:checked=move || kind.get() == this
                on:change=move |_| kind.set(this)/>
            " " {t(kind_label(this))}
        </label>
    }
}

/// "Start from …: <download link>" above the file input.
fn template_link(hint: K, link: K, id: &'static str, href: String) -> AnyView {
    view! {
        <p class="import-template">
            {t(hint)} " "
            <a id=id href=href download="">{t(link)}</a>
        </p>
    }
    .into_any()
}

fn state_label(state: ImportState) -> K {
    match state {
        ImportState::Checking => K::ImportStateChecking,
        ImportState::Ready => K::ImportStateReady,
        ImportState::Failed => K::ImportStateFailed,
        ImportState::Applied => K::ImportStateApplied,
    }
}

fn kind_label(kind: ImportKind) -> K {
    match kind {
        ImportKind::Plan => K::ImportKindPlan,
        ImportKind::Report => K::ImportKindReport,
        ImportKind::Targets => K::ImportKindTargets,
    }
}

/// The user's recent uploads.
#[component]
fn RecentJobs() -> impl IntoView {
    let i18n = use_i18n();
    let jobs = LocalResource::new(api::import_jobs);
    view! {
        <section class="card import-recent" aria-labelledby="import-recent-heading">
            <h2 id="import-recent-heading">{t(K::ImportRecent)}</h2>
            <ResourceView resource=jobs children={move |list: Vec<ImportJob>| {
                if list.is_empty() {
                    return view! { <p class="hint">{t(K::ImportNoneYet)}</p> }.into_any();
                }
                let items = list
                    .into_iter()
                    .map(|j| {
                        let at = j.created_at;
                        view! {
                            <li>
                                <A href=job_href(j.id)>{j.file_name.clone()}</A>
                                " · " {t(kind_label(j.kind))}
                                " · " {t(state_label(j.state))}
                                " · " {move || format::timestamp(at, i18n.lang())}
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ul class="import-jobs">{items}</ul> }.into_any()
            }}/>
        </section>
    }
}

/// One upload: its progress while checked, then its preview and the confirmation.
#[component]
fn JobView(id: i32) -> impl IntoView {
    let i18n = use_i18n();
    let job = RwSignal::new(None::<Result<ImportJob, ApiErrorBody>>);
    let message = RwSignal::new(None::<(bool, shared::Text)>);
    let poll = Action::new_local(move |_: &()| async move { api::import_job(id).await });
    Effect::new(move |_| {
        if let Some(result) = poll.value().get() {
            let checking = matches!(&result, Ok(j) if j.state == ImportState::Checking);
            job.set(Some(result));
            if checking {
                set_timeout(
                    move || {
                        poll.dispatch_local(());
                    },
                    Duration::from_millis(700),
                );
            }
        }
    });
    poll.dispatch_local(());
    let confirm = Action::new_local(move |_: &()| async move { api::confirm_import(id).await });
    let confirming = confirm.pending();
    Effect::new(move |_| match confirm.value().get() {
        Some(Ok(j)) => {
            message.set(Some((true, K::ImportApplied.both())));
            job.set(Some(Ok(j)));
        }
        Some(Err(e)) => {
            if let Some(current) = e
                .current
                .clone()
                .and_then(|c| serde_json::from_value::<ImportJob>(c).ok())
            {
                job.set(Some(Ok(current)));
            }
            message.set(Some((false, e.message)));
        }
        None => {}
    });
    let body = move || {
        let Some(result) = job.get() else {
            return view! { <p class="loading" aria-busy="true">{t(K::Loading)}</p> }.into_any();
        };
        match result {
            Err(e) => {
                view! { <p class="notice notice-error" role="alert">{i18n.text(&e.message)}</p> }
                    .into_any()
            }
            Ok(j) => {
                view! { <JobBody job=j confirm=confirm confirming=confirming message=message/> }
                    .into_any()
            }
        }
    };
    view! {
        <p><A href="/import">{t(K::ImportAnother)}</A></p>
        {body}
    }
}

#[component]
fn JobBody(
    job: ImportJob,
    confirm: Action<(), Result<ImportJob, ApiErrorBody>>,
    confirming: Memo<bool>,
    message: RwSignal<Option<(bool, shared::Text)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let p = job.progress;
    let where_to = job.org.as_ref().map(|o| o.name.clone());
    let period = job.period;
    let kind = job.kind;
    let state = job.state;
    let counts = job.counts;
    let marked = job.id;
    let failure = job.failure.clone();
    let has_issues = !job.issues.is_empty()
        || failure.is_some()
        || job.changes.iter().any(|c| c.kind == ChangeKind::Conflict);
    let progress = (state == ImportState::Checking).then(|| {
        let max = p.rows_total.max(p.rows_read).max(1);
        view! {
            <div class="import-progress" role="status" aria-live="polite">
                <progress id="import-progress" max=max.to_string() value=p.rows_checked.to_string()></progress>
                <p>
                    {t(K::ImportRowsRead)} " " <strong>{move || format::int(i64::from(p.rows_read), i18n.lang())}</strong>
                    " · " {t(K::ImportRowsChecked)} " " <strong>{move || format::int(i64::from(p.rows_checked), i18n.lang())}</strong>
                </p>
            </div>
        }
    });
    let failure_view = failure.map(|f| {
        let value = f.value.clone();
        view! {
            <div class="notice notice-error" role="alert" id="import-failure">
                <p>{move || i18n.text(&f.message)}</p>
                {(!value.is_empty()).then(|| view! { <p class="hint">{value.clone()}</p> })}
            </div>
        }
    });
    let summary = matches!(state, ImportState::Ready | ImportState::Applied).then(|| {
        view! {
            <p class="import-counts" id="import-counts">
                {t(K::ImportAdded)} " " <strong class="count-added">{counts.added}</strong>
                " · " {t(K::ImportChanged)} " " <strong class="count-changed">{counts.changed}</strong>
                " · " {t(K::ImportRemoved)} " " <strong class="count-removed">{counts.removed}</strong>
                " · " {t(K::ImportUnchanged)} " " <strong class="count-unchanged">{counts.unchanged}</strong>
                " · " {t(K::ImportConflicts)} " " <strong class="count-conflicts">{counts.conflicts}</strong>
                " · " {t(K::ImportRefused)} " " <strong class="count-refused">{counts.refused}</strong>
            </p>
        }
    });
    let done_link = (state == ImportState::Applied).then(|| match (kind, job.proposal_id, job.org.as_ref(), period) {
        (ImportKind::Plan, Some(pid), _, _) => view! {
            <p><A href=format!("/proposals/{pid}") attr:id="import-open-draft">{t(K::ImportOpenDraft)}</A></p>
        }
        .into_any(),
        (ImportKind::Report, _, Some(o), Some(p)) => view! {
            <p><A href=crate::pages::reports::report_href(o.id, p) attr:id="import-open-report">{t(K::ImportOpenReport)}</A></p>
        }
        .into_any(),
        (ImportKind::Targets, _, _, _) => view! {
            <p><A href="/indicators" attr:id="import-open-indicators">{t(K::ImportOpenIndicators)}</A></p>
        }
        .into_any(),
        _ => ().into_any(),
    });
    let can_confirm = job.can_confirm && state == ImportState::Ready;
    let refused = counts.refused;
    let actions = can_confirm.then(|| {
        view! {
            <div class="import-actions">
                {(refused > 0).then(|| view! { <p class="hint">{t(K::ImportSkipsRefused)}</p> })}
                <button type="button" id="import-confirm" class="btn btn-primary"
                    disabled=move || confirming.get()
                    on:click=move |_| { confirm.dispatch_local(()); }>
                    {move || i18n.t(match kind {
                        ImportKind::Plan => K::ImportConfirmPlan,
                        ImportKind::Report => K::ImportConfirmReport,
                        ImportKind::Targets => K::ImportConfirmTargets,
                    })}
                </button>
            </div>
        }
    });
    let nothing = (state == ImportState::Ready && !job.can_confirm).then(|| {
        view! { <p class="notice" id="import-nothing">{t(K::ImportNothing)}</p> }
    });
    let msg = move || {
        message.get().map(|(ok, text)| {
            let class = if ok {
                "notice notice-info"
            } else {
                "notice notice-error"
            };
            view! { <p class=class role="status" id="import-message">{i18n.text(&text)}</p> }
        })
    };
    let marked_link = (has_issues && state != ImportState::Checking).then(|| {
        view! {
            <p>
                <a id="import-marked" href=move || api::import_marked_url(marked, i18n.lang()) download="">
                    {t(K::ImportMarked)}
                </a>
            </p>
        }
    });
    let changes =
        (!job.changes.is_empty()).then(|| view! { <Changes changes=job.changes.clone()/> });
    let issues = (!job.issues.is_empty()).then(|| view! { <Issues issues=job.issues.clone()/> });
    view! {
        <div class="card import-job" id="import-job" data-state=format!("{state:?}").to_lowercase()>
            <h2>{job.file_name.clone()}</h2>
            <p class="import-meta">
                {t(kind_label(kind))}
                {where_to.map(|n| view! { " · " {move || i18n.text(&n)} })}
                {period.map(|p| view! { " · " {move || period_label(p, i18n.lang())} })}
                " · " <span class="badge" id="import-state">{t(state_label(state))}</span>
            </p>
            {progress}
            {failure_view}
            {summary}
            {msg}
            {actions}
            {nothing}
            {done_link}
            {marked_link}
        </div>
        {issues}
        {changes}
    }
}

#[component]
fn Changes(changes: Vec<ImportChange>) -> impl IntoView {
    let i18n = use_i18n();
    let total = changes.len();
    let rows = changes
        .into_iter()
        .take(SHOWN)
        .map(|c| {
            let label = c.label.clone();
            let kind = c.kind;
            let class = match kind {
                ChangeKind::Conflict => "change-conflict",
                ChangeKind::Removed => "change-removed",
                ChangeKind::Added => "change-added",
                ChangeKind::Changed => "change-changed",
            };
            let kind_text = kind.label();
            view! {
                <tr class=class>
                    <td class="num">{c.row}</td>
                    <td>{c.name.clone()}</td>
                    <td>{move || i18n.text(&label)}</td>
                    <td class="num">{c.old.clone()}</td>
                    <td class="num">{c.new.clone()}</td>
                    <td>
                        {move || i18n.text(&kind_text)}
                        {c.in_draft.then(|| view! { " · " {t(K::ImportInDraft)} })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card import-changes" aria-labelledby="import-changes-heading">
            <h2 id="import-changes-heading">{t(K::ImportChangesTitle)} " (" {total} ")"</h2>
            <div class="table-scroll">
                <table class="data-table" id="import-changes">
                    <thead><tr>
                        <th scope="col" class="num">{t(K::ImportRow)}</th>
                        <th scope="col">{t(K::ImportSubject)}</th>
                        <th scope="col">{t(K::ImportWhatChanges)}</th>
                        <th scope="col" class="num">{t(K::ImportWas)}</th>
                        <th scope="col" class="num">{t(K::ImportBecomes)}</th>
                        <th scope="col">{t(K::ImportKindColumn)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {(total > SHOWN).then(|| view! { <p class="hint">{t(K::ImportMoreInFile)}</p> })}
        </section>
    }
}

#[component]
fn Issues(issues: Vec<ImportIssue>) -> impl IntoView {
    let i18n = use_i18n();
    let total = issues.len();
    let rows = issues
        .into_iter()
        .take(SHOWN)
        .map(|i| {
            let message = i.message.clone();
            view! {
                <tr>
                    <td>{i.sheet.clone()}</td>
                    <td class="num">{(i.row > 0).then_some(i.row)}</td>
                    <td>{i.column.clone()}</td>
                    <td>{i.value.clone()}</td>
                    <td>{move || i18n.text(&message)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card import-issues" aria-labelledby="import-issues-heading">
            <h2 id="import-issues-heading">{t(K::ImportIssuesTitle)} " (" {total} ")"</h2>
            <div class="table-scroll">
                <table class="data-table" id="import-issues">
                    <thead><tr>
                        <th scope="col">{t(K::ImportSheet)}</th>
                        <th scope="col" class="num">{t(K::ImportRow)}</th>
                        <th scope="col">{t(K::ImportColumn)}</th>
                        <th scope="col">{t(K::ImportValue)}</th>
                        <th scope="col">{t(K::ImportProblem)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {(total > SHOWN).then(|| view! { <p class="hint">{t(K::ImportMoreInFile)}</p> })}
        </section>
    }
}
