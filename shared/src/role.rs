//! The roles a user account can have; what each may do is decided on the server.

use crate::api::orgs::OrgKind;
use crate::text::Text;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Plans and reports for one community.
    CommunityCoordinator,
    /// Plans for one district's own measures and reads its communities.
    DistrictCoordinator,
    /// The department: manages the whole programme.
    Department,
    /// The programme head: reads everything.
    ProgrammeHead,
    /// Manages accounts.
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::CommunityCoordinator,
        Role::DistrictCoordinator,
        Role::Department,
        Role::ProgrammeHead,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::CommunityCoordinator => "community_coordinator",
            Role::DistrictCoordinator => "district_coordinator",
            Role::Department => "department",
            Role::ProgrammeHead => "programme_head",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Roles bound to one organisation.
    pub fn needs_org(self) -> bool {
        self.org_kind().is_some()
    }

    /// The kind of organisation an account of this role belongs to, for the roles bound to one.
    pub fn org_kind(self) -> Option<OrgKind> {
        match self {
            Role::CommunityCoordinator => Some(OrgKind::Community),
            Role::DistrictCoordinator => Some(OrgKind::District),
            Role::Department | Role::ProgrammeHead | Role::Admin => None,
        }
    }

    pub fn label(self) -> Text {
        match self {
            Role::CommunityCoordinator => Text::new("Координатор громади", "Community coordinator"),
            Role::DistrictCoordinator => Text::new("Координатор району", "District coordinator"),
            Role::Department => Text::new("Департамент", "Department"),
            Role::ProgrammeHead => Text::new("Керівник програми", "Programme head"),
            Role::Admin => Text::new("Адміністратор", "Administrator"),
        }
    }
}
