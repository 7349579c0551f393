//! The Obriy server: JSON REST API over the programme's plan, and the built browser app.
//!
//! Dependencies run one way: `api` (HTTP: extract, call, map) → `app` (the use cases, no HTTP)
//! → `db` (rows and queries). `seed` and the command line call `app`.

pub mod api;
pub mod app;
pub mod assets;
pub mod config;
pub mod db;
pub mod routes;
pub mod seed;
pub mod startup;
