//! What every handler can reach: the pool, the plan cache, settings, the sign-in limiter.

use crate::config::Settings;
use crate::db::{Backend, Pool, PooledConn};
use crate::error::{ApiError, ApiResult};
use crate::services::snapshot::{Snapshot, SnapshotCache};
use crate::services::structure::Structure;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct AppState {
    pub pool: Pool,
    pub backend: Backend,
    pub settings: Settings,
    pub snapshots: SnapshotCache,
    pub login_limiter: LoginLimiter,
    pub live: crate::services::live::LiveHub,
    /// The approved states of every version, rebuilt when the plan revision moves.
    pub history: Mutex<Option<(i64, Arc<crate::services::proposals::History>)>>,
    /// Today in Kyiv, for the reporting calendar (fixed by `OBRIY_NOW` or tests).
    pub clock: crate::services::clock::Clock,
    /// The dashboard's board and its answers, rebuilt when plan, reports or today move.
    pub dashboards: crate::services::dashboard::DashboardCache,
    /// The map's shapes as JSON, projected on first use.
    pub map: std::sync::OnceLock<Arc<Vec<u8>>>,
}

/// How handlers receive the state.
pub type State = actix_web::web::Data<AppState>;

/// Runs blocking database work off the async threads, with a pooled connection.
pub async fn db<T, F>(state: &State, f: F) -> ApiResult<T>
where
    T: Send + 'static,
    F: FnOnce(&mut PooledConn, &AppState) -> ApiResult<T> + Send + 'static,
{
    let state: Arc<AppState> = state.clone().into_inner();
    actix_web::web::block(move || {
        let mut conn = state.pool.get()?;
        f(&mut conn, &state)
    })
    .await?
}

impl AppState {
    /// The plan's history as of the current revision: loaded once per revision, by one request
    /// while the others wait for it.
    pub fn history(
        &self,
        conn: &mut crate::db::DbConn,
    ) -> ApiResult<Arc<crate::services::proposals::History>> {
        let revision = self.snapshot(conn)?.revision;
        let mut cached = self
            .history
            .lock()
            .map_err(|_| ApiError::internal(anyhow::anyhow!("the history lock is poisoned")))?;
        if let Some((r, h)) = cached.as_ref() {
            if *r >= revision {
                return Ok(h.clone());
            }
        }
        let h = Arc::new(crate::services::proposals::History::load(conn)?);
        *cached = Some((revision, h.clone()));
        Ok(h)
    }

    /// After a committed write that moved the plan (or might have, in another process): the
    /// plan snapshot and the dashboard are re-read on the next request.
    pub fn plan_changed(&self) {
        self.snapshots.invalidate();
        self.dashboards.invalidate();
    }

    pub fn snapshot(&self, conn: &mut crate::db::DbConn) -> ApiResult<Arc<Snapshot>> {
        self.snapshots.get(conn).map_err(ApiError::internal)
    }

    pub fn structure(&self, conn: &mut crate::db::DbConn) -> ApiResult<Arc<Structure>> {
        self.snapshots.structure(conn).map_err(ApiError::internal)
    }
}

/// Counts failed sign-ins per login and per client address in a sliding window.
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
    window: Duration,
    max_per_login: usize,
    max_per_addr: usize,
}

impl Default for LoginLimiter {
    fn default() -> Self {
        LoginLimiter {
            failures: Mutex::new(HashMap::new()),
            window: Duration::from_secs(60),
            max_per_login: 5,
            max_per_addr: 20,
        }
    }
}

impl LoginLimiter {
    fn keys(login: &str, addr: &str) -> [String; 2] {
        [
            format!("login:{}", login.to_lowercase()),
            format!("addr:{addr}"),
        ]
    }

    /// Whether another attempt is allowed now.
    pub fn allowed(&self, login: &str, addr: &str) -> bool {
        let now = Instant::now();
        let mut map = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let [by_login, by_addr] = Self::keys(login, addr);
        let mut recent = |key: &str| {
            map.get_mut(key).map_or(0, |v| {
                v.retain(|t| now.duration_since(*t) < self.window);
                v.len()
            })
        };
        recent(&by_login) < self.max_per_login && recent(&by_addr) < self.max_per_addr
    }

    pub fn failed(&self, login: &str, addr: &str) {
        let now = Instant::now();
        let mut map = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if map.len() > 10_000 {
            map.retain(|_, v| v.iter().any(|t| now.duration_since(*t) < self.window));
        }
        for key in Self::keys(login, addr) {
            map.entry(key).or_default().push(now);
        }
    }

    pub fn succeeded(&self, login: &str) {
        let mut map = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.remove(&format!("login:{}", login.to_lowercase()));
    }
}
