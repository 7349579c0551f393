//! The three budget layers of the final report: planned, approved (the year's budget decision) and executed.
//!
//! Rules: *planned* is the approved plan; *approved* is what the year's budget decision gave a
//! measure, entered by the department per measure × year × source; *executed* is what the
//! department-approved quarterly reports say was spent. The percentages are approved ÷ planned and
//! executed ÷ approved, one decimal, half away from zero; with a zero base there is no percentage
//! (shown as "—"), never a division by zero. Layers add up cell by cell, so every level (measure,
//! community, district, direction, oblast) is the sum of the levels below it.

use crate::amount::{percent_of, Amount};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::ops::{Add, AddAssign};

/// Planned, approved and executed amounts of one cell or one level, thousand UAH.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Execution {
    pub planned: Amount,
    pub approved: Amount,
    pub executed: Amount,
}

/// `part ÷ base × 100`, one decimal (`crate::amount::percent_of`); `None` with a zero base.
pub fn percent(part: Amount, base: Amount) -> Option<Decimal> {
    percent_of(part.decimal(), base.decimal())
}

impl Execution {
    pub fn new(planned: Amount, approved: Amount, executed: Amount) -> Self {
        Execution {
            planned,
            approved,
            executed,
        }
    }

    /// Approved ÷ planned, %.
    pub fn approved_percent(&self) -> Option<Decimal> {
        percent(self.approved, self.planned)
    }

    /// Executed ÷ approved, %.
    pub fn executed_percent(&self) -> Option<Decimal> {
        percent(self.executed, self.approved)
    }

    pub fn is_empty(&self) -> bool {
        self.planned.is_zero() && self.approved.is_zero() && self.executed.is_zero()
    }
}

impl Add for Execution {
    type Output = Execution;
    fn add(self, o: Execution) -> Execution {
        Execution {
            planned: self.planned + o.planned,
            approved: self.approved + o.approved,
            executed: self.executed + o.executed,
        }
    }
}

impl AddAssign for Execution {
    fn add_assign(&mut self, o: Execution) {
        *self = *self + o;
    }
}

impl std::iter::Sum for Execution {
    fn sum<I: Iterator<Item = Execution>>(iter: I) -> Execution {
        iter.fold(Execution::default(), |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Amount {
        Amount::parse(s).expect(s)
    }

    #[test]
    fn percentages_round_half_away_and_refuse_a_zero_base() {
        let e = Execution::new(a("3"), a("2"), a("1"));
        assert_eq!(e.approved_percent(), Some(Decimal::new(667, 1)));
        assert_eq!(e.executed_percent(), Some(Decimal::new(500, 1)));
        let none = Execution::new(Amount::ZERO, Amount::ZERO, a("5"));
        assert_eq!(none.approved_percent(), None);
        assert_eq!(none.executed_percent(), None);
        // 1 ÷ 8 = 12.5 %; 1 ÷ 16 = 6.25 → 6.3 (half away from zero).
        assert_eq!(percent(a("1"), a("16")), Some(Decimal::new(63, 1)));
    }

    #[test]
    fn layers_add_cell_by_cell() {
        let total: Execution = [
            Execution::new(a("1.5"), a("1"), a("0.25")),
            Execution::new(a("2"), a("2"), a("2")),
        ]
        .into_iter()
        .sum();
        assert_eq!(total, Execution::new(a("3.5"), a("3"), a("2.25")));
        assert!(Execution::default().is_empty());
        // Over-execution is a figure above 100 %, not an error.
        assert_eq!(
            Execution::new(a("1"), a("1"), a("1.5")).executed_percent(),
            Some(Decimal::new(1500, 1))
        );
    }
}

/// The amount a budget line may spend in its year: the approved one, or the planned one while
/// nothing is approved.
pub fn spending_limit(planned: Amount, approved: Amount) -> Amount {
    if approved.is_zero() {
        planned
    } else {
        approved
    }
}

/// Whether a line's spending this year (the earlier quarters' approved spending and this
/// report's) goes above its limit ([`spending_limit`]): it then needs a comment to be saved, and
/// it is shown to the reviewers and on the dashboard.
pub fn overspent(
    planned: Amount,
    approved: Amount,
    executed_before: Amount,
    spent: Amount,
) -> bool {
    executed_before.decimal() + spent.decimal() > spending_limit(planned, approved).decimal()
}

#[cfg(test)]
mod overspending {
    use super::*;

    fn a(s: &str) -> Amount {
        Amount::parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    #[test]
    fn spending_is_held_to_the_approved_amount_else_the_planned_one() {
        // The case found from outside: 9 999 against 44,4 planned and 43,912 approved.
        assert!(overspent(a("44,4"), a("43,912"), a("0"), a("9999")));
        assert!(
            overspent(a("44,4"), a("43,912"), a("40"), a("4")),
            "43,912 approved"
        );
        assert!(
            !overspent(a("44,4"), a("43,912"), a("40"), a("3,912")),
            "exactly the limit"
        );
        assert!(
            !overspent(a("44,4"), a("0"), a("40"), a("4,4")),
            "planned, nothing approved"
        );
        assert!(overspent(a("44,4"), a("0"), a("40"), a("4,5")));
    }
}
