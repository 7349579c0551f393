//! `GET /api/home`: a coordinator's own work in one answer — their organisation's measures, the
//! next report to hand in, the proposals waiting for them and the unread inbox.

use crate::amount::Amount;
use crate::api::auth::OrgRef;
use crate::api::inbox::Notification;
use crate::api::measures::MeasureStatus;
use crate::api::proposals::ProposalSummary;
use crate::api::reports::ReportRow;
use crate::calendar::Date;
use crate::ids::MeasureId;
use crate::period::Year;
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// One of the organisation's measures, as the home page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HomeMeasure {
    pub id: MeasureId,
    pub name: Text,
    pub status: MeasureStatus,
    pub start_year: Year,
    pub end_year: Year,
    /// Every budget line over the measure's years.
    pub total: Amount,
}

/// How many unread inbox items the home page shows (the inbox page has the rest).
pub const HOME_INBOX_ITEMS: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Home {
    /// The server's today (Kyiv), which the report's state is computed against.
    pub today: Date,
    /// The user's organisation (none for the oblast-level roles).
    pub org: Option<OrgRef>,
    /// Its measures in the plan's order, drafts and approved ones (not the withdrawn).
    pub measures: Vec<HomeMeasure>,
    /// The report to hand in next, with its due date: the first due of those not submitted
    /// whose period has begun (`shared::calendar::next_due`).
    pub next_report: Option<ReportRow>,
    /// Proposals waiting for the user's step (a district's endorsement).
    pub proposals_waiting: Vec<ProposalSummary>,
    /// How many inbox items are unread, and the newest of them.
    pub unread: i64,
    pub inbox: Vec<Notification>,
}
