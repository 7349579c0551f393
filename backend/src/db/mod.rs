//! The database: one connection type over SQLite and PostgreSQL, a pool, and migrations at start.
//!
//! Queries are written once with diesel's DSL and compiled for each backend by [`on_conn!`]
//! (as vaultwarden does), so every diesel feature works the same on both.

pub mod audit;
pub mod budget;
pub mod budget_lines;
pub mod comments;
pub mod indicators;
pub mod local_programmes;
pub mod measures;
pub mod notifications;
pub mod orgs;
pub mod plan_state;
pub mod presence;
pub mod programme;
pub mod proposals;
pub mod published_documents;
pub mod reports;
pub mod schema;
pub mod sessions;
pub mod users;
pub mod versions;

use anyhow::{Context, Result};
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;
use diesel::Connection as _;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::time::Duration;

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

/// An open connection to either backend: what the pool holds.
pub enum Connection {
    Sqlite(SqliteConnection),
    Pg(PgConnection),
}

/// A connection lent to the queries: every query function takes `&mut DbConn`.
pub enum DbConn<'c> {
    Sqlite(&'c mut SqliteConnection),
    Pg(&'c mut PgConnection),
}

/// Runs the same diesel code on whichever backend the connection is.
#[macro_export]
macro_rules! on_conn {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::db::DbConn::Sqlite(c) => {
                let $c: &mut diesel::sqlite::SqliteConnection = &mut **c;
                $body
            }
            $crate::db::DbConn::Pg(c) => {
                let $c: &mut diesel::pg::PgConnection = &mut **c;
                $body
            }
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
pub fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url)
}

/// How SQLite commits: `Full` survives a power loss (the default); `Normal` is faster and may
/// lose the last commits on a power loss (never corrupts). `OBRIY_SQLITE_SYNC=normal` chooses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SqliteSync {
    #[default]
    Full,
    Normal,
}

impl SqliteSync {
    fn pragma(self) -> &'static str {
        match self {
            SqliteSync::Full => "FULL",
            SqliteSync::Normal => "NORMAL",
        }
    }
}

impl Connection {
    /// A connection with durable commits.
    pub fn establish(url: &str) -> Result<Connection> {
        Connection::establish_with(url, SqliteSync::Full)
    }

    pub fn establish_with(url: &str, sync: SqliteSync) -> Result<Connection> {
        match Backend::of(url) {
            Backend::Postgres => Ok(Connection::Pg(
                PgConnection::establish(&with_connect_timeout(url))
                    .context("connecting to PostgreSQL")?,
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
                c.batch_execute(&format!(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = {}; \
                     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                    sync.pragma()
                ))?;
                Ok(Connection::Sqlite(c))
            }
        }
    }

    /// The connection lent to queries.
    pub fn db(&mut self) -> DbConn<'_> {
        match self {
            Connection::Sqlite(c) => DbConn::Sqlite(c),
            Connection::Pg(c) => DbConn::Pg(c),
        }
    }

    pub fn run_migrations(&mut self) -> Result<()> {
        let result = match self {
            Connection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|_| ()),
            Connection::Pg(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|_| ()),
        };
        result.map_err(|e| anyhow::anyhow!("applying migrations: {e}"))
    }

    /// Reverts every migration (used by the migration test).
    pub fn revert_all_migrations(&mut self) -> Result<()> {
        let result = match self {
            Connection::Sqlite(c) => c.revert_all_migrations(SQLITE_MIGRATIONS).map(|_| ()),
            Connection::Pg(c) => c.revert_all_migrations(POSTGRES_MIGRATIONS).map(|_| ()),
        };
        result.map_err(|e| anyhow::anyhow!("reverting migrations: {e}"))
    }
}

/// How long to wait for PostgreSQL to answer a new connection, and for the pool to hand one out:
/// when the database is down a request fails this soon, with 503, instead of hanging.
pub const CONNECT_TIMEOUT_SECS: u64 = 2;

/// The URL with libpq's `connect_timeout`, unless it names one.
fn with_connect_timeout(url: &str) -> String {
    if url.contains("connect_timeout=") {
        url.to_string()
    } else {
        let sep = if url.contains('?') { '&' } else { '?' };
        format!("{url}{sep}connect_timeout={CONNECT_TIMEOUT_SECS}")
    }
}

/// Hands out connections for a database URL.
#[derive(Debug)]
pub struct Manager {
    url: String,
    sync: SqliteSync,
}

impl Manager {
    pub fn new(url: &str, sync: SqliteSync) -> Manager {
        Manager {
            url: url.to_string(),
            sync,
        }
    }
}

impl r2d2::ManageConnection for Manager {
    type Connection = Connection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<Connection, Self::Error> {
        Connection::establish_with(&self.url, self.sync).map_err(|e| {
            diesel::r2d2::Error::ConnectionError(diesel::ConnectionError::BadConnection(format!(
                "{e:#}"
            )))
        })
    }

    fn is_valid(&self, conn: &mut Connection) -> Result<(), Self::Error> {
        on_conn!(&mut conn.db(), c => c.batch_execute("SELECT 1"))
            .map_err(diesel::r2d2::Error::QueryError)
    }

    /// A connection given back inside a transaction (its command panicked half-way) or with
    /// diesel's transaction state broken is closed, not reused: the database rolls the
    /// transaction back, and the next command gets a clean connection.
    fn has_broken(&self, conn: &mut Connection) -> bool {
        use diesel::r2d2::R2D2Connection;
        std::thread::panicking()
            || match conn {
                Connection::Sqlite(c) => c.is_broken(),
                Connection::Pg(c) => c.is_broken(),
            }
    }
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConn = r2d2::PooledConnection<Manager>;

/// Opens the pool and brings the schema up to date.
pub fn connect(url: &str, sync: SqliteSync) -> Result<Pool> {
    let backend = Backend::of(url);
    let mut first = Connection::establish_with(url, sync)?;
    first.run_migrations()?;
    drop(first);
    // SQLite serialises writers anyway; a few connections serve concurrent readers (WAL).
    // PostgreSQL connections are opened up front, so the first burst of requests does not wait
    // for connection set-up.
    // PostgreSQL may be away (a restart, the network): a request then waits for a connection
    // only briefly and says so. SQLite is a file beside the server: a wait is for other writers.
    let wait = match backend {
        Backend::Sqlite => Duration::from_secs(10),
        Backend::Postgres => Duration::from_secs(CONNECT_TIMEOUT_SECS),
    };
    let (size, min_idle) = match backend {
        Backend::Sqlite => (8, Some(1)),
        Backend::Postgres => (16, Some(8)),
    };
    r2d2::Pool::builder()
        .max_size(size)
        .min_idle(min_idle)
        .connection_timeout(wait)
        .build(Manager::new(url, sync))
        .context("opening the connection pool")
}

/// A stored year, which must lie in the programme's term.
pub fn year(y: i32) -> Result<shared::Year> {
    shared::Year::new(y)
        .map_err(|_| anyhow::anyhow!("year {y} outside the programme term in the database"))
}

/// A stored funding source.
pub fn source(s: &str) -> Result<shared::FundingSource> {
    shared::FundingSource::parse(s)
        .ok_or_else(|| anyhow::anyhow!("unknown funding source {s:?} in the database"))
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

impl DbConn<'_> {
    pub fn backend(&self) -> Backend {
        match self {
            DbConn::Sqlite(_) => Backend::Sqlite,
            DbConn::Pg(_) => Backend::Postgres,
        }
    }

    /// Runs `f` in one transaction that will write, with diesel's transaction API: committed
    /// when `f` returns `Ok`, rolled back when it returns `Err`. On SQLite it takes the write
    /// lock at the start (`immediate_transaction`), so two writers queue instead of failing
    /// half-way. Inside another transaction it is a savepoint. A panic leaves the transaction
    /// open: the pool then discards the connection ([`Manager`]'s `has_broken`).
    pub fn write_tx<T, E: From<diesel::result::Error>>(
        &mut self,
        f: impl FnOnce(&mut DbConn) -> Result<T, E>,
    ) -> Result<T, E> {
        let nested = self.in_transaction();
        match self {
            DbConn::Sqlite(c) if !nested => c.immediate_transaction(|c| f(&mut DbConn::Sqlite(c))),
            DbConn::Sqlite(c) => c.transaction(|c| f(&mut DbConn::Sqlite(c))),
            DbConn::Pg(c) => c.transaction(|c| f(&mut DbConn::Pg(c))),
        }
    }

    /// Runs `f` in one transaction that only reads: a consistent snapshot (repeatable read, read
    /// only, on PostgreSQL). Inside another transaction it is a savepoint of that one.
    pub fn read_tx<T, E: From<diesel::result::Error>>(
        &mut self,
        f: impl FnOnce(&mut DbConn) -> Result<T, E>,
    ) -> Result<T, E> {
        let nested = self.in_transaction();
        match self {
            DbConn::Sqlite(c) => c.transaction(|c| f(&mut DbConn::Sqlite(c))),
            DbConn::Pg(c) if !nested => c
                .build_transaction()
                .repeatable_read()
                .read_only()
                .run(|c| f(&mut DbConn::Pg(c))),
            DbConn::Pg(c) => c.transaction(|c| f(&mut DbConn::Pg(c))),
        }
    }

    /// Whether a transaction is open on this connection (or its state is broken).
    pub fn in_transaction(&mut self) -> bool {
        self.transaction_depth() != Some(0)
    }

    /// How many transactions are open on this connection (savepoints count); `None` when
    /// diesel's transaction state is broken.
    pub fn transaction_depth(&mut self) -> Option<u32> {
        use diesel::connection::{AnsiTransactionManager, TransactionManager};
        let depth = match self {
            DbConn::Sqlite(c) => {
                AnsiTransactionManager::transaction_manager_status_mut(&mut **c).transaction_depth()
            }
            DbConn::Pg(c) => {
                AnsiTransactionManager::transaction_manager_status_mut(&mut **c).transaction_depth()
            }
        };
        depth.ok().map(|d| d.map_or(0, |d| d.get()))
    }
}
