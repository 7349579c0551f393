//! Sign-in, sign-out and the current session; the session lives in an HttpOnly, SameSite=Strict
//! cookie.

use super::extract::{CurrentUser, ValidJson};
use super::{call, State};
use crate::app::accounts::{self, SESSION_MS};
use crate::app::error::AppResult;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::{web, HttpRequest, HttpResponse};
use shared::api::auth::{LoginRequest, SessionInfo, UserInfo};
use shared::api::endpoints as ep;
use shared::api::users::ChangePassword;
use shared::api::SESSION_COOKIE;

fn session_cookie(value: String, secure: bool, max_age_secs: i64) -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, value)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .path("/")
        .max_age(actix_web::cookie::time::Duration::seconds(max_age_secs))
        .finish()
}

#[utoipa::path(post, path = ep::LOGIN.path, tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = SessionInfo), (status = 401, body = shared::ApiErrorBody),
              (status = 429, body = shared::ApiErrorBody)))]
pub async fn login(
    req: HttpRequest,
    state: State,
    ValidJson(body): ValidJson<LoginRequest>,
) -> AppResult<HttpResponse> {
    let addr = super::extract::client_addr(&req, &state.settings.trusted_proxies);
    let signed_in = call(&state, move |app| {
        accounts::sign_in(app, &body.login, &body.password, &addr)
    })
    .await?;
    let secure = state.settings.secure_cookies;
    Ok(HttpResponse::Ok()
        .cookie(session_cookie(signed_in.token, secure, SESSION_MS / 1000))
        .json(signed_in.info))
}

#[utoipa::path(post, path = ep::LOGOUT.path, tag = "auth",
    responses((status = 204), (status = 401, body = shared::ApiErrorBody)))]
pub async fn logout(state: State, user: CurrentUser) -> AppResult<HttpResponse> {
    call(&state, move |app| accounts::sign_out(app, &user.0)).await?;
    let secure = state.settings.secure_cookies;
    Ok(HttpResponse::NoContent()
        .cookie(session_cookie(String::new(), secure, 0))
        .finish())
}

#[utoipa::path(get, path = ep::ME.path, tag = "auth",
    responses((status = 200, body = SessionInfo), (status = 401, body = shared::ApiErrorBody)))]
pub async fn me(state: State, user: CurrentUser) -> AppResult<web::Json<SessionInfo>> {
    Ok(web::Json(
        call(&state, move |app| accounts::me(app, &user.0)).await?,
    ))
}

#[utoipa::path(post, path = ep::PASSWORD_CHANGE.path, tag = "auth", request_body = ChangePassword,
    responses((status = 200, body = UserInfo), (status = 401, body = shared::ApiErrorBody),
              (status = 422, body = shared::ApiErrorBody)))]
pub async fn change_password(
    state: State,
    user: CurrentUser,
    ValidJson(body): ValidJson<ChangePassword>,
) -> AppResult<web::Json<UserInfo>> {
    Ok(web::Json(
        call(&state, move |app| {
            accounts::change_password(app, &user.0, &body)
        })
        .await?,
    ))
}
