//! A budget grid: amounts by year × funding source, the shape of every budget table.

use crate::amount::Amount;
use crate::period::Year;
use crate::source::FundingSource;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One cell of a grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GridCell {
    pub year: Year,
    pub source: FundingSource,
    pub amount: Amount,
}

/// Sparse cells, kept sorted by year then source, at most one per pair.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct BudgetGrid(Vec<GridCell>);

impl BudgetGrid {
    pub fn new() -> Self {
        BudgetGrid(Vec::new())
    }

    pub fn cells(&self) -> &[GridCell] {
        &self.0
    }

    /// Adds to a cell (creating it).
    pub fn add(&mut self, year: Year, source: FundingSource, amount: Amount) {
        match self
            .0
            .binary_search_by(|c| (c.year, c.source).cmp(&(year, source)))
        {
            Ok(i) => self.0[i].amount = self.0[i].amount + amount,
            Err(i) => self.0.insert(
                i,
                GridCell {
                    year,
                    source,
                    amount,
                },
            ),
        }
    }

    pub fn merge(&mut self, other: &BudgetGrid) {
        for c in &other.0 {
            self.add(c.year, c.source, c.amount);
        }
    }

    pub fn get(&self, year: Year, source: FundingSource) -> Amount {
        self.0
            .iter()
            .find(|c| c.year == year && c.source == source)
            .map_or(Amount::ZERO, |c| c.amount)
    }

    pub fn total(&self) -> Amount {
        self.0.iter().map(|c| c.amount).sum()
    }

    pub fn year_total(&self, year: Year) -> Amount {
        self.0
            .iter()
            .filter(|c| c.year == year)
            .map(|c| c.amount)
            .sum()
    }

    pub fn source_total(&self, source: FundingSource) -> Amount {
        self.0
            .iter()
            .filter(|c| c.source == source)
            .map(|c| c.amount)
            .sum()
    }

    /// Only the cells that match the given year and source (where given).
    pub fn restricted(&self, year: Option<Year>, source: Option<FundingSource>) -> BudgetGrid {
        BudgetGrid(
            self.0
                .iter()
                .filter(|c| {
                    year.is_none_or(|y| c.year == y) && source.is_none_or(|s| c.source == s)
                })
                .copied()
                .collect(),
        )
    }
}

impl FromIterator<GridCell> for BudgetGrid {
    fn from_iter<I: IntoIterator<Item = GridCell>>(iter: I) -> Self {
        let mut g = BudgetGrid::new();
        for c in iter {
            g.add(c.year, c.source, c.amount);
        }
        g
    }
}

/// The passport envelope of one year and source, beside what measures allocate from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnvelopeCell {
    pub year: Year,
    pub source: FundingSource,
    pub envelope: Amount,
    /// False where the passport plans nothing from this source ("–"): local budgets fund
    /// communities' own measures outside the regional envelope, so nothing is over-allocated there.
    pub has_envelope: bool,
    pub allocated: Amount,
    /// Envelope minus allocated; negative when over-allocated.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub remaining: Decimal,
    pub over_allocated: bool,
}

impl EnvelopeCell {
    pub fn new(
        year: Year,
        source: FundingSource,
        envelope: Option<Amount>,
        allocated: Amount,
    ) -> Self {
        let has_envelope = envelope.is_some();
        let envelope = envelope.unwrap_or(Amount::ZERO);
        let remaining = envelope.decimal() - allocated.decimal();
        EnvelopeCell {
            year,
            source,
            envelope,
            has_envelope,
            allocated,
            remaining,
            over_allocated: has_envelope && remaining.is_sign_negative() && !remaining.is_zero(),
        }
    }

    /// Compares a whole envelope with a whole allocation, cell by cell, in table order.
    /// A source with no cell anywhere in the envelope has no envelope.
    pub fn table(envelope: &BudgetGrid, allocated: &BudgetGrid) -> Vec<EnvelopeCell> {
        let planned = |s: FundingSource| envelope.cells().iter().any(|c| c.source == s);
        Year::all()
            .flat_map(|y| FundingSource::ALL.into_iter().map(move |s| (y, s)))
            .map(|(y, s)| {
                let env = planned(s).then(|| envelope.get(y, s));
                EnvelopeCell::new(y, s, env, allocated.get(y, s))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn y(n: i32) -> Year {
        Year::new(n).expect("year")
    }
    fn a(s: &str) -> Amount {
        Amount::parse(s).expect("amount")
    }

    #[test]
    fn sums_by_row_and_column() {
        let mut g = BudgetGrid::new();
        g.add(y(2027), FundingSource::Oblast, a("10"));
        g.add(y(2026), FundingSource::Other, a("1,5"));
        g.add(y(2026), FundingSource::Oblast, a("2"));
        g.add(y(2027), FundingSource::Oblast, a("0,25"));
        assert_eq!(g.cells().len(), 3);
        assert_eq!(g.cells()[0].source, FundingSource::Oblast);
        assert_eq!(g.get(y(2027), FundingSource::Oblast), a("10,25"));
        assert_eq!(g.total(), a("13,75"));
        assert_eq!(g.year_total(y(2026)), a("3,5"));
        assert_eq!(g.source_total(FundingSource::Oblast), a("12,25"));
        assert_eq!(g.restricted(Some(y(2026)), None).total(), a("3,5"));
        assert_eq!(
            g.restricted(None, Some(FundingSource::Local)).total(),
            Amount::ZERO
        );
    }

    #[test]
    fn envelope_flags_over_allocation() {
        let mut env = BudgetGrid::new();
        env.add(y(2026), FundingSource::Oblast, a("100"));
        let mut alloc = BudgetGrid::new();
        alloc.add(y(2026), FundingSource::Oblast, a("100,001"));
        alloc.add(y(2027), FundingSource::Local, a("5"));
        let table = EnvelopeCell::table(&env, &alloc);
        assert_eq!(table.len(), 12);
        let c = &table[1];
        assert_eq!((c.year, c.source), (y(2026), FundingSource::Oblast));
        assert!(c.over_allocated);
        assert_eq!(c.remaining.to_string(), "-0.001");
        let local = table
            .iter()
            .find(|c| c.year == y(2027) && c.source == FundingSource::Local)
            .expect("cell");
        assert!(
            !local.has_envelope && !local.over_allocated,
            "no envelope planned: not flagged"
        );
        let oblast_2027 = &table[5];
        assert!(
            oblast_2027.has_envelope,
            "a planned source has an envelope every year"
        );
        assert_eq!(oblast_2027.envelope, Amount::ZERO);
        assert!(!table[0].over_allocated);
    }
}
