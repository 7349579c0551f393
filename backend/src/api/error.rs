//! How a refusal of the application becomes an HTTP answer: the status its code says and the body
//! `{code, message: {uk, en}, field, current}`; an unexpected failure is logged with its context
//! and answered as a plain 500.

use crate::app::Error as AppError;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.body.code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        if let Some(cause) = &self.cause {
            tracing::error!(error = %format!("{cause:#}"), "request failed");
        }
        let mut response = HttpResponse::build(self.status_code());
        if let Some(secs) = self.retry_after_secs {
            response.insert_header(("Retry-After", secs.to_string()));
        }
        response.json(&self.body)
    }
}

/// A blocking task that could not finish (it panicked, or the runtime is stopping).
pub fn blocking_failed(e: actix_web::error::BlockingError) -> AppError {
    AppError::internal(anyhow::anyhow!("blocking task: {e}"))
}
