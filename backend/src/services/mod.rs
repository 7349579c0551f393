//! Logic that spans resources: the programme structure, the plan snapshot with its roll-ups,
//! the record, live events, and the proposal workflow.

pub mod audit;
pub mod inbox;
pub mod live;
pub mod proposals;
pub mod snapshot;
pub mod structure;
pub mod workflow;
