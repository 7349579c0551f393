//! Logic that spans resources: the programme structure and the plan snapshot with its roll-ups.

pub mod audit;
pub mod inbox;
pub mod live;
pub mod snapshot;
pub mod structure;
