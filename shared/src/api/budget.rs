//! Budget execution of one measure: planned, approved by the year's budget decision, and executed by quarter.
//!
//! The department enters the approved amounts (`PUT /api/measures/{id}/execution`) per year ×
//! source; the executed amounts come from approved quarterly reports and are never typed here.

use crate::amount::Amount;
use crate::calendar::ReportPeriod;
use crate::execution::Execution;
use crate::grid::GridCell;
use crate::ids::{MeasureId, OrgId};
use crate::period::{Quarter, Year};
use crate::source::FundingSource;
use serde::{Deserialize, Serialize};

use super::reports::ReportStage;

/// One year × source with its three layers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExecutionCell {
    pub year: Year,
    pub source: FundingSource,
    #[serde(flatten)]
    pub execution: Execution,
}

impl ExecutionCell {
    /// Every year × source with an amount in any of the three layers, in the programme's order.
    pub fn grid(
        planned: &crate::grid::BudgetGrid,
        approved: &crate::grid::BudgetGrid,
        executed: &crate::grid::BudgetGrid,
    ) -> Vec<ExecutionCell> {
        let mut cells = Vec::new();
        for year in Year::all() {
            for source in FundingSource::ALL {
                let execution = Execution::new(
                    planned.get(year, source),
                    approved.get(year, source),
                    executed.get(year, source),
                );
                if !execution.is_empty() {
                    cells.push(ExecutionCell {
                        year,
                        source,
                        execution,
                    });
                }
            }
        }
        cells
    }
}

/// What one report says was spent on the measure in its quarter (approved or not yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuarterSpending {
    pub quarter: Quarter,
    pub source: FundingSource,
    pub amount: Amount,
    /// The report it comes from: only approved reports count as executed.
    pub org: OrgId,
    pub period: ReportPeriod,
    pub stage: ReportStage,
}

/// `GET /api/measures/{id}/execution`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeasureExecution {
    pub measure_id: MeasureId,
    /// Of the approved amounts, for optimistic concurrency; 0 before any were entered.
    pub version: i32,
    pub cells: Vec<ExecutionCell>,
    pub total: Execution,
    pub quarters: Vec<QuarterSpending>,
    /// Whether the signed-in user may enter the approved amounts.
    pub can_set_approved: bool,
}

/// `PUT /api/measures/{id}/execution`: the whole set of approved amounts (cells left out are zero).
/// Errors name `approved[i].amount` or `approved[i].year`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetApproved {
    pub version: i32,
    pub approved: Vec<GridCell>,
}
