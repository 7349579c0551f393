//! A measure's budget execution: planned, approved by the year's budget decision (entered by the department) and executed by approved reports.

use crate::db::{self, DbConn};
use crate::error::{ApiError, ApiResult};
use crate::extract::{CurrentUser, ValidJson};
use crate::services::audit::{self, Change as AuditChange};
use crate::services::live::measure_event;
use crate::state::{db as run_db, AppState, State};
use actix_web::{get, put, web};
use shared::api::audit::AuditAction;
use shared::api::budget::{ExecutionCell, MeasureExecution, QuarterSpending, SetApproved};
use shared::api::events::LiveEventKind;
use shared::api::reports::ReportStage;
use shared::calendar::ReportPeriod;
use shared::execution::Execution;
use shared::{Amount, BudgetGrid, ErrorCode, FundingSource, MeasureId, OrgId, Year};

/// The measure's three layers and its quarters, if the user may read it.
fn load(
    conn: &mut DbConn,
    st: &AppState,
    user: &CurrentUser,
    id: i32,
) -> ApiResult<MeasureExecution> {
    let structure = st.structure(conn)?;
    let row = db::measures::find(conn, id)?.ok_or(ErrorCode::NotFound)?;
    if !user.actor.can_read_org(&structure, OrgId(row.org_id)) {
        return Err(ErrorCode::NotFound.into());
    }
    let mut planned = BudgetGrid::new();
    for l in db::budget_lines::for_measure(conn, id)? {
        if let (Ok(y), Some(s)) = (Year::new(l.year), FundingSource::parse(&l.source)) {
            planned.add(y, s, Amount::from_uah(l.amount_uah));
        }
    }
    let approved = db::budget::grids_of(conn, &[id])?
        .remove(&id)
        .unwrap_or_default();
    let mut executed = BudgetGrid::new();
    let mut quarters = Vec::new();
    for (s, r) in db::reports::spending_of_measure(conn, id)? {
        let (Ok(ReportPeriod::Quarter(q)), Some(source), Some(stage)) = (
            ReportPeriod::parse(&r.period),
            FundingSource::parse(&s.source),
            ReportStage::parse(&r.stage),
        ) else {
            continue;
        };
        let amount = Amount::from_uah(s.amount_uah);
        if stage == ReportStage::Approved {
            executed.add(q.year, source, amount);
        }
        quarters.push(QuarterSpending {
            quarter: q,
            source,
            amount,
            org: OrgId(r.org_id),
            period: ReportPeriod::Quarter(q),
            stage,
        });
    }
    quarters.sort_by_key(|q| (q.quarter, q.source));
    let mut cells = Vec::new();
    for year in Year::all() {
        for source in FundingSource::ALL {
            let e = Execution::new(
                planned.get(year, source),
                approved.get(year, source),
                executed.get(year, source),
            );
            if !e.is_empty() {
                cells.push(ExecutionCell {
                    year,
                    source,
                    execution: e,
                });
            }
        }
    }
    Ok(MeasureExecution {
        measure_id: MeasureId(id),
        version: db::budget::version(conn, id)?,
        total: cells.iter().map(|c| c.execution).sum(),
        cells,
        quarters,
        can_set_approved: user.actor.can_decide(),
    })
}

#[utoipa::path(tag = "execution", params(("id" = i32, Path)),
    responses((status = 200, body = MeasureExecution), (status = 404, body = shared::ApiErrorBody)))]
#[get("/measures/{id}/execution")]
pub async fn get(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
) -> ApiResult<web::Json<MeasureExecution>> {
    let id = id.into_inner();
    Ok(web::Json(
        run_db(&state, move |conn, st| load(conn, st, &user, id)).await?,
    ))
}

#[utoipa::path(tag = "execution", params(("id" = i32, Path)), request_body = SetApproved,
    responses((status = 200, body = MeasureExecution), (status = 403, body = shared::ApiErrorBody),
              (status = 409, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
#[put("/measures/{id}/execution")]
pub async fn set_approved(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
    ValidJson(body): ValidJson<SetApproved>,
) -> ApiResult<web::Json<MeasureExecution>> {
    let id = id.into_inner();
    let out = run_db(&state, move |conn, st| {
        let structure = st.structure(conn)?;
        let row = db::measures::find(conn, id)?.ok_or(ErrorCode::NotFound)?;
        if !user.actor.can_read_org(&structure, OrgId(row.org_id)) {
            return Err(ErrorCode::NotFound.into());
        }
        if !user.actor.can_decide() {
            return Err(ErrorCode::Forbidden.into());
        }
        let mut rows = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, c) in body.approved.iter().enumerate() {
            let field = |f: &str| format!("approved[{i}].{f}");
            if !(row.start_year..=row.end_year).contains(&c.year.get()) {
                return Err(ApiError::field(
                    ErrorCode::BudgetLineOutsideYears,
                    field("year"),
                ));
            }
            if !seen.insert((c.year, c.source)) {
                return Err(ApiError::field(ErrorCode::LineDuplicate, field("source")));
            }
            c.amount
                .check_line()
                .map_err(|code| ApiError::field(code, field("amount")))?;
            if !c.amount.is_zero() {
                rows.push(db::budget::ApprovedRow {
                    measure_id: id,
                    year: c.year.get(),
                    source: c.source.as_str().to_string(),
                    amount_uah: c.amount.to_uah(),
                });
            }
        }
        let result = conn.write_tx(|conn| -> ApiResult<()> {
            let before = db::budget::of_measure(conn, id)?;
            if !db::budget::replace(
                conn,
                id,
                body.version,
                &rows,
                Some(user.user.id),
                db::now_ms(),
            )? {
                return Err(ErrorCode::VersionConflict.into());
            }
            db::plan_state::bump_reports(conn)?;
            let cells = |rows: &[db::budget::ApprovedRow]| {
                rows.iter()
                    .map(|r| serde_json::json!([r.year, r.source, Amount::from_uah(r.amount_uah)]))
                    .collect::<Vec<_>>()
            };
            audit::record(
                conn,
                &(&user).into(),
                AuditChange {
                    action: AuditAction::BudgetApproved,
                    entity: "measure",
                    entity_id: Some(id),
                    subject_org: Some(row.org_id),
                    before: Some(&cells(&before)),
                    after: Some(&cells(&rows)),
                },
            )?;
            Ok(())
        });
        match result {
            Ok(()) => {
                st.dashboards.invalidate();
                st.live.publish(
                    conn,
                    measure_event(
                        LiveEventKind::BudgetApproved,
                        id,
                        row.org_id,
                        &user.user.display_name,
                    ),
                );
                load(conn, st, &user, id)
            }
            Err(e) if e.code() == ErrorCode::VersionConflict => {
                Err(ApiError::conflict(load(conn, st, &user, id)?))
            }
            Err(e) => Err(e),
        }
    })
    .await?;
    Ok(web::Json(out))
}
