//! HTTP handlers, one module per resource. Each extracts, authorizes, calls small db functions
//! and maps to the shared types.

pub mod audit;
pub mod auth;
pub mod comments;
pub mod dashboard;
pub mod events;
pub mod execution;
pub mod health;
pub mod inbox;
pub mod indicators;
pub mod measures;
pub mod openapi;
pub mod orgs;
pub mod plan;
pub mod presence;
pub mod programme;
pub mod proposals;
pub mod reporting;
pub mod reports;
pub mod rollups;
pub mod users;
pub mod versions;
pub mod workflow;
