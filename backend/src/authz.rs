//! Who may read and plan what: every rule of role and organisation scope, in one place.

use crate::services::structure::Structure;
use shared::api::orgs::OrgKind;
use shared::{OrgId, Role};

/// The signed-in user, as the rules need them.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: i32,
    pub role: Role,
    pub org: Option<OrgId>,
}

impl Actor {
    /// May this user see the measures of `org`?
    ///
    /// The oblast executors' measures are the regional programme itself and are visible to all;
    /// a community sees its own; a district its own and its communities'.
    pub fn can_read_org(&self, structure: &Structure, org: OrgId) -> bool {
        match self.role {
            Role::Department | Role::ProgrammeHead | Role::Admin => true,
            Role::CommunityCoordinator | Role::DistrictCoordinator => {
                let Some(info) = structure.org(org) else {
                    return false;
                };
                if matches!(info.kind, OrgKind::Executor | OrgKind::Oblast) {
                    return true;
                }
                let own = self.org;
                own == Some(org)
                    || (self.role == Role::DistrictCoordinator
                        && info.parent.is_some()
                        && info.parent == own)
            }
        }
    }

    /// May this user create, change or delete measures of `org`?
    pub fn can_plan_for(&self, org: OrgId) -> bool {
        match self.role {
            Role::Department => true,
            Role::CommunityCoordinator | Role::DistrictCoordinator => self.org == Some(org),
            Role::ProgrammeHead | Role::Admin => false,
        }
    }

    pub fn can_manage_accounts(&self) -> bool {
        self.role == Role::Admin
    }
}
