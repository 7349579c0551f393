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
    ended: Vec<super::live::Ended>,
    plan_changed: bool,
    reports_changed: bool,
}

impl Tx<'_, '_> {
    /// The programme's structure (directions, tasks, organisations).
    pub fn structure(&self) -> &Arc<Structure> {
        &self.snapshot.structure
    }

    /// The plan as this transaction sees it: the snapshot it opened with, or, once it changed the
    /// plan, read again inside it (for its answer only: never cached, as it may yet roll back).
    pub fn plan_now(&mut self) -> AppResult<Arc<Snapshot>> {
        if self.effects.plan_changed {
            Ok(Arc::new(Snapshot::load(self.conn)?))
        } else {
            Ok(self.snapshot.clone())
        }
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

    /// These sessions ended: their open event streams close once the transaction has committed.
    pub fn end_sessions(&mut self, ended: super::live::Ended) {
        self.effects.ended.push(ended);
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
            app.reports_changed();
        }
        for event in self.events {
            app.live.publish(conn, event);
        }
        for ended in self.ended {
            app.live.end(conn, ended);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::error::AppError;
    use crate::app::inbox::{About, To};
    use crate::app::record::Entry;
    use crate::config::Settings;
    use shared::api::audit::AuditAction;
    use shared::api::events::LiveEventKind;
    use shared::api::inbox::NotificationKind;
    use shared::{ErrorCode, OrgId};
    use tokio::sync::broadcast::error::TryRecvError;

    /// An application over a fresh SQLite file, not seeded.
    fn app() -> (App, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("temp dir");
        let settings = Settings {
            addr: "127.0.0.1:0".parse().expect("addr"),
            database_url: dir.path().join("runner.db").display().to_string(),
            static_dir: dir.path().to_path_buf(),
            demo: false,
            secure_cookies: false,
            today: None,
            reminders: false,
            sqlite_sync: db::SqliteSync::Full,
            trusted_proxies: Vec::new(),
            backup_dir: None,
            backup_keep: 7,
            public_rate: Default::default(),
        };
        (App::new(settings).expect("app"), dir)
    }

    fn route_setting(app: &App) -> bool {
        app.read(|conn| Ok(db::proposals::community_requires_district(conn)?))
            .expect("read")
    }

    fn record_length(app: &App) -> i64 {
        app.read(super::super::record::verify)
            .expect("verify")
            .entries
    }

    fn revision(app: &App) -> i64 {
        app.read(|conn| Ok(db::plan_state::revision(conn)?))
            .expect("revision")
    }

    fn event() -> LiveEvent {
        crate::app::live::measure_event(LiveEventKind::MeasureUpdated, 1, 1, "Тест")
    }

    /// Flips the route setting and says what must follow; `then` decides how it ends.
    fn flip(tx: &mut Tx, then: impl FnOnce() -> AppResult<()>) -> AppResult<()> {
        let now = db::proposals::community_requires_district(tx.conn)?;
        db::proposals::set_community_requires_district(tx.conn, !now)?;
        tx.record(Entry::new(AuditAction::WorkflowChanged, "workflow").after(&!now));
        tx.notify(Notice::new(
            NotificationKind::Comment,
            To::Department,
            About::Measure(1),
            OrgId(1),
            "тест",
        ));
        tx.plan_changed();
        tx.announce(event());
        then()
    }

    #[test]
    fn a_command_is_written_recorded_and_announced_after_it_commits() {
        let (app, _dir) = app();
        let mut heard = app.live.subscribe();
        let (before, entries, rev) = (route_setting(&app), record_length(&app), revision(&app));
        app.write(&Who::system(), |tx| {
            flip(tx, || Ok(()))?;
            // Nothing is announced while the transaction is open.
            assert!(matches!(heard.try_recv(), Err(TryRecvError::Empty)));
            Ok(())
        })
        .expect("write");
        assert_eq!(route_setting(&app), !before, "written");
        assert_eq!(record_length(&app), entries + 1, "recorded");
        assert_eq!(revision(&app), rev + 1, "the plan's revision moved");
        assert_eq!(
            heard.try_recv().map(|e| e.kind),
            Ok(LiveEventKind::MeasureUpdated)
        );
    }

    #[test]
    fn a_command_that_fails_half_way_leaves_nothing_and_says_nothing() {
        let (app, _dir) = app();
        let mut heard = app.live.subscribe();
        let (before, entries, rev) = (route_setting(&app), record_length(&app), revision(&app));
        let result = app.write(&Who::system(), |tx| {
            flip(tx, || Err(ErrorCode::VersionConflict.into()))
        });
        assert_eq!(
            result.map_err(|e| e.code()),
            Err(ErrorCode::VersionConflict)
        );
        assert_eq!(route_setting(&app), before, "rolled back");
        assert_eq!(record_length(&app), entries, "nothing on the record");
        assert_eq!(revision(&app), rev);
        assert!(
            matches!(heard.try_recv(), Err(TryRecvError::Empty)),
            "nothing announced"
        );
    }

    #[test]
    fn a_command_that_panics_leaves_nothing_and_the_next_one_gets_a_clean_connection() {
        let (app, _dir) = app();
        let mut heard = app.live.subscribe();
        let (before, entries) = (route_setting(&app), record_length(&app));
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            app.write(&Who::system(), |tx| -> AppResult<()> {
                flip(tx, || Ok(()))?;
                panic!("a bug half-way through a write");
            })
        }));
        assert!(panicked.is_err());
        assert_eq!(route_setting(&app), before, "nothing written");
        assert_eq!(record_length(&app), entries);
        assert!(
            matches!(heard.try_recv(), Err(TryRecvError::Empty)),
            "nothing announced"
        );
        // The connection that was inside the transaction is gone: SQLite's write lock is free,
        // and every connection the pool hands out is outside any transaction.
        for _ in 0..app.pool.max_size() {
            app.write(&Who::system(), |tx| {
                assert_eq!(tx.conn.transaction_depth(), Some(1), "only this write's");
                flip(tx, || Ok(()))
            })
            .expect("the next writes go through");
        }
        assert_eq!(
            record_length(&app),
            entries + i64::from(app.pool.max_size())
        );
    }

    #[test]
    fn the_pool_discards_a_connection_given_back_inside_a_transaction() {
        use r2d2::ManageConnection;
        let (app, dir) = app();
        let manager = db::Manager::new(
            &dir.path().join("runner.db").display().to_string(),
            db::SqliteSync::Full,
        );
        let mut conn = manager.connect().expect("connect");
        assert!(!manager.has_broken(&mut conn));
        {
            use diesel::connection::{AnsiTransactionManager, TransactionManager};
            let db::Connection::Sqlite(c) = &mut conn else {
                panic!("SQLite")
            };
            AnsiTransactionManager::begin_transaction(c).expect("begin");
        }
        assert!(manager.has_broken(&mut conn), "left inside a transaction");
        drop(app);
    }

    #[test]
    fn errors_keep_their_code_through_the_runner() {
        let (app, _dir) = app();
        let e = app
            .write(&Who::system(), |_| -> AppResult<()> {
                Err(AppError::field(ErrorCode::TextTooLong, "note"))
            })
            .expect_err("refused");
        assert_eq!(
            (e.code(), e.body.field.as_deref()),
            (ErrorCode::TextTooLong, Some("note"))
        );
    }
}
