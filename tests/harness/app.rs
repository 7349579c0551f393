//! A real Obriy server on port 0 over its own fresh database.

use obriy_backend::config::Settings;
use obriy_backend::startup::Background;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbKind {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub url: String,
    pub database_url: String,
    pub kind: DbKind,
    pub server: Background,
    _dir: Option<tempfile::TempDir>,
}

/// The built app, for the browser tests: `OBRIY_STATIC_DIR` or `dist/` in the workspace.
pub fn static_dir() -> PathBuf {
    std::env::var_os("OBRIY_STATIC_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist"))
}

/// A second server process on an existing database (as several processes behind one address).
pub fn spawn_on(database_url: &str, demo: bool) -> TestApp {
    let kind = if database_url.starts_with("postgres") {
        DbKind::Postgres
    } else {
        DbKind::Sqlite
    };
    start(kind, database_url.to_string(), None, demo, |_| {})
}

/// Starts a server. `demo` loads the demo plan and accounts, as the run command does.
pub fn spawn_app(kind: DbKind, demo: bool) -> TestApp {
    spawn_app_with(kind, demo, |_| {})
}

/// [`spawn_app`] with settings changed by `tune` (secure cookies, a slow database, …).
pub fn spawn_app_with(kind: DbKind, demo: bool, tune: impl FnOnce(&mut Settings)) -> TestApp {
    let (database_url, dir) = match kind {
        DbKind::Sqlite => {
            let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
            let url = dir.path().join("obriy.db").display().to_string();
            (url, Some(dir))
        }
        DbKind::Postgres => (crate::pg::fresh_database(), None),
    };
    start(kind, database_url, dir, demo, tune)
}

/// The settings of a test server on `database_url` (port 0, the test day, no reminder task).
pub fn settings(database_url: &str, demo: bool) -> Settings {
    Settings {
        addr: "127.0.0.1:0".parse().unwrap_or_else(|e| panic!("{e}")),
        database_url: database_url.to_string(),
        static_dir: static_dir(),
        demo,
        secure_cookies: false,
        // Every test starts on the same day (the demo's reports are seeded up to it); tests
        // that need another move it with `set_today`.
        today: Some(shared::Date::parse(crate::TEST_TODAY).unwrap_or_else(|e| panic!("{e}"))),
        reminders: false,
        sqlite_sync: obriy_backend::db::SqliteSync::Full,
        trusted_proxies: Vec::new(),
        backup_dir: None,
        backup_keep: 7,
        public_rate: Default::default(),
    }
}

fn start(
    kind: DbKind,
    database_url: String,
    dir: Option<tempfile::TempDir>,
    demo: bool,
    tune: impl FnOnce(&mut Settings),
) -> TestApp {
    let mut settings = settings(&database_url, demo);
    tune(&mut settings);
    let server =
        Background::spawn(settings).unwrap_or_else(|e| panic!("starting the server: {e:#}"));
    TestApp {
        url: format!("http://127.0.0.1:{}", server.port),
        database_url,
        kind,
        server,
        _dir: dir,
    }
}

impl TestApp {
    /// Fixes the server's "today" (`2026-10-03`), as `OBRIY_NOW` does at start.
    pub fn set_today(&self, date: &str) {
        let date = shared::Date::parse(date).unwrap_or_else(|e| panic!("{date}: {e}"));
        self.server.state.clock.set(Some(date));
    }
}
