//! Filling inboxes: the coordinators of an organisation hear of what others do to its measures.

use crate::db::{self, DbConn};
use crate::extract::CurrentUser;
use shared::api::inbox::NotificationKind;

/// Notifies every coordinator of `org_id` except the one who acted; inside the write's
/// transaction, so the inbox and the change land together.
pub fn notify_org(
    conn: &mut DbConn,
    by: &CurrentUser,
    kind: NotificationKind,
    measure_id: i32,
    org_id: i32,
    summary: &str,
) -> Result<(), diesel::result::Error> {
    let users = db::notifications::coordinators_of(conn, org_id)?;
    notify_users(
        conn,
        by,
        kind,
        &users,
        About::Measure(measure_id),
        org_id,
        summary,
    )
}

/// What an inbox item is about.
#[derive(Debug, Clone, Copy)]
pub enum About {
    Measure(i32),
    Proposal(i32),
    /// A report of the item's organisation for this period.
    Report(shared::ReportPeriod),
}

/// Puts one item in each of these users' inboxes (not the actor's own).
pub fn notify_users(
    conn: &mut DbConn,
    by: &CurrentUser,
    kind: NotificationKind,
    users: &[i32],
    about: About,
    org_id: i32,
    summary: &str,
) -> Result<(), diesel::result::Error> {
    let summary: String = summary.chars().take(160).collect();
    let now = db::now_ms();
    let (measure_id, proposal_id, period) = match about {
        About::Measure(m) => (Some(m), None, None),
        About::Proposal(p) => (None, Some(p), None),
        About::Report(p) => (None, None, Some(p.to_string())),
    };
    for &user_id in users {
        if user_id == by.user.id {
            continue;
        }
        db::notifications::insert(
            conn,
            &db::notifications::NewNotification {
                user_id,
                kind: kind.as_str(),
                measure_id,
                proposal_id,
                org_id,
                by_name: &by.user.display_name,
                summary: &summary,
                at: now,
                period: period.as_deref(),
                dedupe_key: None,
            },
        )?;
    }
    Ok(())
}
