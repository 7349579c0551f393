//! First-start data: the real programme and territory always; in demo mode the demo plan,
//! accounts, indicators, local programmes and a reporting history up to today. Each part is one write through the
//! application's runner, on the record as seeded by the system.

pub mod demo;
pub mod indicators;
pub mod local_programmes;
pub mod programme;
pub mod reports;
pub mod territory;

use crate::app::error::AppError;
use crate::app::record::{Entry, Who};
use crate::app::runner::Tx;
use crate::app::App;
use crate::db;
use anyhow::Result;
use shared::api::audit::AuditAction;

/// Seeds what is missing. Safe to call at every start.
pub fn ensure(app: &App) -> Result<()> {
    let demo = app.settings.demo;
    let system = Who::system();
    let missing = |check: &dyn Fn(&mut db::DbConn) -> Result<bool>| -> Result<bool> {
        app.read(|conn| check(conn).map_err(AppError::internal))
            .map_err(|e| anyhow::anyhow!("{e}"))
    };
    if missing(&|conn| Ok(db::programme::get(conn)?.is_none()))? {
        write(app, &system, |tx| {
            programme::seed(tx.conn)?;
            territory::seed(tx.conn)?;
            seeded(tx, "programme")?;
            tx.plan_changed();
            Ok(())
        })?;
        tracing::info!(
            "seeded the programme 2026–2028 and the territory (7 districts, 86 communities)"
        );
    }
    if !demo {
        return Ok(());
    }
    if missing(&|conn| Ok(db::users::find_by_login(conn, demo::DEMO_CHECK_LOGIN)?.is_none()))? {
        write(app, &system, |tx| {
            demo::seed(tx)?;
            seeded(tx, "demo")?;
            tx.plan_changed();
            Ok(())
        })?;
        tracing::info!("seeded the demo plan and demo accounts");
    }
    if missing(&|conn| Ok(db::indicators::count(conn)? < indicators::DEMO_COUNT))? {
        write(app, &system, |tx| {
            indicators::seed(tx.conn)?;
            seeded(tx, "demo_indicators")
        })?;
        tracing::info!("seeded the demo indicators");
    }
    if missing(&|conn| Ok(!db::local_programmes::any(conn)?))? {
        write(app, &system, |tx| {
            let n = local_programmes::seed(tx.conn, tx.now)?;
            // A demo database seeded before the register counted IND-01 by hand.
            indicators::compute_ind01(tx.conn)?;
            seeded(tx, "demo_local_programmes")?;
            tx.reports_changed();
            tracing::info!(programmes = n, "seeded the demo local programmes");
            Ok(())
        })?;
    }
    Ok(())
}

/// The demo's reporting history: approved amounts and reports up to today, once (demo mode).
pub fn ensure_reports(app: &App) -> Result<()> {
    let system = Who::system();
    let none_yet = app
        .read(|conn| Ok(!db::reports::any(conn)? && !db::budget::any(conn)?))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    if none_yet {
        let today = app.clock.today();
        write(app, &system, |tx| {
            let defs = crate::app::reports::indicators(tx.conn)
                .map_err(|e| anyhow::anyhow!("loading the indicators: {e}"))?;
            let snapshot = tx.snapshot.clone();
            let n = reports::seed(tx.conn, &snapshot, &defs, today)
                .map_err(|e| anyhow::anyhow!("demo reports: {e:#}"))?;
            // Approved reports keep what they said when approved, as the app's approvals do.
            let ctx = crate::app::reports::Ctx::of(tx).map_err(|e| anyhow::anyhow!("{e}"))?;
            for row in db::reports::list(tx.conn, None, None)? {
                if row.stage != shared::api::reports::ReportStage::Approved.as_str() {
                    continue;
                }
                let (Ok(period), org) = (
                    shared::ReportPeriod::parse(&row.period),
                    shared::OrgId(row.org_id),
                ) else {
                    continue;
                };
                let content =
                    crate::app::reports::view::content(tx.conn, &ctx, org, period, Some(row.id))
                        .map_err(|e| anyhow::anyhow!("freezing report {}: {e}", row.id))?;
                db::reports::set_frozen(
                    tx.conn,
                    row.id,
                    Some(&serde_json::to_string(&content)?),
                    tx.now,
                )?;
            }
            seeded(tx, "demo_reports")?;
            tx.reports_changed();
            tracing::info!(reports = n, %today, "seeded the demo reports and approved amounts");
            Ok(())
        })?;
    }
    Ok(())
}

/// One seeding write through the runner, its errors as plain ones.
fn write(app: &App, who: &Who, seed: impl FnOnce(&mut Tx) -> Result<()>) -> Result<()> {
    app.write(who, |tx| seed(tx).map_err(AppError::internal))
        .map_err(|e| anyhow::anyhow!("seeding: {e}"))
}

/// One record entry for a whole seed: what was loaded, by the system.
fn seeded(tx: &mut Tx, what: &'static str) -> Result<()> {
    let summary = serde_json::json!({
        "orgs": db::orgs::count(tx.conn)?,
        "measures": db::measures::count(tx.conn)?,
        "users": db::users::count(tx.conn)?,
    });
    tx.record(Entry::new(AuditAction::Seeded, what).after(&summary));
    Ok(())
}
