//! Report reminders: before and on each due date to the report's writers, and after it, escalated to the district and the department; each sent once.

use crate::db::{self, DbConn};
use crate::error::ApiResult;
use crate::services::reports::{self as r, Ctx};
use crate::state::AppState;
use shared::api::inbox::NotificationKind;
use shared::api::orgs::OrgKind;
use shared::calendar::{reminder_due, submission_due, ReminderKind, ReportPeriod};
use std::collections::HashMap;
use std::sync::Weak;
use std::time::Duration;

/// How often the pass runs; the calendar's rules are in whole days, so hourly is plenty.
pub const EVERY: Duration = Duration::from_secs(3600);

/// One pass over every organisation and period: puts in inboxes the reminders that apply today
/// and were not sent before. Returns how many items it added.
pub fn run(conn: &mut DbConn, ctx: &Ctx) -> ApiResult<u32> {
    let today = ctx.today;
    let days = ctx.rules.remind_days_before;
    let department =
        db::notifications::users_with_role(conn, &[shared::Role::Department.as_str()])?;
    let mut sent = 0;
    for period in ReportPeriod::all() {
        let due = submission_due(period);
        let Some(kind) = reminder_due(today, due, days) else {
            continue;
        };
        let key = period.to_string();
        let rows: HashMap<i32, db::reports::ReportRow> = db::reports::list(conn, Some(&key), None)?
            .into_iter()
            .map(|row| (row.org_id, row))
            .collect();
        let orgs = r::reporting_orgs(&ctx.structure, &ctx.snapshot, &ctx.defs, period.year());
        conn.write_tx(|conn| -> ApiResult<()> {
            for org_id in orgs {
                let Some(org) = ctx.structure.org(org_id) else {
                    continue;
                };
                let submitted = rows
                    .get(&org_id.0)
                    .is_some_and(|row| row.submitted_on.is_some() || row.approved_on.is_some());
                if submitted {
                    continue;
                }
                let mut to = db::notifications::coordinators_of(conn, org_id.0)?;
                if to.is_empty() || org.kind == OrgKind::Executor {
                    to.extend(&department);
                }
                let notification = if kind == ReminderKind::Overdue {
                    if let Some(parent) = org.parent {
                        to.extend(db::notifications::coordinators_of(conn, parent.0)?);
                    }
                    to.extend(&department);
                    NotificationKind::ReportOverdue
                } else {
                    NotificationKind::ReportDue
                };
                to.sort_unstable();
                to.dedup();
                let summary = format!("{}, {period}: строк подання {due}", org.name.uk);
                let dedupe = format!("report:{}:{period}:{}", org_id.0, kind.as_str());
                for user_id in to {
                    let added = db::notifications::insert_once(
                        conn,
                        &db::notifications::NewNotification {
                            user_id,
                            kind: notification.as_str(),
                            measure_id: None,
                            proposal_id: None,
                            org_id: org_id.0,
                            by_name: "Обрій",
                            summary: &summary,
                            at: db::now_ms(),
                            period: Some(&key),
                            dedupe_key: Some(&dedupe),
                        },
                    )?;
                    sent += u32::from(added);
                }
            }
            Ok(())
        })?;
    }
    Ok(sent)
}

/// Runs the pass now and then every [`EVERY`], until the application is dropped.
pub fn start(state: Weak<AppState>) {
    let spawned = std::thread::Builder::new()
        .name("obriy-reminders".into())
        .spawn(move || loop {
            let Some(st) = state.upgrade() else {
                return;
            };
            let result = st
                .pool
                .get()
                .map_err(crate::error::ApiError::internal)
                .and_then(|mut conn| {
                    let ctx = Ctx::load(&mut conn, &st)?;
                    run(&mut conn, &ctx)
                });
            match result {
                Ok(0) => {}
                Ok(n) => tracing::info!(sent = n, "report reminders sent"),
                Err(e) => {
                    tracing::warn!(error = ?e.cause, code = %e.code(), "report reminders failed")
                }
            }
            drop(st);
            // Sleep in short steps so a stopped application ends the thread soon.
            for _ in 0..EVERY.as_secs() {
                std::thread::sleep(Duration::from_secs(1));
                if state.strong_count() == 0 {
                    return;
                }
            }
        });
    if let Err(e) = spawned {
        tracing::error!(%e, "could not start the reminder task");
    }
}
