//! Accounts: the administrator lists and creates them.

use super::extract::{CurrentUser, ValidJson};
use super::{call, State};
use crate::app::accounts;
use crate::app::error::AppResult;
use actix_web::{web, web::Json, HttpResponse};
use shared::api::auth::UserInfo;
use shared::api::endpoints as ep;
use shared::api::users::{CreateUser, PasswordReset};
use shared::UserId;

#[utoipa::path(get, path = ep::USERS.path, tag = "users",
    responses((status = 200, body = Vec<UserInfo>), (status = 403, body = shared::ApiErrorBody)))]
pub async fn list(state: State, user: CurrentUser) -> AppResult<Json<Vec<UserInfo>>> {
    Ok(Json(
        call(&state, move |app| accounts::list(app, user.actor())).await?,
    ))
}

#[utoipa::path(post, path = ep::USER_CREATE.path, tag = "users", request_body = CreateUser,
    responses((status = 201, body = UserInfo), (status = 403, body = shared::ApiErrorBody),
              (status = 409, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
pub async fn create(
    state: State,
    user: CurrentUser,
    ValidJson(body): ValidJson<CreateUser>,
) -> AppResult<HttpResponse> {
    let created = call(&state, move |app| {
        accounts::create(app, user.actor(), &body)
    })
    .await?;
    Ok(HttpResponse::Created().json(created))
}

#[utoipa::path(post, path = ep::USER_PASSWORD_RESET.path, tag = "users",
    params(("id" = UserId, Path)),
    responses((status = 200, body = PasswordReset), (status = 403, body = shared::ApiErrorBody),
              (status = 404, body = shared::ApiErrorBody)))]
pub async fn reset_password(
    state: State,
    user: CurrentUser,
    id: web::Path<UserId>,
) -> AppResult<Json<PasswordReset>> {
    let id = id.into_inner();
    Ok(Json(
        call(&state, move |app| {
            accounts::reset_password(app, user.actor(), id)
        })
        .await?,
    ))
}

#[utoipa::path(post, path = ep::USER_DISABLE.path, tag = "users", params(("id" = UserId, Path)),
    responses((status = 200, body = UserInfo), (status = 403, body = shared::ApiErrorBody),
              (status = 404, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
pub async fn disable(
    state: State,
    user: CurrentUser,
    id: web::Path<UserId>,
) -> AppResult<Json<UserInfo>> {
    let id = id.into_inner();
    Ok(Json(
        call(&state, move |app| {
            accounts::set_disabled(app, user.actor(), id, true)
        })
        .await?,
    ))
}

#[utoipa::path(post, path = ep::USER_ENABLE.path, tag = "users", params(("id" = UserId, Path)),
    responses((status = 200, body = UserInfo), (status = 403, body = shared::ApiErrorBody),
              (status = 404, body = shared::ApiErrorBody)))]
pub async fn enable(
    state: State,
    user: CurrentUser,
    id: web::Path<UserId>,
) -> AppResult<Json<UserInfo>> {
    let id = id.into_inner();
    Ok(Json(
        call(&state, move |app| {
            accounts::set_disabled(app, user.actor(), id, false)
        })
        .await?,
    ))
}
