//! Comments on measures, threaded: questions asked where the data is.

use crate::error::{ErrorCode, FieldError};
use crate::ids::UserId;
use serde::{Deserialize, Serialize};

pub const COMMENT_MAX: usize = 4000;

/// `POST /api/measures/{id}/comments`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewComment {
    pub body: String,
    /// The comment this one answers.
    #[serde(default)]
    pub parent_id: Option<i32>,
}

impl NewComment {
    pub fn validate(&self) -> Result<(), FieldError> {
        if self.body.trim().is_empty() {
            return Err(FieldError::new("body", ErrorCode::CommentRequired));
        }
        if self.body.chars().count() > COMMENT_MAX {
            return Err(FieldError::new("body", ErrorCode::TextTooLong));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comment {
    pub id: i32,
    pub parent_id: Option<i32>,
    pub author_id: UserId,
    pub author_name: String,
    pub body: String,
    /// Milliseconds since the Unix epoch.
    pub created_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_need_text_within_bounds() {
        let c = |body: &str| NewComment {
            body: body.into(),
            parent_id: None,
        };
        assert!(c("Чому зросла сума у 2027?").validate().is_ok());
        assert_eq!(
            c("  ").validate().map_err(|e| e.code),
            Err(ErrorCode::CommentRequired)
        );
        assert_eq!(
            c(&"я".repeat(COMMENT_MAX + 1))
                .validate()
                .map_err(|e| e.code),
            Err(ErrorCode::TextTooLong)
        );
    }
}
