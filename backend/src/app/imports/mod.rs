//! Excel in: an uploaded file becomes a job that is read and checked in the background into a preview; confirming writes its changes through the ordinary workflow (the draft proposal, the report's draft).
//!
//! Jobs live in the server's memory for a day (at most [`KEPT_PER_USER`] per user): a page
//! reload finds them again, a restart forgets previews not yet confirmed (the file is uploaded
//! again). Each is checked on a thread of its own, tells its progress (rows read, rows
//! checked) and, when its preview is ready, puts an item in the uploader's inbox.
//!
//! Confirming checks the file again against the plan and the draft as they are then: if that
//! gives other changes than the preview showed, nothing is written and the job shows the new
//! preview (409 `import_changed`). The writes themselves are the app's own commands inside one
//! transaction, so every rule of a form or the API holds for a file too.

// A refused file is one answer per upload, carried once: its size on the error path costs nothing.
#![allow(clippy::result_large_err)]

mod cells;
pub use cells::Col;
pub mod marked;
pub mod plan;
mod reader;
pub mod report;
pub mod targets;

use super::actor::Actor;
use super::error::{AppError, AppResult};
use super::inbox::{About, Notice, To};
use super::record::Entry;
use super::App;
use shared::api::audit::AuditAction;
use shared::api::auth::OrgRef;
use shared::api::imports::{
    ImportChange, ImportCounts, ImportIssue, ImportJob, ImportKind, ImportProgress, ImportStart,
    ImportState, MAX_FILE_BYTES,
};
use shared::api::inbox::{ImportFacts, NoticeFacts, NotificationKind};
use shared::calendar::ReportPeriod;
use shared::{ErrorCode, OrgId};
use std::sync::atomic::{AtomicI32, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

/// How many jobs a user keeps (older ones are forgotten).
pub const KEPT_PER_USER: usize = 10;
/// How long a job is kept.
const KEPT_MS: i64 = 24 * 60 * 60 * 1000;

/// How far a job has come, updated by its thread and read by the page.
#[derive(Debug, Default)]
pub struct Progress {
    read: AtomicU32,
    checked: AtomicU32,
    total: AtomicU32,
}

impl Progress {
    pub fn read(&self, n: u32) {
        self.read.store(n, Ordering::Relaxed);
    }

    pub fn checked(&self, n: u32) {
        self.checked.store(n, Ordering::Relaxed);
    }

    pub fn total(&self, n: u32) {
        self.total.store(n, Ordering::Relaxed);
        self.checked.store(n, Ordering::Relaxed);
    }

    fn get(&self) -> ImportProgress {
        ImportProgress {
            rows_read: self.read.load(Ordering::Relaxed),
            rows_checked: self.checked.load(Ordering::Relaxed),
            rows_total: self.total.load(Ordering::Relaxed),
        }
    }
}

/// What a check found: the changes, the refused rows and what confirming would do.
#[derive(Debug, Clone)]
pub struct Checked<A> {
    pub changes: Vec<ImportChange>,
    pub issues: Vec<ImportIssue>,
    pub actions: Vec<A>,
    pub counts: ImportCounts,
}

impl<A> Default for Checked<A> {
    fn default() -> Self {
        Checked {
            changes: Vec::new(),
            issues: Vec::new(),
            actions: Vec::new(),
            counts: ImportCounts::default(),
        }
    }
}

impl<A> Checked<A> {
    /// Adds the issues of a unit taken whole or not at all (a measure in a plan file); its
    /// rows without an issue of their own are marked as held back.
    pub fn absorb(&mut self, sheet: &str, issues: Vec<ImportIssue>, rows: &[u32]) {
        self.issues.extend(issues);
        for &r in rows {
            if !self.issues.iter().any(|i| i.row == r && i.sheet == sheet) {
                self.issues.push(ImportIssue::new(
                    sheet,
                    r,
                    "",
                    "",
                    ErrorCode::ImportMeasureIncomplete,
                ));
            }
        }
    }
}

/// What a job holds once checked.
#[derive(Debug, Clone)]
struct Outcome {
    state: ImportState,
    plan_version: i32,
    counts: ImportCounts,
    changes: Vec<ImportChange>,
    issues: Vec<ImportIssue>,
    failure: Option<ImportIssue>,
    can_confirm: bool,
    proposal_id: Option<i32>,
}

impl Outcome {
    /// A checked file's preview, and what confirming it would do.
    fn ready<A>(plan_version: i32, checked: Checked<A>) -> (Outcome, Vec<A>) {
        let outcome = Outcome {
            state: ImportState::Ready,
            plan_version,
            counts: checked.counts,
            can_confirm: !checked.actions.is_empty(),
            changes: checked.changes,
            issues: checked.issues,
            failure: None,
            proposal_id: None,
        };
        (outcome, checked.actions)
    }

    fn checking() -> Outcome {
        Outcome {
            state: ImportState::Checking,
            plan_version: 0,
            counts: ImportCounts::default(),
            changes: Vec::new(),
            issues: Vec::new(),
            failure: None,
            can_confirm: false,
            proposal_id: None,
        }
    }
}

/// One uploaded file and what became of it.
pub struct Job {
    id: i32,
    actor: Actor,
    kind: ImportKind,
    file_name: String,
    org: Option<OrgRef>,
    period: Option<ReportPeriod>,
    created_at: i64,
    bytes: Vec<u8>,
    progress: Progress,
    outcome: Mutex<Outcome>,
}

impl Job {
    fn outcome(&self) -> Outcome {
        match self.outcome.lock() {
            Ok(o) => o.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    fn set(&self, outcome: Outcome) {
        match self.outcome.lock() {
            Ok(mut o) => *o = outcome,
            Err(p) => *p.into_inner() = outcome,
        }
    }

    fn view(&self) -> ImportJob {
        let o = self.outcome();
        ImportJob {
            id: self.id,
            kind: self.kind,
            file_name: self.file_name.clone(),
            org: self.org.clone(),
            period: self.period,
            state: o.state,
            progress: self.progress.get(),
            created_at: self.created_at,
            plan_version: o.plan_version,
            counts: o.counts,
            changes: o.changes,
            issues: o.issues,
            failure: o.failure,
            can_confirm: o.can_confirm,
            proposal_id: o.proposal_id,
        }
    }

    /// The marked copy's file name: `план (помилки).xlsx`.
    pub fn marked_name(&self) -> String {
        let stem = self
            .file_name
            .rsplit_once('.')
            .map_or(self.file_name.as_str(), |(s, _)| s);
        let stem = if stem.is_empty() { "file" } else { stem };
        format!("{stem} (помилки).xlsx")
    }
}

/// The jobs of every user.
#[derive(Default)]
pub struct Imports {
    jobs: Mutex<Vec<Arc<Job>>>,
    next: AtomicI32,
}

impl Imports {
    fn with<T>(&self, f: impl FnOnce(&mut Vec<Arc<Job>>) -> T) -> T {
        match self.jobs.lock() {
            Ok(mut j) => f(&mut j),
            Err(p) => f(&mut p.into_inner()),
        }
    }

    fn add(&self, job: Arc<Job>, now: i64) {
        self.with(|jobs| {
            jobs.retain(|j| now - j.created_at < KEPT_MS);
            let user = job.actor.id;
            let mine = jobs.iter().filter(|j| j.actor.id == user).count();
            if mine >= KEPT_PER_USER {
                if let Some(pos) = jobs.iter().position(|j| j.actor.id == user) {
                    jobs.remove(pos);
                }
            }
            jobs.push(job);
        });
    }

    /// The user's job (another user's is not found).
    pub fn find(&self, actor: &Actor, id: i32) -> AppResult<Arc<Job>> {
        self.with(|jobs| {
            jobs.iter()
                .find(|j| j.id == id && j.actor.id == actor.id)
                .cloned()
        })
        .ok_or_else(|| ErrorCode::NotFound.into())
    }

    fn mine(&self, actor: &Actor) -> Vec<Arc<Job>> {
        self.with(|jobs| {
            jobs.iter()
                .rev()
                .filter(|j| j.actor.id == actor.id)
                .cloned()
                .collect()
        })
    }
}

/// The user's jobs, newest first.
pub fn list(app: &App, actor: &Actor) -> Vec<ImportJob> {
    app.imports.mine(actor).iter().map(|j| j.view()).collect()
}

/// One of the user's jobs.
pub fn get(app: &App, actor: &Actor, id: i32) -> AppResult<ImportJob> {
    Ok(app.imports.find(actor, id)?.view())
}

/// Takes an uploaded file: checks who may import what, then checks the file on a thread of
/// its own; answers at once with the job.
pub fn start(
    app: Arc<App>,
    actor: &Actor,
    start: &ImportStart,
    bytes: Vec<u8>,
) -> AppResult<ImportJob> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(AppError::field(ErrorCode::ImportTooLarge, "file"));
    }
    let (org, period) = app.read(|conn| {
        let structure = app.structure(conn)?;
        match start.kind {
            ImportKind::Plan => {
                if actor.proposal_org(&structure).is_none() {
                    return Err(ErrorCode::Forbidden.into());
                }
                Ok((None, None))
            }
            ImportKind::Report => {
                let org_id = start
                    .org
                    .ok_or_else(|| AppError::field(ErrorCode::OrgUnknown, "org"))?;
                let org = structure
                    .org(org_id)
                    .filter(|_| actor.can_see_reports_of(&structure, org_id))
                    .ok_or(ErrorCode::NotFound)?;
                if !actor.can_write_report(&structure, org_id) {
                    return Err(ErrorCode::Forbidden.into());
                }
                let raw = start.period.as_deref().unwrap_or("");
                let period = ReportPeriod::parse(raw.trim())
                    .map_err(|code| AppError::field(code, "period"))?;
                Ok((Some(org.to_ref()), Some(period)))
            }
            ImportKind::Targets => {
                if !actor.can_decide() {
                    return Err(ErrorCode::Forbidden.into());
                }
                Ok((None, None))
            }
        }
    })?;
    let now = crate::db::now_ms();
    let name: String = start.name.trim().chars().take(200).collect();
    let job = Arc::new(Job {
        id: app.imports.next.fetch_add(1, Ordering::Relaxed) + 1,
        actor: actor.clone(),
        kind: start.kind,
        file_name: if name.is_empty() {
            "file.xlsx".to_string()
        } else {
            name
        },
        org,
        period,
        created_at: now,
        bytes,
        progress: Progress::default(),
        outcome: Mutex::new(Outcome::checking()),
    });
    app.imports.add(job.clone(), now);
    let view = job.view();
    let spawned = std::thread::Builder::new()
        .name(format!("import-{}", job.id))
        .spawn(move || {
            run(&app, &job);
        });
    if spawned.is_err() {
        return Err(AppError::internal(anyhow::anyhow!(
            "could not start the import's thread"
        )));
    }
    Ok(view)
}

/// Reads and checks the file, keeps the outcome, tells the uploader.
fn run(app: &App, job: &Job) {
    let outcome = match check(app, job) {
        Ok((outcome, _)) => outcome,
        Err(failure) => Outcome {
            state: ImportState::Failed,
            failure: Some(failure),
            ..Outcome::checking()
        },
    };
    let facts = NoticeFacts {
        import: Some(ImportFacts {
            read: outcome.state != ImportState::Failed,
            changes: u32::try_from(outcome.changes.len()).unwrap_or(u32::MAX),
            refused: outcome.counts.refused,
        }),
        ..NoticeFacts::default()
    };
    let summary = job.file_name.clone();
    job.set(outcome);
    let org = job
        .org
        .as_ref()
        .map(|o| o.id)
        .or(job.actor.org)
        .unwrap_or(OrgId(0));
    let user = job.actor.id.0;
    let id = job.id;
    let told = app.write(&(&job.actor).into(), |tx| {
        let org = if org.0 == 0 {
            tx.structure().oblast().map_or(OrgId(0), |o| o.id)
        } else {
            org
        };
        tx.notify(Notice {
            kind: NotificationKind::ImportChecked,
            to: vec![To::Users(vec![user])],
            about: About::Import,
            org,
            summary: summary.clone(),
            facts: facts.clone(),
            dedupe_key: Some(format!("import:{}:{id}", job.created_at)),
            from_obriy: true,
        });
        Ok(())
    });
    if let Err(e) = told {
        tracing::warn!("import {id}: the inbox item was not written: {e:?}");
    }
}

/// The check of a job's file against the data as they are now: the outcome and what confirming
/// would do.
fn check(app: &App, job: &Job) -> Result<(Outcome, Pending), ImportIssue> {
    let book = reader::read(&job.bytes, &|n| job.progress.read(n))?;
    let internal = |e: AppError| {
        tracing::error!("import {}: {e:?}", job.id);
        ImportIssue::new("", 0, "", "", ErrorCode::Internal)
    };
    match job.kind {
        ImportKind::Plan => {
            let parsed = plan::parse(&book, &job.progress)?;
            let (ctx, checked) = app
                .read(|conn| {
                    let structure = app.structure(conn)?;
                    let history = app.history(conn)?;
                    let ctx = plan::Context::load(conn, structure, history, &job.actor)?;
                    let checked = plan::check(&parsed, &ctx, &job.actor, &book);
                    Ok((ctx, checked))
                })
                .map_err(internal)?;
            let (outcome, actions) = Outcome::ready(ctx.version, checked);
            Ok((
                outcome,
                Pending::Plan {
                    seen: ctx.seen(),
                    actions,
                },
            ))
        }
        ImportKind::Report => {
            let (Some(org), Some(period)) = (job.org.as_ref(), job.period) else {
                return Err(ImportIssue::new("", 0, "", "", ErrorCode::Internal));
            };
            let checked = app
                .read(|conn| report::check(app, conn, &job.actor, org.id, period, &book))
                .map_err(internal)??;
            let (mut outcome, _) = Outcome::ready(checked.plan_version, checked.checked);
            outcome.can_confirm = checked.save.is_some();
            Ok((outcome, Pending::Report(checked.save)))
        }
        ImportKind::Targets => {
            let (ctx, version) = app
                .read(|conn| {
                    let structure = app.structure(conn)?;
                    let ctx = targets::Context::load(conn, structure)?;
                    Ok((ctx, crate::db::versions::current(conn)?))
                })
                .map_err(internal)?;
            let checked = targets::check(&book, &ctx, &job.progress)?;
            let (outcome, actions) = Outcome::ready(version, checked);
            Ok((
                outcome,
                Pending::Targets {
                    seen: ctx.seen,
                    actions,
                },
            ))
        }
    }
}

/// What confirming a job writes.
enum Pending {
    Plan {
        seen: plan::Seen,
        actions: Vec<plan::Action>,
    },
    Report(Option<shared::api::reports::SaveReport>),
    Targets {
        seen: targets::Seen,
        actions: Vec<super::indicators::TargetChange>,
    },
}

/// Writes the job's changes, if the file still says what its preview showed.
pub fn confirm(app: &App, actor: &Actor, id: i32) -> AppResult<ImportJob> {
    let job = app.imports.find(actor, id)?;
    let before = job.outcome();
    if before.state != ImportState::Ready {
        return Err(ErrorCode::ImportNotReady.into());
    }
    let (now, pending) = match check(app, &job) {
        Ok(x) => x,
        Err(failure) => {
            return Err(AppError::new(failure.code));
        }
    };
    if now.changes != before.changes || now.issues != before.issues {
        job.set(now);
        let mut err = AppError::new(ErrorCode::ImportChanged);
        err.body.current = serde_json::to_value(job.view()).ok();
        return Err(err);
    }
    let entry = Entry::new(AuditAction::ImportApplied, "import")
        .id(job.id)
        .org_opt(job.org.as_ref().map(|o| o.id.0).or(actor.org.map(|o| o.0)))
        .after(&serde_json::json!({
            "file": job.file_name,
            "kind": job.kind.as_str(),
            "changes": now.changes.len(),
            "refused_rows": now.counts.refused,
        }));
    let result = app.write(&actor.into(), |tx| match &pending {
        Pending::Plan { seen, actions } => {
            if actions.is_empty() {
                return Err(ErrorCode::ImportNothingToApply.into());
            }
            if plan::Seen::now(tx, actor)? != *seen {
                return Err(ErrorCode::ImportChanged.into());
            }
            let proposal = plan::apply(tx, actor, actions)?;
            tx.record(entry.clone());
            Ok(proposal)
        }
        Pending::Report(save) => {
            let (Some(save), Some(org), Some(period)) = (save, job.org.as_ref(), job.period) else {
                return Err(ErrorCode::ImportNothingToApply.into());
            };
            crate::app::reports::save::save(tx, actor, org.id, period, save)?;
            tx.record(entry.clone());
            Ok(None)
        }
        Pending::Targets { seen, actions } => {
            if actions.is_empty() {
                return Err(ErrorCode::ImportNothingToApply.into());
            }
            if targets::Seen::now(tx.conn)? != *seen {
                return Err(ErrorCode::ImportChanged.into());
            }
            super::indicators::set_targets(tx, actor, actions)?;
            tx.record(entry.clone());
            Ok(None)
        }
    });
    match result {
        Ok(proposal_id) => {
            job.set(Outcome {
                state: ImportState::Applied,
                can_confirm: false,
                proposal_id,
                ..now
            });
            Ok(job.view())
        }
        Err(e) if e.code() == ErrorCode::ImportChanged => {
            if let Ok((fresh, _)) = check(app, &job) {
                job.set(fresh);
            }
            let mut err = AppError::new(ErrorCode::ImportChanged);
            err.body.current = serde_json::to_value(job.view()).ok();
            Err(err)
        }
        Err(e) => Err(e),
    }
}

/// The uploaded workbook with its refused cells marked and commented, and a sheet listing them.
pub fn marked(
    app: &App,
    actor: &Actor,
    id: i32,
    lang: shared::Lang,
) -> AppResult<(Vec<u8>, String)> {
    let job = app.imports.find(actor, id)?;
    let o = job.outcome();
    if o.state == ImportState::Checking {
        return Err(ErrorCode::ImportNotReady.into());
    }
    let book = reader::read(&job.bytes, &|_| {}).ok();
    let mut issues = o.issues.clone();
    issues.extend(o.failure.clone());
    let bytes = marked::write(book.as_ref(), &issues, &o.changes, lang)?;
    Ok((bytes, job.marked_name()))
}
