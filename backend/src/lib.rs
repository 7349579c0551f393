//! The Obriy server: JSON REST API over the programme's plan, and the built browser app.

pub mod api;
pub mod authz;
pub mod config;
pub mod db;
pub mod error;
pub mod extract;
pub mod password;
pub mod routes;
pub mod seed;
pub mod services;
pub mod startup;
pub mod state;
