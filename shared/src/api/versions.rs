//! Versions of the approved plan, and the comparison of any two of them.

use crate::grid::BudgetGrid;
use crate::ids::MeasureId;
use crate::text::Text;
use serde::{Deserialize, Serialize};

use super::auth::OrgRef;
use super::proposals::{Change, ProposalId};

/// One approved state of the plan. Version 1 is the plan as the oblast council approved it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanVersion {
    pub number: i32,
    /// Milliseconds since the Unix epoch.
    pub approved_at: i64,
    /// The decision or reason.
    pub decision: Text,
    /// Who approved it (absent for the council's decision).
    pub approved_by: Option<String>,
    /// The proposal whose lines made it.
    pub proposal_id: Option<ProposalId>,
    /// How many measures it changed.
    pub measure_count: i64,
    /// The whole plan's budget in this version.
    pub totals: BudgetGrid,
}

/// `GET /api/plan/versions`, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanVersions {
    pub current: i32,
    pub versions: Vec<PlanVersion>,
}

/// One changed line between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComparisonRow {
    pub measure_id: MeasureId,
    pub measure_name: Text,
    pub org: OrgRef,
    pub change: Change,
}

/// `GET /api/plan/versions/{from}/compare/{to}`: every changed line, with the totals of both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionComparison {
    pub from: PlanVersion,
    pub to: PlanVersion,
    pub rows: Vec<ComparisonRow>,
}
