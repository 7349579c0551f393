//! Request and response types, one module per resource of the REST API under `/api/`.

pub mod audit;
pub mod auth;
pub mod budget;
pub mod comments;
pub mod dashboard;
pub mod documents;
pub mod endpoints;
pub mod events;
pub mod exports;
pub mod home;
pub mod imports;
pub mod inbox;
pub mod indicators;
pub mod local_programmes;
pub mod measures;
pub mod orgs;
pub mod plan;
pub mod presence;
pub mod programme;
pub mod proposals;
pub mod public;
pub mod reports;
pub mod rollup;
pub mod users;
pub mod versions;

/// The header that carries the session's CSRF token on every state-changing request.
pub const CSRF_HEADER: &str = "X-CSRF-Token";
/// The session cookie's name.
pub const SESSION_COOKIE: &str = "obriy_session";
