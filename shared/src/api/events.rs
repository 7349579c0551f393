//! Live events (`GET /api/events`, server-sent events): what changed, where, and who changed it.

use crate::api::proposals::ProposalId;
use crate::calendar::ReportPeriod;
use crate::ids::{MeasureId, OrgId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LiveEventKind {
    MeasureCreated,
    MeasureUpdated,
    MeasureDeleted,
    CommentAdded,
    /// Someone opened or left the measure, or started or stopped editing it.
    PresenceChanged,
    /// A draft proposal's lines changed (seen by its organisation's planners).
    ProposalChanged,
    ProposalSubmitted,
    ProposalEndorsed,
    ProposalReturned,
    /// The department decided lines of a proposal.
    ProposalDecided,
    /// Approved lines made a new version of the plan.
    PlanVersionCreated,
    /// A draft report was saved (heard by its organisation only).
    ReportChanged,
    ReportSubmitted,
    ReportEndorsed,
    ReportReturned,
    /// The department approved a report: executed amounts and indicator values moved.
    ReportApproved,
    ReportUnlocked,
    /// The department entered a measure's approved amounts.
    BudgetApproved,
    /// A community's or district's local programme was saved.
    LocalProgrammeChanged,
}

/// One event, sent as the `data:` of an SSE message whose `event:` is `change`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveEvent {
    pub kind: LiveEventKind,
    /// The measure concerned (absent for events about a whole proposal or version).
    pub measure_id: Option<MeasureId>,
    pub proposal_id: Option<ProposalId>,
    /// The new plan version's number, for `plan_version_created`.
    #[serde(default)]
    pub version: Option<i32>,
    /// About a draft proposal: only its organisation's planners hear of it.
    #[serde(default)]
    pub draft: bool,
    /// The report's period, for report events (the report is `org_id`'s).
    #[serde(default)]
    pub period: Option<ReportPeriod>,
    /// The organisation the measure or proposal belongs to: events reach only those who may
    /// read it (a draft proposal's events, only its own planners).
    pub org_id: OrgId,
    /// Who made the change.
    pub by: String,
    /// Milliseconds since the Unix epoch, when the change was committed.
    pub at: i64,
}
