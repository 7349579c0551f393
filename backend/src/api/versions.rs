//! Versions of the approved plan and the comparison of any two.

use crate::db;
use crate::error::ApiResult;
use crate::extract::CurrentUser;
use crate::services::proposals::History;
use crate::services::structure::Structure;
use crate::state::{db as run_db, State};
use actix_web::{get, web};
use shared::api::proposals::{diff_measure, ProposalId};
use shared::api::versions::{ComparisonRow, PlanVersion, PlanVersions, VersionComparison};
use shared::{ErrorCode, MeasureId, Text};
use std::collections::HashMap;

fn to_version(
    r: db::versions::VersionRow,
    counts: &HashMap<i32, i64>,
    history: &History,
) -> ApiResult<PlanVersion> {
    Ok(PlanVersion {
        number: r.number,
        approved_at: r.approved_at,
        decision: Text::new(r.decision_uk, r.decision_en),
        approved_by: r.approved_by_name,
        proposal_id: r.proposal_id.map(ProposalId),
        measure_count: counts.get(&r.number).copied().unwrap_or(0),
        totals: history.totals_at(r.number),
    })
}

#[utoipa::path(tag = "versions", responses((status = 200, body = PlanVersions)))]
#[get("/plan/versions")]
pub async fn list(state: State, _user: CurrentUser) -> ApiResult<web::Json<PlanVersions>> {
    let out = run_db(&state, move |conn, st| {
        let history = st.history(conn)?;
        let counts = history.change_counts();
        let versions = db::versions::all(conn)?
            .into_iter()
            .map(|r| to_version(r, &counts, &history))
            .collect::<ApiResult<Vec<_>>>()?;
        Ok(PlanVersions {
            current: versions.first().map_or(1, |v| v.number),
            versions,
        })
    })
    .await?;
    Ok(web::Json(out))
}

#[utoipa::path(tag = "versions", params(("from" = i32, Path), ("to" = i32, Path)),
    responses((status = 200, body = VersionComparison), (status = 404, body = shared::ApiErrorBody)))]
#[get("/plan/versions/{from}/compare/{to}")]
pub async fn compare(
    state: State,
    user: CurrentUser,
    path: web::Path<(i32, i32)>,
) -> ApiResult<web::Json<VersionComparison>> {
    let (from, to) = path.into_inner();
    let out = run_db(&state, move |conn, st| {
        let structure: std::sync::Arc<Structure> = st.structure(conn)?;
        let from_row = db::versions::find(conn, from)?.ok_or(ErrorCode::VersionUnknown)?;
        let to_row = db::versions::find(conn, to)?.ok_or(ErrorCode::VersionUnknown)?;
        let history = st.history(conn)?;
        let counts = history.change_counts();
        let mut rows = Vec::new();
        for (id, old, new) in history.changed_between(from, to) {
            let Some(m) = new.or(old) else { continue };
            // Only what this user may read is listed (a community sees its own and the oblast's).
            if !user.actor.can_read_org(&structure, m.org_id) {
                continue;
            }
            let Some(org) = structure.org(m.org_id).map(|o| o.to_ref()) else {
                continue;
            };
            for change in diff_measure(old, new) {
                rows.push(ComparisonRow {
                    measure_id: MeasureId(id),
                    measure_name: m.name.clone(),
                    org: org.clone(),
                    change,
                });
            }
        }
        Ok(VersionComparison {
            from: to_version(from_row, &counts, &history)?,
            to: to_version(to_row, &counts, &history)?,
            rows,
        })
    })
    .await?;
    Ok(web::Json(out))
}
