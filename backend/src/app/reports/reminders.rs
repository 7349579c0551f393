//! Report reminders: before and on each due date to the report's writers, and after it, escalated
//! to the district and the department; each sent once (a dedupe key per organisation, period and
//! kind), even across restarts and missed days.

use super::{reporting_orgs, Ctx};
use crate::app::actor::Actor;
use crate::app::error::AppResult;
use crate::app::inbox::{About, Notice, To};
use crate::app::record::{Entry, Who};
use crate::app::runner::Tx;
use crate::app::App;
use crate::db;
use shared::api::audit::AuditAction;
use shared::api::inbox::{NoticeFacts, NotificationKind};
use shared::api::orgs::OrgKind;
use shared::api::reports::RemindersRun;
use shared::calendar::{reminder_due, submission_due, ReminderKind, ReportPeriod};
use shared::ErrorCode;
use std::collections::HashMap;
use std::sync::Weak;
use std::time::Duration;

/// How often the pass runs; the calendar's rules are in whole days, so hourly is plenty.
pub const EVERY: Duration = Duration::from_secs(3600);

/// One pass over every organisation and period: puts in inboxes the reminders that apply today
/// and were not sent before. Returns how many items it added.
pub fn pass(tx: &mut Tx) -> AppResult<u32> {
    let ctx = Ctx::of(tx)?;
    let today = ctx.today;
    let days = ctx.rules.remind_days_before;
    let mut sent = 0;
    for period in ReportPeriod::all() {
        let due = submission_due(period);
        let Some(kind) = reminder_due(today, due, days) else {
            continue;
        };
        let key = period.to_string();
        let rows: HashMap<i32, db::reports::ReportRow> =
            db::reports::list(tx.conn, Some(&key), None)?
                .into_iter()
                .map(|row| (row.org_id, row))
                .collect();
        for org_id in reporting_orgs(&ctx.structure, &ctx.snapshot, &ctx.defs, period.year()) {
            let Some(org) = ctx.structure.org(org_id) else {
                continue;
            };
            if rows.get(&org_id.0).is_some_and(super::is_submitted) {
                continue;
            }
            // The writers; the department too for an executor. Overdue: the district above and
            // the department as well.
            let mut to = vec![To::Writers(org_id)];
            if org.kind == OrgKind::Executor {
                to.push(To::Department);
            }
            let notification = if kind == ReminderKind::Overdue {
                if let Some(parent) = org.parent {
                    to.push(To::Coordinators(parent));
                }
                to.push(To::Department);
                NotificationKind::ReportOverdue
            } else {
                NotificationKind::ReportDue
            };
            let notice = Notice {
                kind: notification,
                to,
                about: About::Report(period),
                org: org_id,
                summary: String::new(),
                facts: NoticeFacts {
                    due: Some(due),
                    ..NoticeFacts::default()
                },
                dedupe_key: Some(format!("report:{}:{period}:{}", org_id.0, kind.as_str())),
                from_obriy: true,
            };
            sent += tx.notify_now(&notice)?;
        }
    }
    Ok(sent)
}

/// The department (or the administrator) runs the pass now; it goes on the record when it sent
/// anything.
pub fn run_now(app: &App, actor: &Actor) -> AppResult<RemindersRun> {
    if !actor.can_run_reminders() {
        return Err(ErrorCode::Forbidden.into());
    }
    app.write(&actor.into(), |tx| {
        let sent = pass(tx)?;
        if sent > 0 {
            tx.record(
                Entry::new(AuditAction::RemindersSent, "reporting")
                    .after(&serde_json::json!({ "today": tx.today, "sent": sent })),
            );
        }
        Ok(RemindersRun {
            today: tx.today,
            sent,
        })
    })
}

/// Runs the pass now and then every [`EVERY`], until the application is dropped.
pub fn start(app: Weak<App>) {
    let spawned = std::thread::Builder::new()
        .name("obriy-reminders".into())
        .spawn(move || loop {
            let Some(live) = app.upgrade() else {
                return;
            };
            match live.write(&Who::system(), pass) {
                Ok(0) => {}
                Ok(n) => tracing::info!(sent = n, "report reminders sent"),
                Err(e) => {
                    tracing::warn!(error = ?e.cause, code = %e.code(), "report reminders failed")
                }
            }
            drop(live);
            // Sleep in short steps so a stopped application ends the thread soon.
            for _ in 0..EVERY.as_secs() {
                std::thread::sleep(Duration::from_secs(1));
                if app.strong_count() == 0 {
                    return;
                }
            }
        });
    if let Err(e) = spawned {
        tracing::error!(%e, "could not start the reminder task");
    }
}
