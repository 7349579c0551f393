//! Performance indicators: units and their ranges, targets pro-rated to a quarter, the actual for a period, status rules and formula indicators.
//!
//! # Rules (design note)
//! The programme's annex 2 lists indicators with a unit, a baseline (state on 1 Jan 2026, docs/programme.md
//! "Indicator baselines"), targets and reported actuals; the issue adds kinds, directions, status
//! rules and formulas. Where neither says how, these rules are ours:
//!
//! - **Units** ([`IndicatorUnit`]) bound what may be typed: every unit is non-negative; percent
//!   and index points are 0–100 (the ministry's digital transformation index is out of 100);
//!   counts and days are whole numbers; other units have a sanity ceiling of 10^12. Percent and
//!   points keep one decimal (the official tables' convention), thousand UAH three (a hryvnia).
//! - **Pro-rating** ([`pro_rate`]): the target expected by the end of quarter *n* of a year moves
//!   linearly, `n/4` of the way, so Q4 is exactly the year's target (n/4 is exact in decimals).
//!   - *cumulative* (the year's value is the sum of its quarters): from 0 to the year's target;
//!   - *point in time* (the latest value stands): from the level the year starts at to the year's
//!     target. The first programme year starts at the baseline; a later year starts at the
//!     previous year's *target* (not its actual), so the expected path is fixed in advance and a
//!     shortfall in 2026 is still a shortfall in 2027. A missing previous target falls back to the
//!     latest earlier one, then to the baseline.
//! - **Actual for a period** ([`actual_for`]): only quarters of the same year count, up to the
//!   quarter asked for. Cumulative: the sum of the reported quarters (a quarter not reported adds
//!   nothing); point in time: the latest reported value. The actual remembers the quarter it is
//!   *as of*, and the status compares it with the target expected at that quarter, so a quarter
//!   not yet reported shows the last known state rather than a false "off track".
//! - **Status** ([`assess`]): the achievement is a percentage, rounded to one decimal, and the
//!   status is taken from the rounded figure so the colour always agrees with the number shown.
//!   - *progress* (the expected path moves in the better direction): achievement =
//!     (actual − start) ÷ (expected − start) × 100, i.e. the share of the planned change made so
//!     far. This mirrors itself for lower-is-better indicators (both differences are negative).
//!   - *hold* (target equal to the start, a cumulative lower-is-better cap, or a target that moves
//!     the "wrong" way): the expected value is a floor (higher is better: achievement =
//!     actual ÷ expected × 100) or a ceiling (lower is better: achievement = 100 − the percentage
//!     by which the actual exceeds it). With an expected value of zero, meeting it is 100 and
//!     missing it is 0.
//!   - [`StatusRule`]: on track at ≥ `on_track` % (default 95), at risk at ≥ `at_risk` % (default
//!     80), else off track; the department edits both, 0 ≤ at_risk < on_track ≤ 100.
//!   - Nothing reported is [`IndicatorStatus::NoData`]; no target for the year is
//!     [`IndicatorStatus::NoTarget`]. Every status has a label, so it is never colour alone.
//! - **Formulas** ([`Formula`]): a ratio (× a scale, 100 for a percentage), a sum or a difference
//!   of other indicators, never a string to evaluate. A formula applies to its inputs' actuals for
//!   the period (each by its own kind), and the result is as fresh as its stalest input. A missing
//!   input, a zero denominator or an overflow gives no value, never a panic. Results are rounded
//!   to the unit's decimals, half away from zero. Cycles are refused when a set is validated.
//! - **Reported values** ([`check_reported`]): in range for the unit, not for formula indicators,
//!   and with a comment when the value moves more than a set share from the previous period
//!   ([`needs_comment`]; from a previous zero any change needs one).

use crate::calendar::Date;
use crate::error::{ErrorCode, FieldError};
use crate::ids::{DirectionId, IndicatorId, OrgId, TaskId};
use crate::period::{Quarter, Year, PROGRAMME_YEARS};
use crate::text::Text;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::str::FromStr;

/// The largest value any unit accepts: a sanity bound no real indicator comes near.
const VALUE_CEILING: i64 = 1_000_000_000_000;

/// The default share (percent) by which a reported value may move without a comment.
pub const DEFAULT_MAX_CHANGE_PERCENT: i64 = 50;

fn hundred() -> Decimal {
    Decimal::ONE_HUNDRED
}

/// What an indicator is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IndicatorUnit {
    /// Whole things: communities, seats, access points.
    Count,
    /// 0–100.
    Percent,
    /// Money, thousand UAH.
    ThousandUah,
    /// Index points, 0–100 (the ministry's digital transformation index).
    Points,
    /// Whole days (e.g. a response time).
    Days,
}

impl IndicatorUnit {
    pub const ALL: [IndicatorUnit; 5] = [
        IndicatorUnit::Count,
        IndicatorUnit::Percent,
        IndicatorUnit::ThousandUah,
        IndicatorUnit::Points,
        IndicatorUnit::Days,
    ];

    /// As written after a value.
    pub fn label(self) -> Text {
        match self {
            IndicatorUnit::Count => Text::new("од.", "units"),
            IndicatorUnit::Percent => Text::new("%", "%"),
            IndicatorUnit::ThousandUah => Text::new("тис. грн", "thousand UAH"),
            IndicatorUnit::Points => Text::new("балів", "points"),
            IndicatorUnit::Days => Text::new("днів", "days"),
        }
    }

    /// The smallest value allowed.
    pub fn min(self) -> Decimal {
        Decimal::ZERO
    }

    /// The largest value allowed.
    pub fn max(self) -> Decimal {
        match self {
            IndicatorUnit::Percent | IndicatorUnit::Points => hundred(),
            _ => Decimal::from(VALUE_CEILING),
        }
    }

    /// Decimal places a value may have.
    pub fn decimals(self) -> u32 {
        match self {
            IndicatorUnit::Count | IndicatorUnit::Days => 0,
            IndicatorUnit::Percent | IndicatorUnit::Points => 1,
            IndicatorUnit::ThousandUah => 3,
        }
    }

    /// Checks a value typed or sent for this unit.
    pub fn check(self, value: Decimal) -> Result<Decimal, ErrorCode> {
        let value = value.normalize();
        if value.scale() > self.decimals() {
            return Err(if self.decimals() == 0 {
                ErrorCode::IndicatorValueNotWhole
            } else {
                ErrorCode::IndicatorValueTooPrecise
            });
        }
        if value < self.min() || value > self.max() {
            return Err(ErrorCode::IndicatorValueOutOfRange);
        }
        Ok(value)
    }

    /// Parses what a coordinator types (`1 390`, `96,7`, `96.7`) and checks it.
    pub fn parse_value(self, input: &str) -> Result<Decimal, ErrorCode> {
        let cleaned: String = input
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
            .map(|c| match c {
                ',' => '.',
                '\u{2212}' => '-',
                c => c,
            })
            .collect();
        if cleaned.is_empty() {
            return Err(ErrorCode::IndicatorValueRequired);
        }
        let digits = cleaned.strip_prefix('-').unwrap_or(&cleaned);
        let well_formed = match digits.split_once('.') {
            Some((i, f)) => is_digits(i) && is_digits(f),
            None => is_digits(digits),
        };
        if !well_formed {
            return Err(ErrorCode::IndicatorValueInvalid);
        }
        // Too many digits for a Decimal is certainly out of range.
        let value = Decimal::from_str(&cleaned).map_err(|_| ErrorCode::IndicatorValueOutOfRange)?;
        self.check(value)
    }

    /// Rounds a computed value to the unit's decimals, half away from zero.
    /// A pro-rated target as shown: at least one decimal (a count's target by Q3 can be 57.5),
    /// otherwise the unit's, without trailing zeros.
    pub fn round_expected(self, value: Decimal) -> Decimal {
        value
            .round_dp_with_strategy(
                self.decimals().max(1),
                RoundingStrategy::MidpointAwayFromZero,
            )
            .normalize()
    }

    pub fn round(self, value: Decimal) -> Decimal {
        value
            .round_dp_with_strategy(self.decimals(), RoundingStrategy::MidpointAwayFromZero)
            .normalize()
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// How quarterly values make a year's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// The year's value is the sum of its quarters (e.g. incidents handled).
    Cumulative,
    /// The latest value stands (e.g. communities connected).
    PointInTime,
}

impl IndicatorKind {
    pub fn label(self) -> Text {
        match self {
            IndicatorKind::Cumulative => Text::new("Наростаючим підсумком", "Cumulative"),
            IndicatorKind::PointInTime => Text::new("На дату", "Point in time"),
        }
    }
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

impl Direction {
    pub fn label(self) -> Text {
        match self {
            Direction::HigherIsBetter => Text::new("Більше — краще", "Higher is better"),
            Direction::LowerIsBetter => Text::new("Менше — краще", "Lower is better"),
        }
    }
}

/// What an indicator belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IndicatorScope {
    Programme,
    Direction { id: DirectionId },
    Task { id: TaskId },
}

/// Who reports an indicator's actual values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reporters {
    AllCommunities,
    AllDistricts,
    Orgs {
        ids: Vec<OrgId>,
    },
    /// A formula indicator: nobody, it is computed.
    Computed,
    /// Nobody types it: each community counts 1 for a quarter when its local informatization
    /// programme is approved and in force at the quarter's end
    /// (`shared::api::local_programmes::in_force`), else 0; the figure is their sum (IND-01).
    LocalProgrammes,
}

/// The state before the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Baseline {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub value: Decimal,
    pub date: Date,
}

/// The target for one programme year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearTarget {
    pub year: Year,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub value: Decimal,
}

/// An organisation's own target for one programme year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgTarget {
    pub org: OrgId,
    pub year: Year,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub value: Decimal,
}

/// Thresholds, in percent of the expected progress, that turn an achievement into a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusRule {
    /// At or above this: on track.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub on_track: Decimal,
    /// At or above this (and below `on_track`): at risk; below it: off track.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub at_risk: Decimal,
}

impl Default for StatusRule {
    fn default() -> Self {
        StatusRule {
            on_track: Decimal::from(95),
            at_risk: Decimal::from(80),
        }
    }
}

impl StatusRule {
    /// 0 ≤ at_risk < on_track ≤ 100; errors name the field under `status_rule`.
    pub fn validate(&self) -> Result<(), FieldError> {
        let in_range = |v: Decimal| v >= Decimal::ZERO && v <= hundred();
        let invalid =
            |f: &str| FieldError::new(format!("status_rule.{f}"), ErrorCode::StatusRuleInvalid);
        if !in_range(self.on_track) {
            return Err(invalid("on_track"));
        }
        if !in_range(self.at_risk) || self.at_risk >= self.on_track {
            return Err(invalid("at_risk"));
        }
        Ok(())
    }

    /// The status for an achievement in percent of the expected progress.
    pub fn classify(&self, achievement_percent: Decimal) -> IndicatorStatus {
        if achievement_percent >= self.on_track {
            IndicatorStatus::OnTrack
        } else if achievement_percent >= self.at_risk {
            IndicatorStatus::AtRisk
        } else {
            IndicatorStatus::OffTrack
        }
    }
}

/// Where an indicator stands; always shown as text as well as colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IndicatorStatus {
    OnTrack,
    AtRisk,
    OffTrack,
    /// Nothing reported for the period.
    NoData,
    /// No target for the year, so nothing to compare with.
    NoTarget,
}

impl IndicatorStatus {
    pub const ALL: [IndicatorStatus; 5] = [
        IndicatorStatus::OnTrack,
        IndicatorStatus::AtRisk,
        IndicatorStatus::OffTrack,
        IndicatorStatus::NoData,
        IndicatorStatus::NoTarget,
    ];

    pub fn label(self) -> Text {
        match self {
            IndicatorStatus::OnTrack => Text::new("За планом", "On track"),
            IndicatorStatus::AtRisk => Text::new("Під загрозою", "At risk"),
            IndicatorStatus::OffTrack => Text::new("Відстає", "Off track"),
            IndicatorStatus::NoData => Text::new("Немає даних", "No data"),
            IndicatorStatus::NoTarget => Text::new("Ціль не встановлено", "No target"),
        }
    }
}

/// A formula indicator's expression over other indicators: a closed set of operations, no eval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Formula {
    /// numerator ÷ denominator × scale (scale 100 for a percentage).
    Ratio {
        numerator: IndicatorId,
        denominator: IndicatorId,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        scale: Decimal,
    },
    Sum {
        terms: Vec<IndicatorId>,
    },
    Difference {
        minuend: IndicatorId,
        subtrahend: IndicatorId,
    },
}

impl Formula {
    /// The indicators it reads.
    pub fn inputs(&self) -> Vec<IndicatorId> {
        match self {
            Formula::Ratio {
                numerator,
                denominator,
                ..
            } => vec![*numerator, *denominator],
            Formula::Sum { terms } => terms.clone(),
            Formula::Difference {
                minuend,
                subtrahend,
            } => vec![*minuend, *subtrahend],
        }
    }

    /// The value from its inputs; `None` when an input is missing, the denominator is zero or
    /// the arithmetic would overflow.
    pub fn evaluate(&self, value_of: impl Fn(IndicatorId) -> Option<Decimal>) -> Option<Decimal> {
        match self {
            Formula::Ratio {
                numerator,
                denominator,
                scale,
            } => {
                let d = value_of(*denominator)?;
                if d.is_zero() {
                    return None;
                }
                value_of(*numerator)?.checked_mul(*scale)?.checked_div(d)
            }
            Formula::Sum { terms } => terms
                .iter()
                .try_fold(Decimal::ZERO, |acc, t| acc.checked_add(value_of(*t)?)),
            Formula::Difference {
                minuend,
                subtrahend,
            } => value_of(*minuend)?.checked_sub(value_of(*subtrahend)?),
        }
    }

    /// The rules of one formula on its own (references are checked with the whole set).
    pub fn check_shape(&self) -> Result<(), ErrorCode> {
        match self {
            Formula::Ratio { scale, .. } if *scale <= Decimal::ZERO => {
                Err(ErrorCode::FormulaInvalid)
            }
            Formula::Sum { terms } if terms.is_empty() => Err(ErrorCode::FormulaInvalid),
            _ => Ok(()),
        }
    }
}

/// One indicator of the programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Indicator {
    pub id: IndicatorId,
    pub scope: IndicatorScope,
    pub name: Text,
    pub unit: IndicatorUnit,
    pub kind: IndicatorKind,
    pub direction: Direction,
    pub baseline: Baseline,
    /// The programme's targets, at most one per programme year.
    pub targets: Vec<YearTarget>,
    /// Targets the department set for single organisations (a community's own share of a count,
    /// a stricter level for a city): they replace the programme's target of their year in that
    /// organisation's own figures (see `Indicator::for_org`). At most one per organisation and year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub org_targets: Vec<OrgTarget>,
    /// Set for a computed indicator, which nobody types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formula: Option<Formula>,
    /// `None`: the defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_rule: Option<StatusRule>,
    pub reporters: Reporters,
    /// How the values of several reporters make one figure (a district's, the oblast's).
    #[serde(default)]
    pub aggregate: Aggregate,
}

/// How the actuals of several reporting organisations combine into one figure.
///
/// - `Sum` (counts, money): the oblast figure is the sum of what was reported; the targets are
///   the oblast's, so a single community has no target of its own and shows no status.
/// - `Mean` (percentages, index points): the unweighted mean of the reporters' values, rounded to
///   the unit; every reporter is held to the same targets, so each community has a status too.
///
/// Each reporter counts with its last known actual (the same rule as a quarter not reported),
/// and the figure is as of the latest quarter any reporter reached, so one late community does
/// not turn the oblast's figure into an old one. Only reporters that reported count (the
/// dashboard shows how many of how many).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    #[default]
    Sum,
    Mean,
}

impl Aggregate {
    /// Whether each reporter is held to the indicator's targets (and so has its own status).
    pub fn per_reporter_status(self) -> bool {
        self == Aggregate::Mean
    }

    /// One figure from several reporters' actuals; `None` when none reported.
    pub fn combine(self, unit: IndicatorUnit, actuals: &[Actual]) -> Option<Actual> {
        let as_of = actuals.iter().map(|a| a.as_of).max()?;
        let sum = actuals
            .iter()
            .try_fold(Decimal::ZERO, |acc, a| acc.checked_add(a.value))?;
        let value = match self {
            Aggregate::Sum => sum,
            Aggregate::Mean => unit.round(sum.checked_div(Decimal::from(actuals.len()))?),
        };
        Some(Actual { value, as_of })
    }
}

/// The target expected by the end of a quarter, and where the year's path starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Expected {
    /// Where the year starts: 0 for cumulative indicators, the starting level otherwise.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub start: Decimal,
    /// Expected by the end of the quarter.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub value: Decimal,
}

/// The linear share of the way from `start` to `target` by the end of quarter `quarter` (1–4);
/// quarter 4 (or more) is exactly the target, 0 (or less) the start.
pub fn pro_rate(start: Decimal, target: Decimal, quarter: u8) -> Decimal {
    let n = Decimal::from(quarter.min(4));
    start + (target - start) * n / Decimal::from(4)
}

/// A value reported for one quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuarterValue {
    pub quarter: Quarter,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub value: Decimal,
}

/// The actual to compare for a period, and the quarter it is as of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Actual {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub value: Decimal,
    pub as_of: Quarter,
}

/// The actual by the end of `upto` from the year's quarterly values (one per quarter):
/// cumulative sums the reported quarters, point in time takes the latest. `None`: nothing reported
/// in that year up to that quarter.
pub fn actual_for(kind: IndicatorKind, values: &[QuarterValue], upto: Quarter) -> Option<Actual> {
    let mut in_year = values
        .iter()
        .filter(|v| v.quarter.year == upto.year && v.quarter <= upto)
        .peekable();
    in_year.peek()?;
    match kind {
        IndicatorKind::Cumulative => in_year.try_fold(None::<Actual>, |acc, v| {
            let (sum, as_of) = match acc {
                Some(a) => (a.value.checked_add(v.value)?, a.as_of.max(v.quarter)),
                None => (v.value, v.quarter),
            };
            Some(Some(Actual { value: sum, as_of }))
        })?,
        IndicatorKind::PointInTime => in_year
            .fold(None::<&QuarterValue>, |latest, v| match latest {
                Some(l) if l.quarter > v.quarter => Some(l),
                _ => Some(v),
            })
            .map(|v| Actual {
                value: v.value,
                as_of: v.quarter,
            }),
    }
}

/// The achievement of `actual` against what was expected, in percent rounded to one decimal
/// (see the module note for the progress and hold modes). `None` only on arithmetic overflow.
pub fn achievement(direction: Direction, expected: Expected, actual: Decimal) -> Option<Decimal> {
    let planned = expected.value - expected.start;
    let better = match direction {
        Direction::HigherIsBetter => planned > Decimal::ZERO,
        Direction::LowerIsBetter => planned < Decimal::ZERO,
    };
    let pct = if better {
        (actual - expected.start)
            .checked_mul(hundred())?
            .checked_div(planned)?
    } else if expected.value.is_zero() {
        let met = match direction {
            Direction::HigherIsBetter => actual >= expected.value,
            Direction::LowerIsBetter => actual <= expected.value,
        };
        if met {
            hundred()
        } else {
            Decimal::ZERO
        }
    } else {
        let ratio = actual
            .checked_mul(hundred())?
            .checked_div(expected.value.abs())?;
        match direction {
            // A floor: the share of it reached.
            Direction::HigherIsBetter => ratio,
            // A ceiling: 100 less the share by which it is exceeded.
            Direction::LowerIsBetter => (hundred() * Decimal::TWO).checked_sub(ratio)?,
        }
    };
    Some(crate::amount::round_percent(pct))
}

/// The status of an actual against what was expected.
pub fn assess(
    direction: Direction,
    rule: &StatusRule,
    expected: Expected,
    actual: Decimal,
) -> (IndicatorStatus, Option<Decimal>) {
    match achievement(direction, expected, actual) {
        Some(pct) => (rule.classify(pct), Some(pct)),
        // Only astronomically large figures overflow; they say nothing useful either way.
        None => (IndicatorStatus::NoData, None),
    }
}

/// An indicator's state for a period: what was expected, what was reported, and the status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evaluation {
    pub status: IndicatorStatus,
    pub actual: Option<Actual>,
    /// Expected by the end of the actual's quarter (or the quarter asked for, with no actual).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub expected: Option<Decimal>,
    /// Percent of the expected progress, one decimal.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub achievement: Option<Decimal>,
}

impl Indicator {
    /// The indicator as one organisation is held to it: its own target replaces the programme's
    /// for each year it has one (so a point-in-time indicator's year also starts at the
    /// organisation's own previous target). Without own targets, the indicator as it is.
    pub fn for_org(&self, org: OrgId) -> Cow<'_, Indicator> {
        if !self.has_own_targets(org) {
            return Cow::Borrowed(self);
        }
        let mut own = self.clone();
        for t in self.org_targets.iter().filter(|t| t.org == org) {
            own.targets.retain(|p| p.year != t.year);
            own.targets.push(YearTarget {
                year: t.year,
                value: t.value,
            });
        }
        own.targets.sort_by_key(|t| t.year);
        own.org_targets.clear();
        Cow::Owned(own)
    }

    /// Whether the department set targets for this organisation (which then has a status of its
    /// own even where the indicator's reporters add up to one oblast figure).
    pub fn has_own_targets(&self, org: OrgId) -> bool {
        self.org_targets.iter().any(|t| t.org == org)
    }

    /// An organisation's own target for a year, if the department set one.
    pub fn org_target(&self, org: OrgId, year: Year) -> Option<Decimal> {
        self.org_targets
            .iter()
            .find(|t| t.org == org && t.year == year)
            .map(|t| t.value)
    }

    pub fn target(&self, year: Year) -> Option<Decimal> {
        self.targets
            .iter()
            .find(|t| t.year == year)
            .map(|t| t.value)
    }

    /// The level a point-in-time indicator starts the year at: the latest earlier year's target,
    /// else the baseline.
    pub fn year_start(&self, year: Year) -> Decimal {
        self.targets
            .iter()
            .filter(|t| t.year < year)
            .max_by_key(|t| t.year)
            .map_or(self.baseline.value, |t| t.value)
    }

    /// What is expected by the end of a quarter; `None` without a target for its year.
    pub fn expected(&self, quarter: Quarter) -> Option<Expected> {
        let target = self.target(quarter.year)?;
        let start = match self.kind {
            IndicatorKind::Cumulative => Decimal::ZERO,
            IndicatorKind::PointInTime => self.year_start(quarter.year),
        };
        Some(Expected {
            start,
            value: pro_rate(start, target, quarter.quarter),
        })
    }

    pub fn rule(&self) -> StatusRule {
        self.status_rule.unwrap_or_default()
    }

    /// The state given the period's actual (from [`actual_for`] or [`period_actuals`]), as of
    /// the quarter asked for.
    pub fn evaluate(&self, actual: Option<Actual>, upto: Quarter) -> Evaluation {
        let at = actual.map_or(upto, |a| a.as_of);
        let expected = self.expected(at);
        let (status, achievement) = match (actual, expected) {
            (None, _) => (IndicatorStatus::NoData, None),
            (Some(_), None) => (IndicatorStatus::NoTarget, None),
            (Some(a), Some(e)) => assess(self.direction, &self.rule(), e, a.value),
        };
        Evaluation {
            status,
            actual,
            expected: expected.map(|e| e.value),
            achievement,
        }
    }

    /// The rules of one indicator on its own (the formula's references need the whole set:
    /// [`formula_order`]). Errors name fields under `prefix` (`indicators[3]`, or empty).
    pub fn validate(&self, prefix: &str) -> Vec<FieldError> {
        let field = |f: &str| {
            if prefix.is_empty() {
                f.to_string()
            } else {
                format!("{prefix}.{f}")
            }
        };
        let mut errors = Vec::new();
        if self.name.uk.trim().is_empty() {
            errors.push(FieldError::new(field("name.uk"), ErrorCode::NameRequired));
        }
        if let Err(code) = self.unit.check(self.baseline.value) {
            errors.push(FieldError::new(field("baseline.value"), code));
        }
        let mut seen = HashSet::new();
        for (i, t) in self.targets.iter().enumerate() {
            let ok = seen.insert(t.year)
                && PROGRAMME_YEARS.contains(&t.year.get())
                && self.unit.check(t.value).is_ok();
            if !ok {
                errors.push(FieldError::new(
                    field(&format!("targets[{i}]")),
                    ErrorCode::TargetsInvalid,
                ));
            }
        }
        let mut own = HashSet::new();
        for (i, t) in self.org_targets.iter().enumerate() {
            let ok = own.insert((t.org, t.year))
                && PROGRAMME_YEARS.contains(&t.year.get())
                && self.unit.check(t.value).is_ok();
            if !ok {
                errors.push(FieldError::new(
                    field(&format!("org_targets[{i}]")),
                    ErrorCode::TargetsInvalid,
                ));
            }
        }
        if let Some(Err(code)) = self.formula.as_ref().map(Formula::check_shape) {
            errors.push(FieldError::new(field("formula"), code));
        }
        if let Some(Err(mut e)) = self.status_rule.as_ref().map(StatusRule::validate) {
            e.field = field(&e.field);
            errors.push(e);
        }
        errors
    }
}

/// The formula indicators of a set in an order where every input comes first; refuses a formula
/// that refers to an indicator outside the set (`formula_invalid`) or to itself through others
/// (`formula_cycle`), naming `indicators[i].formula`.
pub fn formula_order(indicators: &[Indicator]) -> Result<Vec<IndicatorId>, FieldError> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Visiting,
        Done,
    }
    let index: HashMap<IndicatorId, usize> = indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| (ind.id, i))
        .collect();
    let field = |i: usize| format!("indicators[{i}].formula");
    let mut marks: HashMap<usize, Mark> = HashMap::new();
    let mut order = Vec::new();
    for start in 0..indicators.len() {
        if indicators[start].formula.is_none() || marks.contains_key(&start) {
            continue;
        }
        // Depth-first with an explicit stack: (indicator, whether its inputs are pushed).
        let mut stack = vec![(start, false)];
        while let Some((i, expanded)) = stack.pop() {
            if expanded {
                marks.insert(i, Mark::Done);
                order.push(indicators[i].id);
                continue;
            }
            match marks.get(&i) {
                Some(Mark::Done) => continue,
                Some(Mark::Visiting) => {
                    return Err(FieldError::new(field(i), ErrorCode::FormulaCycle))
                }
                None => {}
            }
            let Some(formula) = &indicators[i].formula else {
                marks.insert(i, Mark::Done);
                continue;
            };
            marks.insert(i, Mark::Visiting);
            stack.push((i, true));
            for input in formula.inputs() {
                let j = *index
                    .get(&input)
                    .ok_or_else(|| FieldError::new(field(i), ErrorCode::FormulaInvalid))?;
                match marks.get(&j) {
                    Some(Mark::Visiting) => {
                        return Err(FieldError::new(field(i), ErrorCode::FormulaCycle))
                    }
                    Some(Mark::Done) => {}
                    None => stack.push((j, false)),
                }
            }
        }
    }
    Ok(order)
}

/// One indicator's actual at a level (the oblast, a district, a community), and how many of the
/// level's reporters gave a value, of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LevelActual {
    pub actual: Option<Actual>,
    pub reported: u32,
    pub reporters: u32,
}

/// Every indicator's actual at one level for the period ending with `upto` — the one computation
/// reports and the dashboard share. A reported indicator: each of the level's reporters' actual
/// by the indicator's kind ([`actual_for`]), combined by its [`Aggregate`]; `values(ind)` gives
/// one entry per reporter in the level (`None`: nothing reported). A formula indicator: from its
/// inputs' actuals at the level (as of the stalest input), rounded to its unit, with the fewest
/// reported and the most reporters of its inputs. Values reported for a formula indicator are
/// ignored; an invalid set (a cycle, an unknown input) leaves the affected formulas without a
/// value.
pub fn level_actuals<'v>(
    indicators: &[Indicator],
    values: impl Fn(&Indicator) -> Vec<Option<&'v [QuarterValue]>>,
    upto: Quarter,
) -> HashMap<IndicatorId, LevelActual> {
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let mut out: HashMap<IndicatorId, LevelActual> = indicators
        .iter()
        .filter(|ind| ind.formula.is_none())
        .map(|ind| {
            let reporters = values(ind);
            let per_reporter: Vec<Actual> = reporters
                .iter()
                .filter_map(|v| actual_for(ind.kind, (*v)?, upto))
                .collect();
            let level = LevelActual {
                actual: ind.aggregate.combine(ind.unit, &per_reporter),
                reported: count(per_reporter.len()),
                reporters: count(reporters.len()),
            };
            (ind.id, level)
        })
        .collect();
    let by_id: HashMap<IndicatorId, &Indicator> = indicators.iter().map(|i| (i.id, i)).collect();
    for id in formula_order(indicators).unwrap_or_default() {
        let Some(ind) = by_id.get(&id) else { continue };
        let Some(formula) = &ind.formula else {
            continue;
        };
        let inputs = formula.inputs();
        let actual_of = |i: &IndicatorId| out.get(i).and_then(|l| l.actual);
        let as_of = inputs
            .iter()
            .map(actual_of)
            .collect::<Option<Vec<_>>>()
            .and_then(|ins| ins.into_iter().map(|a| a.as_of).min());
        let value = formula.evaluate(|i| actual_of(&i).map(|a| a.value));
        let actual = match (value, as_of) {
            (Some(value), Some(as_of)) => Some(Actual {
                value: ind.unit.round(value),
                as_of,
            }),
            _ => None,
        };
        let (reported, reporters) = inputs.iter().fold((u32::MAX, 0), |(r, n), i| {
            let l = out.get(i);
            (
                r.min(l.map_or(0, |l| l.reported)),
                n.max(l.map_or(0, |l| l.reporters)),
            )
        });
        let reported = if reporters == 0 { 0 } else { reported };
        out.insert(
            id,
            LevelActual {
                actual,
                reported,
                reporters,
            },
        );
    }
    out
}

/// Every indicator's actual for one organisation for the period ending with `upto`
/// ([`level_actuals`] with the organisation as the only reporter); indicators without a value are
/// left out.
pub fn period_actuals(
    indicators: &[Indicator],
    reported: &HashMap<IndicatorId, Vec<QuarterValue>>,
    upto: Quarter,
) -> HashMap<IndicatorId, Actual> {
    level_actuals(
        indicators,
        |ind| vec![reported.get(&ind.id).map(Vec::as_slice)],
        upto,
    )
    .into_iter()
    .filter_map(|(id, level)| Some((id, level.actual?)))
    .collect()
}

/// The actual one organisation's report shows for its period: the value it typed for a quarter
/// together with its earlier quarters' values of the year ([`actual_for`]: a cumulative indicator
/// sums them, a point-in-time one takes the latest); an annual report's value stands for the
/// year, as of its fourth quarter.
pub fn report_actual(
    kind: IndicatorKind,
    period: crate::calendar::ReportPeriod,
    value: Decimal,
    earlier: &[QuarterValue],
) -> Option<Actual> {
    let upto = period.last_quarter();
    match period {
        crate::calendar::ReportPeriod::Quarter(q) => {
            let mut values: Vec<QuarterValue> = earlier
                .iter()
                .filter(|v| v.quarter.year == q.year && v.quarter < q)
                .copied()
                .collect();
            values.push(QuarterValue { quarter: q, value });
            actual_for(kind, &values, upto)
        }
        crate::calendar::ReportPeriod::Annual { .. } => Some(Actual { value, as_of: upto }),
    }
}

/// Whether a value moved more than `max_change_percent` from the previous period's. No previous
/// value: no. A previous zero: any change does (a share of zero is not defined).
pub fn needs_comment(
    previous: Option<Decimal>,
    value: Decimal,
    max_change_percent: Decimal,
) -> bool {
    let Some(previous) = previous else {
        return false;
    };
    if previous.is_zero() {
        return !value.is_zero();
    }
    let change = (value - previous).abs();
    match change
        .checked_mul(hundred())
        .and_then(|c| c.checked_div(previous.abs()))
    {
        Some(pct) => pct > max_change_percent,
        None => true,
    }
}

/// Checks one reported actual value of an indicator: not a formula indicator, in range for the
/// unit, and with a comment when it moved more than `max_change_percent` from `previous`.
/// Errors name `{field}.value` or `{field}.comment` (e.g. `values[3].value`).
pub fn check_reported(
    indicator: &Indicator,
    field: &str,
    value: Decimal,
    previous: Option<Decimal>,
    comment: &str,
    max_change_percent: Decimal,
) -> Result<Decimal, FieldError> {
    let value_field = format!("{field}.value");
    if indicator.formula.is_some() {
        return Err(FieldError::new(
            value_field,
            ErrorCode::IndicatorValueComputed,
        ));
    }
    let value = indicator
        .unit
        .check(value)
        .map_err(|code| FieldError::new(value_field, code))?;
    if comment.trim().is_empty() && needs_comment(previous, value, max_change_percent) {
        return Err(FieldError::new(
            format!("{field}.comment"),
            ErrorCode::IndicatorChangeNeedsComment,
        ));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).expect(s)
    }

    fn year(y: i32) -> Year {
        Year::new(y).expect("year")
    }

    fn q(y: i32, n: u8) -> Quarter {
        Quarter::new(year(y), n).expect("quarter")
    }

    fn qv(y: i32, n: u8, value: &str) -> QuarterValue {
        QuarterValue {
            quarter: q(y, n),
            value: dec(value),
        }
    }

    /// An indicator with a baseline on 1 Jan 2026 and targets for the years given.
    fn indicator(
        id: i32,
        unit: IndicatorUnit,
        kind: IndicatorKind,
        direction: Direction,
        baseline: &str,
        targets: &[(i32, &str)],
    ) -> Indicator {
        Indicator {
            id: IndicatorId(id),
            scope: IndicatorScope::Programme,
            name: Text::new(format!("Показник {id}"), format!("Indicator {id}")),
            unit,
            kind,
            direction,
            baseline: Baseline {
                value: dec(baseline),
                date: Date::new(2026, 1, 1).expect("date"),
            },
            targets: targets
                .iter()
                .map(|&(y, v)| YearTarget {
                    year: year(y),
                    value: dec(v),
                })
                .collect(),
            formula: None,
            org_targets: Vec::new(),
            status_rule: None,
            reporters: Reporters::AllCommunities,
            aggregate: Aggregate::Sum,
        }
    }

    #[test]
    fn pro_rated_targets_are_shown_with_sensible_decimals() {
        assert_eq!(
            IndicatorUnit::Count.round_expected(dec("57.50")),
            dec("57.5")
        );
        assert_eq!(
            IndicatorUnit::Count
                .round_expected(dec("90.00"))
                .to_string(),
            "90"
        );
        assert_eq!(
            IndicatorUnit::Percent.round_expected(dec("63.925")),
            dec("63.9")
        );
        assert_eq!(
            IndicatorUnit::ThousandUah.round_expected(dec("1.23456")),
            dec("1.235")
        );
    }

    #[test]
    fn several_reporters_combine_by_sum_or_mean_as_of_the_latest() {
        let a = |v: &str, n: u8| Actual {
            value: dec(v),
            as_of: q(2026, n),
        };
        let values = [a("10", 2), a("15", 3), a("20", 3)];
        let sum = Aggregate::Sum.combine(IndicatorUnit::Count, &values);
        assert_eq!(sum, Some(a("45", 3)));
        // 45 / 3 = 15; a mean of points keeps one decimal, half away from zero.
        let mean = Aggregate::Mean.combine(IndicatorUnit::Points, &values);
        assert_eq!(mean, Some(a("15", 3)));
        let thirds = [a("1", 1), a("1", 1), a("2", 1)];
        assert_eq!(
            Aggregate::Mean.combine(IndicatorUnit::Percent, &thirds),
            Some(a("1.3", 1))
        );
        assert_eq!(Aggregate::Sum.combine(IndicatorUnit::Count, &[]), None);
        assert!(Aggregate::Mean.per_reporter_status());
        assert!(!Aggregate::Sum.per_reporter_status());
        // Stored definitions from before the field read as a sum.
        let mut json = serde_json::to_value(sedo_seats()).expect("json");
        json.as_object_mut().expect("object").remove("aggregate");
        let back: Indicator = serde_json::from_value(json).expect("parse");
        assert_eq!(back.aggregate, Aggregate::Sum);
    }

    /// СЕДО seats: 1 390 on 1 Jan 2026 (docs/programme.md), demo targets.
    fn sedo_seats() -> Indicator {
        indicator(
            1,
            IndicatorUnit::Count,
            IndicatorKind::PointInTime,
            Direction::HigherIsBetter,
            "1390",
            &[(2026, "1500"), (2027, "1600"), (2028, "1700")],
        )
    }

    /// Incidents handled with CERT-UA per year (cumulative), demo targets.
    fn incidents() -> Indicator {
        indicator(
            2,
            IndicatorUnit::Count,
            IndicatorKind::Cumulative,
            Direction::HigherIsBetter,
            "293",
            &[(2026, "300"), (2027, "320")],
        )
    }

    /// A waiting time in days: lower is better, from 30 to 20 in 2026.
    fn waiting_days() -> Indicator {
        indicator(
            3,
            IndicatorUnit::Days,
            IndicatorKind::PointInTime,
            Direction::LowerIsBetter,
            "30",
            &[(2026, "20"), (2027, "20")],
        )
    }

    fn expected(start: &str, value: &str) -> Expected {
        Expected {
            start: dec(start),
            value: dec(value),
        }
    }

    // --- units -------------------------------------------------------------------------------

    #[test]
    fn units_check_their_ranges() {
        use ErrorCode::{
            IndicatorValueNotWhole as NotWhole, IndicatorValueOutOfRange as OutOfRange,
            IndicatorValueTooPrecise as TooPrecise,
        };
        use IndicatorUnit::*;
        let cases: &[(IndicatorUnit, &str, Result<&str, ErrorCode>)] = &[
            (Percent, "0", Ok("0")),
            (Percent, "100", Ok("100")),
            (Percent, "96.7", Ok("96.7")),
            (Percent, "100.1", Err(OutOfRange)),
            (Percent, "-1", Err(OutOfRange)),
            (Percent, "96.75", Err(TooPrecise)),
            (Points, "52", Ok("52")),
            (Points, "101", Err(OutOfRange)),
            (Count, "1390", Ok("1390")),
            (Count, "1390.0", Ok("1390")),
            (Count, "1.5", Err(NotWhole)),
            (Count, "-1", Err(OutOfRange)),
            (Count, "4657786", Ok("4657786")),
            (Count, "1000000000000", Ok("1000000000000")),
            (Count, "1000000000001", Err(OutOfRange)),
            (Days, "0.5", Err(NotWhole)),
            (ThousandUah, "69.7", Ok("69.7")),
            (ThousandUah, "0.001", Ok("0.001")),
            (ThousandUah, "0.0001", Err(TooPrecise)),
        ];
        for (unit, input, want) in cases {
            assert_eq!(unit.check(dec(input)), want.map(dec), "{unit:?} {input}");
        }
    }

    #[test]
    fn units_parse_what_people_type() {
        use ErrorCode::{
            IndicatorValueInvalid as Invalid, IndicatorValueNotWhole as NotWhole,
            IndicatorValueOutOfRange as OutOfRange, IndicatorValueRequired as Required,
        };
        use IndicatorUnit::*;
        let cases: &[(IndicatorUnit, &str, Result<&str, ErrorCode>)] = &[
            (Count, "1 390", Ok("1390")),
            (Count, "2\u{a0}700", Ok("2700")),
            (Percent, " 96,7 ", Ok("96.7")),
            (Percent, "96.7", Ok("96.7")),
            (Percent, "", Err(Required)),
            (Percent, "abc", Err(Invalid)),
            (Percent, "1e2", Err(Invalid)),
            (Percent, "96,", Err(Invalid)),
            (Percent, ",5", Err(Invalid)),
            (Percent, "1,2,3", Err(Invalid)),
            (Percent, "-5", Err(OutOfRange)),
            (Percent, "\u{2212}5", Err(OutOfRange)),
            (Percent, "120", Err(OutOfRange)),
            (Count, "85,5", Err(NotWhole)),
            (Count, "99999999999999999999999999999999", Err(OutOfRange)),
        ];
        for (unit, input, want) in cases {
            assert_eq!(unit.parse_value(input), want.map(dec), "{unit:?} {input:?}");
        }
    }

    #[test]
    fn units_round_half_away_from_zero() {
        assert_eq!(IndicatorUnit::Percent.round(dec("96.66666")), dec("96.7"));
        assert_eq!(IndicatorUnit::Percent.round(dec("48.85")), dec("48.9"));
        assert_eq!(IndicatorUnit::Count.round(dec("2.5")), dec("3"));
        assert_eq!(
            IndicatorUnit::ThousandUah.round(dec("1.0005")),
            dec("1.001")
        );
    }

    #[test]
    fn labels_exist_in_both_languages_and_serialize_in_snake_case() {
        let labels = IndicatorUnit::ALL
            .iter()
            .map(|u| u.label())
            .chain(IndicatorStatus::ALL.iter().map(|s| s.label()))
            .chain([IndicatorKind::Cumulative, IndicatorKind::PointInTime].map(|k| k.label()))
            .chain([Direction::HigherIsBetter, Direction::LowerIsBetter].map(|d| d.label()));
        for l in labels {
            assert!(!l.uk.is_empty() && !l.en.is_empty());
        }
        let json = serde_json::to_string(&IndicatorUnit::ThousandUah).expect("serialize");
        assert_eq!(json, "\"thousand_uah\"");
        let json = serde_json::to_string(&IndicatorStatus::OffTrack).expect("serialize");
        assert_eq!(json, "\"off_track\"");
        let json = serde_json::to_string(&IndicatorKind::PointInTime).expect("serialize");
        assert_eq!(json, "\"point_in_time\"");
    }

    // --- pro-rating ----------------------------------------------------------------------------

    #[test]
    fn pro_rating_is_linear_and_q4_is_the_target() {
        assert_eq!(pro_rate(dec("1390"), dec("1500"), 1), dec("1417.5"));
        assert_eq!(pro_rate(dec("1390"), dec("1500"), 2), dec("1445"));
        assert_eq!(pro_rate(dec("1390"), dec("1500"), 3), dec("1472.5"));
        assert_eq!(pro_rate(dec("1390"), dec("1500"), 4), dec("1500"));
        assert_eq!(pro_rate(dec("1390"), dec("1500"), 0), dec("1390"));
        assert_eq!(
            pro_rate(dec("1390"), dec("1500"), 9),
            dec("1500"),
            "clamped"
        );
        // Awkward figures still land exactly on the target.
        assert_eq!(pro_rate(dec("0.001"), dec("333.333"), 4), dec("333.333"));
        // Lower is better: the path goes down.
        assert_eq!(pro_rate(dec("30"), dec("20"), 2), dec("25"));
    }

    #[test]
    fn point_in_time_starts_at_the_baseline_then_at_the_previous_target() {
        let ind = sedo_seats();
        assert_eq!(ind.expected(q(2026, 1)), Some(expected("1390", "1417.5")));
        assert_eq!(ind.expected(q(2026, 4)), Some(expected("1390", "1500")));
        assert_eq!(ind.expected(q(2027, 1)), Some(expected("1500", "1525")));
        assert_eq!(ind.expected(q(2028, 2)), Some(expected("1600", "1650")));
    }

    #[test]
    fn point_in_time_skips_a_missing_year_back_to_the_latest_target() {
        let ind = indicator(
            9,
            IndicatorUnit::Count,
            IndicatorKind::PointInTime,
            Direction::HigherIsBetter,
            "100",
            &[(2026, "120"), (2028, "200")],
        );
        assert_eq!(ind.expected(q(2027, 2)), None, "no target for 2027");
        assert_eq!(ind.year_start(year(2028)), dec("120"));
        assert_eq!(ind.expected(q(2028, 2)), Some(expected("120", "160")));
        let only_later = indicator(
            10,
            IndicatorUnit::Count,
            IndicatorKind::PointInTime,
            Direction::HigherIsBetter,
            "100",
            &[(2028, "140")],
        );
        assert_eq!(
            only_later.year_start(year(2028)),
            dec("100"),
            "the baseline"
        );
    }

    #[test]
    fn cumulative_targets_accumulate_from_zero_each_year() {
        let ind = incidents();
        assert_eq!(ind.expected(q(2026, 1)), Some(expected("0", "75")));
        assert_eq!(ind.expected(q(2026, 3)), Some(expected("0", "225")));
        assert_eq!(ind.expected(q(2026, 4)), Some(expected("0", "300")));
        assert_eq!(
            ind.expected(q(2027, 1)),
            Some(expected("0", "80")),
            "baseline ignored"
        );
        assert_eq!(ind.expected(q(2028, 1)), None);
    }

    #[test]
    fn a_target_equal_to_the_baseline_expects_the_level_all_year() {
        let ind = indicator(
            4,
            IndicatorUnit::Percent,
            IndicatorKind::PointInTime,
            Direction::HigherIsBetter,
            "100",
            &[(2026, "100")],
        );
        for n in 1..=4 {
            assert_eq!(ind.expected(q(2026, n)), Some(expected("100", "100")));
        }
    }

    // --- actuals -------------------------------------------------------------------------------

    #[test]
    fn cumulative_actual_is_the_sum_so_far_this_year() {
        let values = [
            qv(2026, 1, "70"),
            qv(2026, 2, "80"),
            qv(2026, 3, "60"),
            qv(2027, 1, "90"),
        ];
        let a = actual_for(IndicatorKind::Cumulative, &values, q(2026, 2)).expect("data");
        assert_eq!((a.value, a.as_of), (dec("150"), q(2026, 2)));
        let a = actual_for(IndicatorKind::Cumulative, &values, q(2026, 4)).expect("data");
        assert_eq!(
            (a.value, a.as_of),
            (dec("210"), q(2026, 3)),
            "Q4 not reported yet"
        );
        let a = actual_for(IndicatorKind::Cumulative, &values, q(2027, 4)).expect("data");
        assert_eq!(
            (a.value, a.as_of),
            (dec("90"), q(2027, 1)),
            "a new year starts at zero"
        );
        assert_eq!(
            actual_for(IndicatorKind::Cumulative, &values, q(2028, 4)),
            None
        );
    }

    #[test]
    fn cumulative_actual_with_a_gap_counts_what_was_reported() {
        let values = [qv(2026, 3, "10"), qv(2026, 1, "5")];
        let a = actual_for(IndicatorKind::Cumulative, &values, q(2026, 4)).expect("data");
        assert_eq!((a.value, a.as_of), (dec("15"), q(2026, 3)));
    }

    #[test]
    fn point_actual_is_the_latest_reported_in_the_year() {
        let values = [
            qv(2026, 2, "1450"),
            qv(2026, 1, "1400"),
            qv(2026, 4, "1510"),
        ];
        let a = actual_for(IndicatorKind::PointInTime, &values, q(2026, 3)).expect("data");
        assert_eq!(
            (a.value, a.as_of),
            (dec("1450"), q(2026, 2)),
            "order does not matter"
        );
        let a = actual_for(IndicatorKind::PointInTime, &values, q(2026, 4)).expect("data");
        assert_eq!(a.value, dec("1510"));
        assert_eq!(
            actual_for(IndicatorKind::PointInTime, &values, q(2027, 1)),
            None,
            "last year's level is not this year's report"
        );
    }

    #[test]
    fn no_values_is_no_actual() {
        assert_eq!(actual_for(IndicatorKind::Cumulative, &[], q(2026, 4)), None);
        assert_eq!(
            actual_for(IndicatorKind::PointInTime, &[], q(2026, 4)),
            None
        );
        let later = [qv(2026, 3, "1")];
        assert_eq!(
            actual_for(IndicatorKind::PointInTime, &later, q(2026, 2)),
            None
        );
    }

    #[test]
    fn a_zero_is_data() {
        let zero = [qv(2026, 1, "0")];
        let a = actual_for(IndicatorKind::Cumulative, &zero, q(2026, 1)).expect("reported");
        assert_eq!(a.value, Decimal::ZERO);
    }

    // --- achievement and status ----------------------------------------------------------------

    #[test]
    fn progress_is_the_share_of_the_planned_change() {
        let up = Direction::HigherIsBetter;
        let e = expected("1390", "1445");
        assert_eq!(achievement(up, e, dec("1445")), Some(dec("100")));
        assert_eq!(achievement(up, e, dec("1440")), Some(dec("90.9")));
        assert_eq!(achievement(up, e, dec("1390")), Some(dec("0")));
        assert_eq!(achievement(up, e, dec("1380")), Some(dec("-18.2")));
        assert_eq!(achievement(up, e, dec("1500")), Some(dec("200")));
        // Cumulative: from zero.
        assert_eq!(
            achievement(up, expected("0", "150"), dec("120")),
            Some(dec("80"))
        );
    }

    #[test]
    fn lower_is_better_progress_mirrors_itself() {
        let down = Direction::LowerIsBetter;
        let e = expected("30", "25");
        assert_eq!(achievement(down, e, dec("25")), Some(dec("100")));
        assert_eq!(achievement(down, e, dec("26")), Some(dec("80")));
        assert_eq!(achievement(down, e, dec("22")), Some(dec("160")));
        assert_eq!(achievement(down, e, dec("31")), Some(dec("-20")));
    }

    #[test]
    fn holding_a_level_is_a_floor_or_a_ceiling() {
        let up = Direction::HigherIsBetter;
        let down = Direction::LowerIsBetter;
        // Target equal to the baseline, higher is better: 100 % of ЦНАП on Diia stays 100 %.
        let hold = expected("100", "100");
        assert_eq!(achievement(up, hold, dec("100")), Some(dec("100")));
        assert_eq!(achievement(up, hold, dec("96")), Some(dec("96")));
        // Lower is better, target equal to the baseline: 5 % over the ceiling is 95.
        let cap = expected("20", "20");
        assert_eq!(achievement(down, cap, dec("20")), Some(dec("100")));
        assert_eq!(achievement(down, cap, dec("15")), Some(dec("125")));
        assert_eq!(achievement(down, cap, dec("21")), Some(dec("95")));
        assert_eq!(achievement(down, cap, dec("25")), Some(dec("75")));
    }

    #[test]
    fn a_cumulative_lower_is_better_target_is_a_ceiling() {
        let down = Direction::LowerIsBetter;
        let e = expected("0", "50");
        assert_eq!(achievement(down, e, dec("0")), Some(dec("200")));
        assert_eq!(achievement(down, e, dec("50")), Some(dec("100")));
        assert_eq!(achievement(down, e, dec("60")), Some(dec("80")));
    }

    #[test]
    fn a_target_moving_the_wrong_way_is_a_floor() {
        // 97 sites may fall to 90 by consolidation; higher is still better.
        let e = expected("97", "90");
        let up = Direction::HigherIsBetter;
        assert_eq!(achievement(up, e, dec("95")), Some(dec("105.6")));
        assert_eq!(achievement(up, e, dec("81")), Some(dec("90")));
    }

    #[test]
    fn zero_targets_are_met_or_missed() {
        let up = Direction::HigherIsBetter;
        let down = Direction::LowerIsBetter;
        assert_eq!(
            achievement(up, expected("0", "0"), dec("0")),
            Some(dec("100"))
        );
        assert_eq!(
            achievement(up, expected("0", "0"), dec("3")),
            Some(dec("100"))
        );
        assert_eq!(
            achievement(down, expected("0", "0"), dec("0")),
            Some(dec("100"))
        );
        assert_eq!(
            achievement(down, expected("0", "0"), dec("1")),
            Some(dec("0"))
        );
        // Lower is better, falling to zero: progress.
        assert_eq!(
            achievement(down, expected("4", "0"), dec("1")),
            Some(dec("75"))
        );
    }

    #[test]
    fn default_thresholds_and_their_edges() {
        let rule = StatusRule::default();
        assert_eq!(rule.classify(dec("95")), IndicatorStatus::OnTrack);
        assert_eq!(rule.classify(dec("94.9")), IndicatorStatus::AtRisk);
        assert_eq!(rule.classify(dec("80")), IndicatorStatus::AtRisk);
        assert_eq!(rule.classify(dec("79.9")), IndicatorStatus::OffTrack);
        assert_eq!(rule.classify(dec("-50")), IndicatorStatus::OffTrack);
        assert_eq!(rule.classify(dec("250")), IndicatorStatus::OnTrack);
    }

    #[test]
    fn status_follows_the_rounded_achievement() {
        // 94.96 % would show as 95.0 %: the status agrees with what is shown.
        let (status, pct) = assess(
            Direction::HigherIsBetter,
            &StatusRule::default(),
            expected("0", "10000"),
            dec("9496"),
        );
        assert_eq!(pct, Some(dec("95")));
        assert_eq!(status, IndicatorStatus::OnTrack);
        let (status, _) = assess(
            Direction::HigherIsBetter,
            &StatusRule::default(),
            expected("0", "10000"),
            dec("9494"),
        );
        assert_eq!(status, IndicatorStatus::AtRisk);
    }

    #[test]
    fn status_rules_are_validated() {
        assert_eq!(StatusRule::default().validate(), Ok(()));
        let rule = |on: &str, risk: &str| StatusRule {
            on_track: dec(on),
            at_risk: dec(risk),
        };
        assert_eq!(rule("100", "0").validate(), Ok(()));
        assert_eq!(rule("90", "70").validate(), Ok(()));
        let err = rule("80", "80").validate().expect_err("equal");
        assert_eq!(err.field, "status_rule.at_risk");
        assert_eq!(err.code, ErrorCode::StatusRuleInvalid);
        assert!(rule("80", "90").validate().is_err(), "inverted");
        assert_eq!(
            rule("101", "80").validate().map_err(|e| e.field),
            Err("status_rule.on_track".to_string())
        );
        assert!(rule("95", "-1").validate().is_err());
        assert!(rule("-5", "-10").validate().is_err());
    }

    #[test]
    fn a_department_rule_changes_the_status() {
        let mut ind = sedo_seats();
        let actual = Some(Actual {
            value: dec("1440"),
            as_of: q(2026, 2),
        });
        // 50 of the 55 seats expected by Q2: 90.9 %.
        assert_eq!(
            ind.evaluate(actual, q(2026, 2)).status,
            IndicatorStatus::AtRisk
        );
        ind.status_rule = Some(StatusRule {
            on_track: dec("90"),
            at_risk: dec("60"),
        });
        assert_eq!(
            ind.evaluate(actual, q(2026, 2)).status,
            IndicatorStatus::OnTrack
        );
    }

    // --- evaluation ----------------------------------------------------------------------------

    #[test]
    fn evaluation_of_a_point_indicator_through_the_year() {
        let ind = sedo_seats();
        let values = [qv(2026, 1, "1420"), qv(2026, 2, "1430")];
        let at = |upto| ind.evaluate(actual_for(ind.kind, &values, upto), upto);
        let q1 = at(q(2026, 1));
        assert_eq!(q1.status, IndicatorStatus::OnTrack);
        assert_eq!(q1.expected, Some(dec("1417.5")));
        assert_eq!(q1.achievement, Some(dec("109.1")));
        let q2 = at(q(2026, 2));
        assert_eq!(q2.expected, Some(dec("1445")));
        assert_eq!(q2.achievement, Some(dec("72.7")));
        assert_eq!(q2.status, IndicatorStatus::OffTrack);
        // Q3 not reported: judged as of Q2, not against Q3's expectation.
        let q3 = at(q(2026, 3));
        assert_eq!(q3.actual.map(|a| a.as_of), Some(q(2026, 2)));
        assert_eq!(q3.expected, Some(dec("1445")));
        assert_eq!(q3.status, IndicatorStatus::OffTrack);
    }

    #[test]
    fn evaluation_of_a_cumulative_indicator_at_year_end() {
        let ind = incidents();
        let values = [
            qv(2026, 1, "70"),
            qv(2026, 2, "75"),
            qv(2026, 3, "80"),
            qv(2026, 4, "60"),
        ];
        let year_end = ind.evaluate(actual_for(ind.kind, &values, q(2026, 4)), q(2026, 4));
        assert_eq!(year_end.actual.map(|a| a.value), Some(dec("285")));
        assert_eq!(year_end.expected, Some(dec("300")));
        assert_eq!(year_end.achievement, Some(dec("95")));
        assert_eq!(year_end.status, IndicatorStatus::OnTrack);
    }

    #[test]
    fn evaluation_of_a_lower_is_better_indicator() {
        let ind = waiting_days();
        let values = [qv(2026, 2, "26"), qv(2027, 1, "23")];
        let q2 = ind.evaluate(actual_for(ind.kind, &values, q(2026, 2)), q(2026, 2));
        assert_eq!(q2.expected, Some(dec("25")));
        assert_eq!(q2.status, IndicatorStatus::AtRisk, "80 % of the way");
        // 2027 holds 20 days: 23 is 15 % over the ceiling.
        let q1 = ind.evaluate(actual_for(ind.kind, &values, q(2027, 1)), q(2027, 1));
        assert_eq!(q1.expected, Some(dec("20")));
        assert_eq!(q1.achievement, Some(dec("85")));
        assert_eq!(q1.status, IndicatorStatus::AtRisk);
    }

    #[test]
    fn no_data_and_no_target() {
        let ind = incidents();
        let none = ind.evaluate(None, q(2026, 2));
        assert_eq!(none.status, IndicatorStatus::NoData);
        assert_eq!(
            none.expected,
            Some(dec("150")),
            "still shows what was expected"
        );
        let values = [qv(2028, 1, "10")];
        let no_target = ind.evaluate(actual_for(ind.kind, &values, q(2028, 1)), q(2028, 1));
        assert_eq!(no_target.status, IndicatorStatus::NoTarget);
        assert_eq!(no_target.expected, None);
        assert_eq!(no_target.actual.map(|a| a.value), Some(dec("10")));
    }

    // --- formulas ------------------------------------------------------------------------------

    fn values(pairs: &[(i32, &str)]) -> HashMap<IndicatorId, Decimal> {
        pairs
            .iter()
            .map(|&(id, v)| (IndicatorId(id), dec(v)))
            .collect()
    }

    fn ratio(n: i32, d: i32) -> Formula {
        Formula::Ratio {
            numerator: IndicatorId(n),
            denominator: IndicatorId(d),
            scale: dec("100"),
        }
    }

    #[test]
    fn formulas_evaluate_from_a_map_of_values() {
        let v = values(&[(1, "87"), (2, "90"), (3, "0"), (4, "5")]);
        let get = |id| v.get(&id).copied();
        let share = ratio(1, 2).evaluate(get).expect("value");
        assert_eq!(IndicatorUnit::Percent.round(share), dec("96.7"));
        let sum = Formula::Sum {
            terms: vec![IndicatorId(1), IndicatorId(2), IndicatorId(4)],
        };
        assert_eq!(sum.evaluate(get), Some(dec("182")));
        let diff = Formula::Difference {
            minuend: IndicatorId(4),
            subtrahend: IndicatorId(1),
        };
        assert_eq!(diff.evaluate(get), Some(dec("-82")));
    }

    #[test]
    fn formulas_without_a_value_never_panic() {
        let v = values(&[(1, "87"), (3, "0"), (5, "79000000000000000000000000000")]);
        let get = |id| v.get(&id).copied();
        assert_eq!(ratio(1, 3).evaluate(get), None, "division by zero");
        assert_eq!(ratio(3, 3).evaluate(get), None, "0 / 0");
        assert_eq!(ratio(1, 99).evaluate(get), None, "missing denominator");
        assert_eq!(ratio(99, 1).evaluate(get), None, "missing numerator");
        assert_eq!(ratio(3, 1).evaluate(get), Some(Decimal::ZERO));
        let overflow = Formula::Sum {
            terms: vec![IndicatorId(5), IndicatorId(5), IndicatorId(5)],
        };
        assert_eq!(overflow.evaluate(get), None);
        assert_eq!(ratio(5, 1).evaluate(get), None, "× 100 overflows");
        let partial = Formula::Sum {
            terms: vec![IndicatorId(1), IndicatorId(99)],
        };
        assert_eq!(partial.evaluate(get), None, "a sum needs every term");
    }

    #[test]
    fn formula_shapes_are_checked() {
        assert_eq!(ratio(1, 2).check_shape(), Ok(()));
        let zero_scale = Formula::Ratio {
            numerator: IndicatorId(1),
            denominator: IndicatorId(2),
            scale: Decimal::ZERO,
        };
        assert_eq!(zero_scale.check_shape(), Err(ErrorCode::FormulaInvalid));
        let empty = Formula::Sum { terms: vec![] };
        assert_eq!(empty.check_shape(), Err(ErrorCode::FormulaInvalid));
        assert_eq!(ratio(1, 2).inputs(), vec![IndicatorId(1), IndicatorId(2)]);
    }

    #[test]
    fn formulas_serialize_as_tagged_objects() {
        let json = serde_json::to_value(ratio(1, 2)).expect("serialize");
        assert_eq!(
            json,
            serde_json::json!({"op": "ratio", "numerator": 1, "denominator": 2, "scale": "100"})
        );
        let back: Formula = serde_json::from_value(json).expect("deserialize");
        assert_eq!(back, ratio(1, 2));
        assert!(serde_json::from_str::<Formula>(r#"{"op":"eval","expr":"1+1"}"#).is_err());
    }

    /// ЦНАП connected to the ДРАЦС registry (50) of 90: a computed share (docs/programme.md).
    fn cnap_set() -> Vec<Indicator> {
        let count = |id, base: &str| {
            indicator(
                id,
                IndicatorUnit::Count,
                IndicatorKind::PointInTime,
                Direction::HigherIsBetter,
                base,
                &[(2026, base)],
            )
        };
        let mut share = indicator(
            12,
            IndicatorUnit::Percent,
            IndicatorKind::PointInTime,
            Direction::HigherIsBetter,
            "56",
            &[(2026, "70")],
        );
        share.formula = Some(ratio(10, 11));
        share.reporters = Reporters::Computed;
        vec![share, count(10, "50"), count(11, "90")]
    }

    #[test]
    fn formula_order_puts_inputs_first() {
        let mut set = cnap_set();
        // A formula over a formula: the gap to full coverage, 100 − share.
        let mut gap = indicator(
            14,
            IndicatorUnit::Percent,
            IndicatorKind::PointInTime,
            Direction::LowerIsBetter,
            "44",
            &[],
        );
        gap.formula = Some(Formula::Difference {
            minuend: IndicatorId(15),
            subtrahend: IndicatorId(12),
        });
        set.insert(0, gap);
        set.push(indicator(
            15,
            IndicatorUnit::Percent,
            IndicatorKind::PointInTime,
            Direction::HigherIsBetter,
            "100",
            &[],
        ));
        let order = formula_order(&set).expect("valid");
        assert_eq!(order, vec![IndicatorId(12), IndicatorId(14)]);
    }

    #[test]
    fn formula_cycles_and_unknown_inputs_are_refused() {
        let mut set = cnap_set();
        set[1].formula = Some(ratio(12, 11)); // 10 = 12 / 11, and 12 = 10 / 11
        let err = formula_order(&set).expect_err("cycle");
        assert_eq!(err.code, ErrorCode::FormulaCycle);
        assert!(err.field.starts_with("indicators[") && err.field.ends_with("].formula"));

        let mut own = cnap_set();
        own[0].formula = Some(ratio(12, 11));
        assert_eq!(
            formula_order(&own).map_err(|e| (e.field, e.code)),
            Err(("indicators[0].formula".to_string(), ErrorCode::FormulaCycle))
        );

        let mut unknown = cnap_set();
        unknown[0].formula = Some(ratio(10, 77));
        assert_eq!(
            formula_order(&unknown).map_err(|e| (e.field, e.code)),
            Err((
                "indicators[0].formula".to_string(),
                ErrorCode::FormulaInvalid
            ))
        );
    }

    #[test]
    fn a_longer_cycle_is_found() {
        let mut set: Vec<Indicator> = (1..=4)
            .map(|id| {
                let mut ind = indicator(
                    id,
                    IndicatorUnit::Count,
                    IndicatorKind::PointInTime,
                    Direction::HigherIsBetter,
                    "1",
                    &[],
                );
                ind.formula = Some(Formula::Sum {
                    terms: vec![IndicatorId(id % 4 + 1)],
                });
                ind
            })
            .collect();
        assert_eq!(
            formula_order(&set).map_err(|e| e.code),
            Err(ErrorCode::FormulaCycle)
        );
        // Breaking it (4 is reported, not computed) makes it an order.
        set[3].formula = None;
        assert_eq!(
            formula_order(&set),
            Ok(vec![IndicatorId(3), IndicatorId(2), IndicatorId(1)])
        );
    }

    #[test]
    fn period_actuals_compute_formulas_from_their_inputs() {
        let set = cnap_set();
        let reported: HashMap<IndicatorId, Vec<QuarterValue>> = [
            (IndicatorId(10), vec![qv(2026, 1, "55"), qv(2026, 2, "58")]),
            (IndicatorId(11), vec![qv(2026, 1, "90")]),
            // Typed by hand for a formula indicator: ignored.
            (IndicatorId(12), vec![qv(2026, 2, "99")]),
        ]
        .into_iter()
        .collect();
        let actuals = period_actuals(&set, &reported, q(2026, 2));
        assert_eq!(actuals[&IndicatorId(10)].value, dec("58"));
        let share = actuals[&IndicatorId(12)];
        assert_eq!(share.value, dec("64.4"), "58 / 90 × 100, one decimal");
        assert_eq!(share.as_of, q(2026, 1), "as fresh as its stalest input");
        let eval = set[0].evaluate(Some(share), q(2026, 2));
        assert_eq!(eval.expected, Some(dec("59.5")));
        assert_eq!(eval.status, IndicatorStatus::OnTrack);
    }

    #[test]
    fn period_actuals_leave_out_what_cannot_be_computed() {
        let set = cnap_set();
        let zero_total: HashMap<IndicatorId, Vec<QuarterValue>> = [
            (IndicatorId(10), vec![qv(2026, 1, "0")]),
            (IndicatorId(11), vec![qv(2026, 1, "0")]),
        ]
        .into_iter()
        .collect();
        let actuals = period_actuals(&set, &zero_total, q(2026, 1));
        assert!(
            !actuals.contains_key(&IndicatorId(12)),
            "0 / 0 has no value"
        );
        let missing_input: HashMap<IndicatorId, Vec<QuarterValue>> =
            [(IndicatorId(10), vec![qv(2026, 1, "5")])]
                .into_iter()
                .collect();
        let actuals = period_actuals(&set, &missing_input, q(2026, 1));
        assert!(!actuals.contains_key(&IndicatorId(12)));
        let mut cyclic = cnap_set();
        cyclic[1].formula = Some(ratio(12, 11));
        let actuals = period_actuals(&cyclic, &zero_total, q(2026, 1));
        assert!(
            !actuals.contains_key(&IndicatorId(12)),
            "no panic on a cycle"
        );
    }

    #[test]
    fn a_report_shows_its_value_with_the_years_earlier_quarters() {
        use crate::calendar::ReportPeriod;
        let earlier = [qv(2026, 1, "10"), qv(2026, 2, "15"), qv(2027, 1, "99")];
        let q3 = ReportPeriod::Quarter(q(2026, 3));
        let cumulative = report_actual(IndicatorKind::Cumulative, q3, dec("5"), &earlier);
        assert_eq!(cumulative.map(|a| a.value), Some(dec("30")), "10 + 15 + 5");
        assert_eq!(cumulative.map(|a| a.as_of), Some(q(2026, 3)));
        let point = report_actual(IndicatorKind::PointInTime, q3, dec("5"), &earlier);
        assert_eq!(point.map(|a| a.value), Some(dec("5")));
        // A later quarter's value saved already does not count for this one.
        let q1 = ReportPeriod::Quarter(q(2026, 1));
        let first = report_actual(IndicatorKind::Cumulative, q1, dec("7"), &earlier);
        assert_eq!(first.map(|a| a.value), Some(dec("7")));
        let year = ReportPeriod::Annual { year: Year::FIRST };
        let annual = report_actual(IndicatorKind::Cumulative, year, dec("40"), &earlier);
        assert_eq!(
            annual.map(|a| (a.value, a.as_of)),
            Some((dec("40"), q(2026, 4)))
        );
    }

    #[test]
    fn a_level_combines_its_reporters_and_counts_them() {
        let set = cnap_set();
        let a = [qv(2026, 1, "50")];
        let b = [qv(2026, 1, "70")];
        let totals = [qv(2026, 1, "90")];
        let level = level_actuals(
            &set,
            |ind| match ind.id.0 {
                10 => vec![Some(&a[..]), Some(&b[..]), None],
                11 => vec![Some(&totals[..])],
                _ => Vec::new(),
            },
            q(2026, 1),
        );
        let counted = level[&IndicatorId(10)];
        assert_eq!((counted.reported, counted.reporters), (2, 3));
        let formula = level[&IndicatorId(12)];
        assert_eq!(
            (formula.reported, formula.reporters),
            (1, 3),
            "its inputs' fewest and most"
        );
        assert!(formula.actual.is_some());
    }

    // --- reported values -----------------------------------------------------------------------

    #[test]
    fn needs_comment_on_big_moves() {
        let max = Decimal::from(DEFAULT_MAX_CHANGE_PERCENT);
        assert!(
            !needs_comment(None, dec("1000"), max),
            "nothing to compare with"
        );
        assert!(
            !needs_comment(Some(dec("100")), dec("150"), max),
            "exactly 50 %"
        );
        assert!(needs_comment(Some(dec("100")), dec("150.1"), max));
        assert!(!needs_comment(Some(dec("100")), dec("50"), max));
        assert!(needs_comment(Some(dec("100")), dec("49"), max));
        assert!(!needs_comment(Some(dec("0")), dec("0"), max));
        assert!(
            needs_comment(Some(dec("0")), dec("1"), max),
            "from zero any change"
        );
        assert!(!needs_comment(
            Some(dec("1390")),
            dec("1390"),
            Decimal::ZERO
        ));
        assert!(needs_comment(Some(dec("1390")), dec("1391"), Decimal::ZERO));
    }

    #[test]
    fn reported_values_are_checked_with_fields() {
        let ind = sedo_seats();
        let max = Decimal::from(DEFAULT_MAX_CHANGE_PERCENT);
        assert_eq!(
            check_reported(&ind, "values[0]", dec("1420"), Some(dec("1390")), "", max),
            Ok(dec("1420"))
        );
        let err =
            check_reported(&ind, "values[0]", dec("14.5"), None, "", max).expect_err("not whole");
        assert_eq!(
            err,
            FieldError::new("values[0].value", ErrorCode::IndicatorValueNotWhole)
        );
        let err =
            check_reported(&ind, "values[0]", dec("-3"), None, "", max).expect_err("negative");
        assert_eq!(err.code, ErrorCode::IndicatorValueOutOfRange);
        let err = check_reported(&ind, "values[1]", dec("3000"), Some(dec("1390")), " ", max)
            .expect_err("needs a comment");
        assert_eq!(
            err,
            FieldError::new("values[1].comment", ErrorCode::IndicatorChangeNeedsComment)
        );
        assert_eq!(
            check_reported(
                &ind,
                "values[1]",
                dec("3000"),
                Some(dec("1390")),
                "new ЦНАП",
                max
            ),
            Ok(dec("3000"))
        );
        let set = cnap_set();
        let err =
            check_reported(&set[0], "values[2]", dec("50"), None, "", max).expect_err("computed");
        assert_eq!(err.code, ErrorCode::IndicatorValueComputed);
    }

    #[test]
    fn indicators_are_validated_on_their_own() {
        assert!(sedo_seats().validate("").is_empty());
        let mut bad = indicator(
            5,
            IndicatorUnit::Percent,
            IndicatorKind::PointInTime,
            Direction::HigherIsBetter,
            "120",
            &[(2026, "90"), (2026, "95"), (2027, "101")],
        );
        bad.name.uk = " ".into();
        bad.formula = Some(Formula::Sum { terms: vec![] });
        bad.status_rule = Some(StatusRule {
            on_track: dec("50"),
            at_risk: dec("60"),
        });
        let fields: Vec<(String, ErrorCode)> = bad
            .validate("indicators[4]")
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        let f = |s: &str, c| (format!("indicators[4].{s}"), c);
        assert_eq!(
            fields,
            vec![
                f("name.uk", ErrorCode::NameRequired),
                f("baseline.value", ErrorCode::IndicatorValueOutOfRange),
                f("targets[1]", ErrorCode::TargetsInvalid),
                f("targets[2]", ErrorCode::TargetsInvalid),
                f("formula", ErrorCode::FormulaInvalid),
                f("status_rule.at_risk", ErrorCode::StatusRuleInvalid),
            ]
        );
    }

    #[test]
    fn indicators_round_trip_through_json() {
        let set = cnap_set();
        let json = serde_json::to_string(&set).expect("serialize");
        let back: Vec<Indicator> = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(back, set);
        let value = serde_json::to_value(&set[1]).expect("serialize");
        assert_eq!(
            value["baseline"],
            serde_json::json!({"value": "50", "date": "2026-01-01"})
        );
        assert_eq!(
            value["targets"][0],
            serde_json::json!({"year": 2026, "value": "50"})
        );
        assert!(value.get("formula").is_none());
        assert_eq!(value["scope"], serde_json::json!({"kind": "programme"}));
        assert_eq!(
            value["reporters"],
            serde_json::json!({"kind": "all_communities"})
        );
    }

    #[test]
    fn an_organisation_is_held_to_its_own_targets_where_it_has_them() {
        let mut ind = sedo_seats();
        let org = OrgId(7);
        // Without own targets: the indicator as it is, not copied.
        assert!(matches!(ind.for_org(org), Cow::Borrowed(_)));
        ind.org_targets = vec![
            OrgTarget {
                org,
                year: year(2027),
                value: dec("40"),
            },
            OrgTarget {
                org,
                year: year(2026),
                value: dec("30"),
            },
        ];
        let own = ind.for_org(org);
        assert_eq!(own.target(year(2026)), Some(dec("30")));
        assert_eq!(own.target(year(2027)), Some(dec("40")));
        // A year without an own target keeps the programme's.
        assert_eq!(own.target(year(2028)), Some(dec("1700")));
        assert!(own.org_targets.is_empty());
        // A point-in-time year starts at the organisation's own previous target.
        assert_eq!(own.year_start(year(2027)), dec("30"));
        // Everyone else is held to the programme's.
        assert_eq!(ind.for_org(OrgId(8)).target(year(2026)), Some(dec("1500")));
        assert!(ind.has_own_targets(org));
        assert!(!ind.has_own_targets(OrgId(8)));
        assert_eq!(ind.org_target(org, year(2026)), Some(dec("30")));
        assert_eq!(ind.org_target(org, year(2028)), None);
        // 36 of the expected 30 + (40 − 30) × 2/4 = 35 by Q2 2027: on track.
        let e = own.evaluate(
            Some(Actual {
                value: dec("36"),
                as_of: q(2027, 2),
            }),
            q(2027, 2),
        );
        assert_eq!(e.status, IndicatorStatus::OnTrack);
        assert!(ind.validate("").is_empty());
        // Stored definitions without the field read as no own targets.
        let back: Indicator =
            serde_json::from_value(serde_json::to_value(sedo_seats()).expect("json"))
                .expect("parse");
        assert!(back.org_targets.is_empty());
    }

    #[test]
    fn own_targets_are_one_per_organisation_and_year_within_the_unit() {
        let mut ind = sedo_seats();
        let t = |org: i32, y: i32, v: &str| OrgTarget {
            org: OrgId(org),
            year: year(y),
            value: dec(v),
        };
        ind.org_targets = vec![t(1, 2026, "5"), t(1, 2026, "6"), t(2, 2026, "2.5")];
        let fields: Vec<String> = ind.validate("").into_iter().map(|e| e.field).collect();
        // The repeated year, and a fraction of a count.
        assert_eq!(fields, vec!["org_targets[1]", "org_targets[2]"]);
    }
}
