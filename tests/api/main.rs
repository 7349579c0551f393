//! API tests through real HTTP: one server and one fresh database per test, on SQLite and
//! PostgreSQL. Folders mirror the URLs.

mod accounts;
mod audit;
mod auth;
mod authz;
mod backup;
mod comments;
mod concurrency;
mod contract;
mod dashboard;
mod dashboard_source;
mod documents;
mod events;
mod exports;
mod home;
mod hostile;
mod imports;
mod inbox;
mod indicators;
mod integrity;
mod local_programmes;
mod measures;
mod migrations;
mod outage;
mod plan;
mod presence;
mod programme;
mod proposals;
mod public;
mod report_texts;
mod reports;
mod rollups;
