//! Who acts, as the application sees them, and every rule of role and organisation scope.
//!
//! Reading: the department, the head and the administrator read everything; a community
//! coordinator reads its community, a district coordinator its own and its communities'; both read
//! the oblast executors' measures (they are the regional programme itself). Planning: the
//! department everywhere, coordinators their own organisation. Reports: coordinators write their
//! own, the department the executors' (they have no accounts). The approval chain's steps are in
//! [`super::chain`], built on these.

use super::plan::structure::Structure;
use shared::api::auth::Capabilities;
use shared::api::orgs::OrgKind;
use shared::api::proposals::ProposalState;
use shared::{OrgId, Role, UserId};

/// The signed-in user: a plain value the HTTP edge builds from the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: UserId,
    /// The display name, as records and inboxes show it.
    pub name: String,
    pub role: Role,
    pub org: Option<OrgId>,
}

impl Actor {
    /// Names this user in the answers kept for them (`App::answer`): everything a read may
    /// depend on about who asks.
    pub fn key(&self) -> String {
        let org = self.org.map_or(0, |o| o.0);
        format!("{}/{}/{org}", self.id.0, self.role.as_str())
    }

    /// May this user see the measures of `org`?
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
                self.org == Some(org) || self.is_district_above(structure, org)
            }
        }
    }

    /// Is this user the coordinator of the district `org` belongs to?
    fn is_district_above(&self, structure: &Structure, org: OrgId) -> bool {
        self.role == Role::DistrictCoordinator
            && structure
                .org(org)
                .is_some_and(|o| o.parent.is_some() && o.parent == self.org)
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
                self.org == Some(org) || (submitted && self.is_district_above(structure, org))
            }
        }
    }

    /// The organisation whose draft this user writes: their own, or the oblast's for the
    /// department. The programme head and administrators propose nothing.
    pub fn proposal_org(&self, structure: &Structure) -> Option<OrgId> {
        match self.role {
            Role::Department => structure.oblast().map(|o| o.id),
            Role::CommunityCoordinator | Role::DistrictCoordinator => self.org,
            Role::ProgrammeHead | Role::Admin => None,
        }
    }

    /// Is this user the district's reviewer of `org`'s proposals and reports?
    pub fn can_endorse_for(&self, structure: &Structure, org: OrgId) -> bool {
        self.is_district_above(structure, org)
    }

    /// May this user take the department's decisions (proposals, reports, approved amounts,
    /// thresholds, reporting settings and the route)?
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
                self.org == Some(org) || self.is_district_above(structure, org)
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

    /// May this user see the local informatization programme of `org` (a community or a
    /// district)? As its reports: the oblast level all, a community its own, a district its own
    /// and its communities'.
    pub fn can_see_local_programme_of(&self, structure: &Structure, org: OrgId) -> bool {
        self.can_see_reports_of(structure, org)
    }

    /// May this user save the local programme of `org`? Coordinators their own organisation's;
    /// the department any community's or district's.
    pub fn can_save_local_programme(&self, structure: &Structure, org: OrgId) -> bool {
        match self.role {
            Role::CommunityCoordinator | Role::DistrictCoordinator => self.org == Some(org),
            Role::Department => structure
                .org(org)
                .is_some_and(|o| matches!(o.kind, OrgKind::Community | OrgKind::District)),
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

    /// May this user run the chain check of the record?
    pub fn can_verify_record(&self) -> bool {
        self.can_see_oblast_dashboard()
    }

    /// Does this user take part in the plan's discussion (comments, presence on a measure)? The
    /// programme head does (oversight is part of it); the administrator, who manages accounts,
    /// reads the plan but does not.
    pub fn takes_part(&self) -> bool {
        self.role != Role::Admin
    }

    pub fn can_manage_accounts(&self) -> bool {
        self.role == Role::Admin
    }

    /// May this user run the reminder pass now?
    pub fn can_run_reminders(&self) -> bool {
        self.can_decide() || self.can_manage_accounts()
    }

    /// What the app offers this user, so it shows the same rules without repeating them.
    pub fn capabilities(&self) -> Capabilities {
        Capabilities {
            plan: matches!(
                self.role,
                Role::CommunityCoordinator | Role::DistrictCoordinator | Role::Department
            ),
            decide: self.can_decide(),
            report: matches!(
                self.role,
                Role::CommunityCoordinator | Role::DistrictCoordinator | Role::Department
            ),
            oblast_dashboard: self.can_see_oblast_dashboard(),
            take_part: self.takes_part(),
            manage_accounts: self.can_manage_accounts(),
            own_work: matches!(
                self.role,
                Role::CommunityCoordinator | Role::DistrictCoordinator
            ),
        }
    }
}
