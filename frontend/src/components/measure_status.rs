//! A measure's place in the approved plan: its status, my draft changes to it, proposals under review.

use crate::api::DraftMeasureAction;
use crate::components::changes::{line_columns, ProposalLineRow, ProposalStateBadge};
use crate::components::confirm::ConfirmButton;
use crate::components::data_table::DataTable;
use crate::components::measure_history::Names;
use crate::i18n::{t, use_i18n, K};
use leptos::prelude::*;
use shared::api::measures::{MeasureDetail, MeasureStatus};

/// Where my organisation's draft proposal is: its own page once it has a number.
pub fn draft_href(detail: &MeasureDetail) -> String {
    detail.draft.as_ref().map_or_else(
        || "/proposals/draft".to_string(),
        |d| format!("/proposals/{}", d.proposal_id),
    )
}

/// The status badge (in words), the approving version, and links to proposals about the measure.
#[component]
pub fn MeasureStatusPanel(detail: MeasureDetail) -> impl IntoView {
    let i18n = use_i18n();
    let status = detail.status;
    let label = status.label();
    let approved_in = detail
        .approved_in
        .filter(|_| status == MeasureStatus::Approved);
    let href = draft_href(&detail);
    let has_draft = detail.draft.is_some();
    // A new measure whose proposal is under review: it cannot change until it is decided.
    let locked = status == MeasureStatus::Draft
        && detail.in_review.iter().any(|p| p.org.id == detail.org.id);
    let draft_note = (status == MeasureStatus::Draft && !locked).then(|| {
        view! {
            <p class="status-note status-note-draft" id="draft-measure-note">
                <strong>{t(K::DraftMeasureNote)}</strong>" "
                <span class="hint">{t(K::DraftMeasureHint)}</span>
            </p>
        }
    });
    let locked_note = locked.then(|| {
        view! {
            <p class="status-note" id="measure-locked" role="note">
                <strong>{t(K::DraftLocked)}</strong>
            </p>
        }
    });
    let withdrawn = (status == MeasureStatus::Withdrawn).then(|| {
        view! { <p class="status-note" id="withdrawn-note">{t(K::WithdrawnNote)}</p> }
    });
    let link = (has_draft || (status == MeasureStatus::Draft && !locked)).then(|| {
        view! {
            <a href=href id="draft-proposal-link" class="btn btn-secondary btn-small">
                {t(K::OpenDraftProposal)}
            </a>
        }
    });
    let in_review = (!detail.in_review.is_empty()).then(|| {
        let items = detail
            .in_review
            .iter()
            .map(|p| {
                let org = p.org.name.clone();
                let count = p.line_count;
                view! {
                    <li data-proposal-id=p.id.to_string()>
                        <a href=format!("/proposals/{}", p.id)>{t(K::ProposalNo)}" "{p.id.to_string()}</a>
                        " · "{move || i18n.text(&org)}" · "{p.author.clone()}" · "
                        <ProposalStateBadge state=p.state/>
                        " · "{t(K::LinesCount)}": "{count}
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="in-review" id="in-review">
                <h2 class="small-heading">{t(K::InReviewTitle)}</h2>
                <ul>{items}</ul>
            </div>
        }
    });
    view! {
        <div class="measure-status" id="measure-status-panel">
            <p class="status-line">
                <span class=format!("status-badge status-{}", status.as_str()) id="measure-status" data-status=status.as_str()>
                    {move || i18n.text(&label)}
                </span>
                {approved_in.map(|n| view! {
                    " "<span id="measure-approved-in">{t(K::ApprovedInVersion)}" "{n}</span>
                })}
                " "{link}
            </p>
            {draft_note}
            {locked_note}
            {withdrawn}
            {in_review}
        </div>
    }
}

/// `#draft-changes`: the approved values beside my draft's, line by line, for an approved measure.
#[component]
pub fn DraftChanges(detail: MeasureDetail, names: Signal<Names>) -> impl IntoView {
    let draft = detail
        .draft
        .filter(|_| detail.status == MeasureStatus::Approved)?;
    let withdrawal = draft.proposed.is_none();
    let rows = draft
        .lines
        .into_iter()
        .map(|line| view! { <ProposalLineRow line=line names=names/> })
        .collect_view();
    Some(view! {
        <section class="draft-changes card" id="draft-changes" aria-labelledby="draft-changes-title">
            <h2 id="draft-changes-title">{t(K::DraftChangesTitle)}</h2>
            <p class="hint">{t(K::DraftChangesHint)}</p>
            {withdrawal.then(|| view! {
                <p class="warning-text" id="draft-withdrawal">
                    <span aria-hidden="true">"⚠ "</span>{t(K::ProposedWithdrawal)}
                </p>
            })}
            <DataTable id="draft-changes-table" class="change-table" columns=line_columns(K::ApprovedValue)>
                {rows}
            </DataTable>
        </section>
    })
}

/// For an approved measure: propose withdrawing it, or drop my changes to it from the draft.
#[component]
pub fn ProposalActions(
    current: RwSignal<Option<MeasureDetail>>,
    busy: Signal<bool>,
    pending: Signal<bool>,
    run: Callback<DraftMeasureAction>,
) -> impl IntoView {
    let draft = move || current.with(|c| c.as_ref().and_then(|d| d.draft.clone()));
    let withdrawal_proposed = move || draft().is_some_and(|d| d.proposed.is_none());
    // (action, element id, button, question, confirming button, destructive)
    let choices = [
        (
            DraftMeasureAction::Discard,
            "discard-changes",
            K::DiscardChanges,
            K::DiscardConfirm,
            K::DiscardYes,
            false,
        ),
        (
            DraftMeasureAction::Withdraw,
            "propose-withdraw",
            K::ProposeWithdraw,
            K::ProposeWithdrawConfirm,
            K::ProposeWithdrawYes,
            true,
        ),
    ];
    let buttons = choices
        .into_iter()
        .map(|(action, id, label, question, yes, danger)| {
            // Discarding needs changes to discard; withdrawing, that it is not proposed yet.
            let offered = move || match action {
                DraftMeasureAction::Discard => draft().is_some(),
                DraftMeasureAction::Withdraw => !withdrawal_proposed(),
            };
            view! {
                <Show when=offered>
                    <ConfirmButton
                        id=id
                        label=label
                        question=question
                        yes=yes
                        working=K::Saving
                        danger=danger
                        busy=busy
                        pending=pending
                        on_confirm=Callback::new(move |()| run.run(action))
                    />
                </Show>
            }
        })
        .collect_view();
    view! { <div class="delete-area proposal-actions">{buttons}</div> }
}
