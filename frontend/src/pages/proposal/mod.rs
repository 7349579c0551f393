//! `/proposals/:id` (and `/proposals/draft`, my organisation's draft): one proposal — its way,
//! its lines by measure, its effect on the plan, what the signed-in user may do, its discussion.

mod decide;
mod effect;
mod envelope;
mod notes;

use crate::api::{self, ProposalStepAction};
use crate::components::changes::{line_columns, ProposalLineRow, ProposalStateBadge};
use crate::components::comments::CommentThread;
use crate::components::data_table::DataTable;
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::components::measure_history::Names;
use crate::components::notice::ActionStatus;
use crate::format;
use crate::i18n::{t, use_i18n, K};
use crate::live::{about_proposal, LiveStatus};
use crate::pages::proposals::route_label;
use decide::{build_decide, error_text, target_of, DecideForm, DecidePanel, Target, VerdictCell};
use effect::EffectPanel;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;
use shared::api::events::{LiveEvent, LiveEventKind};
use shared::api::proposals::{
    check_reason, envelope_breaches, Decide, LineState, ProposalAction, ProposalDetail, ProposalId,
    ProposalLine, ProposalStep, ReturnProposal, REASON_MAX,
};
use shared::chain;
use shared::grid::EnvelopeCell;
use shared::{ApiErrorBody, ErrorCode, MeasureId, Text};

/// Which proposal the address names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Id(ProposalId),
    /// My organisation's draft, whatever its number.
    Draft,
}

fn which(param: Option<&str>) -> Option<Which> {
    match param? {
        "draft" => Some(Which::Draft),
        s => s.parse().ok().map(|n| Which::Id(ProposalId(n))),
    }
}

/// A write on the proposal, with the version it is based on.
#[derive(Debug, Clone)]
enum Request {
    Step(ProposalStepAction, ProposalAction),
    Return(ReturnProposal),
    Decide(Decide, Vec<i32>),
}

impl Request {
    fn done(&self) -> K {
        match self {
            Request::Step(ProposalStepAction::Submit, _) => K::SubmittedNotice,
            Request::Step(ProposalStepAction::Endorse, _) => K::EndorsedNotice,
            Request::Step(ProposalStepAction::Rebase, _) => K::Rebased,
            Request::Return(_) => K::ReturnedNotice,
            Request::Decide(..) => K::DecidedNotice,
        }
    }
}

/// What the page keeps while the proposal is fetched again: typed texts, choices, messages.
#[derive(Clone, Copy)]
struct PageState {
    note: RwSignal<String>,
    remark: RwSignal<String>,
    return_reason: RwSignal<String>,
    decide: DecideForm,
    /// The last write's outcome: (succeeded, message).
    message: RwSignal<Option<(bool, Text)>>,
    /// The proposal's version my last successful write left: while it is the one shown, the
    /// outcome stays (the live event of my own step fetches it again).
    after: RwSignal<Option<i32>>,
}

#[component]
pub fn ProposalPage() -> impl IntoView {
    let params = use_params_map();
    let navigate = use_navigate();
    let which = Memo::new(move |_| params.with(|p| which(p.get_str("id"))));
    let detail = LocalResource::new(move || {
        let w = which.get();
        async move {
            match w {
                Some(Which::Id(id)) => api::proposal(id).await.map(Some),
                Some(Which::Draft) => api::draft_proposal().await,
                None => Err(ApiErrorBody::new(ErrorCode::NotFound)),
            }
        }
    });
    // The proposal on screen (for the draft address, known once it has loaded).
    let shown = Memo::new(move |_| {
        detail.with(|d| match d {
            Some(Ok(Some(d))) => Some(d.summary.id),
            _ => None,
        })
    });
    let names = Names::fetched();
    let state = PageState {
        note: RwSignal::new(String::new()),
        remark: RwSignal::new(String::new()),
        return_reason: RwSignal::new(String::new()),
        decide: DecideForm::new(),
        message: RwSignal::new(None),
        after: RwSignal::new(None),
    };
    let act = Action::new_local(move |(id, request): &(ProposalId, Request)| {
        let (id, request) = (*id, request.clone());
        let navigate = navigate.clone();
        async move {
            let done = request.done();
            let deciding = matches!(request, Request::Decide(..));
            let sent = match &request {
                Request::Decide(_, sent) => sent.clone(),
                _ => Vec::new(),
            };
            let result = match request {
                Request::Step(step, body) => api::proposal_step(id, step, body).await,
                Request::Return(body) => api::return_proposal(id, body).await,
                Request::Decide(body, _) => api::decide_proposal(id, body).await,
            };
            match result {
                Ok(d) => {
                    state.after.set(Some(d.summary.version));
                    state.message.set(Some((true, done.both())));
                    state.note.set(String::new());
                    state.remark.set(String::new());
                    state.return_reason.set(String::new());
                    state.decide.clear();
                    if which.get_untracked() == Some(Which::Draft) {
                        // Submitted, the draft becomes this numbered proposal.
                        let path = format!("/proposals/{}", d.summary.id);
                        navigate(
                            &path,
                            NavigateOptions {
                                replace: true,
                                ..NavigateOptions::default()
                            },
                        );
                    } else {
                        detail.refetch();
                    }
                }
                Err(e) => {
                    let target = match (&e.field, sent.is_empty()) {
                        (Some(f), false) => target_of(f, &sent),
                        (Some(f), true) if f == "reason" => Target::ReturnReason,
                        _ => Target::General,
                    };
                    if e.code == ErrorCode::EnvelopeExceeded {
                        // The cells the decision would take beyond the envelope, to confirm.
                        let cells = e
                            .current
                            .clone()
                            .and_then(|c| serde_json::from_value::<Vec<EnvelopeCell>>(c).ok())
                            .unwrap_or_default();
                        // The summary at the button leads to the reason they need.
                        state.decide.breaches.set(cells);
                    }
                    if deciding {
                        // At the decision's button, with the rest of its form's errors.
                        state.decide.show_errors(vec![(target, e.message)]);
                    } else if target == Target::General {
                        state.message.set(Some((false, e.message)));
                    } else {
                        state.decide.errors.set(vec![(target, e.message)]);
                        state.message.set(Some((false, K::ServerRefused.both())));
                    }
                    // The proposal moved on (or the plan under it): show its current state.
                    if matches!(
                        e.code,
                        ErrorCode::ProposalVersionConflict
                            | ErrorCode::ProposalConflict
                            | ErrorCode::ProposalWrongState
                            | ErrorCode::LineNotPending
                            | ErrorCode::LineUnknown
                    ) {
                        detail.refetch();
                    }
                }
            }
        }
    });
    let run = Callback::new(move |(id, request): (ProposalId, Request)| {
        state.message.set(None);
        act.dispatch((id, request));
    });
    let pending = Signal::derive(move || act.pending().get());
    let refetch = Callback::new(move |()| detail.refetch());
    // Someone else moved the proposal on: the outcome of my last action is old news.
    Effect::new(move |_| {
        let now = detail.with(|d| match d {
            Some(Ok(Some(d))) => Some(d.summary.version),
            _ => None,
        });
        if let (Some(now), Some(mine)) = (now, state.after.get_untracked()) {
            if now != mine {
                state.after.set(None);
                state.message.set(None);
            }
        }
    });
    let wanted = Callback::new(move |e: LiveEvent| {
        let this = e.proposal_id.is_some() && e.proposal_id == shown.get_untracked();
        (this && (about_proposal(e.kind) || e.kind == LiveEventKind::CommentAdded))
            || e.kind == LiveEventKind::PlanVersionCreated
    });
    let retry = Callback::new(move |()| detail.refetch());
    view! {
        <section class="page proposal-page">
            <p class="back-link"><a href="/proposals">"← "{t(K::ProposalsTitle)}</a></p>
            <LiveStatus refetch=refetch wanted=wanted/>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(Some(d)) => view! {
                            <Proposal detail=d names=names state=state pending=pending run=run/>
                        }
                        .into_any(),
                        Ok(None) => view! {
                            <h1>{t(K::MyDraft)}</h1>
                            <p class="card muted" id="no-draft">{t(K::NoDraft)}</p>
                        }
                        .into_any(),
                        Err(e) => view! { <ErrorView error=e on_retry=retry/> }.into_any(),
                    }
                })}
            </Transition>
            // Outside the proposal drawn again after each step, so that each outcome is announced.
            <ActionStatus id="proposal-action-status" message=state.message/>
            {move || shown.get().map(|id| view! { <ProposalComments id=id/> })}
        </section>
    }
}

/// The thread under the proposal; fetched again when someone comments.
#[component]
fn ProposalComments(id: ProposalId) -> impl IntoView {
    let comments = LocalResource::new(move || api::comments(api::Thread::Proposal(id)));
    crate::live::on_live(move |live| match live {
        crate::live::Live::Change(e)
            if e.kind == LiveEventKind::CommentAdded && e.proposal_id == Some(id) =>
        {
            comments.refetch();
        }
        crate::live::Live::Reload => comments.refetch(),
        crate::live::Live::Change(_) => {}
    });
    view! {
        <CommentThread
            thread=api::Thread::Proposal(id)
            section_id="proposal-comments"
            comments=comments
            title=K::ProposalCommentsTitle
        />
    }
}

#[component]
fn Proposal(
    detail: ProposalDetail,
    names: Signal<Names>,
    state: PageState,
    pending: Signal<bool>,
    run: Callback<(ProposalId, Request)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let s = detail.summary.clone();
    let id = s.id;
    let deciding = detail.actions.contains(&chain::Action::Approve);
    let approvable: Vec<i32> = detail
        .lines
        .iter()
        .filter(|l| l.state == LineState::Pending && l.conflict.is_none())
        .map(|l| l.id)
        .collect();
    let pending_lines: Vec<ProposalLine> = detail
        .lines
        .iter()
        .filter(|l| l.state == LineState::Pending)
        .cloned()
        .collect();
    let order: Vec<i32> = pending_lines.iter().map(|l| l.id).collect();
    let version = s.version;
    let preview = envelope_breaches(
        &detail.effect.envelope_before,
        &detail.effect.envelope_after,
    );
    let on_decide = Callback::new(move |()| {
        let form = state.decide;
        let decision = Text::new(
            form.decision_uk.get_untracked(),
            form.decision_en.get_untracked(),
        );
        let over_reason = form.over_reason.get_untracked();
        let (body, sent) = form.verdicts.with_untracked(|v| {
            form.reasons
                .with_untracked(|r| build_decide(version, &order, v, r, decision, &over_reason))
        });
        let errors: Vec<(Target, Text)> = body
            .validate_all()
            .into_iter()
            .map(|e| (target_of(&e.field, &sent), e.code.message()))
            .collect();
        if errors.is_empty() {
            form.errors.set(Vec::new());
            run.run((id, Request::Decide(body, sent)));
        } else {
            // Every one at once: at its field and in the summary at the button.
            form.show_errors(errors);
        }
    });
    let org = s.org.name.clone();
    let created = s.created_at;
    let submitted = s.submitted_at;
    let note = (!s.note.trim().is_empty()).then(|| s.note.clone());
    let conflicts = s.conflict_count;
    // The author can do something about it; everyone else learns why the lines wait.
    let conflicts_note = if detail.can_edit || detail.actions.contains(&chain::Action::Submit) {
        K::ConflictsNoteAuthor
    } else {
        K::ConflictsNote
    };
    view! {
        <article class="proposal" aria-labelledby="proposal-heading" data-proposal-id=id.to_string() data-version=version.to_string()>
            <h1 id="proposal-heading">{t(K::ProposalNo)}" "{id.to_string()}</h1>
            <dl class="passport-list card" id="proposal-summary">
                <div>
                    <dt>{t(K::Organisation)}</dt>
                    <dd id="proposal-org">{move || i18n.text(&org)}</dd>
                </div>
                <div>
                    <dt>{t(K::Author)}</dt>
                    <dd id="proposal-author">{s.author.clone()}</dd>
                </div>
                <div>
                    <dt>{t(K::StateLabel)}</dt>
                    <dd id="proposal-state" data-state=s.state.as_str()><ProposalStateBadge state=s.state/></dd>
                </div>
                <div>
                    <dt>{t(K::RouteLabel)}</dt>
                    <dd id="proposal-route">{t(route_label(s.needs_endorsement))}</dd>
                </div>
                <div>
                    <dt>{t(K::BaseVersion)}</dt>
                    <dd id="proposal-base">{s.base_version}</dd>
                </div>
                <div>
                    <dt>{t(K::CreatedAt)}</dt>
                    <dd><time datetime=format::iso(created)>{move || format::timestamp(created, i18n.lang())}</time></dd>
                </div>
                {submitted.map(|at| view! {
                    <div>
                        <dt>{t(K::SubmittedAt)}</dt>
                        <dd><time datetime=format::iso(at)>{move || format::timestamp(at, i18n.lang())}</time></dd>
                    </div>
                })}
                {note.map(|n| view! {
                    <div>
                        <dt>{t(K::NoteLabel)}</dt>
                        <dd class="prewrap" id="proposal-note">{n}</dd>
                    </div>
                })}
            </dl>
            <Steps steps=detail.steps.clone()/>
            {(conflicts > 0).then(|| view! {
                <div class="notice notice-error" id="proposal-conflicts" role="note">
                    <p><span aria-hidden="true">"⚠ "</span>{t(conflicts_note)}</p>
                </div>
            })}
            <Lines lines=detail.lines.clone() names=names deciding=deciding form=state.decide/>
            <crate::components::export_links::ExportLinks
                table=shared::api::exports::ExportTable::Proposal
                filters=format!("id={}", detail.summary.id.0)
            />
            {deciding.then(|| view! {
                <DecidePanel
                    form=state.decide
                    approvable=approvable
                    preview=preview
                    lines=pending_lines
                    names=names
                    pending=pending
                    on_decide=on_decide
                />
            })}
            // What is still pending would change the plan; decided lines already did (or not).
            {(s.pending_count > 0).then(|| view! { <EffectPanel effect=detail.effect.clone()/> })}
            {notes::keep(id, version, state)}
            <Actions detail=detail.clone() state=state pending=pending run=run/>
        </article>
    }
}

/// `#proposal-steps`: the way so far, oldest first.
#[component]
fn Steps(steps: Vec<ProposalStep>) -> impl IntoView {
    let i18n = use_i18n();
    let body = if steps.is_empty() {
        view! { <p class="muted">{t(K::NoSteps)}</p> }.into_any()
    } else {
        let items = steps
            .into_iter()
            .map(|step| {
                let at = step.at;
                let action = step.action.clone();
                view! {
                    <li class="step">
                        <time datetime=format::iso(at)>{move || format::timestamp(at, i18n.lang())}</time>
                        " · "<strong class="step-action">{move || i18n.text(&action)}</strong>
                        " · "<span class="step-by">{step.by.clone()}</span>
                        {step.reason.clone().map(|r| view! {
                            <p class="step-reason prewrap">{r}</p>
                        })}
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="steps">{items}</ol> }.into_any()
    };
    view! {
        <section class="card proposal-steps" id="proposal-steps" aria-labelledby="steps-title">
            <h2 id="steps-title">{t(K::StepsTitle)}</h2>
            {body}
        </section>
    }
}

/// The lines grouped by measure, in the order the server gives them.
fn by_measure(lines: Vec<ProposalLine>) -> Vec<(MeasureId, Vec<ProposalLine>)> {
    let mut groups: Vec<(MeasureId, Vec<ProposalLine>)> = Vec::new();
    for line in lines {
        match groups.iter_mut().find(|(m, _)| *m == line.measure_id) {
            Some((_, group)) => group.push(line),
            None => groups.push((line.measure_id, vec![line])),
        }
    }
    groups
}

/// `#proposal-lines`: a table per measure; with the decision cell when the user decides.
#[component]
fn Lines(
    lines: Vec<ProposalLine>,
    names: Signal<Names>,
    deciding: bool,
    form: DecideForm,
) -> impl IntoView {
    let i18n = use_i18n();
    if lines.is_empty() {
        return view! {
            <section class="card" id="proposal-lines">
                <h2>{t(K::LinesTitle)}</h2>
                <p class="muted" id="proposal-no-lines">{t(K::NoLines)}</p>
            </section>
        }
        .into_any();
    }
    let mut columns = line_columns(K::OldValue);
    if deciding {
        columns.push((K::VerdictLabel, false));
    }
    let groups = by_measure(lines)
        .into_iter()
        .map(|(measure, lines)| {
            let name = lines[0].measure_name.clone();
            let org = lines[0].org.name.clone();
            let heading = format!("line-group-{measure}");
            let rows = lines
                .into_iter()
                .map(|line| {
                    let decide = deciding.then(|| {
                        if line.state == LineState::Pending {
                            view! { <VerdictCell line=line.clone() form=form names=names/> }
                                .into_any()
                        } else {
                            view! { <td></td> }.into_any()
                        }
                    });
                    match decide {
                        Some(cell) => view! {
                            <ProposalLineRow line=line names=names>{cell}</ProposalLineRow>
                        }
                        .into_any(),
                        None => view! { <ProposalLineRow line=line names=names/> }.into_any(),
                    }
                })
                .collect_view();
            view! {
                <div class="line-group" data-measure-id=measure.to_string()>
                    <h3 id=heading.clone()>
                        <a href=format!("/measures/{measure}")>{move || i18n.text(&name)}</a>
                        <span class="muted">" · "{move || i18n.text(&org)}</span>
                    </h3>
                    <DataTable
                        id=format!("lines-{measure}")
                        class="change-table"
                        labelled_by=heading
                        columns=columns.clone()
                    >
                        {rows}
                    </DataTable>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="card proposal-lines" id="proposal-lines" aria-labelledby="lines-title">
            <h2 id="lines-title">{t(K::LinesTitle)}</h2>
            {groups}
        </section>
    }
    .into_any()
}

/// A labelled text area of the actions, bound to a page signal.
fn note_field(
    id: &'static str,
    label: K,
    value: RwSignal<String>,
    error: Option<(DecideForm, Target)>,
) -> impl IntoView {
    let has_error = move || error.is_some_and(|(f, t)| f.error(t).is_some());
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    view! {
        <div class="field">
            <label for=id>{t(label)}</label>
            <textarea
                id=id
                rows="2"
                maxlength=REASON_MAX
                aria-invalid=move || has_error().then_some("true")
                aria-describedby=move || has_error().then(|| described.clone())
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    if let Some((f, t)) = error {
                        f.errors.update(|es| es.retain(|(x, _)| *x != t));
                    }
                }
            ></textarea>
            {error.map(|(f, t)| error_text(f, t, error_id.clone()))}
        </div>
    }
}

/// A button of the actions that says "sending…" while any action runs.
fn action_button(
    id: &'static str,
    class: &'static str,
    label: K,
    pending: Signal<bool>,
    on_click: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <button type="button" id=id class=class disabled=pending on:click=move |_| on_click()>
            {move || if pending.get() { t(K::Sending)() } else { t(label)() }}
        </button>
    }
}

/// `#proposal-actions`: submit and rebase (author), endorse and return (district).
#[component]
fn Actions(
    detail: ProposalDetail,
    state: PageState,
    pending: Signal<bool>,
    run: Callback<(ProposalId, Request)>,
) -> impl IntoView {
    let s = &detail.summary;
    let (id, version) = (s.id, s.version);
    let submit = detail.actions.contains(&chain::Action::Submit);
    let endorse = detail.actions.contains(&chain::Action::Endorse);
    let rebase = s.conflict_count > 0 && (detail.can_edit || submit);
    if !(submit || endorse || rebase) {
        return ().into_any();
    }
    let step = move |action: ProposalStepAction, note: RwSignal<String>| {
        run.run((
            id,
            Request::Step(
                action,
                ProposalAction {
                    version,
                    note: note.get_untracked().trim().to_string(),
                },
            ),
        ));
    };
    let return_whole = move |_| {
        let reason = state.return_reason.get_untracked().trim().to_string();
        match check_reason(&reason) {
            Ok(()) => run.run((id, Request::Return(ReturnProposal { version, reason }))),
            Err(code) => state
                .decide
                .errors
                .set(vec![(Target::ReturnReason, code.message())]),
        }
    };
    view! {
        <section class="card proposal-actions" id="proposal-actions" aria-labelledby="actions-title">
            <h2 id="actions-title">{t(K::ActionsTitle)}</h2>
            {rebase.then(|| view! {
                <div class="action-block">
                    {action_button("rebase-proposal", "btn btn-secondary", K::Rebase, pending, move || {
                        step(ProposalStepAction::Rebase, state.note);
                    })}
                </div>
            })}
            {submit.then(|| view! {
                <div class="action-block">
                    {note_field("submit-note", K::NoteLabel, state.note, None)}
                    {action_button("submit-proposal", "btn btn-primary", K::SubmitProposal, pending, move || {
                        step(ProposalStepAction::Submit, state.note);
                    })}
                </div>
            })}
            {endorse.then(|| view! {
                <div class="action-block">
                    {note_field("endorse-note", K::EndorseRemark, state.remark, None)}
                    {action_button("endorse", "btn btn-primary", K::Endorse, pending, move || {
                        step(ProposalStepAction::Endorse, state.remark);
                    })}
                </div>
                <div class="action-block">
                    {note_field(
                        "return-reason",
                        K::ReturnReason,
                        state.return_reason,
                        Some((state.decide, Target::ReturnReason)),
                    )}
                    <button type="button" id="return-proposal" class="btn btn-danger" disabled=pending on:click=return_whole>
                        {t(K::ReturnWhole)}
                    </button>
                </div>
            })}
        </section>
    }
    .into_any()
}
