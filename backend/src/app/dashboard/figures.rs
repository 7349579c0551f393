//! Execution figures for official reports: planned, approved and executed of a scope in a year, of all funding sources or one.
//!
//! The same figures the dashboard shows (one computation, `Board::execution_rows` over
//! `exec_of`), for callers that want values rather than the dashboard's JSON: the document
//! generator of the final report, which is about the oblast budget only.

use super::{exec_of, Board, Scope};
use crate::app::actor::Actor;
use crate::app::error::AppResult;
use crate::app::App;
use shared::execution::Execution;
use shared::{DirectionId, FundingSource, MeasureId, Year};

/// Planned, approved and executed amounts of one scope in one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecutionFigures {
    pub scope: Scope,
    pub year: Year,
    /// The funding source the figures are of; `None`: all four added up.
    pub source: Option<FundingSource>,
    /// The whole scope.
    pub total: Execution,
    /// Each direction with an amount in any layer, in the programme's order.
    pub directions: Vec<(DirectionId, Execution)>,
    /// Each approved measure of the scope with an amount in any layer, in the plan's order.
    pub measures: Vec<(MeasureId, Execution)>,
}

/// The execution figures of `scope` in `year`, of `source` only (`Some(FundingSource::Oblast)`
/// for the oblast budget) or of all four sources (`None`), as the dashboard shows them.
///
/// Planned is the approved plan, approved the year's budget decision, executed what the
/// department-approved quarterly reports spent; each level is the sum of the measures under it.
/// Errors: `not_found` for a scope that does not exist (a district id that is not a district, a
/// measure that is not approved), `forbidden` when `actor` may not see that level's dashboard.
pub fn execution_figures(
    app: &App,
    actor: &Actor,
    scope: Scope,
    year: Year,
    source: Option<FundingSource>,
) -> AppResult<ExecutionFigures> {
    let figures = |board: &Board| -> AppResult<ExecutionFigures> {
        board.check(actor, scope)?;
        Ok(board.figures(scope, year, source))
    };
    match app.dashboards.fresh(app.clock.today()) {
        Some(board) => figures(&board),
        None => app.read(|conn| {
            let board = app.dashboards.board(conn, app)?;
            figures(&board)
        }),
    }
}

impl Board {
    fn figures(&self, scope: Scope, year: Year, source: Option<FundingSource>) -> ExecutionFigures {
        let rows = self.execution_rows(scope, source);
        let of_year = rows.iter().filter(|r| r.year == year);
        ExecutionFigures {
            scope,
            year,
            source,
            total: of_year
                .clone()
                .filter(|r| r.direction.is_none())
                .map(|r| r.execution)
                .sum(),
            directions: of_year
                .filter_map(|r| Some((r.direction?, r.execution)))
                .filter(|(_, e)| !e.is_empty())
                .collect(),
            measures: self
                .measures_in(scope)
                .into_iter()
                .map(|m| {
                    (
                        m.id,
                        exec_of(m, year, source, &self.approved, &self.executed),
                    )
                })
                .filter(|(_, e)| !e.is_empty())
                .collect(),
        }
    }
}
