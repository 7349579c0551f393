//! Budget roll-ups: the plan summed by programme, direction, task, organisation or district.

use crate::grid::{BudgetGrid, EnvelopeCell};
use crate::text::Text;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RollupLevel {
    Programme,
    Direction,
    Task,
    Org,
    /// A district's own measures plus its communities'.
    District,
}

impl RollupLevel {
    pub const ALL: [RollupLevel; 5] = [
        RollupLevel::Programme,
        RollupLevel::Direction,
        RollupLevel::Task,
        RollupLevel::Org,
        RollupLevel::District,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RollupLevel::Programme => "programme",
            RollupLevel::Direction => "direction",
            RollupLevel::Task => "task",
            RollupLevel::Org => "org",
            RollupLevel::District => "district",
        }
    }

    pub fn parse(s: &str) -> Option<RollupLevel> {
        RollupLevel::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// `GET /api/rollups/{level}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rollup {
    pub level: RollupLevel,
    pub rows: Vec<RollupRow>,
    /// The whole plan against the passport envelope.
    pub envelope: Vec<EnvelopeCell>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RollupRow {
    /// The id of the direction, task or organisation; 0 for the programme.
    pub id: i32,
    pub label: Text,
    pub measure_count: i64,
    pub totals: BudgetGrid,
}
