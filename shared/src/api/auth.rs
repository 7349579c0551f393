//! Sign-in, sign-out and the current session.

use crate::ids::{OrgId, UserId};
use crate::role::Role;
use crate::text::Text;
use serde::{Deserialize, Serialize};

use super::orgs::OrgKind;

/// `POST /api/auth/login`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub login: String,
    pub password: String,
}

/// Who is signed in. Returned by sign-in and `GET /api/auth/me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub user: UserInfo,
    /// Send back in the `X-CSRF-Token` header with every write.
    pub csrf_token: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserInfo {
    pub id: UserId,
    pub login: String,
    pub display_name: String,
    pub role: Role,
    pub org: Option<OrgRef>,
    pub is_demo: bool,
}

/// An organisation as other resources mention it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgRef {
    pub id: OrgId,
    pub kind: OrgKind,
    pub name: Text,
    /// The district a community belongs to.
    pub parent: Option<OrgId>,
}
