//! Cross-cutting input as extractors: the signed-in user (with the CSRF check on writes)
//! and JSON bodies whose errors name the offending field.

use super::{call, State};
use crate::app::accounts::{self, Session};
use crate::app::{Actor, Error as AppError};
use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use serde::de::DeserializeOwned;
use shared::api::{CSRF_HEADER, SESSION_COOKIE};
use shared::ErrorCode;
use std::future::Future;
use std::pin::Pin;

/// The signed-in user, loaded by [`session_middleware`]. Extracting it fails with 401 without
/// a live session.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub Session);

impl CurrentUser {
    /// The user as the application layer takes them.
    pub fn actor(&self) -> &Actor {
        &self.0.actor
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Loads the session before any extractor runs, so that a write without a session or with a
/// wrong CSRF token is refused first (401/403), whatever else is wrong with the request.
pub async fn session_middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let writes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    // A write from another site's page is refused, sign-in included (login CSRF): browsers
    // say where a request comes from; clients that are not browsers send neither header.
    if writes && from_another_site(&req) {
        return Err(AppError::new(ErrorCode::ForeignOrigin).into());
    }
    let exempt = req.path() == shared::api::endpoints::LOGIN.route();
    // The health check and the API's description answer whoever asks, whatever the session
    // (and when the database is down, without asking it about one).
    let open = [
        shared::api::endpoints::HEALTH,
        shared::api::endpoints::OPENAPI,
    ]
    .iter()
    .any(|e| req.path() == e.route());
    if open {
        return next.call(req).await;
    }
    match load_session(req.request()).await {
        Ok(Some(user)) => {
            if writes && !exempt {
                let sent = req
                    .headers()
                    .get(CSRF_HEADER)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default();
                if !constant_time_eq(sent.as_bytes(), user.0.csrf_token.as_bytes()) {
                    return Err(AppError::new(ErrorCode::CsrfFailed).into());
                }
            }
            // After the administrator's reset the session may only change the password (and
            // say who it is, or end).
            let allowed_now = [
                shared::api::endpoints::ME,
                shared::api::endpoints::LOGOUT,
                shared::api::endpoints::PASSWORD_CHANGE,
            ]
            .iter()
            .any(|e| req.path() == e.route())
                || is_public(req.path());
            if user.0.must_change_password && !allowed_now {
                return Err(AppError::new(ErrorCode::PasswordChangeRequired).into());
            }
            req.extensions_mut().insert(user);
        }
        Ok(None) if writes && !exempt => {
            return Err(AppError::new(ErrorCode::Unauthenticated).into())
        }
        Ok(None) => {}
        Err(e) => return Err(e.into()),
    }
    next.call(req).await
}

/// Whether the path is one of the public reads, which anyone may make (a session only lifts the
/// per-address limit).
pub fn is_public(path: &str) -> bool {
    path.strip_prefix(shared::api::endpoints::PREFIX)
        .is_some_and(|p| p.starts_with("/public/"))
}

/// The client's address: the peer's, or, when the peer is a trusted reverse proxy, the nearest
/// address in `X-Forwarded-For` that is not one of the trusted proxies (a client cannot forge
/// it: without trusted proxies the header is ignored).
pub fn client_addr(req: &HttpRequest, trusted: &[std::net::IpAddr]) -> String {
    let peer = req.peer_addr().map(|a| a.ip());
    let Some(peer) = peer else {
        return String::new();
    };
    if !trusted.contains(&peer) {
        return peer.to_string();
    }
    let forwarded = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    forwarded
        .iter()
        .rev()
        .filter_map(|a| a.parse::<std::net::IpAddr>().ok())
        .find(|a| !trusted.contains(a))
        .unwrap_or(peer)
        .to_string()
}

/// Whether the browser says the request comes from a page of another site: an `Origin` whose
/// host is not this request's host, or `Sec-Fetch-Site: cross-site`.
fn from_another_site(req: &ServiceRequest) -> bool {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    if header("sec-fetch-site") == Some("cross-site") {
        return true;
    }
    let Some(origin) = header("origin") else {
        return false;
    };
    let host = req.connection_info().host().to_ascii_lowercase();
    let origin_host = origin
        .split_once("://")
        .map_or(origin, |(_, rest)| rest)
        .trim_end_matches('/')
        .to_ascii_lowercase();
    origin == "null" || origin_host != host
}

async fn load_session(req: &HttpRequest) -> Result<Option<CurrentUser>, AppError> {
    let Some(token) = req.cookie(SESSION_COOKIE).map(|c| c.value().to_string()) else {
        return Ok(None);
    };
    let state = req
        .app_data::<State>()
        .cloned()
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("no state")))?;
    let session = call(&state, move |app| accounts::session(app, &token)).await?;
    Ok(session.map(CurrentUser))
}

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = std::future::Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(
            req.extensions()
                .get::<CurrentUser>()
                .cloned()
                .ok_or_else(|| AppError::new(ErrorCode::Unauthenticated)),
        )
    }
}

/// A JSON body (`Content-Type: application/json`, at most `shared::text::BODY_LIMIT` bytes, nothing after
/// the value). A value that breaks a shared rule (an amount, a year) fails with that rule's code
/// and the path of the field, e.g. `budget_lines[2].amount`; so does a text with a control
/// character or a change of writing direction, wherever it is in the body.
#[derive(Debug)]
pub struct ValidJson<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for ValidJson<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req
            .mime_type()
            .ok()
            .flatten()
            .is_some_and(|m| m.essence_str() == "application/json");
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !is_json {
                return Err(AppError::new(ErrorCode::JsonRequired));
            }
            let bytes = body.await.map_err(|e| {
                let too_large = matches!(
                    e.as_error::<actix_web::error::PayloadError>(),
                    Some(actix_web::error::PayloadError::Overflow)
                ) || e.as_response_error().status_code() == 413;
                AppError::new(if too_large {
                    ErrorCode::BodyTooLarge
                } else {
                    ErrorCode::BadRequest
                })
            })?;
            parse_json(&bytes).map(ValidJson)
        })
    }
}

/// Reads one JSON value (and nothing after it) into `T`, naming the field of the first broken
/// rule.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let value: serde_json::Value = {
        let mut de = serde_json::Deserializer::from_slice(bytes);
        let value = serde::Deserialize::deserialize(&mut de)
            .map_err(|e| unreadable(&e.to_string(), None))?;
        de.end().map_err(|e| unreadable(&e.to_string(), None))?;
        value
    };
    if let Some(field) = text_with_forbidden_char(&value, &mut String::new()) {
        return Err(AppError::field(ErrorCode::TextControlCharacter, field));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = (path != ".").then_some(path);
        let message = e.inner().to_string();
        // Shared rules put their code first in the message ("amount_negative at line 1 ...").
        match message
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .next()
            .and_then(ErrorCode::parse)
        {
            Some(code) => {
                let mut err = AppError::new(code);
                err.body.field = field;
                err
            }
            None => unreadable(&message, field),
        }
    })
}

/// 400 with serde's own words (an unknown variant, a missing field) in the English text.
fn unreadable(message: &str, field: Option<String>) -> AppError {
    let mut err = AppError::new(ErrorCode::BadRequest);
    err.body.field = field;
    err.body.message.en = format!("{} ({message})", err.body.message.en);
    err
}

/// The path (as `serde_path_to_error` writes it: `measure.name.uk`, `lines[2].reason`) of the
/// first string in `value` with a character `shared::text::forbidden_char` refuses.
fn text_with_forbidden_char(value: &serde_json::Value, path: &mut String) -> Option<String> {
    match value {
        serde_json::Value::String(s) => shared::text::forbidden_char(s).map(|_| path.clone()),
        serde_json::Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| {
            let len = path.len();
            path.push_str(&format!("[{i}]"));
            let found = text_with_forbidden_char(v, path);
            path.truncate(len);
            found
        }),
        serde_json::Value::Object(fields) => fields.iter().find_map(|(k, v)| {
            let len = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(k);
            // A key is text too.
            let found = shared::text::forbidden_char(k)
                .map(|_| path.clone())
                .or_else(|| text_with_forbidden_char(v, path));
            path.truncate(len);
            found
        }),
        _ => None,
    }
}
