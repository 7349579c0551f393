//! `GET /api/orgs`: the territory and oblast executors with their planned measures.

use crate::error::ApiResult;
use crate::extract::CurrentUser;
use crate::state::{db, State};
use actix_web::{get, web::Json};
use shared::api::orgs::{ChildrenRollup, OrgKind, OrgSummary};

#[utoipa::path(tag = "orgs", responses((status = 200, body = Vec<OrgSummary>), (status = 401, body = shared::ApiErrorBody)))]
#[get("/orgs")]
pub async fn list(state: State, _user: CurrentUser) -> ApiResult<Json<Vec<OrgSummary>>> {
    let s = db(&state, |conn, st| st.snapshot(conn)).await?;
    let orgs = s
        .structure
        .orgs
        .iter()
        .map(|o| {
            let own = s.by_org.get(&o.id);
            OrgSummary {
                id: o.id,
                code: o.code.clone(),
                kind: o.kind,
                name: o.name.clone(),
                parent: o.parent,
                settlement_kind: o.settlement_kind,
                population: o.population,
                measure_count: own.map_or(0, |t| t.count),
                totals: own.map(|t| t.grid.clone()).unwrap_or_default(),
                with_children: (o.kind == OrgKind::District).then(|| {
                    let all = s.by_district.get(&o.id);
                    ChildrenRollup {
                        measure_count: all.map_or(0, |t| t.count),
                        totals: all.map(|t| t.grid.clone()).unwrap_or_default(),
                    }
                }),
            }
        })
        .collect();
    Ok(Json(orgs))
}
