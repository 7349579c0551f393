//! The audit log: pages of it (the whole for the department, the head and the administrator;
//! their territory for coordinators), a measure's history, and the chain check.

use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::extract::CurrentUser;
use crate::services::audit::{self, to_entry};
use crate::state::{db as run_db, State};
use actix_web::{get, web, HttpRequest};
use shared::api::audit::{AuditAction, AuditEntry, AuditFilter, AuditPage, AuditVerification};
use shared::{ErrorCode, MeasureId, OrgId, Role, UserId};

const DEFAULT_LIMIT: u32 = 100;
const MAX_LIMIT: u32 = 500;

#[utoipa::path(tag = "audit", params(AuditFilter),
    responses((status = 200, body = AuditPage), (status = 403, body = shared::ApiErrorBody),
              (status = 422, body = shared::ApiErrorBody)))]
#[get("/audit")]
pub async fn list(
    req: HttpRequest,
    state: State,
    user: CurrentUser,
) -> ApiResult<web::Json<AuditPage>> {
    let filter = parse_filter(req.query_string())?;
    let page = run_db(&state, move |conn, st| {
        let structure = st.structure(conn)?;
        let readable = |org: OrgId| user.actor.can_read_org(&structure, org);
        // Coordinators see what concerns the organisations they may read.
        let scope: Option<Vec<i32>> = match user.actor.role {
            Role::Department | Role::ProgrammeHead | Role::Admin => None,
            Role::CommunityCoordinator | Role::DistrictCoordinator => Some(
                structure
                    .orgs
                    .iter()
                    .filter(|o| readable(o.id))
                    .map(|o| o.id.0)
                    .collect(),
            ),
        };
        if let Some(org) = filter.org {
            if !readable(org) {
                return Err(ApiError::field(ErrorCode::Forbidden, "org"));
            }
        }
        let limit = filter.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
        let query = db::audit::Query {
            entity: filter.measure.map(|m| ("measure", m.0)),
            subject_orgs: match (filter.org, scope) {
                (Some(org), _) => Some(vec![org.0]),
                (None, scope) => scope,
            },
            user_id: filter.user.map(|u| u.0),
            action: filter.action.map(AuditAction::as_str),
            before_seq: filter.before_seq,
            limit: i64::from(limit) + 1,
        };
        let mut rows = db::audit::page(conn, &query)?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let entries: Vec<AuditEntry> = rows.into_iter().filter_map(to_entry).collect();
        Ok(AuditPage {
            next_before_seq: if more {
                entries.last().map(|e| e.seq)
            } else {
                None
            },
            entries,
        })
    })
    .await?;
    Ok(web::Json(page))
}

#[utoipa::path(tag = "audit", params(("id" = i32, Path)),
    responses((status = 200, body = Vec<AuditEntry>), (status = 403, body = shared::ApiErrorBody),
              (status = 404, body = shared::ApiErrorBody)))]
#[get("/measures/{id}/history")]
pub async fn measure_history(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
) -> ApiResult<web::Json<Vec<AuditEntry>>> {
    let id = id.into_inner();
    let entries = run_db(&state, move |conn, st| {
        let rows = db::audit::page(
            conn,
            &db::audit::Query {
                entity: Some(("measure", id)),
                limit: i64::from(MAX_LIMIT),
                ..Default::default()
            },
        )?;
        // The measure may be deleted: its history says whose it was.
        let org = match db::measures::find(conn, id)? {
            Some(m) => OrgId(m.org_id),
            None => rows
                .first()
                .and_then(|r| r.subject_org_id)
                .map(OrgId)
                .ok_or(ErrorCode::NotFound)?,
        };
        let structure = st.structure(conn)?;
        if !user.actor.can_read_org(&structure, org) {
            return Err(ErrorCode::Forbidden.into());
        }
        Ok(rows.into_iter().filter_map(to_entry).collect())
    })
    .await?;
    Ok(web::Json(entries))
}

#[utoipa::path(tag = "audit",
    responses((status = 200, body = AuditVerification), (status = 403, body = shared::ApiErrorBody)))]
#[get("/audit/verify")]
pub async fn verify(state: State, user: CurrentUser) -> ApiResult<web::Json<AuditVerification>> {
    if !matches!(
        user.actor.role,
        Role::Department | Role::Admin | Role::ProgrammeHead
    ) {
        return Err(ErrorCode::Forbidden.into());
    }
    let result = run_db(&state, |conn, _| Ok(conn.read_tx(audit::verify)?)).await?;
    Ok(web::Json(result))
}

fn parse_filter(query: &str) -> ApiResult<AuditFilter> {
    let mut f = AuditFilter::default();
    for (key, value) in super::plan::url_pairs(query) {
        let bad = || ApiError::field(ErrorCode::BadRequest, key.clone());
        let int = || value.parse::<i64>().map_err(|_| bad());
        match key.as_str() {
            "measure" => f.measure = Some(MeasureId(i32::try_from(int()?).map_err(|_| bad())?)),
            "org" => f.org = Some(OrgId(i32::try_from(int()?).map_err(|_| bad())?)),
            "user" => f.user = Some(UserId(i32::try_from(int()?).map_err(|_| bad())?)),
            "action" => f.action = Some(AuditAction::parse(&value).ok_or_else(bad)?),
            "before_seq" => f.before_seq = Some(int()?),
            "limit" => f.limit = Some(u32::try_from(int()?).map_err(|_| bad())?),
            _ => {}
        }
    }
    Ok(f)
}
