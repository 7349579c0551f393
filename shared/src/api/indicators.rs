//! `/api/indicators`: the programme's performance indicators with their baselines and targets.

use crate::indicators::{Indicator, StatusRule};
use serde::{Deserialize, Serialize};

/// One indicator as listed: its stable code (used by exports and imports) and definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorEntry {
    pub code: String,
    pub indicator: Indicator,
    pub is_demo: bool,
    /// For optimistic concurrency when the department edits it.
    pub version: i32,
}

/// `PUT /api/indicators/{id}/status-rule` (department): the thresholds of one indicator
/// (`None`: back to the defaults, 95 % and 80 %).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetStatusRule {
    pub version: i32,
    pub status_rule: Option<StatusRule>,
}
