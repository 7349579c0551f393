//! Sign-in, sign-out and the current session.

use crate::db;
use crate::error::ApiResult;
use crate::extract::{hash_token, CurrentUser, ValidJson};
use crate::password;
use crate::services::audit::{self, Change, Who};
use crate::state::{db as run_db, State};
use actix_web::cookie::{Cookie, SameSite};
use actix_web::{get, post, HttpRequest, HttpResponse};
use rand::RngCore;
use shared::api::audit::AuditAction;
use shared::api::auth::{LoginRequest, SessionInfo};
use shared::api::SESSION_COOKIE;
use shared::ErrorCode;

/// Sessions last a working day.
const SESSION_MS: i64 = 12 * 60 * 60 * 1000;

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

fn session_cookie(value: String, secure: bool, max_age_secs: i64) -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, value)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .path("/")
        .max_age(actix_web::cookie::time::Duration::seconds(max_age_secs))
        .finish()
}

/// A sign-in, sign-out or failed attempt, as the audit log records it.
fn sign_in_change(
    action: AuditAction,
    user: Option<&db::users::UserRow>,
) -> Change<'static, (), ()> {
    Change {
        action,
        entity: "session",
        entity_id: user.map(|u| u.id),
        subject_org: user.and_then(|u| u.org_id),
        before: None,
        after: None,
    }
}

#[utoipa::path(tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = SessionInfo), (status = 401, body = shared::ApiErrorBody),
              (status = 429, body = shared::ApiErrorBody)))]
#[post("/auth/login")]
pub async fn login(
    req: HttpRequest,
    state: State,
    ValidJson(body): ValidJson<LoginRequest>,
) -> ApiResult<HttpResponse> {
    let addr = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default();
    let login = body.login.trim().to_string();
    if !state.login_limiter.allowed(&login, &addr) {
        return Err(ErrorCode::TooManyAttempts.into());
    }
    let token = random_token();
    let csrf = random_token();
    let token_hash = hash_token(&token);
    let (login_for_db, csrf_for_db) = (login.clone(), csrf.clone());
    let user = run_db(&state, move |conn, _| {
        let user = db::users::find_by_login(conn, &login_for_db)?;
        // Verify against a dummy hash for unknown logins, so timing does not reveal them.
        let hash = user
            .as_ref()
            .map_or(password::DUMMY_HASH, |u| u.password_hash.as_str());
        let ok = password::verify(&body.password, hash);
        let Some(user) = user.filter(|_| ok) else {
            conn.write_tx(|conn| {
                audit::record(
                    conn,
                    &Who::anonymous(&login_for_db),
                    sign_in_change(AuditAction::SignInFailed, None),
                )
            })?;
            return Ok(None);
        };
        conn.write_tx(|conn| -> ApiResult<()> {
            let now = db::now_ms();
            db::sessions::delete_expired(conn, now)?;
            db::sessions::insert(
                conn,
                &db::sessions::NewSession {
                    token_hash: &token_hash,
                    user_id: user.id,
                    csrf_token: &csrf_for_db,
                    created_at: now,
                    expires_at: now + SESSION_MS,
                },
            )?;
            audit::record(
                conn,
                &Who::user(&user),
                sign_in_change(AuditAction::SignIn, Some(&user)),
            )?;
            Ok(())
        })?;
        let info = super::users::user_info(conn, &user)?;
        Ok(Some(info))
    })
    .await?;
    let Some(user) = user else {
        state.login_limiter.failed(&login, &addr);
        return Err(ErrorCode::BadCredentials.into());
    };
    state.login_limiter.succeeded(&login);
    tracing::info!(login = %user.login, "signed in");
    Ok(HttpResponse::Ok()
        .cookie(session_cookie(
            token,
            state.settings.secure_cookies,
            SESSION_MS / 1000,
        ))
        .json(SessionInfo {
            user,
            csrf_token: csrf,
        }))
}

#[utoipa::path(tag = "auth", responses((status = 204), (status = 401, body = shared::ApiErrorBody)))]
#[post("/auth/logout")]
pub async fn logout(state: State, user: CurrentUser) -> ApiResult<HttpResponse> {
    run_db(&state, move |conn, _| {
        conn.write_tx(|conn| -> ApiResult<()> {
            db::sessions::delete(conn, &user.token_hash)?;
            audit::record(
                conn,
                &Who::from(&user),
                sign_in_change(AuditAction::SignOut, Some(&user.user)),
            )?;
            Ok(())
        })
    })
    .await?;
    Ok(HttpResponse::NoContent()
        .cookie(session_cookie(
            String::new(),
            state.settings.secure_cookies,
            0,
        ))
        .finish())
}

#[utoipa::path(tag = "auth", responses((status = 200, body = SessionInfo), (status = 401, body = shared::ApiErrorBody)))]
#[get("/auth/me")]
pub async fn me(state: State, user: CurrentUser) -> ApiResult<actix_web::web::Json<SessionInfo>> {
    let row = user.user.clone();
    let info = run_db(&state, move |conn, _| super::users::user_info(conn, &row)).await?;
    Ok(actix_web::web::Json(SessionInfo {
        user: info,
        csrf_token: user.csrf_token,
    }))
}
