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
    /// The administrator reset the password: until the user chooses a new one, changing it is
    /// all the session may do.
    pub must_change_password: bool,
    /// A disabled account cannot sign in (the administrator's list shows it).
    pub disabled: bool,
    /// What this user may do, as the server's rules say (the app shows what it offers from it).
    pub may: Capabilities,
}

/// What a user may do anywhere, so the app offers it without repeating the server's rules
/// (the server still checks every request, per organisation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Capabilities {
    /// Creates measures and writes proposals (their organisation's; the department's: any).
    pub plan: bool,
    /// Takes the department's decisions: proposals, reports, approved amounts, thresholds,
    /// reporting settings and the route.
    pub decide: bool,
    /// Writes reports (their organisation's; the department's: the executors').
    pub report: bool,
    /// Reads the whole oblast's dashboard (otherwise their own district's or community's).
    pub oblast_dashboard: bool,
    /// Takes part in the discussion: comments, and shows as present on a measure's page.
    pub take_part: bool,
    pub manage_accounts: bool,
    /// Lands on their own work (the home page, `GET /api/home`) rather than the oblast's
    /// passport: the coordinators.
    #[serde(default)]
    pub own_work: bool,
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
