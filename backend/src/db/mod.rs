//! The database: one connection type over SQLite and PostgreSQL, a pool, and migrations at start.
//!
//! Queries are written once with diesel's DSL and compiled for each backend by [`on_conn!`]
//! (as vaultwarden does), so every diesel feature works the same on both.

pub mod audit;
pub mod budget;
pub mod budget_lines;
pub mod comments;
pub mod indicators;
pub mod measures;
pub mod notifications;
pub mod orgs;
pub mod plan_state;
pub mod presence;
pub mod programme;
pub mod proposals;
pub mod reports;
pub mod schema;
pub mod sessions;
pub mod users;
pub mod versions;

use anyhow::{Context, Result};
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;
use diesel::Connection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::time::Duration;

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

/// A connection to either backend.
pub enum DbConn {
    Sqlite(SqliteConnection),
    Pg(PgConnection),
}

/// Runs the same diesel code on whichever backend the connection is.
#[macro_export]
macro_rules! on_conn {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::db::DbConn::Sqlite($c) => $body,
            $crate::db::DbConn::Pg($c) => $body,
        }
    };
}

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A plain path or a `sqlite://` URL becomes the file name SQLite opens.
fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url)
}

impl DbConn {
    pub fn establish(url: &str) -> Result<DbConn> {
        match Backend::of(url) {
            Backend::Postgres => Ok(DbConn::Pg(
                PgConnection::establish(url).context("connecting to PostgreSQL")?,
            )),
            Backend::Sqlite => {
                let path = sqlite_path(url);
                if let Some(dir) = std::path::Path::new(path).parent() {
                    if !dir.as_os_str().is_empty() {
                        std::fs::create_dir_all(dir)
                            .with_context(|| format!("creating {}", dir.display()))?;
                    }
                }
                let mut c = SqliteConnection::establish(path)
                    .with_context(|| format!("opening SQLite database {path}"))?;
                c.batch_execute(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                )?;
                Ok(DbConn::Sqlite(c))
            }
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            DbConn::Sqlite(_) => Backend::Sqlite,
            DbConn::Pg(_) => Backend::Postgres,
        }
    }

    pub fn run_migrations(&mut self) -> Result<()> {
        let result = match self {
            DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|_| ()),
            DbConn::Pg(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|_| ()),
        };
        result.map_err(|e| anyhow::anyhow!("applying migrations: {e}"))
    }

    /// Reverts every migration (used by the migration test).
    pub fn revert_all_migrations(&mut self) -> Result<()> {
        let result = match self {
            DbConn::Sqlite(c) => c.revert_all_migrations(SQLITE_MIGRATIONS).map(|_| ()),
            DbConn::Pg(c) => c.revert_all_migrations(POSTGRES_MIGRATIONS).map(|_| ()),
        };
        result.map_err(|e| anyhow::anyhow!("reverting migrations: {e}"))
    }
}

/// Hands out connections for a database URL.
#[derive(Debug)]
pub struct Manager {
    url: String,
}

impl r2d2::ManageConnection for Manager {
    type Connection = DbConn;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConn, Self::Error> {
        DbConn::establish(&self.url).map_err(|e| {
            diesel::r2d2::Error::ConnectionError(diesel::ConnectionError::BadConnection(format!(
                "{e:#}"
            )))
        })
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), Self::Error> {
        on_conn!(conn, c => c.batch_execute("SELECT 1")).map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConn) -> bool {
        false
    }
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConn = r2d2::PooledConnection<Manager>;

/// Opens the pool and brings the schema up to date.
pub fn connect(url: &str) -> Result<Pool> {
    let backend = Backend::of(url);
    let mut first = DbConn::establish(url)?;
    first.run_migrations()?;
    drop(first);
    // SQLite serialises writers anyway; a few connections serve concurrent readers (WAL).
    // PostgreSQL connections are opened up front, so the first burst of requests does not wait
    // for connection set-up.
    let (size, min_idle) = match backend {
        Backend::Sqlite => (8, Some(1)),
        Backend::Postgres => (16, Some(8)),
    };
    r2d2::Pool::builder()
        .max_size(size)
        .min_idle(min_idle)
        .connection_timeout(Duration::from_secs(10))
        .build(Manager {
            url: url.to_string(),
        })
        .context("opening the connection pool")
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

impl DbConn {
    /// Runs `f` in one transaction that will write. On SQLite it takes the write lock at
    /// the start (`BEGIN IMMEDIATE`), so two writers queue instead of failing half-way.
    pub fn write_tx<T, E: From<diesel::result::Error>>(
        &mut self,
        f: impl FnOnce(&mut DbConn) -> Result<T, E>,
    ) -> Result<T, E> {
        let begin = match self {
            DbConn::Sqlite(_) => "BEGIN IMMEDIATE",
            DbConn::Pg(_) => "BEGIN",
        };
        self.in_tx(begin, f)
    }

    /// Runs `f` in one transaction that only reads: a consistent snapshot.
    pub fn read_tx<T, E: From<diesel::result::Error>>(
        &mut self,
        f: impl FnOnce(&mut DbConn) -> Result<T, E>,
    ) -> Result<T, E> {
        let begin = match self {
            DbConn::Sqlite(_) => "BEGIN",
            DbConn::Pg(_) => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
        };
        self.in_tx(begin, f)
    }

    fn in_tx<T, E: From<diesel::result::Error>>(
        &mut self,
        begin: &str,
        f: impl FnOnce(&mut DbConn) -> Result<T, E>,
    ) -> Result<T, E> {
        on_conn!(self, c => c.batch_execute(begin))?;
        match f(self) {
            Ok(value) => {
                on_conn!(self, c => c.batch_execute("COMMIT"))?;
                Ok(value)
            }
            Err(e) => {
                if let Err(rollback) = on_conn!(self, c => c.batch_execute("ROLLBACK")) {
                    tracing::error!(%rollback, "rollback failed");
                }
                Err(e)
            }
        }
    }
}
