//! The one error of the application: a refusal with its code (status and message in Ukrainian and
//! English come from it) and the field it concerns, or an unexpected failure kept for the log.
//! The HTTP edge turns it into a response (`api::error`).

use shared::error::FieldError;
use shared::{ApiErrorBody, ErrorCode};
use std::fmt;

#[derive(Debug)]
pub struct AppError {
    /// Boxed: errors travel in every `Result` and should stay small.
    pub body: Box<ApiErrorBody>,
    /// What went wrong inside, for the log only.
    pub cause: Option<anyhow::Error>,
    /// When to try again (a `Retry-After` header), for refusals that pass with time.
    pub retry_after_secs: Option<u64>,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(code: ErrorCode) -> Self {
        AppError {
            body: Box::new(ApiErrorBody::new(code)),
            cause: None,
            retry_after_secs: None,
        }
    }

    /// Says when to try again (rounded up to whole seconds).
    pub fn retry_after(mut self, wait: std::time::Duration) -> Self {
        self.retry_after_secs = Some(wait.as_secs() + u64::from(wait.subsec_nanos() > 0));
        self
    }

    pub fn field(code: ErrorCode, field: impl Into<String>) -> Self {
        AppError {
            body: Box::new(ApiErrorBody::new(code).with_field(field)),
            cause: None,
            retry_after_secs: None,
        }
    }

    /// A version conflict, carrying the current state so the user loses nothing.
    pub fn conflict(current: impl serde::Serialize) -> Self {
        AppError::conflict_as(ErrorCode::VersionConflict, current)
    }

    /// A refusal of another kind (a proposal moved on, lines conflict) with the current state.
    pub fn conflict_as(code: ErrorCode, current: impl serde::Serialize) -> Self {
        let mut body = ApiErrorBody::new(code);
        body.current = serde_json::to_value(current).ok();
        AppError {
            body: Box::new(body),
            cause: None,
            retry_after_secs: None,
        }
    }

    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        AppError {
            body: Box::new(ApiErrorBody::new(ErrorCode::Internal)),
            cause: Some(cause.into()),
            retry_after_secs: None,
        }
    }

    pub fn code(&self) -> ErrorCode {
        self.body.code
    }

    /// Prefixes the field with where the value sat in the request (`measure.` + `name.uk`).
    pub fn under(mut self, prefix: &str) -> Self {
        self.body.field = self.body.field.map(|f| format!("{prefix}.{f}"));
        self
    }

    /// Marks which proposal a refusal concerns, so the answer can carry it as it is now.
    pub fn with_proposal(mut self, id: i32) -> Self {
        self.body.current = Some(serde_json::json!({ "proposal_id": id }));
        self
    }

    /// The proposal a refusal names, if any.
    pub fn proposal(&self) -> Option<i32> {
        self.body
            .current
            .as_ref()
            .and_then(|c| c.get("proposal_id"))
            .and_then(serde_json::Value::as_i64)
            .and_then(|i| i32::try_from(i).ok())
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.cause {
            Some(cause) => write!(f, "{}: {cause:#}", self.body.code),
            None => write!(f, "{}", self.body.code),
        }
    }
}

impl std::error::Error for AppError {}

impl From<ErrorCode> for AppError {
    fn from(code: ErrorCode) -> Self {
        AppError::new(code)
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::field(e.code, e.field)
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::NotFound => AppError::new(ErrorCode::NotFound),
            // The connection went away under the query: the database is down or restarting.
            Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _)
            | Error::BrokenTransactionManager => unavailable(e),
            Error::DatabaseError(_, ref info) if lost_connection(info.message()) => unavailable(e),
            other => AppError::internal(other),
        }
    }
}

/// No connection came from the pool in time: the database cannot be reached.
impl From<r2d2::Error> for AppError {
    fn from(e: r2d2::Error) -> Self {
        unavailable(e)
    }
}

/// 503: the database is down; the cause stays in the log.
fn unavailable(cause: impl Into<anyhow::Error>) -> AppError {
    AppError {
        body: Box::new(ApiErrorBody::new(ErrorCode::DatabaseUnavailable)),
        cause: Some(cause.into()),
        retry_after_secs: Some(30),
    }
}

/// Whether a database error says the connection is gone (libpq's and SQLite's words).
fn lost_connection(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    [
        "server closed the connection",
        "connection to server",
        "terminating connection",
        "could not receive data",
        "could not send data",
        "no connection to the server",
        "ssl syscall",
    ]
    .iter()
    .any(|w| m.contains(w))
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        AppError::internal(e)
    }
}
