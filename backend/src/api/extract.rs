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
    let exempt = req.path() == "/api/auth/login";
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

/// A JSON body. A value that breaks a shared rule (an amount, a year) fails with that rule's
/// code and the path of the field, e.g. `budget_lines[2].amount`.
#[derive(Debug)]
pub struct ValidJson<T>(pub T);

const BODY_LIMIT: usize = 1024 * 1024;

impl<T: DeserializeOwned + 'static> FromRequest for ValidJson<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            let bytes = body
                .await
                .map_err(|_| AppError::new(ErrorCode::BadRequest))?;
            if bytes.len() > BODY_LIMIT {
                return Err(AppError::new(ErrorCode::BadRequest));
            }
            parse_json(&bytes).map(ValidJson)
        })
    }
}

pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let field = (path != ".").then_some(path);
        let message = e.inner().to_string();
        // Shared rules put their code first in the message ("amount_negative at line 1 ...").
        let code = message
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .next()
            .and_then(ErrorCode::parse)
            .unwrap_or(ErrorCode::BadRequest);
        let mut err = AppError::new(code);
        err.body.field = field;
        if code == ErrorCode::BadRequest {
            // Keep serde's own words (an unknown variant, a missing field) in the English text.
            err.body.message.en = format!("{} ({message})", err.body.message.en);
        }
        err
    })
}
