//! First-start data: the real programme and territory always; demo plan and accounts in demo mode.

pub mod demo;
pub mod indicators;
pub mod programme;
pub mod reports;
pub mod territory;

use crate::db::{self, DbConn};
use anyhow::Result;

/// Seeds what is missing. Safe to call at every start.
pub fn ensure(conn: &mut DbConn, demo: bool) -> Result<()> {
    if db::programme::get(conn)?.is_none() {
        conn.write_tx(|conn| -> Result<()> {
            programme::seed(conn)?;
            territory::seed(conn)?;
            seeded(conn, "programme")?;
            db::plan_state::bump(conn)?;
            Ok(())
        })?;
        tracing::info!(
            "seeded the programme 2026–2028 and the territory (7 districts, 86 communities)"
        );
    }
    if demo && db::users::find_by_login(conn, demo::DEMO_CHECK_LOGIN)?.is_none() {
        conn.write_tx(|conn| -> Result<()> {
            demo::seed(conn)?;
            seeded(conn, "demo")?;
            db::plan_state::bump(conn)?;
            Ok(())
        })?;
        tracing::info!("seeded the demo plan and demo accounts");
    }
    if demo && db::indicators::count(conn)? < indicators::DEMO_COUNT {
        conn.write_tx(|conn| -> Result<()> {
            indicators::seed(conn)?;
            seeded(conn, "demo_indicators")
        })?;
        tracing::info!("seeded the demo indicators");
    }
    Ok(())
}

/// Demo reports, approved amounts and reminders' worth of history up to `today`, once.
pub fn ensure_reports(conn: &mut DbConn, today: shared::Date) -> Result<()> {
    if !db::reports::any(conn)? && !db::budget::any(conn)? {
        let snapshot = crate::services::snapshot::Snapshot::load(conn)
            .map_err(|e| anyhow::anyhow!("loading the plan: {e:#}"))?;
        let defs = crate::services::reports::indicators(conn)
            .map_err(|e| anyhow::anyhow!("loading the indicators: {}", e.body.code))?;
        conn.write_tx(|conn| -> Result<()> {
            let n = reports::seed(conn, &snapshot, &defs, today)
                .map_err(|e| anyhow::anyhow!("demo reports: {e:#}"))?;
            seeded(conn, "demo_reports")?;
            db::plan_state::bump_reports(conn)?;
            tracing::info!(reports = n, %today, "seeded the demo reports and approved amounts");
            Ok(())
        })?;
    }
    Ok(())
}

/// One audit entry for a whole seed: what was loaded, by the system.
fn seeded(conn: &mut DbConn, what: &'static str) -> Result<()> {
    let summary = serde_json::json!({
        "orgs": db::orgs::count(conn)?,
        "measures": db::measures::count(conn)?,
        "users": db::users::count(conn)?,
    });
    crate::services::audit::record(
        conn,
        &crate::services::audit::Who::system(),
        crate::services::audit::Change {
            action: shared::api::audit::AuditAction::Seeded,
            entity: what,
            entity_id: None,
            subject_org: None,
            before: None::<&()>,
            after: Some(&summary),
        },
    )?;
    Ok(())
}
