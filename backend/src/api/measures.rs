//! Measures: create, read, update (against the version the user saw) and delete.

use crate::db::{self, DbConn};
use crate::error::{ApiError, ApiResult};
use crate::extract::{CurrentUser, ValidJson};
use crate::services::audit::{self, Change, Who};
use crate::services::inbox;
use crate::services::proposals;
use crate::services::structure::{parse_source, parse_year, Structure};
use crate::state::{db as run_db, State};
use actix_web::{delete, get, post, put, web, HttpResponse};
use serde::Deserialize;
use shared::api::audit::AuditAction;
use shared::api::events::LiveEventKind;
use shared::api::inbox::NotificationKind;
use shared::api::measures::{
    BudgetLine, DirectionRef, MeasureDetail, MeasureInput, MeasureStatus, TaskRef, UpdateMeasure,
};
use shared::api::orgs::OrgKind;
use shared::{Amount, ErrorCode, MeasureId, Text};

#[utoipa::path(tag = "measures", request_body = MeasureInput,
    responses((status = 201, body = MeasureDetail), (status = 403, body = shared::ApiErrorBody),
              (status = 422, body = shared::ApiErrorBody)))]
#[post("/measures")]
pub async fn create(
    state: State,
    user: CurrentUser,
    ValidJson(input): ValidJson<MeasureInput>,
) -> ApiResult<HttpResponse> {
    input.validate()?;
    let detail = run_db(&state, move |conn, st| {
        let structure = st.structure(conn)?;
        check_target(&structure, &user, &input)?;
        let id = conn.write_tx(|conn| -> ApiResult<i32> {
            let now = db::now_ms();
            let id = db::measures::insert(
                conn,
                &db::measures::NewMeasure {
                    fields: fields(&input),
                    is_demo: false,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                    updated_by: Some(user.user.id),
                    status: MeasureStatus::Draft.as_str(),
                    approved_in: None,
                },
            )?;
            write_lines(conn, id, &input)?;
            proposals::sync_addition(conn, &structure, &user, id, &input)?;
            record(
                conn,
                &user,
                AuditAction::MeasureCreated,
                id,
                input.org_id.0,
                None,
                Some(&input),
            )?;
            db::plan_state::bump(conn)?;
            Ok(id)
        })?;
        announce(
            st,
            conn,
            &user,
            LiveEventKind::MeasureCreated,
            id,
            input.org_id.0,
        );
        detail(conn, &structure, &user, id)
    })
    .await?;
    tracing::info!(measure = %detail.id, login = %detail.updated_by.as_deref().unwrap_or(""), "measure created");
    Ok(HttpResponse::Created().json(detail))
}

#[utoipa::path(tag = "measures", params(("id" = i32, Path)),
    responses((status = 200, body = MeasureDetail), (status = 403, body = shared::ApiErrorBody),
              (status = 404, body = shared::ApiErrorBody)))]
#[get("/measures/{id}")]
pub async fn get(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
) -> ApiResult<web::Json<MeasureDetail>> {
    let id = id.into_inner();
    let detail = run_db(&state, move |conn, st| {
        let structure = st.structure(conn)?;
        let row = db::measures::find(conn, id)?.ok_or(ErrorCode::NotFound)?;
        if !user
            .actor
            .can_read_org(&structure, shared::OrgId(row.org_id))
        {
            return Err(ErrorCode::Forbidden.into());
        }
        to_detail(conn, &structure, &user, row)
    })
    .await?;
    Ok(web::Json(detail))
}

#[utoipa::path(tag = "measures", params(("id" = i32, Path)), request_body = UpdateMeasure,
    responses((status = 200, body = MeasureDetail), (status = 403, body = shared::ApiErrorBody),
              (status = 404, body = shared::ApiErrorBody),
              (status = 409, description = "The measure changed since `version`; `current` holds it", body = shared::ApiErrorBody),
              (status = 422, body = shared::ApiErrorBody)))]
#[put("/measures/{id}")]
pub async fn update(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
    ValidJson(body): ValidJson<UpdateMeasure>,
) -> ApiResult<web::Json<MeasureDetail>> {
    let id = id.into_inner();
    body.measure.validate().map_err(|e| {
        ApiError::from(shared::error::FieldError::new(
            format!("measure.{}", e.field),
            e.code,
        ))
    })?;
    let detail = run_db(&state, move |conn, st| {
        let structure = st.structure(conn)?;
        let existing = db::measures::find(conn, id)?.ok_or(ErrorCode::NotFound)?;
        let existing_org = shared::OrgId(existing.org_id);
        if !user.actor.can_read_org(&structure, existing_org) {
            return Err(ErrorCode::Forbidden.into());
        }
        if !user.actor.can_plan_for(existing_org) {
            return Err(ErrorCode::Forbidden.into());
        }
        if proposals::status_of(&existing)? != MeasureStatus::Draft {
            return Err(ErrorCode::MeasureApproved.into());
        }
        check_target(&structure, &user, &body.measure).map_err(|mut e| {
            e.body.field = e.body.field.map(|f| format!("measure.{f}"));
            e
        })?;
        let applied = conn.write_tx(|conn| -> ApiResult<bool> {
            let before = measure_record(conn, id)?;
            let f = fields(&body.measure);
            if !db::measures::update_if_version(
                conn,
                id,
                body.version,
                &f,
                user.user.id,
                db::now_ms(),
            )? {
                return Ok(false);
            }
            write_lines(conn, id, &body.measure)?;
            proposals::sync_addition(conn, &structure, &user, id, &body.measure)?;
            record(
                conn,
                &user,
                AuditAction::MeasureUpdated,
                id,
                body.measure.org_id.0,
                before.as_ref(),
                Some(&body.measure),
            )?;
            notify_owners(
                conn,
                &user,
                NotificationKind::MeasureChanged,
                id,
                body.measure.org_id,
                &body.measure.name.uk,
            )?;
            db::plan_state::bump(conn)?;
            Ok(true)
        })?;
        if !applied {
            return Err(conflict(conn, &structure, &user, id));
        }
        announce(
            st,
            conn,
            &user,
            LiveEventKind::MeasureUpdated,
            id,
            body.measure.org_id.0,
        );
        detail(conn, &structure, &user, id)
    })
    .await?;
    Ok(web::Json(detail))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct VersionQuery {
    /// The version the user saw.
    pub version: i32,
}

#[utoipa::path(tag = "measures", params(("id" = i32, Path), VersionQuery),
    responses((status = 204), (status = 403, body = shared::ApiErrorBody),
              (status = 404, body = shared::ApiErrorBody), (status = 409, body = shared::ApiErrorBody)))]
#[delete("/measures/{id}")]
pub async fn remove(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
    query: web::Query<VersionQuery>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let version = query.version;
    run_db(&state, move |conn, st| {
        let structure = st.structure(conn)?;
        let existing = db::measures::find(conn, id)?.ok_or(ErrorCode::NotFound)?;
        let org = shared::OrgId(existing.org_id);
        if !user.actor.can_read_org(&structure, org) || !user.actor.can_plan_for(org) {
            return Err(ErrorCode::Forbidden.into());
        }
        if proposals::status_of(&existing)? != MeasureStatus::Draft {
            return Err(ErrorCode::MeasureApproved.into());
        }
        let deleted = conn.write_tx(|conn| -> ApiResult<bool> {
            let before = measure_record(conn, id)?;
            if existing.version != version {
                return Ok(false);
            }
            // Decided proposals still name it: keep it, out of the plan, for their history.
            if proposals::release_addition(conn, id)? {
                db::measures::set_status(
                    conn,
                    id,
                    MeasureStatus::Withdrawn.as_str(),
                    db::now_ms(),
                )?;
            } else if !db::measures::delete_if_version(conn, id, version)? {
                return Ok(false);
            }
            record(
                conn,
                &user,
                AuditAction::MeasureDeleted,
                id,
                org.0,
                before.as_ref(),
                None,
            )?;
            let name = before.as_ref().map_or("", |b| b.name.uk.as_str());
            notify_owners(conn, &user, NotificationKind::MeasureDeleted, id, org, name)?;
            db::plan_state::bump(conn)?;
            Ok(true)
        })?;
        if deleted {
            announce(st, conn, &user, LiveEventKind::MeasureDeleted, id, org.0);
            Ok(())
        } else {
            Err(conflict(conn, &structure, &user, id))
        }
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// After a committed change: this process's plan snapshot is stale, and open pages hear of it.
fn announce(
    st: &crate::state::AppState,
    conn: &mut DbConn,
    user: &CurrentUser,
    kind: LiveEventKind,
    id: i32,
    org: i32,
) {
    st.plan_changed();
    st.live.publish(
        conn,
        crate::services::live::measure_event(kind, id, org, &user.user.display_name),
    );
}

/// Tells the organisation's coordinators when someone from outside changed its measure.
fn notify_owners(
    conn: &mut DbConn,
    user: &CurrentUser,
    kind: NotificationKind,
    id: i32,
    org: shared::OrgId,
    name: &str,
) -> Result<(), diesel::result::Error> {
    if user.actor.org == Some(org) {
        return Ok(());
    }
    inbox::notify_org(conn, user, kind, id, org.0, name)
}

/// Puts a change of a measure on the record, in the write's transaction.
fn record(
    conn: &mut DbConn,
    user: &CurrentUser,
    action: AuditAction,
    id: i32,
    org: i32,
    before: Option<&MeasureInput>,
    after: Option<&MeasureInput>,
) -> Result<(), diesel::result::Error> {
    audit::record(
        conn,
        &Who::from(user),
        Change {
            action,
            entity: "measure",
            entity_id: Some(id),
            subject_org: Some(org),
            before,
            after,
        },
    )
}

/// The task must exist and the organisation must be one this user plans for.
pub fn check_target(
    structure: &Structure,
    user: &CurrentUser,
    input: &MeasureInput,
) -> ApiResult<()> {
    if structure.task(input.task_id).is_none() {
        return Err(ApiError::field(ErrorCode::TaskUnknown, "task_id"));
    }
    let org = structure
        .org(input.org_id)
        .ok_or_else(|| ApiError::field(ErrorCode::OrgUnknown, "org_id"))?;
    if org.kind == OrgKind::Oblast || !user.actor.can_plan_for(org.id) {
        return Err(ApiError::field(ErrorCode::OrgNotAllowed, "org_id"));
    }
    Ok(())
}

fn lines_of(conn: &mut DbConn, measure_id: i32) -> ApiResult<Vec<BudgetLine>> {
    db::budget_lines::for_measure(conn, measure_id)?
        .into_iter()
        .map(|l| {
            Ok(BudgetLine {
                year: parse_year(l.year).map_err(ApiError::internal)?,
                source: parse_source(&l.source).map_err(ApiError::internal)?,
                amount: Amount::from_uah(l.amount_uah),
            })
        })
        .collect()
}

/// The measure as the audit log keeps it: the same shape a coordinator sends.
pub fn measure_record(conn: &mut DbConn, id: i32) -> ApiResult<Option<MeasureInput>> {
    let Some(row) = db::measures::find(conn, id)? else {
        return Ok(None);
    };
    let lines = db::budget_lines::for_measure(conn, id)?;
    record_of(row, lines).map(Some)
}

/// A measure's row and budget lines as the shape a coordinator sends.
pub fn record_of(
    row: db::measures::MeasureRow,
    lines: Vec<db::budget_lines::BudgetLineRow>,
) -> ApiResult<MeasureInput> {
    let mut budget_lines = lines
        .into_iter()
        .map(|l| {
            Ok(BudgetLine {
                year: parse_year(l.year).map_err(ApiError::internal)?,
                source: parse_source(&l.source).map_err(ApiError::internal)?,
                amount: Amount::from_uah(l.amount_uah),
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    budget_lines.sort_by_key(|l| (l.year, l.source));
    Ok(MeasureInput {
        task_id: shared::TaskId(row.task_id),
        org_id: shared::OrgId(row.org_id),
        name: Text::new(row.name_uk, row.name_en),
        description: row.description,
        expected_result: row.expected_result,
        start_year: parse_year(row.start_year).map_err(ApiError::internal)?,
        end_year: parse_year(row.end_year).map_err(ApiError::internal)?,
        budget_lines,
    })
}

pub fn fields(input: &MeasureInput) -> db::measures::MeasureFields<'_> {
    db::measures::MeasureFields {
        task_id: input.task_id.0,
        org_id: input.org_id.0,
        name_uk: input.name.uk.trim(),
        name_en: input.name.en.trim(),
        description: input.description.trim(),
        expected_result: input.expected_result.trim(),
        start_year: input.start_year.get(),
        end_year: input.end_year.get(),
    }
}

pub fn write_lines(conn: &mut DbConn, measure_id: i32, input: &MeasureInput) -> ApiResult<()> {
    let lines: Vec<db::budget_lines::NewBudgetLine> = input
        .budget_lines
        .iter()
        .map(|l| db::budget_lines::NewBudgetLine {
            measure_id,
            year: l.year.get(),
            source: l.source.as_str(),
            amount_uah: l.amount.to_uah(),
        })
        .collect();
    Ok(db::budget_lines::replace_for_measure(
        conn, measure_id, &lines,
    )?)
}

/// 409 with the measure as it is now (or 404 if someone deleted it meanwhile).
fn conflict(conn: &mut DbConn, structure: &Structure, user: &CurrentUser, id: i32) -> ApiError {
    match detail(conn, structure, user, id) {
        Ok(current) => ApiError::conflict(current),
        Err(e) => e,
    }
}

pub fn detail(
    conn: &mut DbConn,
    structure: &Structure,
    user: &CurrentUser,
    id: i32,
) -> ApiResult<MeasureDetail> {
    let row = db::measures::find(conn, id)?.ok_or(ErrorCode::NotFound)?;
    to_detail(conn, structure, user, row)
}

fn to_detail(
    conn: &mut DbConn,
    structure: &Structure,
    user: &CurrentUser,
    row: db::measures::MeasureRow,
) -> ApiResult<MeasureDetail> {
    let internal = |what: &str| ApiError::internal(anyhow::anyhow!("measure {}: {what}", row.id));
    let task = structure
        .task(shared::TaskId(row.task_id))
        .ok_or_else(|| internal("task"))?;
    let direction = structure
        .direction(task.direction_id)
        .ok_or_else(|| internal("direction"))?;
    let org = structure
        .org(shared::OrgId(row.org_id))
        .ok_or_else(|| internal("org"))?;
    let budget_lines = lines_of(conn, row.id)?;
    let updated_by = match row.updated_by {
        Some(uid) => db::users::logins(conn, &[uid])?
            .into_iter()
            .next()
            .map(|(_, n)| n),
        None => None,
    };
    let status = proposals::status_of(&row)?;
    let (draft, in_review) = crate::api::proposals::measure_context(conn, structure, user, &row)?;
    let mut detail = MeasureDetail {
        id: MeasureId(row.id),
        version: row.version,
        direction: DirectionRef {
            id: direction.id,
            number: direction.number,
            name: direction.name.clone(),
        },
        task: TaskRef {
            id: task.id,
            code: task.code,
            name: task.name.clone(),
        },
        org: org.to_ref(),
        name: Text::new(row.name_uk, row.name_en),
        description: row.description,
        expected_result: row.expected_result,
        start_year: parse_year(row.start_year).map_err(ApiError::internal)?,
        end_year: parse_year(row.end_year).map_err(ApiError::internal)?,
        budget_lines,
        totals: Default::default(),
        is_demo: row.is_demo,
        status,
        approved_in: row.approved_in,
        draft,
        in_review,
        updated_at: row.updated_at,
        updated_by,
        can_edit: user.actor.can_plan_for(org.id) && status != MeasureStatus::Withdrawn,
    };
    detail.totals = detail.to_input().totals();
    Ok(detail)
}
