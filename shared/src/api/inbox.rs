//! Each user's inbox: what others did to their organisation's measures, with unread counts.

use crate::api::proposals::ProposalId;
use crate::calendar::ReportPeriod;
use crate::ids::{MeasureId, OrgId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// Someone commented on a measure of my organisation.
    Comment,
    /// Someone outside my organisation changed one of its measures.
    MeasureChanged,
    /// Someone outside my organisation deleted one of its measures.
    MeasureDeleted,
    /// A proposal waits for my endorsement or decision.
    ProposalWaiting,
    /// My organisation's proposal was endorsed by the district.
    ProposalEndorsed,
    /// My organisation's proposal (or some of its lines) came back for rework.
    ProposalReturned,
    /// The department decided lines of my organisation's proposal.
    ProposalDecided,
    /// Someone commented on a proposal of my organisation (or one I review).
    ProposalComment,
    /// A report waits for my endorsement or approval.
    ReportWaiting,
    /// My organisation's report came back for rework (or was unlocked), with a reason.
    ReportReturned,
    /// The department approved my organisation's report.
    ReportApproved,
    /// A report of my organisation is due soon or today.
    ReportDue,
    /// A report is past its due date and not submitted (sent to its organisation, its district
    /// and the department).
    ReportOverdue,
    /// An uploaded file of mine was checked: its preview waits for confirmation.
    ImportChecked,
}

impl NotificationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::Comment => "comment",
            NotificationKind::MeasureChanged => "measure_changed",
            NotificationKind::MeasureDeleted => "measure_deleted",
            NotificationKind::ProposalWaiting => "proposal_waiting",
            NotificationKind::ProposalEndorsed => "proposal_endorsed",
            NotificationKind::ProposalReturned => "proposal_returned",
            NotificationKind::ProposalDecided => "proposal_decided",
            NotificationKind::ProposalComment => "proposal_comment",
            NotificationKind::ReportWaiting => "report_waiting",
            NotificationKind::ReportReturned => "report_returned",
            NotificationKind::ReportApproved => "report_approved",
            NotificationKind::ReportDue => "report_due",
            NotificationKind::ReportOverdue => "report_overdue",
            NotificationKind::ImportChecked => "import_checked",
        }
    }

    pub fn parse(s: &str) -> Option<NotificationKind> {
        [
            NotificationKind::Comment,
            NotificationKind::MeasureChanged,
            NotificationKind::MeasureDeleted,
            NotificationKind::ProposalWaiting,
            NotificationKind::ProposalEndorsed,
            NotificationKind::ProposalReturned,
            NotificationKind::ProposalDecided,
            NotificationKind::ProposalComment,
            NotificationKind::ReportWaiting,
            NotificationKind::ReportReturned,
            NotificationKind::ReportApproved,
            NotificationKind::ReportDue,
            NotificationKind::ReportOverdue,
            NotificationKind::ImportChecked,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: i32,
    pub kind: NotificationKind,
    /// The measure concerned (absent for a whole proposal).
    pub measure_id: Option<MeasureId>,
    pub proposal_id: Option<ProposalId>,
    /// The report's period, for report items (the report is `org_id`'s).
    #[serde(default)]
    pub period: Option<ReportPeriod>,
    pub org_id: OrgId,
    /// Who did it.
    pub by: String,
    /// The measure's name, or the start of the comment.
    pub summary: String,
    /// Milliseconds since the Unix epoch.
    pub at: i64,
    pub read: bool,
    /// The task the item asked for is done since (the report was submitted, the proposal or
    /// report no longer waits for this user): decided by the server when the inbox is read.
    #[serde(default)]
    pub done: bool,
}

/// `GET /api/inbox`: the newest 50 items and how many are unread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Inbox {
    pub unread: i64,
    pub items: Vec<Notification>,
}

/// `POST /api/inbox/read`: these items, or all when `ids` is absent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkRead {
    #[serde(default)]
    pub ids: Option<Vec<i32>>,
}
