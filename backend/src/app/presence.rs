//! Presence on a measure: heartbeats from open pages, and who is there now (kept in the database,
//! so several server processes share it).

use super::actor::Actor;
use super::error::AppResult;
use super::live::measure_event;
use super::plan::structure::Structure;
use super::App;
use crate::db::{self, DbConn};
use shared::api::events::LiveEventKind;
use shared::api::presence::{PresenceBeat, Viewer, PRESENT_FOR_SECS};
use shared::{ErrorCode, MeasureId, OrgId, UserId};

fn viewers(conn: &mut DbConn, measure: i32) -> AppResult<Vec<Viewer>> {
    let fresh_since = db::now_ms() - i64::from(PRESENT_FOR_SECS) * 1000;
    Ok(db::presence::on_measure(conn, measure, fresh_since)?
        .into_iter()
        .map(|p| Viewer {
            user_id: UserId(p.user_id),
            name: p.user_name,
            org_id: p.org_id.map(OrgId),
            editing: p.editing,
            seen_at: p.seen_at,
        })
        .collect())
}

/// The measure's organisation, if this user may read it.
fn readable(conn: &mut DbConn, structure: &Structure, actor: &Actor, id: i32) -> AppResult<i32> {
    let m = db::measures::find(conn, id)?.ok_or(ErrorCode::NotFound)?;
    if actor.can_read_org(structure, OrgId(m.org_id)) {
        Ok(m.org_id)
    } else {
        Err(ErrorCode::Forbidden.into())
    }
}

/// "I have this measure open (and am editing it, or not)": answers with who has it open now.
/// Others hear of it when the user arrives, starts or stops editing, or comes back.
pub fn beat(
    app: &App,
    actor: &Actor,
    id: MeasureId,
    body: &PresenceBeat,
) -> AppResult<Vec<Viewer>> {
    let id = id.0;
    app.write(&actor.into(), |tx| {
        let structure = tx.structure().clone();
        let org = readable(tx.conn, &structure, actor, id)?;
        if !actor.takes_part() {
            return Err(ErrorCode::Forbidden.into());
        }
        let before = db::presence::upsert(
            tx.conn,
            &db::presence::PresenceRow {
                measure_id: id,
                user_id: actor.id.0,
                user_name: actor.name.clone(),
                org_id: actor.org.map(|o| o.0),
                editing: body.editing,
                seen_at: tx.now,
            },
        )?;
        let stale = i64::from(PRESENT_FOR_SECS) * 1000;
        if before.is_none_or(|b| b.editing != body.editing || tx.now - b.seen_at > stale) {
            tx.announce(measure_event(
                LiveEventKind::PresenceChanged,
                id,
                org,
                &actor.name,
            ));
        }
        viewers(tx.conn, id)
    })
}

/// Who has the measure open now.
pub fn list(app: &App, actor: &Actor, id: MeasureId) -> AppResult<Vec<Viewer>> {
    app.read(|conn| {
        let structure = app.structure(conn)?;
        readable(conn, &structure, actor, id.0)?;
        viewers(conn, id.0)
    })
}

/// "I have left the measure's page."
pub fn leave(app: &App, actor: &Actor, id: MeasureId) -> AppResult<()> {
    app.write(&actor.into(), |tx| {
        let structure = tx.structure().clone();
        let org = readable(tx.conn, &structure, actor, id.0)?;
        if db::presence::remove(tx.conn, id.0, actor.id.0)? > 0 {
            tx.announce(measure_event(
                LiveEventKind::PresenceChanged,
                id.0,
                org,
                &actor.name,
            ));
        }
        Ok(())
    })
}
