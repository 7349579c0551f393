//! One module per route of the app.

pub mod account;
pub mod dashboard;
pub mod documents;
pub mod home;
pub mod import;
pub mod inbox;
pub mod inbox_words;
pub mod indicators;
pub mod local_programme;
pub mod login;
pub mod measure;
pub mod measure_new;
pub mod not_found;
pub mod overview;
pub mod plan;
pub mod proposal;
pub mod proposals;
pub mod public;
pub mod report;
pub mod reports;
pub mod territory;
pub mod users;
pub mod versions;
