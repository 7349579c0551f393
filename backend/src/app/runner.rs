//! The one write path: open a transaction, run the command, put its record entries and inbox
//! items and revision bumps in the same transaction, commit, then announce and invalidate.
//!
//! A command gets a [`Tx`]: the connection inside the transaction, the plan as it was when the
//! transaction opened, and a place to say what must follow from it. It never commits, publishes
//! or touches a cache itself. If it fails, or panics half-way, nothing is written and nothing is
//! announced; a connection left inside a transaction is discarded by the pool
//! ([`crate::db::Manager`]), so the next command gets a clean one.

use super::error::AppResult;
use super::inbox::Notice;
use super::plan::snapshot::Snapshot;
use super::plan::structure::Structure;
use super::record::{self, Entry, Who};
use super::App;
use crate::db::{self, DbConn};
use shared::api::events::LiveEvent;
use shared::Date;
use std::sync::Arc;

/// A command's view of its transaction.
pub struct Tx<'a, 'c> {
    /// The connection, inside the transaction.
    pub conn: &'a mut DbConn<'c>,
    /// The plan when the transaction opened (read before it, never inside: a cache filled from
    /// an uncommitted transaction could outlive a rollback).
    pub snapshot: Arc<Snapshot>,
    /// Today in Kyiv, for the reporting calendar.
    pub today: Date,
    /// Milliseconds since the epoch when the transaction opened: every row it writes says so.
    pub now: i64,
    who: &'a Who,
    effects: Effects,
}

/// What follows from a command: written in its transaction before the commit (record entries,
/// inbox items, revision bumps), or done after it (live events, cache invalidation).
#[derive(Debug, Default)]
pub struct Effects {
    records: Vec<Entry>,
    notices: Vec<Notice>,
    events: Vec<LiveEvent>,
    plan_changed: bool,
    reports_changed: bool,
}

impl Tx<'_, '_> {
    /// The programme's structure (directions, tasks, organisations).
    pub fn structure(&self) -> &Arc<Structure> {
        &self.snapshot.structure
    }

    /// Who acts, as the record names them.
    pub fn who(&self) -> &Who {
        self.who
    }

    /// Puts an entry on the record (appended before the commit, in the order given).
    pub fn record(&mut self, entry: Entry) {
        self.effects.records.push(entry);
    }

    /// Puts an item in the inboxes it names (written before the commit; never to the actor).
    pub fn notify(&mut self, notice: Notice) {
        self.effects.notices.push(notice);
    }

    /// Delivers a notice at once, inside the transaction, and says how many items it added (a
    /// reminder already sent adds none): for the reminder pass, which counts what it sends.
    pub fn notify_now(&mut self, notice: &Notice) -> AppResult<u32> {
        super::inbox::deliver(self.conn, self.who, notice)
    }

    /// Tells open pages once the transaction has committed.
    pub fn announce(&mut self, event: LiveEvent) {
        self.effects.events.push(event);
    }

    /// The approved plan or a draft measure changed: the plan's revision moves, and the plan
    /// snapshot, the versions' history and the dashboard are read again.
    pub fn plan_changed(&mut self) {
        self.effects.plan_changed = true;
    }

    /// Reports, approved amounts, thresholds or reporting settings changed: the reports'
    /// revision moves, and the dashboard is read again.
    pub fn reports_changed(&mut self) {
        self.effects.reports_changed = true;
    }
}

impl Effects {
    /// The part inside the transaction.
    fn write(&self, conn: &mut DbConn, who: &Who) -> AppResult<()> {
        for entry in &self.records {
            record::append(conn, who, entry)?;
        }
        for notice in &self.notices {
            super::inbox::deliver(conn, who, notice)?;
        }
        if self.plan_changed {
            db::plan_state::bump(conn)?;
        }
        if self.reports_changed {
            db::plan_state::bump_reports(conn)?;
        }
        Ok(())
    }

    /// The part after the commit.
    fn announce(self, app: &App, conn: &mut DbConn) {
        if self.plan_changed {
            app.plan_changed();
        } else if self.reports_changed {
            app.dashboards.invalidate();
        }
        for event in self.events {
            app.live.publish(conn, event);
        }
    }
}

impl App {
    /// Runs `command` as one write: see the module's header. The plan snapshot is read first,
    /// outside the transaction.
    pub fn write<T>(
        &self,
        who: &Who,
        command: impl FnOnce(&mut Tx) -> AppResult<T>,
    ) -> AppResult<T> {
        let mut conn = self.pool.get()?;
        self.write_on(&mut conn.db(), who, command)
    }

    /// [`App::write`] on a connection the caller holds (start-up, the command line).
    pub fn write_on<T>(
        &self,
        conn: &mut DbConn,
        who: &Who,
        command: impl FnOnce(&mut Tx) -> AppResult<T>,
    ) -> AppResult<T> {
        let snapshot = match self.snapshot(conn) {
            Ok(s) => s,
            // Only the first start's seed writes before there is a programme.
            Err(_) if db::programme::get(conn)?.is_none() => Arc::new(Snapshot::unseeded()?),
            Err(e) => return Err(e),
        };
        let today = self.clock.today();
        let (value, effects) = conn.write_tx(|conn| -> AppResult<(T, Effects)> {
            let mut tx = Tx {
                conn,
                snapshot,
                today,
                now: db::now_ms(),
                who,
                effects: Effects::default(),
            };
            let value = command(&mut tx)?;
            let Tx { conn, effects, .. } = tx;
            effects.write(conn, who)?;
            Ok((value, effects))
        })?;
        effects.announce(self, conn);
        Ok(value)
    }

    /// Runs `query` on a pooled connection (each query opens its own read transaction where it
    /// needs a consistent view of several tables).
    pub fn read<T>(&self, query: impl FnOnce(&mut DbConn) -> AppResult<T>) -> AppResult<T> {
        let mut conn = self.pool.get()?;
        query(&mut conn.db())
    }
}
