//! The programme: its passport, funding envelope, priority directions and tasks.

use crate::amount::Amount;
use crate::codes::{KatottgCode, TaskCode};
use crate::grid::{BudgetGrid, EnvelopeCell};
use crate::ids::{DirectionId, TaskId};
use crate::period::Year;
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// `GET /api/programme`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgrammeOverview {
    pub passport: Passport,
    /// Year × source: the envelope, what measures allocate, what remains.
    pub envelope: Vec<EnvelopeCell>,
    pub allocated_total: Amount,
    pub directions: Vec<DirectionSummary>,
    pub measure_count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Passport {
    pub name: Text,
    pub region: Text,
    pub region_code: KatottgCode,
    /// The oblast council decision that approved the programme.
    pub decision: Text,
    pub developer: Text,
    pub head: Text,
    pub start_year: Year,
    pub end_year: Year,
    /// The envelope's grand total, thousand UAH.
    pub total: Amount,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DirectionSummary {
    pub id: DirectionId,
    pub number: i32,
    pub name: Text,
    pub tasks: Vec<TaskSummary>,
    pub totals: BudgetGrid,
    pub measure_count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskSummary {
    pub id: TaskId,
    pub direction_id: DirectionId,
    pub code: TaskCode,
    pub name: Text,
    pub totals: BudgetGrid,
    pub measure_count: i64,
}
