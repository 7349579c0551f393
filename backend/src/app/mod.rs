//! The application layer: every use case of Obriy as a plain function over [`App`], with no HTTP in
//! it. The HTTP edge (`api`), the seed and the command line call it; it calls `db`.
//!
//! - Queries take `&App` and the acting user ([`actor::Actor`]) and read.
//! - Commands also write, always through the runner ([`App::write`]): one transaction, the
//!   command, its record entries, inbox items and revision bumps, commit, then the live events and
//!   cache invalidation. The answer to a write is read inside its transaction.
//! - Proposals and reports walk one approval chain ([`chain`], `shared::chain`).

pub mod accounts;
pub mod actor;
pub mod answers;
pub mod backup;
pub mod chain;
pub mod clock;
pub mod comments;
pub mod dashboard;
pub mod documents;
pub mod error;
pub mod exports;
pub mod home;
pub mod imports;
pub mod inbox;
pub mod indicators;
pub mod live;
pub mod local_programmes;
pub mod password;
pub mod plan;
pub mod presence;
pub mod proposals;
pub mod public;
pub mod query;
pub mod record;
pub mod reports;
pub mod runner;

use crate::config::Settings;
use crate::db::{self, Backend, DbConn, Pool};
use error::{AppError, AppResult};
use plan::snapshot::{Snapshot, SnapshotCache};
use plan::structure::Structure;
use plan::versions::History;
use std::sync::{Arc, Mutex, OnceLock};

pub use actor::Actor;
pub use error::AppError as Error;

/// What every use case can reach: the database, the caches, the clock, the live hub.
pub struct App {
    pub pool: Pool,
    pub backend: Backend,
    pub settings: Settings,
    /// Failed sign-ins per login and address.
    pub login_limiter: accounts::LoginLimiter,
    pub live: live::LiveHub,
    /// Today in Kyiv, for the reporting calendar (fixed by `OBRIY_NOW` or tests).
    pub clock: clock::Clock,
    /// The dashboard's board and its answers, rebuilt when plan, reports or today move.
    pub dashboards: dashboard::DashboardCache,
    /// The heavier reads' answers, kept until the revisions or today move.
    pub answers: answers::Answers,
    /// The public answers' tags and the per-address limit on public reads.
    pub public: public::Public,
    /// Uploaded files being checked or waiting to be confirmed.
    pub imports: imports::Imports,
    snapshots: SnapshotCache,
    /// The approved states of every version, rebuilt when the plan revision moves.
    history: Mutex<Option<(i64, Arc<History>)>>,
    /// The map's shapes as JSON, projected on first use.
    map: OnceLock<bytes::Bytes>,
}

impl App {
    /// Opens the database (bringing its schema up to date) with empty caches.
    pub fn new(settings: Settings) -> anyhow::Result<App> {
        let pool = db::connect(&settings.database_url, settings.sqlite_sync)?;
        let public_rate = settings.public_rate;
        Ok(App {
            backend: Backend::of(&settings.database_url),
            clock: clock::Clock::new(settings.today),
            pool,
            settings,
            login_limiter: Default::default(),
            live: Default::default(),
            dashboards: Default::default(),
            answers: Default::default(),
            public: public::Public::new(public_rate),
            imports: Default::default(),
            snapshots: Default::default(),
            history: Default::default(),
            map: Default::default(),
        })
    }

    /// After a committed write that moved the plan (or might have, in another process): the
    /// plan snapshot and the dashboard are read again on the next request.
    pub fn plan_changed(&self) {
        self.snapshots.invalidate();
        self.reports_changed();
    }

    /// After a committed write that moved reports, approved amounts or the rules they follow:
    /// the dashboard and the kept answers are read again on the next request.
    pub fn reports_changed(&self) {
        self.dashboards.invalidate();
        self.answers.invalidate();
    }

    /// The plan at the database's current revision (rebuilt when it moved).
    pub fn snapshot(&self, conn: &mut DbConn) -> AppResult<Arc<Snapshot>> {
        self.snapshots.get(conn).map_err(AppError::internal)
    }

    /// The programme's structure.
    pub fn structure(&self, conn: &mut DbConn) -> AppResult<Arc<Structure>> {
        self.snapshots.structure(conn).map_err(AppError::internal)
    }

    /// The plan's history as of the current revision: loaded once per revision, by one request
    /// while the others wait for it.
    pub fn history(&self, conn: &mut DbConn) -> AppResult<Arc<History>> {
        let revision = self.snapshot(conn)?.revision;
        let mut cached = self
            .history
            .lock()
            .map_err(|_| AppError::internal(anyhow::anyhow!("the history lock is poisoned")))?;
        if let Some((r, h)) = cached.as_ref() {
            if *r >= revision {
                return Ok(h.clone());
            }
        }
        let h = Arc::new(History::load(conn)?);
        *cached = Some((revision, h.clone()));
        Ok(h)
    }

    /// The map's shapes as JSON (the same for everyone; projected once).
    pub fn map_json(&self) -> AppResult<bytes::Bytes> {
        if let Some(json) = self.map.get() {
            return Ok(json.clone());
        }
        let structure = self.read(|conn| self.structure(conn))?;
        let shapes = dashboard::map::build(&structure).map_err(AppError::internal)?;
        let json = bytes::Bytes::from(serde_json::to_vec(&shapes).map_err(AppError::internal)?);
        Ok(self.map.get_or_init(|| json).clone())
    }

    /// Whether the database answers, and the plan's revision.
    pub fn health(&self) -> AppResult<i64> {
        self.read(|conn| Ok(db::plan_state::revision(conn)?))
    }
}
