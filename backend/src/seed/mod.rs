//! First-start data: the real programme and territory always; demo plan and accounts in demo mode.

pub mod demo;
pub mod programme;
pub mod territory;

use crate::db::{self, DbConn};
use anyhow::Result;

/// Seeds what is missing. Safe to call at every start.
pub fn ensure(conn: &mut DbConn, demo: bool) -> Result<()> {
    if db::programme::get(conn)?.is_none() {
        conn.write_tx(|conn| -> Result<()> {
            programme::seed(conn)?;
            territory::seed(conn)?;
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
            db::plan_state::bump(conn)?;
            Ok(())
        })?;
        tracing::info!("seeded the demo plan and demo accounts");
    }
    Ok(())
}
