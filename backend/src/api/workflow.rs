//! The approval route: whether a community's proposals pass through its district.

use crate::db;
use crate::error::ApiResult;
use crate::extract::{CurrentUser, ValidJson};
use crate::services::audit::{self, Change, Who};
use crate::state::{db as run_db, State};
use actix_web::{get, put, web};
use shared::api::audit::AuditAction;
use shared::api::proposals::WorkflowSettings;
use shared::ErrorCode;

#[utoipa::path(tag = "proposals", responses((status = 200, body = WorkflowSettings)))]
#[get("/workflow")]
pub async fn get(state: State, _user: CurrentUser) -> ApiResult<web::Json<WorkflowSettings>> {
    let s = run_db(&state, |conn, _| {
        Ok(WorkflowSettings {
            community_requires_district: db::proposals::community_requires_district(conn)?,
        })
    })
    .await?;
    Ok(web::Json(s))
}

#[utoipa::path(tag = "proposals", request_body = WorkflowSettings,
    responses((status = 200, body = WorkflowSettings), (status = 403, body = shared::ApiErrorBody)))]
#[put("/workflow")]
pub async fn set(
    state: State,
    user: CurrentUser,
    ValidJson(body): ValidJson<WorkflowSettings>,
) -> ApiResult<web::Json<WorkflowSettings>> {
    if !user.actor.can_decide() {
        return Err(ErrorCode::Forbidden.into());
    }
    let s = run_db(&state, move |conn, _| {
        conn.write_tx(|conn| -> ApiResult<WorkflowSettings> {
            let before = WorkflowSettings {
                community_requires_district: db::proposals::community_requires_district(conn)?,
            };
            db::proposals::set_community_requires_district(conn, body.community_requires_district)?;
            audit::record(
                conn,
                &Who::from(&user),
                Change {
                    action: AuditAction::WorkflowChanged,
                    entity: "workflow",
                    entity_id: None,
                    subject_org: None,
                    before: Some(&before),
                    after: Some(&body),
                },
            )?;
            Ok(body)
        })
    })
    .await?;
    Ok(web::Json(s))
}
