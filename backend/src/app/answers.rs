//! The heavier reads' answers (a report, the reporting calendar, a version comparison, a page of
//! the plan), kept as the JSON sent until the plan's or the reports' revision or today's date
//! moves: a repeated read costs a map look-up instead of database queries and serialisation.
//!
//! Every answer kept is named by what it depends on besides the revisions: the endpoint, its
//! parameters and the acting user (`Actor::key`). Writes of this process mark the answers dirty
//! after commit (as they do the dashboard); another process's write is seen within [`RECHECK`],
//! when the revisions are read again. Only answers computed from the state the revisions count
//! may be kept here: the plan (its revision), reports, approved amounts, reporting and workflow
//! settings, indicator rules (the reports' revision) and the calendar (today).

use super::error::{AppError, AppResult};
use super::App;
use crate::db;
use bytes::Bytes;
use serde::Serialize;
use shared::calendar::Date;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Instant;

// How long the revisions read are trusted with no write of this process since (as for the
// plan snapshot and the dashboard's board).
use super::plan::snapshot::RECHECK;

/// The answers kept are dropped together when they would take more than this.
const MAX_BYTES: usize = 64 << 20;

/// What every kept answer depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Generation {
    plan: i64,
    reports: i64,
    today: Date,
}

#[derive(Default)]
struct Kept {
    generation: Option<Generation>,
    checked: Option<Instant>,
    entries: HashMap<String, Bytes>,
    bytes: usize,
}

impl Generation {
    /// Whether `self` is older than `other` in any of its parts (a read that began before a
    /// write which a later read already saw).
    fn older_than(self, other: Generation) -> bool {
        self.plan < other.plan || self.reports < other.reports || self.today < other.today
    }
}

impl Kept {
    /// Moves to `generation`, dropping what was kept for another one; a read that saw an older
    /// generation than the one kept moves nothing (and keeps nothing).
    fn move_to(&mut self, generation: Generation) -> bool {
        match self.generation {
            Some(g) if generation.older_than(g) => return false,
            Some(g) if g == generation => {}
            _ => {
                self.entries.clear();
                self.bytes = 0;
                self.generation = Some(generation);
            }
        }
        self.checked = Some(Instant::now());
        true
    }
}

/// The kept answers of this process.
pub struct Answers {
    kept: Mutex<Kept>,
    /// Set by writes of this process after commit: read the revisions again.
    dirty: AtomicBool,
}

impl Default for Answers {
    fn default() -> Self {
        Answers {
            kept: Mutex::default(),
            dirty: AtomicBool::new(true),
        }
    }
}

impl Answers {
    /// Call after a committed write that moved the plan, the reports or what they count.
    pub fn invalidate(&self) {
        self.dirty.store(true, Ordering::SeqCst);
    }

    fn kept(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The answer named `name`, without asking the database, when the revisions were read a
    /// moment ago and nothing was written since.
    fn fresh(&self, name: &str, today: Date) -> Option<Bytes> {
        if self.dirty.load(Ordering::SeqCst) {
            return None;
        }
        let kept = self.kept();
        let recent = kept.checked.is_some_and(|t| t.elapsed() < RECHECK);
        let same_day = kept.generation.is_some_and(|g| g.today == today);
        if recent && same_day {
            kept.entries.get(name).cloned()
        } else {
            None
        }
    }
}

impl App {
    /// The JSON of the answer named `name`: kept from an earlier read at the same revisions, or
    /// computed now by `compute` (and kept unless it is a refusal).
    pub fn answer<T: Serialize>(
        &self,
        name: String,
        compute: impl FnOnce(&App) -> AppResult<T>,
    ) -> AppResult<Bytes> {
        self.answer_bytes(name, |app| serialise(&compute(app)?))
    }

    /// [`App::answer`] for an answer already written out (a CSV file).
    pub fn answer_bytes(
        &self,
        name: String,
        compute: impl FnOnce(&App) -> AppResult<Bytes>,
    ) -> AppResult<Bytes> {
        let today = self.clock.today();
        if let Some(json) = self.answers.fresh(&name, today) {
            return Ok(json);
        }
        // Clear the flag before reading the revisions, so a write committing meanwhile sets it
        // again. The plan's revision is the snapshot's, which `compute` reads too (never older).
        self.answers.dirty.store(false, Ordering::SeqCst);
        let (plan, reports) = self.read(|conn| {
            Ok((
                self.snapshot(conn)?.revision,
                db::plan_state::report_revision(conn)?,
            ))
        })?;
        let generation = Generation {
            plan,
            reports,
            today,
        };
        {
            let mut kept = self.answers.kept();
            if !kept.move_to(generation) {
                drop(kept);
                return compute(self);
            }
            if let Some(json) = kept.entries.get(&name) {
                return Ok(json.clone());
            }
        }
        // Computed at or after the revisions read: a write in between marks the answers dirty,
        // and the next read finds the new revisions and drops this one.
        let json = compute(self)?;
        let mut kept = self.answers.kept();
        if kept.generation == Some(generation) {
            if kept.bytes + json.len() > MAX_BYTES {
                kept.entries.clear();
                kept.bytes = 0;
            }
            kept.bytes += json.len();
            if let Some(old) = kept.entries.insert(name, json.clone()) {
                kept.bytes -= old.len();
            }
        }
        Ok(json)
    }
}

fn serialise<T: Serialize>(value: &T) -> AppResult<Bytes> {
    Ok(Bytes::from(
        serde_json::to_vec(value).map_err(AppError::internal)?,
    ))
}
