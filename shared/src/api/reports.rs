//! Quarterly and annual reports: what an organisation did, spent and achieved in a period, sent up the chain.
//!
//! A report belongs to one organisation and one period (`2026-Q1`, or `2026` for the year) and
//! is addressed as `/api/reports/{org}/{period}`. It lists the organisation's approved measures
//! (an execution status, a short narrative, the amounts spent in the period per budget line of
//! the period's year) and the indicators it reports (the actual value, with a comment when the
//! value moves a lot). An annual report has statuses, narratives and indicator values for the
//! year; the year's spending is the sum of its quarters, shown but not typed again.
//!
//! The chain is the proposals' one: the author submits, the district endorses (a community's
//! report) or returns it, the department approves or returns it. An approved report is locked;
//! the department unlocks it with a reason, which goes on its record, and it is a draft again.

use crate::amount::Amount;
use crate::calendar::{Compliance, Date, Deadline, ReportPeriod, ReportStatus};
use crate::chain::{Action, Position, Reviewer};
use crate::error::{ErrorCode, FieldError};
use crate::ids::{IndicatorId, MeasureId, OrgId};
use crate::indicators::{IndicatorKind, IndicatorStatus, IndicatorUnit};
use crate::period::Year;
use crate::source::FundingSource;
use crate::text::Text;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::auth::OrgRef;

/// The longest narrative or comment accepted.
pub const NARRATIVE_MAX: usize = 2000;

/// Where a report is on its way up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportStage {
    /// Being written (also after a return or an unlock: the reason is on its record).
    Draft,
    /// Waiting for the district's endorsement (a community's report).
    Submitted,
    /// Waiting for the department's approval.
    Endorsed,
    /// Approved by the department: locked.
    Approved,
}

impl ReportStage {
    pub const ALL: [ReportStage; 4] = [
        ReportStage::Draft,
        ReportStage::Submitted,
        ReportStage::Endorsed,
        ReportStage::Approved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportStage::Draft => "draft",
            ReportStage::Submitted => "submitted",
            ReportStage::Endorsed => "endorsed",
            ReportStage::Approved => "approved",
        }
    }

    pub fn parse(s: &str) -> Option<ReportStage> {
        ReportStage::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Where it stands on the approval chain.
    pub fn position(self) -> Position {
        match self {
            ReportStage::Draft => Position::Draft,
            ReportStage::Submitted => Position::Waiting(Reviewer::District),
            ReportStage::Endorsed => Position::Waiting(Reviewer::Department),
            ReportStage::Approved => Position::Approved,
        }
    }

    /// The stage a report is at once the chain moved it to `position`.
    pub fn at(position: Position) -> ReportStage {
        match position {
            Position::Draft | Position::Returned => ReportStage::Draft,
            Position::Waiting(Reviewer::District) => ReportStage::Submitted,
            Position::Waiting(Reviewer::Department) => ReportStage::Endorsed,
            Position::Approved => ReportStage::Approved,
        }
    }

    pub fn label(self) -> Text {
        match self {
            ReportStage::Draft => Text::new("Чернетка", "Draft"),
            ReportStage::Submitted => Text::new("На погодженні району", "Awaiting the district"),
            ReportStage::Endorsed => {
                Text::new("На розгляді департаменту", "Awaiting the department")
            }
            ReportStage::Approved => Text::new("Затверджено", "Approved"),
        }
    }
}

/// How a measure is going, as its executor reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExecutionStatus {
    NotStarted,
    InProgress,
    Done,
    Cancelled,
    AtRisk,
}

impl ExecutionStatus {
    pub const ALL: [ExecutionStatus; 5] = [
        ExecutionStatus::NotStarted,
        ExecutionStatus::InProgress,
        ExecutionStatus::Done,
        ExecutionStatus::Cancelled,
        ExecutionStatus::AtRisk,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExecutionStatus::NotStarted => "not_started",
            ExecutionStatus::InProgress => "in_progress",
            ExecutionStatus::Done => "done",
            ExecutionStatus::Cancelled => "cancelled",
            ExecutionStatus::AtRisk => "at_risk",
        }
    }

    pub fn parse(s: &str) -> Option<ExecutionStatus> {
        ExecutionStatus::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn label(self) -> Text {
        match self {
            ExecutionStatus::NotStarted => Text::new("Не розпочато", "Not started"),
            ExecutionStatus::InProgress => Text::new("Виконується", "In progress"),
            ExecutionStatus::Done => Text::new("Виконано", "Done"),
            ExecutionStatus::Cancelled => Text::new("Скасовано", "Cancelled"),
            ExecutionStatus::AtRisk => Text::new("Під загрозою", "At risk"),
        }
    }

    /// Whether the dashboard lists the measure among what is behind.
    pub fn is_trouble(self) -> bool {
        self == ExecutionStatus::AtRisk
    }
}

/// One budget line of a measure in the period's year, with its three layers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpendingLine {
    pub year: Year,
    pub source: FundingSource,
    pub planned: Amount,
    /// From the year's budget decision; zero until the department enters it.
    pub approved: Amount,
    /// Spent in the year's earlier quarters, by approved reports.
    pub executed_before: Amount,
    /// Spent in this period, as this report says (for an annual report: the year's total).
    pub spent: Amount,
    /// Why the spending goes above the limit (`crate::execution::overspent`), if it does.
    pub comment: String,
    /// Whether the year's spending goes above the approved amount (or the planned one while
    /// nothing is approved): it then needs a comment, and reviewers are shown it.
    pub over: bool,
}

/// One measure in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportMeasure {
    pub measure_id: MeasureId,
    /// The task's code, e.g. `2.1`.
    pub task_code: String,
    pub name: Text,
    pub status: Option<ExecutionStatus>,
    /// What was done; in an annual report, the results achieved ("Досягнуті результати").
    pub narrative: String,
    /// An annual report's reasons for non-execution ("Причини невиконання"); always empty in a
    /// quarterly report. Missing in reports frozen before it existed: read as empty.
    #[serde(default)]
    pub reasons: String,
    pub lines: Vec<SpendingLine>,
}

/// One indicator in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportValue {
    pub indicator_id: IndicatorId,
    pub code: String,
    pub name: Text,
    pub unit: IndicatorUnit,
    pub kind: IndicatorKind,
    /// This organisation's value for the previous period of the same kind, if any.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub previous: Option<Decimal>,
    /// The target pro-rated to the period, when the organisation is held to it.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub expected: Option<Decimal>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub value: Option<Decimal>,
    pub comment: String,
    /// The status of this value against `expected` (no target of its own: `no_target`).
    pub status: IndicatorStatus,
}

/// One step on a report's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportStep {
    pub action: Action,
    pub by_name: String,
    /// Milliseconds since the epoch.
    pub at: i64,
    pub reason: Option<String>,
}

/// `GET /api/reports/{org}/{period}`: the report (a blank draft when nothing is saved yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    pub org: OrgRef,
    pub period: ReportPeriod,
    /// `None`: nothing saved yet.
    pub stage: Option<ReportStage>,
    /// Its state on the calendar (due date, overdue, late).
    pub status: ReportStatus,
    pub deadlines: Vec<Deadline>,
    /// 0 before the first save; send it back with every write.
    pub version: i32,
    pub measures: Vec<ReportMeasure>,
    pub values: Vec<ReportValue>,
    pub steps: Vec<ReportStep>,
    /// What the signed-in user may do with it now.
    pub can_edit: bool,
    pub actions: Vec<Action>,
    /// The share (percent) a value may move from the previous period without a comment.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub max_change_percent: Decimal,
}

/// One measure's part of a save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeasureReportInput {
    pub measure_id: MeasureId,
    pub status: Option<ExecutionStatus>,
    #[serde(default)]
    pub narrative: String,
    /// Reasons for non-execution: annual reports only (a quarterly report refuses a non-empty
    /// one with `reasons_in_quarterly`).
    #[serde(default)]
    pub reasons: String,
    /// Spent in the period per source (of the period's year); quarterly reports only.
    #[serde(default)]
    pub spending: Vec<SpendingInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpendingInput {
    pub source: FundingSource,
    pub amount: Amount,
    /// Required when the spending goes above the approved (or planned) amount.
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValueInput {
    pub indicator_id: IndicatorId,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub value: Option<Decimal>,
    #[serde(default)]
    pub comment: String,
}

/// `PUT /api/reports/{org}/{period}`: the whole draft as the author has it. Fields name errors
/// as `measures[i].narrative`, `measures[i].reasons`, `measures[i].spending[j].amount`,
/// `values[i].value`, `values[i].comment`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaveReport {
    pub version: i32,
    pub measures: Vec<MeasureReportInput>,
    pub values: Vec<ValueInput>,
}

impl SaveReport {
    /// The rules that need nothing but the request: lengths, duplicates and amounts.
    pub fn check_shape(&self) -> Result<(), FieldError> {
        let mut seen = std::collections::HashSet::new();
        for (i, m) in self.measures.iter().enumerate() {
            if !seen.insert(m.measure_id) {
                return Err(FieldError::new(
                    format!("measures[{i}].measure_id"),
                    ErrorCode::LineDuplicate,
                ));
            }
            for (field, text) in [("narrative", &m.narrative), ("reasons", &m.reasons)] {
                if text.chars().count() > NARRATIVE_MAX {
                    return Err(FieldError::new(
                        format!("measures[{i}].{field}"),
                        ErrorCode::TextTooLong,
                    ));
                }
            }
            let mut sources = std::collections::HashSet::new();
            for (j, s) in m.spending.iter().enumerate() {
                let field = format!("measures[{i}].spending[{j}].amount");
                if !sources.insert(s.source) {
                    return Err(FieldError::new(field, ErrorCode::LineDuplicate));
                }
                s.amount
                    .check_line()
                    .map_err(|code| FieldError::new(field, code))?;
                if s.comment.chars().count() > NARRATIVE_MAX {
                    return Err(FieldError::new(
                        format!("measures[{i}].spending[{j}].comment"),
                        ErrorCode::TextTooLong,
                    ));
                }
            }
        }
        let mut indicators = std::collections::HashSet::new();
        for (i, v) in self.values.iter().enumerate() {
            if !indicators.insert(v.indicator_id) {
                return Err(FieldError::new(
                    format!("values[{i}].indicator_id"),
                    ErrorCode::LineDuplicate,
                ));
            }
            if v.comment.chars().count() > NARRATIVE_MAX {
                return Err(FieldError::new(
                    format!("values[{i}].comment"),
                    ErrorCode::TextTooLong,
                ));
            }
        }
        Ok(())
    }
}

/// `POST /api/reports/{org}/{period}/{action}` for submit, endorse, return, approve and unlock.
/// A return and an unlock need a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportStepRequest {
    pub version: i32,
    #[serde(default)]
    pub reason: Option<String>,
}

/// One organisation's report for one period, as the calendar lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportRow {
    pub org: OrgRef,
    pub period: ReportPeriod,
    pub stage: Option<ReportStage>,
    pub status: ReportStatus,
    pub compliance: Compliance,
    /// The first submission's date (Kyiv), which compliance counts.
    pub submitted_on: Option<Date>,
    /// Whether the signed-in user has a step to take on it.
    pub waiting_for_me: bool,
}

/// `GET /api/reports?period=2026-Q1` (every organisation the user sees, for one period) or
/// `?org=12` (one organisation, every period): the reporting calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportCalendar {
    /// The server's today (Kyiv), which every state is computed against.
    pub today: Date,
    pub rows: Vec<ReportRow>,
}

/// The query of `GET /api/reports`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ReportQuery {
    /// `2026-Q1` or `2026`.
    pub period: Option<String>,
    pub org: Option<OrgId>,
}

/// `GET /api/reporting/settings`, `PUT` (department): reminders and the comment rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportingSettings {
    /// Days before a due date the early reminder goes out (0: none), at most 30.
    pub remind_days_before: u32,
    /// The share (percent, 1–1000) a value may move from the previous period without a comment.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub max_change_percent: Decimal,
}

impl ReportingSettings {
    pub fn check(&self) -> Result<(), FieldError> {
        if self.remind_days_before > 30 {
            return Err(FieldError::new(
                "remind_days_before",
                ErrorCode::ReminderDaysInvalid,
            ));
        }
        if self.max_change_percent < Decimal::ONE || self.max_change_percent > Decimal::from(1000) {
            return Err(FieldError::new(
                "max_change_percent",
                ErrorCode::MaxChangeInvalid,
            ));
        }
        Ok(())
    }
}

/// `POST /api/reporting/reminders`: the reminder pass, run now (it also runs every hour).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RemindersRun {
    pub today: Date,
    /// Inbox items added (reminders already sent are never repeated).
    pub sent: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn save(measures: Vec<MeasureReportInput>, values: Vec<ValueInput>) -> SaveReport {
        SaveReport {
            version: 1,
            measures,
            values,
        }
    }

    fn measure(id: i32, spending: Vec<SpendingInput>) -> MeasureReportInput {
        MeasureReportInput {
            measure_id: MeasureId(id),
            status: Some(ExecutionStatus::InProgress),
            narrative: String::new(),
            reasons: String::new(),
            spending,
        }
    }

    #[test]
    fn shape_checks_name_the_field() {
        let a = |s: &str| Amount::parse(s).expect(s);
        let spend = |source, amount| SpendingInput {
            source,
            amount,
            comment: String::new(),
        };
        assert_eq!(
            save(vec![measure(1, vec![]), measure(1, vec![])], vec![]).check_shape(),
            Err(FieldError::new(
                "measures[1].measure_id",
                ErrorCode::LineDuplicate
            ))
        );
        let twice = vec![
            spend(FundingSource::Local, a("1")),
            spend(FundingSource::Local, a("2")),
        ];
        assert_eq!(
            save(vec![measure(1, twice)], vec![]).check_shape(),
            Err(FieldError::new(
                "measures[0].spending[1].amount",
                ErrorCode::LineDuplicate
            ))
        );
        let mut long = measure(2, vec![]);
        long.narrative = "я".repeat(NARRATIVE_MAX + 1);
        assert_eq!(
            save(vec![long], vec![]).check_shape(),
            Err(FieldError::new(
                "measures[0].narrative",
                ErrorCode::TextTooLong
            ))
        );
        let mut long = measure(2, vec![]);
        long.reasons = "я".repeat(NARRATIVE_MAX + 1);
        assert_eq!(
            save(vec![long], vec![]).check_shape(),
            Err(FieldError::new(
                "measures[0].reasons",
                ErrorCode::TextTooLong
            ))
        );
        let ok = vec![
            spend(FundingSource::Local, a("1.5")),
            spend(FundingSource::Oblast, a("0")),
        ];
        assert_eq!(save(vec![measure(3, ok)], vec![]).check_shape(), Ok(()));
    }

    #[test]
    fn stages_and_actions_round_trip() {
        for s in ReportStage::ALL {
            assert_eq!(ReportStage::parse(s.as_str()), Some(s));
        }
        for s in ExecutionStatus::ALL {
            assert_eq!(ExecutionStatus::parse(s.as_str()), Some(s));
            assert!(!s.label().uk.is_empty());
        }
    }
}
