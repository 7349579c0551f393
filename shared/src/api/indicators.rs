//! `/api/indicators`: the programme's performance indicators with their baselines and targets.

use crate::indicators::Indicator;
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
