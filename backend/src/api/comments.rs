//! Comments on measures and proposals: anyone who may see the thing may read and add to its thread.

use super::extract::{CurrentUser, ValidJson};
use super::{call, State};
use crate::app::comments::{self, Thread};
use crate::app::error::AppResult;
use actix_web::{web, HttpResponse};
use shared::api::comments::{Comment, NewComment};
use shared::api::endpoints as ep;
use shared::api::proposals::ProposalId;
use shared::MeasureId;

async fn list_for(
    state: State,
    user: CurrentUser,
    thread: Thread,
) -> AppResult<web::Json<Vec<Comment>>> {
    Ok(web::Json(
        call(&state, move |app| comments::list(app, user.actor(), thread)).await?,
    ))
}

async fn add_to(
    state: State,
    user: CurrentUser,
    thread: Thread,
    body: NewComment,
) -> AppResult<HttpResponse> {
    let comment = call(&state, move |app| {
        comments::add(app, user.actor(), thread, &body)
    })
    .await?;
    Ok(HttpResponse::Created().json(comment))
}

#[utoipa::path(get, path = ep::MEASURE_COMMENTS.path, tag = "comments",
    params(("id" = MeasureId, Path)),
    responses((status = 200, body = Vec<Comment>), (status = 403, body = shared::ApiErrorBody),
              (status = 404, body = shared::ApiErrorBody)))]
pub async fn list(
    state: State,
    user: CurrentUser,
    id: web::Path<MeasureId>,
) -> AppResult<web::Json<Vec<Comment>>> {
    list_for(state, user, Thread::Measure(id.into_inner().0)).await
}

#[utoipa::path(post, path = ep::MEASURE_COMMENT_ADD.path, tag = "comments",
    params(("id" = MeasureId, Path)), request_body = NewComment,
    responses((status = 201, body = Comment), (status = 403, body = shared::ApiErrorBody),
              (status = 404, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
pub async fn create(
    state: State,
    user: CurrentUser,
    id: web::Path<MeasureId>,
    ValidJson(body): ValidJson<NewComment>,
) -> AppResult<HttpResponse> {
    add_to(state, user, Thread::Measure(id.into_inner().0), body).await
}

#[utoipa::path(get, path = ep::PROPOSAL_COMMENTS.path, tag = "comments",
    params(("id" = ProposalId, Path)),
    responses((status = 200, body = Vec<Comment>), (status = 404, body = shared::ApiErrorBody)))]
pub async fn list_on_proposal(
    state: State,
    user: CurrentUser,
    id: web::Path<ProposalId>,
) -> AppResult<web::Json<Vec<Comment>>> {
    list_for(state, user, Thread::Proposal(id.into_inner().0)).await
}

#[utoipa::path(post, path = ep::PROPOSAL_COMMENT_ADD.path, tag = "comments",
    params(("id" = ProposalId, Path)), request_body = NewComment,
    responses((status = 201, body = Comment), (status = 404, body = shared::ApiErrorBody),
              (status = 422, body = shared::ApiErrorBody)))]
pub async fn create_on_proposal(
    state: State,
    user: CurrentUser,
    id: web::Path<ProposalId>,
    ValidJson(body): ValidJson<NewComment>,
) -> AppResult<HttpResponse> {
    add_to(state, user, Thread::Proposal(id.into_inner().0), body).await
}
