//! Local informatization programmes of communities and districts: what is recorded, the rules a
//! save must keep, and when a programme counts as approved and in force (IND-01).
//!
//! One current programme per organisation; its earlier states are on the record. The envelope
//! is kept for the regional programme's years (2026–2028) that the local term covers, per
//! funding source, in thousand UAH; the tasks are the regional programme's tasks its measures
//! align to.

use crate::amount::Amount;
use crate::calendar::{year_end, Date};
use crate::error::{ErrorCode, FieldError};
use crate::ids::{OrgId, TaskId};
use crate::period::Year;
use crate::source::FundingSource;
use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::ops::RangeInclusive;

use super::auth::OrgRef;
use super::measures::BudgetLine;

/// The years a local programme's term may name.
pub const TERM_YEARS: RangeInclusive<i32> = 2015..=2040;
pub const TITLE_MAX: usize = 500;
pub const DECISION_MAX: usize = 300;

/// Where a local programme stands.
///
/// - `draft`: being prepared, no council decision yet;
/// - `approved`: adopted by the council's decision (number and date required); it is in force
///   in the years of its term from the decision's date (`in_force`);
/// - `expired`: its term ended or a new programme replaced it;
/// - `cancelled`: the council revoked it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LocalProgrammeStatus {
    Draft,
    Approved,
    Expired,
    Cancelled,
}

impl LocalProgrammeStatus {
    pub const ALL: [LocalProgrammeStatus; 4] = [
        LocalProgrammeStatus::Draft,
        LocalProgrammeStatus::Approved,
        LocalProgrammeStatus::Expired,
        LocalProgrammeStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LocalProgrammeStatus::Draft => "draft",
            LocalProgrammeStatus::Approved => "approved",
            LocalProgrammeStatus::Expired => "expired",
            LocalProgrammeStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<LocalProgrammeStatus> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn label(self) -> Text {
        match self {
            LocalProgrammeStatus::Draft => Text::new("Проєкт", "Draft"),
            LocalProgrammeStatus::Approved => Text::new("Затверджена", "Approved"),
            LocalProgrammeStatus::Expired => Text::new("Завершена", "Expired"),
            LocalProgrammeStatus::Cancelled => Text::new("Скасована", "Cancelled"),
        }
    }
}

/// A local programme as its coordinator fills it in (`PUT /api/local-programmes/{org}` takes it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalProgrammeInput {
    pub title: String,
    /// The council's decision, e.g. "рішення Підгородненської міської ради № 1234-VIII".
    #[serde(default)]
    pub decision: String,
    pub decision_date: Option<Date>,
    /// The term's first and last year (2015–2040).
    pub first_year: i32,
    pub last_year: i32,
    pub status: LocalProgrammeStatus,
    /// Per regional programme year (2026–2028) within the term × source, thousand UAH.
    #[serde(default)]
    pub envelope: Vec<BudgetLine>,
    /// The regional programme's tasks the local measures align to.
    #[serde(default)]
    pub tasks: Vec<TaskId>,
}

impl LocalProgrammeInput {
    /// Every rule apart from what only the server knows (that the tasks exist, who may save);
    /// `today` is Kyiv's date (a decision cannot be dated later).
    pub fn validate_all(&self, today: Date) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let mut push = |field: String, code| errors.push(FieldError::new(field, code));
        if self.title.trim().is_empty() {
            push("title".into(), ErrorCode::LocalTitleRequired);
        }
        for (field, text, max) in [
            ("title", &self.title, TITLE_MAX),
            ("decision", &self.decision, DECISION_MAX),
        ] {
            if text.chars().count() > max {
                push(field.into(), ErrorCode::TextTooLong);
            }
        }
        for (field, year) in [
            ("first_year", self.first_year),
            ("last_year", self.last_year),
        ] {
            if !TERM_YEARS.contains(&year) {
                push(field.into(), ErrorCode::LocalTermInvalid);
            }
        }
        if self.last_year < self.first_year {
            push("last_year".into(), ErrorCode::YearRangeInverted);
        }
        if self.status == LocalProgrammeStatus::Approved {
            if self.decision.trim().is_empty() {
                push("decision".into(), ErrorCode::LocalDecisionRequired);
            }
            if self.decision_date.is_none() {
                push("decision_date".into(), ErrorCode::LocalDecisionRequired);
            }
        }
        if let Some(date) = self.decision_date {
            if date > today || date.year() > self.last_year {
                push("decision_date".into(), ErrorCode::LocalDecisionDateInvalid);
            }
        }
        for (i, line) in self.envelope.iter().enumerate() {
            if let Err(code) = line.amount.check_line() {
                push(format!("envelope[{i}].amount"), code);
            }
            if !self.covers(line.year) {
                push(
                    format!("envelope[{i}].year"),
                    ErrorCode::LocalEnvelopeOutsideTerm,
                );
            }
            let first = self
                .envelope
                .iter()
                .position(|l| l.year == line.year && l.source == line.source);
            if first != Some(i) {
                push(
                    format!("envelope[{i}].source"),
                    ErrorCode::BudgetLineDuplicate,
                );
            }
        }
        for (i, task) in self.tasks.iter().enumerate() {
            if self.tasks.iter().position(|t| t == task) != Some(i) {
                push(format!("tasks[{i}]"), ErrorCode::LocalTaskDuplicate);
            }
        }
        errors
    }

    /// Whether the term includes a year.
    pub fn covers(&self, year: Year) -> bool {
        (self.first_year..=self.last_year).contains(&year.get())
    }

    /// The envelope of one year by source (sources without an amount left out).
    pub fn year_envelope(&self, year: Year) -> Vec<SourceAmount> {
        FundingSource::ALL
            .into_iter()
            .filter_map(|source| {
                let amount = Amount::sum(
                    self.envelope
                        .iter()
                        .filter(|l| l.year == year && l.source == source)
                        .map(|l| l.amount),
                );
                (!amount.is_zero()).then_some(SourceAmount { source, amount })
            })
            .collect()
    }
}

/// Whether a programme is approved and in force on a date: its status is approved, the decision
/// is dated on or before it, and the date's year is within the term. IND-01 counts the
/// communities for which this holds at a quarter's end; "in force in a year" is this at 31
/// December. A programme's status is taken as it is now (the record keeps its history).
pub fn in_force(p: &LocalProgrammeInput, on: Date) -> bool {
    p.status == LocalProgrammeStatus::Approved
        && p.decision_date.is_some_and(|d| d <= on)
        && (p.first_year..=p.last_year).contains(&on.year())
}

/// Whether a programme is in force in a year (at its end).
pub fn in_force_in(p: &LocalProgrammeInput, year: Year) -> bool {
    in_force(p, year_end(year))
}

/// An amount of one funding source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SourceAmount {
    pub source: FundingSource,
    pub amount: Amount,
}

/// `PUT /api/local-programmes/{org}`: the whole programme, from the version the user saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaveLocalProgramme {
    /// 0 when none is recorded yet; a stale one gets 409 with the programme as it is.
    pub version: i32,
    pub programme: LocalProgrammeInput,
}

/// `GET /api/local-programmes/{org}`: an organisation's programme (none recorded: `programme`
/// is absent and `version` 0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalProgramme {
    pub org: OrgRef,
    pub version: i32,
    pub programme: Option<LocalProgrammeInput>,
    /// Demo data, not a real decision.
    pub is_demo: bool,
    /// Milliseconds since the epoch of the last save.
    pub updated_at: Option<i64>,
    /// Whether the signed-in user may save it.
    pub can_edit: bool,
}

/// One organisation in the summary of a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalProgrammeRow {
    pub org: OrgRef,
    pub programme: Option<LocalProgrammeInput>,
    pub is_demo: bool,
    /// Approved and in force in the year (`in_force_in`).
    pub in_force: bool,
    /// The year's envelope by source, and its total.
    pub year_envelope: Vec<SourceAmount>,
    pub year_total: Amount,
}

/// `GET /api/local-programmes?year=`: the organisations the user may see, and how many of
/// their communities have an approved programme in force in the year (evaluation line (a) of
/// the annual results report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalProgrammeSummary {
    pub year: Year,
    /// Districts and communities in scope, in the territory's order.
    pub rows: Vec<LocalProgrammeRow>,
    /// Communities in scope with an approved programme in force in the year.
    pub communities_in_force: u32,
    /// Communities in scope.
    pub communities: u32,
    /// The organisations whose programme the user may save.
    pub can_edit: Vec<OrgId>,
}

/// The query of `GET /api/local-programmes`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct LocalProgrammeQuery {
    /// A programme year, 2026–2028; default: the current one.
    pub year: Option<i32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    fn approved() -> LocalProgrammeInput {
        LocalProgrammeInput {
            title: "Програма інформатизації".into(),
            decision: "рішення № 1234-VIII".into(),
            decision_date: Some(date("2025-12-20")),
            first_year: 2026,
            last_year: 2028,
            status: LocalProgrammeStatus::Approved,
            envelope: Vec::new(),
            tasks: vec![TaskId(1)],
        }
    }

    #[test]
    fn in_force_needs_approval_a_decision_by_then_and_the_term() {
        let p = approved();
        assert!(in_force(&p, date("2026-03-31")));
        assert!(!in_force(&p, date("2025-12-19")));
        assert!(!in_force(&p, date("2025-12-31")), "before the term");
        assert!(!in_force(
            &LocalProgrammeInput {
                last_year: 2026,
                ..p.clone()
            },
            date("2027-03-31")
        ));
        for status in [
            LocalProgrammeStatus::Draft,
            LocalProgrammeStatus::Expired,
            LocalProgrammeStatus::Cancelled,
        ] {
            assert!(!in_force(
                &LocalProgrammeInput {
                    status,
                    ..p.clone()
                },
                date("2026-06-30")
            ));
        }
    }

    #[test]
    fn the_rules_name_their_fields() {
        let today = date("2026-11-24");
        assert!(approved().validate_all(today).is_empty());
        let bad = LocalProgrammeInput {
            title: " ".into(),
            decision: String::new(),
            decision_date: Some(date("2026-12-01")),
            first_year: 2027,
            last_year: 2026,
            envelope: vec![
                BudgetLine {
                    year: Year::FIRST,
                    source: FundingSource::Local,
                    amount: Amount::ZERO,
                },
                BudgetLine {
                    year: Year::FIRST,
                    source: FundingSource::Local,
                    amount: Amount::ZERO,
                },
            ],
            tasks: vec![TaskId(1), TaskId(1)],
            ..approved()
        };
        let fields: Vec<(String, ErrorCode)> = bad
            .validate_all(today)
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        for expected in [
            ("title", ErrorCode::LocalTitleRequired),
            ("last_year", ErrorCode::YearRangeInverted),
            ("decision", ErrorCode::LocalDecisionRequired),
            ("decision_date", ErrorCode::LocalDecisionDateInvalid),
            ("envelope[0].year", ErrorCode::LocalEnvelopeOutsideTerm),
            ("envelope[1].source", ErrorCode::BudgetLineDuplicate),
            ("tasks[1]", ErrorCode::LocalTaskDuplicate),
        ] {
            assert!(
                fields.contains(&(expected.0.to_string(), expected.1)),
                "{expected:?} in {fields:?}"
            );
        }
    }
}
