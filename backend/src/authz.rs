//! Who may read and plan what: every rule of role and organisation scope, in one place.

use crate::services::structure::Structure;
use shared::api::orgs::OrgKind;
use shared::api::proposals::ProposalState;
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

    /// May this user see a proposal of `org` in `state`? Drafts are their organisation's own
    /// work; once submitted, the district above and the oblast level see them too.
    pub fn can_see_proposal(
        &self,
        structure: &Structure,
        org: OrgId,
        state: ProposalState,
    ) -> bool {
        let submitted = state != ProposalState::Draft;
        match self.role {
            Role::Department => {
                submitted
                    || structure
                        .org(org)
                        .is_some_and(|o| o.kind == OrgKind::Oblast)
            }
            Role::ProgrammeHead | Role::Admin => submitted,
            Role::CommunityCoordinator => self.org == Some(org),
            Role::DistrictCoordinator => {
                self.org == Some(org)
                    || (submitted
                        && structure
                            .org(org)
                            .is_some_and(|o| o.parent.is_some() && o.parent == self.org))
            }
        }
    }

    /// The organisation whose draft this user writes: their own, or the oblast's for the
    /// department. The programme head and administrators propose nothing.
    pub fn proposal_org(&self, structure: &Structure) -> Option<OrgId> {
        match self.role {
            Role::Department => structure
                .orgs
                .iter()
                .find(|o| o.kind == OrgKind::Oblast)
                .map(|o| o.id),
            Role::CommunityCoordinator | Role::DistrictCoordinator => self.org,
            Role::ProgrammeHead | Role::Admin => None,
        }
    }

    /// May this user endorse or return a proposal of `org` on the district's step?
    pub fn can_endorse_for(&self, structure: &Structure, org: OrgId) -> bool {
        self.role == Role::DistrictCoordinator
            && structure
                .org(org)
                .is_some_and(|o| o.parent.is_some() && o.parent == self.org)
    }

    /// May this user decide proposals (approve, return, reject lines) and set the route?
    pub fn can_decide(&self) -> bool {
        self.role == Role::Department
    }

    /// May this user see the reports of `org`? The oblast level sees every report; a community
    /// its own; a district its own and its communities'.
    pub fn can_see_reports_of(&self, structure: &Structure, org: OrgId) -> bool {
        match self.role {
            Role::Department | Role::ProgrammeHead | Role::Admin => true,
            Role::CommunityCoordinator => self.org == Some(org),
            Role::DistrictCoordinator => {
                self.org == Some(org)
                    || structure
                        .org(org)
                        .is_some_and(|o| o.parent.is_some() && o.parent == self.org)
            }
        }
    }

    /// May this user write the report of `org`? Coordinators write their own organisation's;
    /// the department writes the oblast executors' (they have no accounts of their own).
    pub fn can_write_report(&self, structure: &Structure, org: OrgId) -> bool {
        match self.role {
            Role::CommunityCoordinator | Role::DistrictCoordinator => self.org == Some(org),
            Role::Department => structure
                .org(org)
                .is_some_and(|o| matches!(o.kind, OrgKind::Executor | OrgKind::Oblast)),
            Role::ProgrammeHead | Role::Admin => false,
        }
    }

    /// May this user see the dashboard of `org` (a community, a district or an executor)?
    pub fn can_see_dashboard_of(&self, structure: &Structure, org: OrgId) -> bool {
        self.can_see_reports_of(structure, org)
    }

    /// May this user see the whole oblast's dashboard?
    pub fn can_see_oblast_dashboard(&self) -> bool {
        matches!(
            self.role,
            Role::Department | Role::ProgrammeHead | Role::Admin
        )
    }

    pub fn can_manage_accounts(&self) -> bool {
        self.role == Role::Admin
    }
}
