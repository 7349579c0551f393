//! The contract between the Obriy server and its browser app: every API type is defined here once.
//!
//! Domain values that users type (amounts, years, codes) are newtypes that can only be built by
//! parsing, so the browser form and the server apply one rule from one piece of code.

pub mod amount;
pub mod api;
pub mod calendar;
pub mod chain;
pub mod codes;
pub mod error;
pub mod execution;
pub mod grid;
pub mod i18n;
pub mod ids;
pub mod indicators;
pub mod period;
pub mod role;
pub mod source;
pub mod text;

pub use amount::Amount;
pub use calendar::{Date, ReportPeriod, ReportState};
pub use codes::{KatottgCode, TaskCode};
pub use error::{ApiErrorBody, ErrorCode};
pub use grid::{BudgetGrid, GridCell};
pub use ids::{DirectionId, IndicatorId, MeasureId, OrgId, TaskId, UserId};
pub use indicators::{Indicator, IndicatorStatus, IndicatorUnit};
pub use period::{Quarter, Year, PROGRAMME_YEARS};
pub use role::Role;
pub use source::FundingSource;
pub use text::{Lang, Text};
