//! Logic that spans resources: the programme structure, the plan snapshot with its roll-ups,
//! the record, live events, the proposal workflow, reports and the dashboard.

pub mod audit;
pub mod clock;
pub mod dashboard;
pub mod inbox;
pub mod live;
pub mod map;
pub mod proposals;
pub mod reminders;
pub mod reports;
pub mod snapshot;
pub mod structure;
pub mod workflow;
