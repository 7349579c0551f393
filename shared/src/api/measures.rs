//! Measures (заходи) and their budget lines; the validation the form and the server share.

use crate::amount::Amount;
use crate::codes::TaskCode;
use crate::error::{ErrorCode, FieldError};
use crate::grid::{BudgetGrid, GridCell};
use crate::ids::{DirectionId, MeasureId, OrgId, TaskId};
use crate::period::Year;
use crate::source::FundingSource;
use crate::text::Text;
use serde::{Deserialize, Serialize};

use super::auth::OrgRef;
use super::proposals::{ProposalId, ProposalLine, ProposalState};

/// Whether a measure is part of the approved plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    /// New, not yet approved: edited in place and proposed for addition.
    Draft,
    /// In the approved plan: changed only through proposals.
    Approved,
    /// Was approved, then withdrawn by a later version.
    Withdrawn,
}

impl MeasureStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MeasureStatus::Draft => "draft",
            MeasureStatus::Approved => "approved",
            MeasureStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<MeasureStatus> {
        [
            MeasureStatus::Draft,
            MeasureStatus::Approved,
            MeasureStatus::Withdrawn,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }

    pub fn label(self) -> Text {
        match self {
            MeasureStatus::Draft => Text::new("Проєкт (не затверджено)", "Draft (not approved)"),
            MeasureStatus::Approved => Text::new("Затверджено", "Approved"),
            MeasureStatus::Withdrawn => Text::new("Виключено з плану", "Withdrawn"),
        }
    }
}

/// The signed-in user's organisation's draft changes to this measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeasureDraft {
    pub proposal_id: ProposalId,
    pub proposal_version: i32,
    /// The measure as proposed (absent: proposed for withdrawal).
    pub proposed: Option<MeasureInput>,
    pub lines: Vec<ProposalLine>,
}

/// A proposal under review that touches this measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalRef {
    pub id: ProposalId,
    pub state: ProposalState,
    pub org: OrgRef,
    pub author: String,
    pub line_count: i64,
}

pub const NAME_MAX: usize = 500;
pub const DESCRIPTION_MAX: usize = 5000;
pub const RESULT_MAX: usize = 2000;

/// One budget line: a year, a funding source and an amount in thousand UAH.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BudgetLine {
    pub year: Year,
    pub source: FundingSource,
    pub amount: Amount,
}

/// What a coordinator fills in. `POST /api/measures` takes it as is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeasureInput {
    pub task_id: TaskId,
    pub org_id: OrgId,
    /// Ukrainian name required; English optional.
    pub name: Text,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub expected_result: String,
    pub start_year: Year,
    pub end_year: Year,
    #[serde(default)]
    pub budget_lines: Vec<BudgetLine>,
}

impl MeasureInput {
    /// Every rule a measure must satisfy apart from what only the server knows
    /// (that the task and organisation exist and the user may plan for it).
    pub fn validate_all(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.name.uk.trim().is_empty() {
            errors.push(FieldError::new("name.uk", ErrorCode::NameRequired));
        }
        for (field, text, max) in [
            ("name.uk", &self.name.uk, NAME_MAX),
            ("name.en", &self.name.en, NAME_MAX),
            ("description", &self.description, DESCRIPTION_MAX),
            ("expected_result", &self.expected_result, RESULT_MAX),
        ] {
            if text.chars().count() > max {
                errors.push(FieldError::new(field, ErrorCode::TextTooLong));
            }
        }
        if self.end_year < self.start_year {
            errors.push(FieldError::new("end_year", ErrorCode::YearRangeInverted));
        }
        for (i, line) in self.budget_lines.iter().enumerate() {
            if let Err(code) = line.amount.check_line() {
                errors.push(FieldError::new(format!("budget_lines[{i}].amount"), code));
            }
            if line.year < self.start_year || line.year > self.end_year {
                errors.push(FieldError::new(
                    format!("budget_lines[{i}].year"),
                    ErrorCode::BudgetLineOutsideYears,
                ));
            }
            let first = self
                .budget_lines
                .iter()
                .position(|l| l.year == line.year && l.source == line.source);
            if first != Some(i) {
                errors.push(FieldError::new(
                    format!("budget_lines[{i}].source"),
                    ErrorCode::BudgetLineDuplicate,
                ));
            }
        }
        errors
    }

    pub fn validate(&self) -> Result<(), FieldError> {
        match self.validate_all().into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    pub fn totals(&self) -> BudgetGrid {
        self.budget_lines
            .iter()
            .map(|l| GridCell {
                year: l.year,
                source: l.source,
                amount: l.amount,
            })
            .collect()
    }
}

/// `PUT /api/measures/{id}`: the whole measure, based on the version the user saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateMeasure {
    /// The version the edit is based on; a stale one gets 409 with the current measure.
    pub version: i32,
    pub measure: MeasureInput,
}

/// `GET /api/measures/{id}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeasureDetail {
    pub id: MeasureId,
    pub version: i32,
    pub direction: DirectionRef,
    pub task: TaskRef,
    pub org: OrgRef,
    pub name: Text,
    pub description: String,
    pub expected_result: String,
    pub start_year: Year,
    pub end_year: Year,
    pub budget_lines: Vec<BudgetLine>,
    pub totals: BudgetGrid,
    pub is_demo: bool,
    pub status: MeasureStatus,
    /// The plan version that approved its current state.
    pub approved_in: Option<i32>,
    /// My organisation's draft changes to it, if any.
    pub draft: Option<MeasureDraft>,
    /// Proposals under review that change it.
    pub in_review: Vec<ProposalRef>,
    /// Milliseconds since the Unix epoch.
    pub updated_at: i64,
    pub updated_by: Option<String>,
    /// Whether the signed-in user may change it.
    pub can_edit: bool,
}

impl MeasureDetail {
    /// The measure as an editable input, e.g. to start an edit from the current state.
    pub fn to_input(&self) -> MeasureInput {
        MeasureInput {
            task_id: self.task.id,
            org_id: self.org.id,
            name: self.name.clone(),
            description: self.description.clone(),
            expected_result: self.expected_result.clone(),
            start_year: self.start_year,
            end_year: self.end_year,
            budget_lines: self.budget_lines.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DirectionRef {
    pub id: DirectionId,
    pub number: i32,
    pub name: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskRef {
    pub id: TaskId,
    pub code: TaskCode,
    pub name: Text,
}

/// A measure in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeasureSummary {
    pub id: MeasureId,
    pub version: i32,
    pub task_id: TaskId,
    pub org: OrgRef,
    pub name: Text,
    pub start_year: Year,
    pub end_year: Year,
    pub totals: BudgetGrid,
    pub is_demo: bool,
    pub status: MeasureStatus,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> MeasureInput {
        MeasureInput {
            task_id: TaskId(1),
            org_id: OrgId(1),
            name: Text::new("Захід", ""),
            description: String::new(),
            expected_result: String::new(),
            start_year: Year::new(2026).expect("y"),
            end_year: Year::new(2027).expect("y"),
            budget_lines: vec![
                BudgetLine {
                    year: Year::new(2026).expect("y"),
                    source: FundingSource::Local,
                    amount: Amount::parse("10").expect("a"),
                },
                BudgetLine {
                    year: Year::new(2027).expect("y"),
                    source: FundingSource::Local,
                    amount: Amount::parse("5,5").expect("a"),
                },
            ],
        }
    }

    #[test]
    fn a_good_measure_passes() {
        assert_eq!(input().validate(), Ok(()));
        assert_eq!(input().totals().total(), Amount::parse("15,5").expect("a"));
    }

    #[test]
    fn each_rule_names_its_field() {
        let mut m = input();
        m.name.uk = "  ".into();
        assert_eq!(m.validate().map_err(|e| e.field), Err("name.uk".into()));

        let mut m = input();
        m.start_year = Year::new(2027).expect("y");
        m.end_year = Year::new(2026).expect("y");
        let errs = m.validate_all();
        assert_eq!(errs[0].code, ErrorCode::YearRangeInverted);
        assert_eq!(errs[1].field, "budget_lines[0].year");

        let mut m = input();
        m.budget_lines[1].year = m.budget_lines[0].year;
        assert_eq!(
            m.validate(),
            Err(FieldError::new(
                "budget_lines[1].source",
                ErrorCode::BudgetLineDuplicate
            ))
        );

        let mut m = input();
        m.description = "x".repeat(DESCRIPTION_MAX + 1);
        assert_eq!(
            m.validate().map_err(|e| e.code),
            Err(ErrorCode::TextTooLong)
        );
    }

    #[test]
    fn json_errors_carry_the_rule() {
        let body = r#"{"task_id":1,"org_id":1,"name":{"uk":"x","en":""},"start_year":2026,
            "end_year":2026,"budget_lines":[{"year":2026,"source":"local","amount":"-1"}]}"#;
        let err = serde_json::from_str::<MeasureInput>(body).expect_err("negative");
        assert!(err.to_string().starts_with("amount_negative"), "{err}");
    }
}
