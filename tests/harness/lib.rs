//! The test harness: a real server on port 0 over a fresh database (SQLite or a throwaway
//! PostgreSQL cluster), a typed client built from `shared`, data generators and a browser driver.

pub mod app;
pub mod axe;
pub mod browser;
pub mod cdp;
pub mod client;
pub mod data;
pub mod documents;
pub mod imports;
pub mod pg;
pub mod proxy;

pub use app::{spawn_app, spawn_app_with, DbKind, TestApp};

/// The day every test server starts on.
pub const TEST_TODAY: &str = "2026-11-24";
pub use client::{Client, Failure};

/// This process's memory in MiB as `/proc/self/status` gives it: `VmRSS` (now) or `VmHWM` (the
/// peak); 0 where there is no such file.
pub fn memory_mib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field) && l[field.len()..].starts_with(':'))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}

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
