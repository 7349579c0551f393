//! The test harness: a real server on port 0 over a fresh database (SQLite or a throwaway
//! PostgreSQL cluster), a typed client built from `shared`, data generators and a browser driver.

pub mod app;
pub mod browser;
pub mod client;
pub mod data;
pub mod pg;
pub mod proxy;

pub use app::{spawn_app, spawn_app_with, DbKind, TestApp};

/// The day every test server starts on.
pub const TEST_TODAY: &str = "2026-11-24";
pub use client::{Client, Failure};

/// The password of the demo accounts.
pub const DEMO_PASSWORD: &str = obriy_backend::seed::demo::DEMO_PASSWORD;

/// Runs a test body on SQLite and on PostgreSQL, as two tests.
#[macro_export]
macro_rules! on_both {
    ($(#[$meta:meta])* fn $name:ident($kind:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            fn run($kind: $crate::DbKind) $body

            #[test]
            fn sqlite() {
                run($crate::DbKind::Sqlite);
            }

            #[test]
            fn postgres() {
                run($crate::DbKind::Postgres);
            }
        }
    };
}
