//! `/api/public/...`: the open programme, read without an account. Only what is final is here:
//! the approved plan, figures of approved reports, the versions the council or the department
//! approved. No person's name or login, no draft, proposal, comment or report in progress.

use crate::amount::Amount;
use crate::api::dashboard::{ComplianceCounts, IndicatorTile};
use crate::api::local_programmes::LocalProgrammeStatus;
use crate::api::measures::BudgetLine;
use crate::api::orgs::OrgKind;
use crate::api::programme::ProgrammeOverview;
use crate::api::proposals::Change;
use crate::api::reports::ExecutionStatus;
use crate::calendar::{Compliance, Date, ReportPeriod};
use crate::execution::Execution;
use crate::grid::BudgetGrid;
use crate::ids::{DirectionId, MeasureId, OrgId, TaskId};
use crate::indicators::Indicator;
use crate::period::Year;
use crate::{FundingSource, Text};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Planned, approved and executed (thousand UAH) with the two percentages (approved ÷ planned,
/// executed ÷ approved; absent with a zero base).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicExecution {
    pub planned: Amount,
    pub approved: Amount,
    pub executed: Amount,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub approved_percent: Option<Decimal>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub executed_percent: Option<Decimal>,
}

impl From<Execution> for PublicExecution {
    fn from(e: Execution) -> Self {
        PublicExecution {
            planned: e.planned,
            approved: e.approved,
            executed: e.executed,
            approved_percent: e.approved_percent(),
            executed_percent: e.executed_percent(),
        }
    }
}

impl PublicExecution {
    /// The three layers alone.
    pub fn layers(&self) -> Execution {
        Execution::new(self.planned, self.approved, self.executed)
    }
}

/// One year × source of a measure's budget with its three layers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicBudgetCell {
    pub year: Year,
    pub source: FundingSource,
    pub execution: PublicExecution,
}

/// An organisation as the public pages name it: its name and KATOTTH code, never a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicOrgRef {
    pub id: OrgId,
    pub kind: OrgKind,
    pub name: Text,
    /// The KATOTTH code (communities, districts, the oblast).
    pub code: Option<String>,
}

/// A measure of the approved plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicMeasure {
    pub id: MeasureId,
    pub task_id: TaskId,
    pub direction_id: DirectionId,
    pub executor: PublicOrgRef,
    pub name: Text,
    pub start_year: Year,
    pub end_year: Year,
    /// Year × source, each with planned / approved / executed.
    pub budget: Vec<PublicBudgetCell>,
    pub total: PublicExecution,
    /// The latest status an approved report gave it.
    pub status: Option<ExecutionStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicTask {
    pub id: TaskId,
    pub code: String,
    pub name: Text,
    pub totals: BudgetGrid,
    pub execution: PublicExecution,
    pub measures: Vec<PublicMeasure>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicDirection {
    pub id: DirectionId,
    pub number: i32,
    pub name: Text,
    pub totals: BudgetGrid,
    pub execution: PublicExecution,
    pub tasks: Vec<PublicTask>,
}

/// `GET /api/public/plan`: the approved plan, directions → tasks → measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicPlan {
    /// The plan version in force.
    pub version: i32,
    pub totals: BudgetGrid,
    pub execution: PublicExecution,
    pub measure_count: i64,
    pub directions: Vec<PublicDirection>,
}

/// `GET /api/public/programme`: the passport, the envelope and the directions with totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicProgramme {
    #[serde(flatten)]
    pub overview: ProgrammeOverview,
    pub execution: PublicExecution,
    /// The plan version in force.
    pub version: i32,
    /// The day the published figures last changed (a plan version or an approved report).
    pub last_modified: Date,
}

/// `GET /api/public/measures/{id}`: one measure of the approved plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicMeasureDetail {
    #[serde(flatten)]
    pub measure: PublicMeasure,
    pub direction: Text,
    pub task_code: String,
    pub task: Text,
    pub description: String,
    pub expected_result: String,
}

/// An indicator with its baseline and targets, and the oblast's actuals of approved reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicIndicator {
    pub code: String,
    pub indicator: Indicator,
    /// The oblast's figure for the latest ended quarter, with the trend of every quarter so far.
    pub oblast: Option<IndicatorTile>,
}

/// `GET /api/public/indicators`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicIndicators {
    /// The quarter the figures are for.
    pub quarter: String,
    pub indicators: Vec<PublicIndicator>,
}

/// One report due from an organisation: when, and whether it came on time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicReportDue {
    pub period: ReportPeriod,
    pub due: Date,
    pub compliance: Compliance,
}

/// An organisation with its measures' execution and its reporting compliance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicOrg {
    #[serde(flatten)]
    pub org: PublicOrgRef,
    pub parent: Option<OrgId>,
    pub population: Option<i64>,
    /// Its own measures in the approved plan.
    pub measure_count: i64,
    pub execution: PublicExecution,
    pub compliance: ComplianceCounts,
    /// Every report due from it so far (and the next one).
    pub reports: Vec<PublicReportDue>,
}

/// A task of the regional programme, by its code and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicTaskRef {
    pub id: TaskId,
    pub code: String,
    pub name: Text,
}

/// A community's or district's local informatization programme as published: only one its
/// council adopted — approved or expired, with the decision and its date. A draft (no decision
/// yet) and a cancelled one (revoked, or abandoned before a decision) are not published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicLocalProgramme {
    pub title: String,
    /// The council's decision.
    pub decision: String,
    pub decision_date: Date,
    pub first_year: i32,
    pub last_year: i32,
    /// `approved` or `expired`.
    pub status: LocalProgrammeStatus,
    /// In force today: approved, decided on or before today, today's year within its term.
    pub in_force: bool,
    /// The envelope for the regional programme's years within its term, per year × source.
    pub envelope: Vec<BudgetLine>,
    /// The regional programme's tasks its measures align to.
    pub tasks: Vec<PublicTaskRef>,
    /// Demo data, not a real decision.
    pub is_demo: bool,
}

/// `GET /api/public/orgs/{org}`: one organisation's figures, the organisation above it and its
/// adopted local programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicOrgDetail {
    #[serde(flatten)]
    pub org: PublicOrg,
    /// The district of a community (the oblast of a district).
    pub parent_org: Option<PublicOrgRef>,
    /// Communities and districts only; absent when none was adopted.
    pub local_programme: Option<PublicLocalProgramme>,
}

/// `GET /api/public/orgs`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicOrgs {
    pub today: Date,
    pub orgs: Vec<PublicOrg>,
}

/// One line a version changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicChange {
    pub measure_id: MeasureId,
    pub measure_name: Text,
    pub executor: PublicOrgRef,
    pub change: Change,
}

/// One approved version of the plan and what it changed against the one before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicVersion {
    pub number: i32,
    /// Milliseconds since the Unix epoch.
    pub approved_at: i64,
    pub decision: Text,
    /// How many measures it changed.
    pub measure_count: i64,
    /// The whole plan's budget in this version.
    pub totals: BudgetGrid,
    pub changes: Vec<PublicChange>,
}

/// `GET /api/public/versions`, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicVersions {
    pub current: i32,
    pub versions: Vec<PublicVersion>,
}
