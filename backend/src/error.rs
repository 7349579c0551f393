//! The one error type of the API: each variant's status comes from its code; unexpected errors
//! are logged with their context and answered as a plain 500.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use shared::error::FieldError;
use shared::{ApiErrorBody, ErrorCode};
use std::fmt;

#[derive(Debug)]
pub struct ApiError {
    pub body: ApiErrorBody,
    /// What went wrong inside, for the log only.
    pub cause: Option<anyhow::Error>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(code: ErrorCode) -> Self {
        ApiError {
            body: ApiErrorBody::new(code),
            cause: None,
        }
    }

    pub fn field(code: ErrorCode, field: impl Into<String>) -> Self {
        ApiError {
            body: ApiErrorBody::new(code).with_field(field),
            cause: None,
        }
    }

    /// A version conflict, carrying the current state so the user loses nothing.
    pub fn conflict(current: impl serde::Serialize) -> Self {
        let mut body = ApiErrorBody::new(ErrorCode::VersionConflict);
        body.current = serde_json::to_value(current).ok();
        ApiError { body, cause: None }
    }

    /// A refusal of another kind (a proposal moved on, lines conflict) with the current state.
    pub fn conflict_as(code: ErrorCode, current: impl serde::Serialize) -> Self {
        let mut body = ApiErrorBody::new(code);
        body.current = serde_json::to_value(current).ok();
        ApiError { body, cause: None }
    }

    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        ApiError {
            body: ApiErrorBody::new(ErrorCode::Internal),
            cause: Some(cause.into()),
        }
    }

    pub fn code(&self) -> ErrorCode {
        self.body.code
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.cause {
            Some(cause) => write!(f, "{}: {cause:#}", self.body.code),
            None => write!(f, "{}", self.body.code),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.body.code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        if let Some(cause) = &self.cause {
            tracing::error!(error = %format!("{cause:#}"), "request failed");
        }
        HttpResponse::build(self.status_code()).json(&self.body)
    }
}

impl From<ErrorCode> for ApiError {
    fn from(code: ErrorCode) -> Self {
        ApiError::new(code)
    }
}

impl From<FieldError> for ApiError {
    fn from(e: FieldError) -> Self {
        ApiError::field(e.code, e.field)
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => ApiError::new(ErrorCode::NotFound),
            other => ApiError::internal(other),
        }
    }
}

impl From<r2d2::Error> for ApiError {
    fn from(e: r2d2::Error) -> Self {
        ApiError::internal(e)
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        ApiError::internal(anyhow::anyhow!("blocking task: {e}"))
    }
}
