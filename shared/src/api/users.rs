//! Accounts, managed by the administrator.

use crate::error::{ErrorCode, FieldError};
use crate::ids::OrgId;
use crate::role::Role;
use serde::{Deserialize, Serialize};

/// `POST /api/users`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateUser {
    pub login: String,
    pub display_name: String,
    pub password: String,
    pub role: Role,
    pub org_id: Option<OrgId>,
}

pub const MIN_PASSWORD_LEN: usize = 10;

/// Checks a login: 3–64 of `a-z 0-9 . - _`.
pub fn validate_login(login: &str) -> Result<(), ErrorCode> {
    let ok = (3..=64).contains(&login.len())
        && login
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if ok {
        Ok(())
    } else {
        Err(ErrorCode::LoginInvalid)
    }
}

impl CreateUser {
    pub fn validate(&self) -> Result<(), FieldError> {
        validate_login(&self.login).map_err(|c| FieldError::new("login", c))?;
        if self.display_name.trim().is_empty() {
            return Err(FieldError::new("display_name", ErrorCode::NameRequired));
        }
        if self.password.chars().count() < MIN_PASSWORD_LEN {
            return Err(FieldError::new("password", ErrorCode::PasswordTooShort));
        }
        if self.role.needs_org() && self.org_id.is_none() {
            return Err(FieldError::new("org_id", ErrorCode::OrgRequired));
        }
        Ok(())
    }
}
