//! The signed-in user's own inbox, and marking its items read.

use super::extract::{CurrentUser, ValidJson};
use super::{call, State};
use crate::app::error::AppResult;
use crate::app::inbox;
use actix_web::web;
use shared::api::endpoints as ep;
use shared::api::inbox::{Inbox, MarkRead};

#[utoipa::path(get, path = ep::INBOX.path, tag = "inbox",
    responses((status = 200, body = Inbox), (status = 401, body = shared::ApiErrorBody)))]
pub async fn list(state: State, user: CurrentUser) -> AppResult<web::Json<Inbox>> {
    Ok(web::Json(
        call(&state, move |app| inbox::inbox(app, user.actor())).await?,
    ))
}

#[utoipa::path(post, path = ep::INBOX_READ.path, tag = "inbox", request_body = MarkRead,
    responses((status = 200, body = Inbox)))]
pub async fn mark_read(
    state: State,
    user: CurrentUser,
    ValidJson(body): ValidJson<MarkRead>,
) -> AppResult<web::Json<Inbox>> {
    Ok(web::Json(
        call(&state, move |app| {
            inbox::mark_read(app, user.actor(), &body)
        })
        .await?,
    ))
}
