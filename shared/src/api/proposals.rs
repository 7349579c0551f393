//! Proposals: line-level changes to the approved plan, sent up the chain and decided line by line.
//!
//! A coordinator's edits of an approved measure go into their organisation's draft proposal. Each
//! line names one change against the approved version (a budget line's amount, a field, a measure
//! added or withdrawn) and keeps the approved value it was written against, so a change made
//! underneath shows as a conflict instead of being silently overwritten.

use crate::amount::Amount;
use crate::chain::{Action, Position, Reviewer};
use crate::error::{ErrorCode, FieldError};
use crate::grid::{BudgetGrid, EnvelopeCell};
use crate::ids::{MeasureId, OrgId, TaskId};
use crate::period::Year;
use crate::source::FundingSource;
use crate::text::Text;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::auth::OrgRef;
use super::measures::MeasureInput;
use super::rollup::RollupLevel;

pub const REASON_MAX: usize = 2000;

/// A proposal's number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct ProposalId(pub i32);

impl std::fmt::Display for ProposalId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Where a proposal is on its way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProposalState {
    /// Being written by its organisation; only its planners see it.
    Draft,
    /// Waiting for the district coordinator's endorsement.
    Submitted,
    /// Waiting for the department's decision (endorsed, or sent straight up).
    InReview,
    /// Every line has been decided.
    Decided,
    /// Sent back whole by the district; its lines are in the author's draft again.
    Returned,
}

impl ProposalState {
    pub const ALL: [ProposalState; 5] = [
        ProposalState::Draft,
        ProposalState::Submitted,
        ProposalState::InReview,
        ProposalState::Decided,
        ProposalState::Returned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProposalState::Draft => "draft",
            ProposalState::Submitted => "submitted",
            ProposalState::InReview => "in_review",
            ProposalState::Decided => "decided",
            ProposalState::Returned => "returned",
        }
    }

    pub fn parse(s: &str) -> Option<ProposalState> {
        ProposalState::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Where it stands on the approval chain.
    pub fn position(self) -> Position {
        match self {
            ProposalState::Draft => Position::Draft,
            ProposalState::Submitted => Position::Waiting(Reviewer::District),
            ProposalState::InReview => Position::Waiting(Reviewer::Department),
            ProposalState::Decided => Position::Approved,
            ProposalState::Returned => Position::Returned,
        }
    }

    /// The state a proposal is in once the chain moved it to `position`.
    pub fn at(position: Position) -> ProposalState {
        match position {
            Position::Draft => ProposalState::Draft,
            Position::Waiting(Reviewer::District) => ProposalState::Submitted,
            Position::Waiting(Reviewer::Department) => ProposalState::InReview,
            Position::Approved => ProposalState::Decided,
            Position::Returned => ProposalState::Returned,
        }
    }

    /// Still waiting for someone's decision.
    pub fn is_open(self) -> bool {
        matches!(self, ProposalState::Submitted | ProposalState::InReview)
    }

    pub fn label(self) -> Text {
        match self {
            ProposalState::Draft => Text::new("Чернетка", "Draft"),
            ProposalState::Submitted => Text::new("На погодженні району", "Awaiting the district"),
            ProposalState::InReview => {
                Text::new("На розгляді департаменту", "Awaiting the department")
            }
            ProposalState::Decided => Text::new("Розглянуто", "Decided"),
            ProposalState::Returned => Text::new("Повернуто районом", "Returned by the district"),
        }
    }
}

/// Where one line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LineState {
    Pending,
    Approved,
    /// Sent back to the author for rework (with a reason); a copy is in their draft.
    Returned,
    Rejected,
}

impl LineState {
    pub const ALL: [LineState; 4] = [
        LineState::Pending,
        LineState::Approved,
        LineState::Returned,
        LineState::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LineState::Pending => "pending",
            LineState::Approved => "approved",
            LineState::Returned => "returned",
            LineState::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<LineState> {
        LineState::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn label(self) -> Text {
        match self {
            LineState::Pending => Text::new("Очікує", "Pending"),
            LineState::Approved => Text::new("Затверджено", "Approved"),
            LineState::Returned => Text::new("Повернуто на доопрацювання", "Returned for rework"),
            LineState::Rejected => Text::new("Відхилено", "Rejected"),
        }
    }
}

/// One field of a measure with its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum FieldValue {
    Name(Text),
    Task(TaskId),
    Years { start: Year, end: Year },
    Org(OrgId),
    Description(String),
    ExpectedResult(String),
}

impl FieldValue {
    /// The line key's field part: one line per field and measure.
    pub fn key(&self) -> &'static str {
        match self {
            FieldValue::Name(_) => "name",
            FieldValue::Task(_) => "task",
            FieldValue::Years { .. } => "years",
            FieldValue::Org(_) => "org",
            FieldValue::Description(_) => "description",
            FieldValue::ExpectedResult(_) => "expected_result",
        }
    }

    pub fn label(&self) -> Text {
        match self {
            FieldValue::Name(_) => Text::new("Назва", "Name"),
            FieldValue::Task(_) => Text::new("Завдання", "Task"),
            FieldValue::Years { .. } => Text::new("Строки виконання", "Years"),
            FieldValue::Org(_) => {
                Text::new("Відповідальна організація", "Responsible organisation")
            }
            FieldValue::Description(_) => Text::new("Опис", "Description"),
            FieldValue::ExpectedResult(_) => Text::new("Очікуваний результат", "Expected result"),
        }
    }

    /// Every field of a measure, in form order.
    pub fn all_of(m: &MeasureInput) -> [FieldValue; 6] {
        [
            FieldValue::Name(m.name.clone()),
            FieldValue::Task(m.task_id),
            FieldValue::Years {
                start: m.start_year,
                end: m.end_year,
            },
            FieldValue::Org(m.org_id),
            FieldValue::Description(m.description.clone()),
            FieldValue::ExpectedResult(m.expected_result.clone()),
        ]
    }

    /// Writes this value into a measure.
    pub fn apply(&self, m: &mut MeasureInput) {
        match self.clone() {
            FieldValue::Name(v) => m.name = v,
            FieldValue::Task(v) => m.task_id = v,
            FieldValue::Years { start, end } => {
                m.start_year = start;
                m.end_year = end;
            }
            FieldValue::Org(v) => m.org_id = v,
            FieldValue::Description(v) => m.description = v,
            FieldValue::ExpectedResult(v) => m.expected_result = v,
        }
    }
}

/// One change against the approved plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// A budget line's amount: `old` absent means the line is added, `new` absent that it is removed.
    Amount {
        year: Year,
        source: FundingSource,
        old: Option<Amount>,
        new: Option<Amount>,
    },
    Field {
        old: FieldValue,
        new: FieldValue,
    },
    /// A new measure enters the plan.
    MeasureAdd {
        measure: MeasureInput,
    },
    /// An approved measure leaves the plan.
    MeasureWithdraw {
        measure: MeasureInput,
    },
}

impl Change {
    /// One line per key and measure: a later edit of the same thing replaces the line.
    pub fn key(&self) -> String {
        match self {
            Change::Amount { year, source, .. } => format!("amount:{year}:{}", source.as_str()),
            Change::Field { new, .. } => format!("field:{}", new.key()),
            Change::MeasureAdd { .. } => "measure_add".into(),
            Change::MeasureWithdraw { .. } => "measure_withdraw".into(),
        }
    }

    /// How this line moves the budget, cell by cell (positive: more money).
    pub fn budget_delta(&self) -> Vec<(Year, FundingSource, Decimal)> {
        let amount = |a: Option<Amount>| a.map_or(Decimal::ZERO, Amount::decimal);
        match self {
            Change::Amount {
                year,
                source,
                old,
                new,
            } => vec![(*year, *source, amount(*new) - amount(*old))],
            Change::Field { .. } => Vec::new(),
            Change::MeasureAdd { measure } => measure
                .budget_lines
                .iter()
                .map(|l| (l.year, l.source, l.amount.decimal()))
                .collect(),
            Change::MeasureWithdraw { measure } => measure
                .budget_lines
                .iter()
                .map(|l| (l.year, l.source, -l.amount.decimal()))
                .collect(),
        }
    }
}

/// The difference between two states of one measure, as lines (both present: amounts and fields;
/// one absent: the measure added or withdrawn).
pub fn diff_measure(old: Option<&MeasureInput>, new: Option<&MeasureInput>) -> Vec<Change> {
    match (old, new) {
        (None, None) => Vec::new(),
        (None, Some(m)) => vec![Change::MeasureAdd { measure: m.clone() }],
        (Some(m), None) => vec![Change::MeasureWithdraw { measure: m.clone() }],
        (Some(a), Some(b)) => {
            let mut out = Vec::new();
            for (old, new) in FieldValue::all_of(a).into_iter().zip(FieldValue::all_of(b)) {
                if old != new {
                    out.push(Change::Field { old, new });
                }
            }
            let find = |m: &MeasureInput, y: Year, s: FundingSource| {
                m.budget_lines
                    .iter()
                    .find(|l| l.year == y && l.source == s)
                    .map(|l| l.amount)
            };
            for y in Year::all() {
                for s in FundingSource::ALL {
                    let (old, new) = (find(a, y, s), find(b, y, s));
                    if old != new {
                        out.push(Change::Amount {
                            year: y,
                            source: s,
                            old,
                            new,
                        });
                    }
                }
            }
            out
        }
    }
}

/// Applies changes to a measure's approved state: the state the plan would have.
/// `None` in and out: the measure is not (or no longer) in the plan.
pub fn apply_changes<'a>(
    base: Option<&MeasureInput>,
    changes: impl IntoIterator<Item = &'a Change>,
) -> Option<MeasureInput> {
    let mut m = base.cloned();
    for change in changes {
        match change {
            Change::MeasureAdd { measure } => m = Some(measure.clone()),
            Change::MeasureWithdraw { .. } => m = None,
            Change::Field { new, .. } => {
                if let Some(m) = m.as_mut() {
                    new.apply(m);
                }
            }
            Change::Amount {
                year, source, new, ..
            } => {
                if let Some(m) = m.as_mut() {
                    m.budget_lines
                        .retain(|l| !(l.year == *year && l.source == *source));
                    if let Some(amount) = new {
                        m.budget_lines.push(super::measures::BudgetLine {
                            year: *year,
                            source: *source,
                            amount: *amount,
                        });
                    }
                    m.budget_lines.sort_by_key(|l| (l.year, l.source));
                }
            }
        }
    }
    m
}

/// What the approved plan holds now where a line expected something else: the line conflicts
/// and must be rebased by its author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "now", rename_all = "snake_case")]
pub enum Underneath {
    Amount {
        amount: Option<Amount>,
    },
    Field {
        value: FieldValue,
    },
    /// The measure as now approved (absent: withdrawn meanwhile).
    Measure {
        measure: Option<MeasureInput>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalLine {
    pub id: i32,
    pub measure_id: MeasureId,
    pub measure_name: Text,
    pub org: OrgRef,
    pub change: Change,
    pub state: LineState,
    /// Why it was returned or rejected.
    pub reason: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
    /// A line copied back into a draft after a return keeps the reviewer's reason here.
    pub returned_note: Option<String>,
    /// Set when the approved plan changed underneath this line since it was written.
    pub conflict: Option<Underneath>,
}

/// A proposal in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalSummary {
    pub id: ProposalId,
    /// For optimistic concurrency: every change of the proposal moves it on.
    pub version: i32,
    pub org: OrgRef,
    pub author: String,
    pub state: ProposalState,
    /// Whether the route passes through the district coordinator (for a draft: the route it will
    /// take when submitted, under the department's setting now).
    pub needs_endorsement: bool,
    pub note: String,
    /// The approved plan version the proposal was last rebased on.
    pub base_version: i32,
    pub created_at: i64,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
    pub line_count: i64,
    pub pending_count: i64,
    pub conflict_count: i64,
    /// The net budget change of its pending lines.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub delta: Decimal,
}

/// A roll-up figure before and after the proposal's pending lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EffectRow {
    pub level: RollupLevel,
    pub id: i32,
    pub label: Text,
    pub before: Amount,
    pub after: Amount,
}

/// What the proposal would do to the plan if every pending line were approved.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalEffect {
    pub envelope_before: Vec<EnvelopeCell>,
    pub envelope_after: Vec<EnvelopeCell>,
    /// The programme, and every direction, task, organisation and district the lines touch.
    pub rollups: Vec<EffectRow>,
}

/// One step of a proposal's way, for its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalStep {
    pub at: i64,
    pub by: String,
    pub action: Text,
    pub reason: Option<String>,
}

/// `GET /api/proposals/{id}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalDetail {
    pub summary: ProposalSummary,
    pub lines: Vec<ProposalLine>,
    pub effect: ProposalEffect,
    pub steps: Vec<ProposalStep>,
    /// Whether the signed-in user may change its lines now (their organisation's draft).
    pub can_edit: bool,
    /// The steps of the approval chain the signed-in user may take now (`approve`: decide).
    pub actions: Vec<Action>,
    /// The reviewers it passes on its way up, in order (as it stands now, for a draft).
    pub route: Vec<Reviewer>,
}

/// `GET /api/proposals`: the proposals this user may see, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ProposalFilter {
    pub state: Option<ProposalState>,
    pub org: Option<OrgId>,
    /// Only those waiting for the signed-in user's decision.
    #[serde(default)]
    pub waiting_for_me: Option<bool>,
}

impl ProposalFilter {
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.state {
            parts.push(format!("state={}", s.as_str()));
        }
        if let Some(o) = self.org {
            parts.push(format!("org={o}"));
        }
        if self.waiting_for_me == Some(true) {
            parts.push("waiting_for_me=true".into());
        }
        parts.join("&")
    }
}

/// `PUT /api/proposals/draft/measures/{id}`: the whole measure as the author wants it; the
/// server turns it into lines against the approved version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposeMeasure {
    /// The draft's version the author saw (absent when they saw no draft).
    #[serde(default)]
    pub proposal_version: Option<i32>,
    pub measure: MeasureInput,
}

/// The draft's version the author saw, for withdrawing or discarding a measure's changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DraftVersion {
    #[serde(default)]
    pub proposal_version: Option<i32>,
}

/// `POST /api/proposals/{id}/submit`, `/endorse`, `/rebase`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalAction {
    pub version: i32,
    /// A covering note (submit) or remark (endorse); optional.
    #[serde(default)]
    pub note: String,
}

/// `POST /api/proposals/{id}/return` (the district sends the whole proposal back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnProposal {
    pub version: i32,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Approve,
    /// Back to the author for rework; needs a reason.
    Return,
    /// Closed; needs a reason.
    Reject,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineDecision {
    pub line_id: i32,
    pub verdict: Verdict,
    #[serde(default)]
    pub reason: String,
}

/// `POST /api/proposals/{id}/decide`: the department's decision on some or all pending lines,
/// applied together. Approved lines make a new plan version named by `decision`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Decide {
    pub version: i32,
    /// The decision or reason recorded on the new plan version (Ukrainian required when any line
    /// is approved).
    #[serde(default)]
    pub decision: Text,
    pub lines: Vec<LineDecision>,
    /// Why the department approves lines that take a cell of the funding envelope beyond its
    /// amount (required then: an explicit confirmation on the record).
    #[serde(default)]
    pub over_envelope_reason: String,
}

impl Decide {
    /// The rules the form and the server share: the first broken one.
    pub fn validate(&self) -> Result<(), FieldError> {
        match self.validate_all().into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Every broken rule, in the order the form shows its fields (the lines, then the decision
    /// text, then the envelope's reason), so the form can name them all at once.
    pub fn validate_all(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.lines.is_empty() {
            errors.push(FieldError::new("lines", ErrorCode::DecisionEmpty));
        }
        for (i, l) in self.lines.iter().enumerate() {
            if self.lines[..i].iter().any(|o| o.line_id == l.line_id) {
                errors.push(FieldError::new(
                    format!("lines[{i}].line_id"),
                    ErrorCode::LineDuplicate,
                ));
            } else if l.verdict != Verdict::Approve {
                if let Err(code) = check_reason(&l.reason) {
                    errors.push(FieldError::new(format!("lines[{i}].reason"), code));
                }
            }
        }
        if self.lines.iter().any(|l| l.verdict == Verdict::Approve)
            && self.decision.uk.trim().is_empty()
        {
            errors.push(FieldError::new("decision.uk", ErrorCode::DecisionRequired));
        } else if self.decision.uk.chars().count() > REASON_MAX
            || self.decision.en.chars().count() > REASON_MAX
        {
            errors.push(FieldError::new("decision.uk", ErrorCode::TextTooLong));
        }
        if self.over_envelope_reason.chars().count() > REASON_MAX {
            errors.push(FieldError::new(
                "over_envelope_reason",
                ErrorCode::TextTooLong,
            ));
        }
        errors
    }
}

/// The cells of the funding envelope a change takes beyond their amount, or further beyond: the
/// department confirms such a decision explicitly, with a reason.
pub fn envelope_breaches(before: &[EnvelopeCell], after: &[EnvelopeCell]) -> Vec<EnvelopeCell> {
    after
        .iter()
        .filter(|a| a.has_envelope && a.over_allocated)
        .filter(|a| {
            before
                .iter()
                .find(|b| b.year == a.year && b.source == a.source)
                .is_none_or(|b| a.allocated > b.allocated)
        })
        .cloned()
        .collect()
}

/// A reason for returning or rejecting: required, bounded.
pub fn check_reason(reason: &str) -> Result<(), ErrorCode> {
    if reason.trim().is_empty() {
        Err(ErrorCode::ReasonRequired)
    } else if reason.chars().count() > REASON_MAX {
        Err(ErrorCode::TextTooLong)
    } else {
        Ok(())
    }
}

/// `GET /api/workflow`, `PUT /api/workflow` (department): the approval chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkflowSettings {
    /// A community's proposal goes to its district coordinator before the department.
    pub community_requires_district: bool,
}

/// How a budget grid moves, cell by cell, for before/after figures.
pub fn grid_after(before: &BudgetGrid, deltas: &[(Year, FundingSource, Decimal)]) -> BudgetGrid {
    let mut out = BudgetGrid::new();
    for y in Year::all() {
        for s in FundingSource::ALL {
            let d: Decimal = deltas
                .iter()
                .filter(|(dy, ds, _)| *dy == y && *ds == s)
                .map(|(_, _, d)| *d)
                .sum();
            let v = before.get(y, s).decimal() + d;
            if !v.is_zero() {
                let v = Amount::try_from_decimal(v.max(Decimal::ZERO)).unwrap_or(Amount::ZERO);
                out.add(y, s, v);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::measures::BudgetLine;

    fn y(n: i32) -> Year {
        Year::new(n).expect("year")
    }
    fn a(s: &str) -> Amount {
        Amount::parse(s).expect("amount")
    }
    fn m() -> MeasureInput {
        MeasureInput {
            task_id: TaskId(1),
            org_id: OrgId(2),
            name: Text::new("Захід", ""),
            description: String::new(),
            expected_result: String::new(),
            start_year: y(2026),
            end_year: y(2027),
            budget_lines: vec![
                BudgetLine {
                    year: y(2026),
                    source: FundingSource::Local,
                    amount: a("10"),
                },
                BudgetLine {
                    year: y(2027),
                    source: FundingSource::Local,
                    amount: a("5"),
                },
            ],
        }
    }

    #[test]
    fn a_diff_applied_gives_the_new_state() {
        let old = m();
        let mut new = m();
        new.name.uk = "Інший".into();
        new.end_year = y(2028);
        new.budget_lines[0].amount = a("12,5");
        new.budget_lines.remove(1);
        new.budget_lines.push(BudgetLine {
            year: y(2028),
            source: FundingSource::Oblast,
            amount: a("3"),
        });
        let changes = diff_measure(Some(&old), Some(&new));
        let keys: Vec<String> = changes.iter().map(Change::key).collect();
        assert_eq!(
            keys,
            [
                "field:name",
                "field:years",
                "amount:2026:local",
                "amount:2027:local",
                "amount:2028:oblast"
            ]
        );
        let mut sorted = new.clone();
        sorted.budget_lines.sort_by_key(|l| (l.year, l.source));
        assert_eq!(apply_changes(Some(&old), &changes), Some(sorted));
        let delta: Decimal = changes
            .iter()
            .flat_map(Change::budget_delta)
            .map(|d| d.2)
            .sum();
        assert_eq!(delta, Decimal::new(5, 1));
        assert!(diff_measure(Some(&old), Some(&old)).is_empty());
    }

    #[test]
    fn adding_and_withdrawing_whole_measures() {
        let add = diff_measure(None, Some(&m()));
        assert_eq!(apply_changes(None, &add), Some(m()));
        let withdraw = diff_measure(Some(&m()), None);
        assert_eq!(apply_changes(Some(&m()), &withdraw), None);
        assert_eq!(withdraw[0].budget_delta().len(), 2);
    }

    #[test]
    fn decisions_need_reasons_and_a_decision_text() {
        let mut d = Decide {
            version: 1,
            decision: Text::new("", ""),
            lines: vec![LineDecision {
                line_id: 1,
                verdict: Verdict::Approve,
                reason: String::new(),
            }],
            over_envelope_reason: String::new(),
        };
        assert_eq!(
            d.validate().map_err(|e| e.code),
            Err(ErrorCode::DecisionRequired)
        );
        d.decision.uk = "Наказ № 5".into();
        assert_eq!(d.validate(), Ok(()));
        d.lines.push(LineDecision {
            line_id: 2,
            verdict: Verdict::Return,
            reason: " ".into(),
        });
        assert_eq!(
            d.validate(),
            Err(FieldError::new(
                "lines[1].reason",
                ErrorCode::ReasonRequired
            ))
        );
        d.lines[1].line_id = 1;
        assert_eq!(
            d.validate().map_err(|e| e.code),
            Err(ErrorCode::LineDuplicate)
        );
        d.lines.clear();
        assert_eq!(
            d.validate().map_err(|e| e.code),
            Err(ErrorCode::DecisionEmpty)
        );
    }

    #[test]
    fn every_broken_rule_of_a_decision_is_named_at_once() {
        let line = |line_id, verdict| LineDecision {
            line_id,
            verdict,
            reason: String::new(),
        };
        let d = Decide {
            version: 1,
            decision: Text::new(" ", ""),
            lines: vec![
                line(1, Verdict::Reject),
                line(2, Verdict::Approve),
                line(3, Verdict::Return),
            ],
            over_envelope_reason: "x".repeat(REASON_MAX + 1),
        };
        let fields: Vec<(String, ErrorCode)> = d
            .validate_all()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            fields,
            [
                ("lines[0].reason".to_string(), ErrorCode::ReasonRequired),
                ("lines[2].reason".to_string(), ErrorCode::ReasonRequired),
                ("decision.uk".to_string(), ErrorCode::DecisionRequired),
                ("over_envelope_reason".to_string(), ErrorCode::TextTooLong),
            ]
        );
        assert_eq!(
            d.validate().map_err(|e| e.field),
            Err("lines[0].reason".to_string())
        );
    }

    #[test]
    fn wire_format_of_changes() {
        let c = Change::Amount {
            year: y(2026),
            source: FundingSource::Oblast,
            old: Some(a("1")),
            new: None,
        };
        let json = serde_json::to_value(&c).expect("json");
        assert_eq!(
            json,
            serde_json::json!({"kind":"amount","year":2026,"source":"oblast","old":"1.0","new":null})
        );
        let f = Change::Field {
            old: FieldValue::Task(TaskId(1)),
            new: FieldValue::Task(TaskId(2)),
        };
        let back: Change =
            serde_json::from_value(serde_json::to_value(&f).expect("json")).expect("back");
        assert_eq!(back, f);
    }
}
