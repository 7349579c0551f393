//! Proposals: the list, my organisation's draft, one proposal, the draft's lines for an approved
//! measure, and the steps of a proposal's way.

use super::extract::{CurrentUser, ValidJson};
use super::{call, State};
use crate::app::error::AppResult;
use crate::app::proposals::{self, MeasureChange, StepRequest};
use actix_web::web;
use shared::api::endpoints as ep;
use shared::api::measures::MeasureDetail;
use shared::api::proposals::{
    Decide, DraftVersion, ProposalAction, ProposalDetail, ProposalFilter, ProposalId,
    ProposalSummary, ProposeMeasure, ReturnProposal,
};
use shared::MeasureId;

#[utoipa::path(get, path = ep::PROPOSALS.path, tag = "proposals", params(ProposalFilter),
    responses((status = 200, body = Vec<ProposalSummary>)))]
pub async fn list(
    state: State,
    user: CurrentUser,
    filter: web::Query<ProposalFilter>,
) -> AppResult<web::Json<Vec<ProposalSummary>>> {
    let filter = filter.into_inner();
    Ok(web::Json(
        call(&state, move |app| {
            proposals::list(app, user.actor(), &filter)
        })
        .await?,
    ))
}

#[utoipa::path(get, path = ep::PROPOSAL_DRAFT.path, tag = "proposals",
    responses((status = 200, body = Option<ProposalDetail>, description = "My organisation's draft, or null")))]
pub async fn my_draft(
    state: State,
    user: CurrentUser,
) -> AppResult<web::Json<Option<ProposalDetail>>> {
    Ok(web::Json(
        call(&state, move |app| proposals::my_draft(app, user.actor())).await?,
    ))
}

#[utoipa::path(get, path = ep::PROPOSAL.path, tag = "proposals", params(("id" = ProposalId, Path)),
    responses((status = 200, body = ProposalDetail), (status = 404, body = shared::ApiErrorBody)))]
pub async fn get(
    state: State,
    user: CurrentUser,
    id: web::Path<ProposalId>,
) -> AppResult<web::Json<ProposalDetail>> {
    let id = id.into_inner();
    Ok(web::Json(
        call(&state, move |app| proposals::get(app, user.actor(), id.0)).await?,
    ))
}

async fn write_measure(
    state: State,
    user: CurrentUser,
    id: MeasureId,
    seen: Option<i32>,
    change: MeasureChange,
) -> AppResult<web::Json<MeasureDetail>> {
    Ok(web::Json(
        call(&state, move |app| {
            proposals::write_measure(app, user.actor(), id, seen, &change)
        })
        .await?,
    ))
}

#[utoipa::path(put, path = ep::PROPOSAL_DRAFT_MEASURE.path, tag = "proposals",
    params(("id" = MeasureId, Path)), request_body = ProposeMeasure,
    responses((status = 200, body = MeasureDetail), (status = 403, body = shared::ApiErrorBody),
              (status = 409, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
pub async fn propose(
    state: State,
    user: CurrentUser,
    id: web::Path<MeasureId>,
    ValidJson(body): ValidJson<ProposeMeasure>,
) -> AppResult<web::Json<MeasureDetail>> {
    let change = MeasureChange::Propose(body.measure);
    write_measure(state, user, id.into_inner(), body.proposal_version, change).await
}

#[utoipa::path(post, path = ep::PROPOSAL_DRAFT_WITHDRAW.path, tag = "proposals",
    params(("id" = MeasureId, Path)), request_body = DraftVersion,
    responses((status = 200, body = MeasureDetail), (status = 409, body = shared::ApiErrorBody)))]
pub async fn withdraw(
    state: State,
    user: CurrentUser,
    id: web::Path<MeasureId>,
    ValidJson(body): ValidJson<DraftVersion>,
) -> AppResult<web::Json<MeasureDetail>> {
    let seen = body.proposal_version;
    write_measure(state, user, id.into_inner(), seen, MeasureChange::Withdraw).await
}

#[utoipa::path(post, path = ep::PROPOSAL_DRAFT_DISCARD.path, tag = "proposals",
    params(("id" = MeasureId, Path)), request_body = DraftVersion,
    responses((status = 200, body = MeasureDetail), (status = 409, body = shared::ApiErrorBody)))]
pub async fn discard_measure(
    state: State,
    user: CurrentUser,
    id: web::Path<MeasureId>,
    ValidJson(body): ValidJson<DraftVersion>,
) -> AppResult<web::Json<MeasureDetail>> {
    let seen = body.proposal_version;
    write_measure(state, user, id.into_inner(), seen, MeasureChange::Discard).await
}

async fn step(
    state: State,
    user: CurrentUser,
    id: ProposalId,
    request: StepRequest,
) -> AppResult<web::Json<ProposalDetail>> {
    Ok(web::Json(
        call(&state, move |app| {
            proposals::step(app, user.actor(), id.0, &request)
        })
        .await?,
    ))
}

#[utoipa::path(post, path = ep::PROPOSAL_SUBMIT.path, tag = "proposals",
    params(("id" = ProposalId, Path)), request_body = ProposalAction,
    responses((status = 200, body = ProposalDetail), (status = 409, body = shared::ApiErrorBody),
              (status = 422, body = shared::ApiErrorBody)))]
pub async fn submit(
    state: State,
    user: CurrentUser,
    id: web::Path<ProposalId>,
    ValidJson(body): ValidJson<ProposalAction>,
) -> AppResult<web::Json<ProposalDetail>> {
    let request = StepRequest::Submit {
        version: body.version,
        note: body.note,
    };
    step(state, user, id.into_inner(), request).await
}

#[utoipa::path(post, path = ep::PROPOSAL_ENDORSE.path, tag = "proposals",
    params(("id" = ProposalId, Path)), request_body = ProposalAction,
    responses((status = 200, body = ProposalDetail), (status = 403, body = shared::ApiErrorBody),
              (status = 409, body = shared::ApiErrorBody)))]
pub async fn endorse(
    state: State,
    user: CurrentUser,
    id: web::Path<ProposalId>,
    ValidJson(body): ValidJson<ProposalAction>,
) -> AppResult<web::Json<ProposalDetail>> {
    let request = StepRequest::Endorse {
        version: body.version,
        note: body.note,
    };
    step(state, user, id.into_inner(), request).await
}

#[utoipa::path(post, path = ep::PROPOSAL_RETURN.path, tag = "proposals",
    params(("id" = ProposalId, Path)), request_body = ReturnProposal,
    responses((status = 200, body = ProposalDetail), (status = 403, body = shared::ApiErrorBody),
              (status = 409, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
pub async fn return_to_author(
    state: State,
    user: CurrentUser,
    id: web::Path<ProposalId>,
    ValidJson(body): ValidJson<ReturnProposal>,
) -> AppResult<web::Json<ProposalDetail>> {
    let request = StepRequest::Return {
        version: body.version,
        reason: body.reason,
    };
    step(state, user, id.into_inner(), request).await
}

#[utoipa::path(post, path = ep::PROPOSAL_DECIDE.path, tag = "proposals",
    params(("id" = ProposalId, Path)), request_body = Decide,
    responses((status = 200, body = ProposalDetail), (status = 403, body = shared::ApiErrorBody),
              (status = 409, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
pub async fn decide(
    state: State,
    user: CurrentUser,
    id: web::Path<ProposalId>,
    ValidJson(body): ValidJson<Decide>,
) -> AppResult<web::Json<ProposalDetail>> {
    step(state, user, id.into_inner(), StepRequest::Decide(body)).await
}

#[utoipa::path(post, path = ep::PROPOSAL_REBASE.path, tag = "proposals",
    params(("id" = ProposalId, Path)), request_body = ProposalAction,
    responses((status = 200, body = ProposalDetail), (status = 409, body = shared::ApiErrorBody)))]
pub async fn rebase(
    state: State,
    user: CurrentUser,
    id: web::Path<ProposalId>,
    ValidJson(body): ValidJson<ProposalAction>,
) -> AppResult<web::Json<ProposalDetail>> {
    let request = StepRequest::Rebase {
        version: body.version,
    };
    step(state, user, id.into_inner(), request).await
}
