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

pub const MIN_PASSWORD_LEN: usize = 12;

/// The rules a new password follows everywhere (the form and the server; the server also refuses
/// the common passwords it ships): at least [`MIN_PASSWORD_LEN`] characters, not the login,
/// not one character repeated.
pub fn validate_password(password: &str, login: &str) -> Result<(), ErrorCode> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(ErrorCode::PasswordTooShort);
    }
    if password.to_lowercase() == login.trim().to_lowercase() {
        return Err(ErrorCode::PasswordIsLogin);
    }
    let mut chars = password.chars();
    if let Some(first) = chars.next() {
        if chars.all(|c| c == first) {
            return Err(ErrorCode::PasswordRepeated);
        }
    }
    Ok(())
}

/// `POST /api/auth/password`: the signed-in user changes their own password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePassword {
    pub current: String,
    pub new: String,
}

/// `POST /api/users/{id}/password-reset`: the one-time password to hand to the user (shown once;
/// they must change it at their next sign-in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordReset {
    pub one_time_password: String,
    pub user: super::auth::UserInfo,
}

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
        validate_password(&self.password, &self.login)
            .map_err(|c| FieldError::new("password", c))?;
        if self.role.needs_org() && self.org_id.is_none() {
            return Err(FieldError::new("org_id", ErrorCode::OrgRequired));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_long_not_the_login_and_not_one_repeated_character() {
        assert_eq!(
            validate_password("short-one", "x"),
            Err(ErrorCode::PasswordTooShort)
        );
        assert_eq!(
            validate_password("Oksana.Shevchuk", "oksana.shevchuk"),
            Err(ErrorCode::PasswordIsLogin)
        );
        assert_eq!(
            validate_password("aaaaaaaaaaaaaa", "x"),
            Err(ErrorCode::PasswordRepeated)
        );
        assert_eq!(
            validate_password("їжак-під-липою-7", "x"),
            Ok(()),
            "Ukrainian letters count as one each"
        );
        assert_eq!(
            validate_password("ґанок", "x"),
            Err(ErrorCode::PasswordTooShort)
        );
    }
}
