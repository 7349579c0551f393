//! `GET /api/programme`: passport, envelope against allocations, directions and tasks.

use crate::error::ApiResult;
use crate::extract::CurrentUser;
use crate::services::snapshot::Snapshot;
use crate::state::{db, State};
use actix_web::{get, web::Json};
use shared::api::programme::{DirectionSummary, ProgrammeOverview, TaskSummary};

#[utoipa::path(tag = "programme", responses((status = 200, body = ProgrammeOverview), (status = 401, body = shared::ApiErrorBody)))]
#[get("/programme")]
pub async fn overview(state: State, _user: CurrentUser) -> ApiResult<Json<ProgrammeOverview>> {
    let snapshot = db(&state, |conn, st| st.snapshot(conn)).await?;
    Ok(Json(to_overview(&snapshot)))
}

fn to_overview(s: &Snapshot) -> ProgrammeOverview {
    let passport = s.structure.passport.clone();
    let directions = s
        .structure
        .directions
        .iter()
        .map(|d| {
            let tally = s.by_direction.get(&d.id.0);
            DirectionSummary {
                id: d.id,
                number: d.number,
                name: d.name.clone(),
                tasks: s
                    .structure
                    .tasks
                    .iter()
                    .filter(|t| t.direction_id == d.id)
                    .map(|t| {
                        let tally = s.by_task.get(&t.id);
                        TaskSummary {
                            id: t.id,
                            direction_id: d.id,
                            code: t.code,
                            name: t.name.clone(),
                            totals: tally.map(|t| t.grid.clone()).unwrap_or_default(),
                            measure_count: tally.map_or(0, |t| t.count),
                        }
                    })
                    .collect(),
                totals: tally.map(|t| t.grid.clone()).unwrap_or_default(),
                measure_count: tally.map_or(0, |t| t.count),
            }
        })
        .collect();
    ProgrammeOverview {
        passport,
        envelope: s.envelope_table(),
        allocated_total: s.programme.grid.total(),
        directions,
        measure_count: s.programme.count,
    }
}
