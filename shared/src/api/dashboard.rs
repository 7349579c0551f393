//! The programme head's dashboard: budget execution, indicators, reporting compliance and what is off track, at one level.
//!
//! `GET /api/dashboard?level=oblast` (or `district`/`community` with `id`, or `measure` with
//! `id`) answers the same figures at every level, so a drill-down from the oblast to a district,
//! a community and a measure reads the same way. Every figure comes from approved reports, the
//! approved plan and the department's budget decisions; the `trace` links say which reports.

use crate::amount::Amount;
use crate::calendar::{Compliance, Date, ReportPeriod, ReportState};
use crate::execution::Execution;
use crate::ids::{DirectionId, IndicatorId, OrgId};
use crate::indicators::{Actual, IndicatorStatus, IndicatorUnit};
use crate::period::{Quarter, Year};
use crate::source::FundingSource;
use crate::text::Text;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use super::measures::DirectionRef;
use super::orgs::OrgKind;
use super::reports::{ExecutionStatus, ReportStage};

/// Which level a dashboard is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DashboardLevel {
    Oblast,
    District,
    Community,
    Measure,
}

impl DashboardLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            DashboardLevel::Oblast => "oblast",
            DashboardLevel::District => "district",
            DashboardLevel::Community => "community",
            DashboardLevel::Measure => "measure",
        }
    }

    pub fn parse(s: &str) -> Option<DashboardLevel> {
        [
            DashboardLevel::Oblast,
            DashboardLevel::District,
            DashboardLevel::Community,
            DashboardLevel::Measure,
        ]
        .into_iter()
        .find(|l| l.as_str() == s)
    }
}

/// The query of `GET /api/dashboard`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct DashboardQuery {
    /// `oblast` (default), `district`, `community` or `measure`.
    pub level: Option<String>,
    /// The district's or community's organisation id, or the measure's id.
    pub id: Option<i32>,
    /// The quarter the indicators are assessed at, `2026-Q3`; default: the latest ended one.
    pub quarter: Option<String>,
    /// Only this funding source's amounts in every budget figure (`state`, `oblast`, `local`,
    /// `other`), e.g. `oblast` for the final report on the oblast budget; default: all four.
    pub source: Option<String>,
}

/// The most troubles a dashboard lists (the rest are counted).
pub const TROUBLES_SHOWN: usize = 100;

/// A step of the drill-down path, from the oblast to here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Crumb {
    pub level: DashboardLevel,
    /// 0 for the oblast.
    pub id: i32,
    pub name: Text,
}

/// Budget execution of one year (and one direction, or all).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExecutionRow {
    pub year: Year,
    /// `None`: all directions.
    pub direction: Option<DirectionId>,
    #[serde(flatten)]
    pub execution: Execution,
}

/// One quarter of an indicator's trend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrendPoint {
    pub quarter: Quarter,
    /// The actual as of this quarter (cumulative within its year; latest for point in time).
    pub actual: Option<Actual>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub expected: Option<Decimal>,
    pub status: IndicatorStatus,
}

/// An indicator at this level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorTile {
    pub indicator_id: IndicatorId,
    pub code: String,
    pub name: Text,
    pub unit: IndicatorUnit,
    pub is_computed: bool,
    pub status: IndicatorStatus,
    pub actual: Option<Actual>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub expected: Option<Decimal>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub achievement: Option<Decimal>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub target: Option<Decimal>,
    /// Every quarter of the programme up to the assessed one.
    pub trend: Vec<TrendPoint>,
    /// Organisations (at this level) whose approved reports gave a value, of those that report it.
    pub reported: u32,
    pub reporters: u32,
    /// Who reports it (for the off-track list): an organisation's name.
    pub responsible: Option<Text>,
}

/// Reporting compliance: counts of reports by their state against the due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComplianceCounts {
    pub on_time: u32,
    pub late: u32,
    pub missing: u32,
    pub not_due: u32,
}

impl ComplianceCounts {
    pub fn add(&mut self, c: Compliance) {
        match c {
            Compliance::OnTime => self.on_time += 1,
            Compliance::Late => self.late += 1,
            Compliance::Missing => self.missing += 1,
            Compliance::NotDue => self.not_due += 1,
        }
    }

    /// Reports that were due.
    pub fn due(&self) -> u32 {
        self.on_time + self.late + self.missing
    }

    /// On time ÷ due, %, one decimal; `None` when nothing was due yet.
    pub fn on_time_percent(&self) -> Option<Decimal> {
        crate::amount::percent_of(Decimal::from(self.on_time), Decimal::from(self.due()))
    }
}

/// The compliance of one period at this level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodCompliance {
    pub period: ReportPeriod,
    pub due: Date,
    pub counts: ComplianceCounts,
}

/// A district, community or measure one level down, with the same figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChildRow {
    pub level: DashboardLevel,
    pub id: i32,
    pub name: Text,
    /// For an organisation: its kind; for a measure: `None`.
    pub kind: Option<OrgKind>,
    /// The KATOTTG code of a community (the map's key).
    pub code: Option<String>,
    pub execution: Execution,
    /// All periods so far, against their due dates.
    pub compliance: ComplianceCounts,
    /// Its (or its organisation's) report for the latest period that is due or ended.
    pub latest_report: Option<ReportState>,
    /// Counts per indicator status of what it reports and is held to.
    pub indicators: Vec<(IndicatorStatus, u32)>,
    /// Per indicator with a status of its own here (e.g. a community's mean-type indicator).
    pub indicator_status: Vec<(IndicatorId, IndicatorStatus)>,
    /// For a measure: its latest reported execution status.
    pub execution_status: Option<ExecutionStatus>,
}

/// Why something is on the off-track list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TroubleKind {
    /// An indicator off track (or at risk).
    Indicator,
    /// A measure its executor reports at risk.
    Measure,
    /// A report past its due date and not submitted.
    ReportMissing,
    /// Spending far below the approved amount for the time of year.
    LowExecution,
    /// Approved reports spent more than the line's approved (or planned) amount.
    Overspent,
}

impl TroubleKind {
    pub fn label(self) -> Text {
        match self {
            TroubleKind::Indicator => Text::new("Показник", "Indicator"),
            TroubleKind::Measure => Text::new("Захід", "Measure"),
            TroubleKind::ReportMissing => Text::new("Звіт не подано", "Report missing"),
            TroubleKind::LowExecution => Text::new("Низьке виконання", "Low execution"),
            TroubleKind::Overspent => {
                Text::new("Витрати понад затверджене", "Spent above approved")
            }
        }
    }
}

/// One thing that is behind, and who is responsible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Trouble {
    pub kind: TroubleKind,
    pub name: Text,
    /// What is wrong, in figures: "48 of 60 expected (80,0 %)".
    pub detail: Text,
    pub responsible: Option<OrgId>,
    pub responsible_name: Option<Text>,
    /// Where it leads: a measure's id, an indicator's id, or a report's organisation.
    pub link_level: Option<DashboardLevel>,
    pub link_id: Option<i32>,
    /// For a missing report: its period.
    pub period: Option<ReportPeriod>,
}

/// Where a figure comes from: a report with spending behind it (counted once approved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TraceReport {
    pub org: OrgId,
    pub org_name: Text,
    pub period: ReportPeriod,
    pub stage: ReportStage,
    /// Executed amount it contributes at this level.
    pub executed: Amount,
}

/// `GET /api/dashboard`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    pub level: DashboardLevel,
    pub id: i32,
    pub name: Text,
    pub path: Vec<Crumb>,
    /// The server's today (Kyiv) and the quarter the indicators are assessed at.
    pub today: Date,
    pub quarter: Quarter,
    /// The funding source every budget figure here is of; `None`: all four added up.
    pub source: Option<FundingSource>,
    pub directions: Vec<DirectionRef>,
    /// Per year, all directions and each direction.
    pub execution: Vec<ExecutionRow>,
    pub total: Execution,
    pub indicators: Vec<IndicatorTile>,
    /// Every period due so far (and the next one), oldest first.
    pub compliance: Vec<PeriodCompliance>,
    pub compliance_total: ComplianceCounts,
    pub children: Vec<ChildRow>,
    /// For the map, at the oblast and district levels: every community in scope, with the same
    /// figures as a child row (at the oblast level `children` are the districts).
    pub map: Vec<ChildRow>,
    pub troubles: Vec<Trouble>,
    /// How many troubles there are in all (the list is capped at [`TROUBLES_SHOWN`]).
    pub troubles_total: u32,
    /// For a community or a measure: the reports with spending behind the executed figures —
    /// approved ones (which count) and those still on their way (which do not yet), by `stage`.
    pub trace: Vec<TraceReport>,
}

/// One community's outline on the map, already projected to the SVG's coordinates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MapShape {
    pub org: OrgId,
    /// KATOTTG code.
    pub code: String,
    pub name: Text,
    /// An SVG path (`M… L… Z`), in the map's view box.
    pub path: String,
    /// A point inside it for a label, in the view box.
    pub label_x: i32,
    pub label_y: i32,
}

/// `GET /api/map`: the 86 communities and 7 districts as SVG paths (the data of
/// `communities.geojson` and `districts.geojson`, projected once on the server). Cacheable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MapShapes {
    pub width: u32,
    pub height: u32,
    pub communities: Vec<MapShape>,
    pub districts: Vec<MapShape>,
}
