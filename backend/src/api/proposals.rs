//! Proposals: the draft of my organisation, the list, one proposal with its effect, and the steps
//! of its way (submit, endorse, return, decide, rebase).

use crate::db::{self, DbConn};
use crate::error::{ApiError, ApiResult};
use crate::extract::{CurrentUser, ValidJson};
use crate::services::proposals::{self as p, Line};
use crate::services::structure::Structure;
use crate::services::workflow;
use crate::state::{db as run_db, AppState, State};
use actix_web::{get, post, put, web};
use shared::api::events::LiveEvent;
use shared::api::measures::{MeasureDetail, MeasureInput, MeasureStatus};
use shared::api::proposals::{
    Change, Decide, DraftVersion, LineState, ProposalAction, ProposalDetail, ProposalFilter,
    ProposalId, ProposalLine, ProposalState, ProposalStep, ProposalSummary, ProposeMeasure,
    ReturnProposal,
};
use shared::{ErrorCode, MeasureId, OrgId, Text};
use std::collections::HashMap;

/// Publishes what a committed step produced and tells this process's caches.
fn announce(st: &AppState, conn: &mut DbConn, events: Vec<LiveEvent>) {
    st.plan_changed();
    for e in events {
        st.live.publish(conn, e);
    }
}

/// Refusals about a proposal carry its current state, so the page shows it and nothing typed is lost.
fn with_current(
    conn: &mut DbConn,
    st: &AppState,
    user: &CurrentUser,
    fallback: Option<i32>,
    mut err: ApiError,
) -> ApiError {
    let code = err.code();
    if !matches!(
        code,
        ErrorCode::ProposalVersionConflict
            | ErrorCode::ProposalConflict
            | ErrorCode::ProposalWrongState
            | ErrorCode::ProposalLocked
    ) {
        return err;
    }
    let id = err
        .body
        .current
        .as_ref()
        .and_then(|c| c.get("proposal_id"))
        .and_then(serde_json::Value::as_i64)
        .and_then(|i| i32::try_from(i).ok())
        .or(fallback);
    if let Some(id) = id {
        if let Ok(current) = detail(conn, st, user, id) {
            err.body.current = serde_json::to_value(current).ok();
        }
    }
    err
}

fn line_of(
    structure: &Structure,
    l: &Line,
    bases: &HashMap<i32, (Option<MeasureInput>, MeasureStatus)>,
    fallback: &HashMap<i32, (Text, OrgId)>,
) -> ProposalLine {
    let (approved, status) = bases
        .get(&l.row.measure_id)
        .cloned()
        .unwrap_or((None, MeasureStatus::Draft));
    let (name, org) = match (&approved, &l.change) {
        (Some(m), _) => (m.name.clone(), m.org_id),
        (None, Change::MeasureAdd { measure } | Change::MeasureWithdraw { measure }) => {
            (measure.name.clone(), measure.org_id)
        }
        _ => fallback
            .get(&l.row.measure_id)
            .cloned()
            .unwrap_or((Text::default(), OrgId(0))),
    };
    let conflict = (l.state == LineState::Pending)
        .then(|| p::conflict_of(&l.change, approved.as_ref(), status))
        .flatten();
    ProposalLine {
        id: l.row.id,
        measure_id: MeasureId(l.row.measure_id),
        measure_name: name,
        org: structure
            .org(org)
            .map(|o| o.to_ref())
            .unwrap_or_else(|| placeholder_org(org)),
        change: l.change.clone(),
        state: l.state,
        reason: l.row.reason.clone(),
        decided_by: l.row.decided_by_name.clone(),
        decided_at: l.row.decided_at,
        returned_note: l.row.returned_note.clone(),
        conflict,
    }
}

fn placeholder_org(id: OrgId) -> shared::api::auth::OrgRef {
    shared::api::auth::OrgRef {
        id,
        kind: shared::api::orgs::OrgKind::Oblast,
        name: Text::default(),
        parent: None,
    }
}

/// Names of measures the lines touch that are neither approved nor carried in the line.
fn names(conn: &mut DbConn, lines: &[Line]) -> ApiResult<HashMap<i32, (Text, OrgId)>> {
    let mut out = HashMap::new();
    for l in lines {
        if out.contains_key(&l.row.measure_id) {
            continue;
        }
        if let Some(m) = db::measures::find(conn, l.row.measure_id)? {
            out.insert(m.id, (Text::new(m.name_uk, m.name_en), OrgId(m.org_id)));
        }
    }
    Ok(out)
}

fn summary_of(
    structure: &Structure,
    row: &db::proposals::ProposalRow,
    lines: &[ProposalLine],
) -> ApiResult<ProposalSummary> {
    let pending: Vec<&ProposalLine> = lines
        .iter()
        .filter(|l| l.state == LineState::Pending)
        .collect();
    Ok(ProposalSummary {
        id: ProposalId(row.id),
        version: row.version,
        org: structure
            .org(OrgId(row.org_id))
            .map(|o| o.to_ref())
            .unwrap_or_else(|| placeholder_org(OrgId(row.org_id))),
        author: row.author_name.clone(),
        state: p::state_of(row)?,
        needs_endorsement: row.needs_endorsement,
        note: row.note.clone(),
        base_version: row.base_version,
        created_at: row.created_at,
        updated_at: row.updated_at,
        submitted_at: row.submitted_at,
        line_count: lines.len() as i64,
        pending_count: pending.len() as i64,
        conflict_count: pending.iter().filter(|l| l.conflict.is_some()).count() as i64,
        delta: pending
            .iter()
            .flat_map(|l| l.change.budget_delta())
            .map(|d| d.2)
            .sum(),
    })
}

fn step_label(action: &str) -> Text {
    match action {
        "submitted" => Text::new("Подано", "Submitted"),
        "endorsed" => Text::new("Погоджено районом", "Endorsed by the district"),
        "returned" => Text::new("Повернуто на доопрацювання", "Returned for rework"),
        "decided" => Text::new("Рішення департаменту", "Decided by the department"),
        "rebased" => Text::new(
            "Узгоджено з новою версією плану",
            "Rebased on the new plan version",
        ),
        other => Text::new(other, other),
    }
}

/// One proposal as this user may see it.
pub fn detail(
    conn: &mut DbConn,
    st: &AppState,
    user: &CurrentUser,
    id: i32,
) -> ApiResult<ProposalDetail> {
    let snapshot = st.snapshot(conn)?;
    let structure = snapshot.structure.clone();
    let (row, state) = workflow::visible(conn, &structure, user, id)?;
    let lines = p::parse_lines(db::proposals::lines_of(conn, id)?)?;
    let bases = p::bases(conn, &lines)?;
    let fallback = names(conn, &lines)?;
    let out: Vec<ProposalLine> = lines
        .iter()
        .map(|l| line_of(&structure, l, &bases, &fallback))
        .collect();
    let summary = summary_of(&structure, &row, &out)?;
    let effect = p::effect(&snapshot, &lines, &bases);
    let steps = db::proposals::steps_of(conn, id)?
        .into_iter()
        .map(|s| ProposalStep {
            at: s.at,
            by: s.by_name,
            action: step_label(&s.action),
            reason: s.reason,
        })
        .collect();
    let org = OrgId(row.org_id);
    let own = user.actor.proposal_org(&structure) == Some(org);
    Ok(ProposalDetail {
        can_edit: own && state == ProposalState::Draft,
        can_submit: own && state == ProposalState::Draft && !out.is_empty(),
        can_endorse: state == ProposalState::Submitted
            && user.actor.can_endorse_for(&structure, org),
        can_decide: state == ProposalState::InReview && user.actor.can_decide(),
        summary,
        lines: out,
        effect,
        steps,
    })
}

#[utoipa::path(tag = "proposals", params(ProposalFilter),
    responses((status = 200, body = Vec<ProposalSummary>)))]
#[get("/proposals")]
pub async fn list(
    state: State,
    user: CurrentUser,
    filter: web::Query<ProposalFilter>,
) -> ApiResult<web::Json<Vec<ProposalSummary>>> {
    let filter = filter.into_inner();
    let list = run_db(&state, move |conn, st| {
        let structure = st.structure(conn)?;
        let states: Vec<&str> = filter.state.iter().map(|s| s.as_str()).collect();
        let rows: Vec<db::proposals::ProposalRow> = db::proposals::list(conn, &states)?
            .into_iter()
            .filter(|r| filter.org.is_none_or(|o| o.0 == r.org_id))
            .filter(|r| {
                p::state_of(r)
                    .is_ok_and(|s| user.actor.can_see_proposal(&structure, OrgId(r.org_id), s))
            })
            .filter(|r| {
                filter.waiting_for_me != Some(true)
                    || match r.state.as_str() {
                        "submitted" => user.actor.can_endorse_for(&structure, OrgId(r.org_id)),
                        "in_review" => user.actor.can_decide(),
                        _ => false,
                    }
            })
            .take(200)
            .collect();
        let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
        let all = p::parse_lines(db::proposals::lines_of_many(conn, &ids)?)?;
        let bases = p::bases(conn, &all)?;
        let fallback = names(conn, &all)?;
        let mut per: HashMap<i32, Vec<ProposalLine>> = HashMap::new();
        for l in &all {
            per.entry(l.row.proposal_id)
                .or_default()
                .push(line_of(&structure, l, &bases, &fallback));
        }
        rows.iter()
            .map(|r| summary_of(&structure, r, per.get(&r.id).map_or(&[][..], |v| v)))
            .collect::<ApiResult<Vec<_>>>()
    })
    .await?;
    Ok(web::Json(list))
}

#[utoipa::path(tag = "proposals",
    responses((status = 200, body = Option<ProposalDetail>, description = "My organisation's draft, or null")))]
#[get("/proposals/draft")]
pub async fn my_draft(
    state: State,
    user: CurrentUser,
) -> ApiResult<web::Json<Option<ProposalDetail>>> {
    let d = run_db(&state, move |conn, st| {
        let structure = st.structure(conn)?;
        let Some(org) = user.actor.proposal_org(&structure) else {
            return Ok(None);
        };
        match db::proposals::draft_of(conn, org.0)? {
            Some(row) => detail(conn, st, &user, row.id).map(Some),
            None => Ok(None),
        }
    })
    .await?;
    Ok(web::Json(d))
}

#[utoipa::path(tag = "proposals", params(("id" = i32, Path)),
    responses((status = 200, body = ProposalDetail), (status = 404, body = shared::ApiErrorBody)))]
#[get("/proposals/{id}")]
pub async fn get(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
) -> ApiResult<web::Json<ProposalDetail>> {
    let id = id.into_inner();
    let d = run_db(&state, move |conn, st| detail(conn, st, &user, id)).await?;
    Ok(web::Json(d))
}

/// Writes the draft's lines for one approved measure, then answers with the measure.
async fn write_measure(
    state: State,
    user: CurrentUser,
    id: i32,
    seen: Option<i32>,
    proposed: Option<MeasureInput>,
    discard: bool,
) -> ApiResult<web::Json<MeasureDetail>> {
    let d = run_db(&state, move |conn, st| {
        let structure = st.structure(conn)?;
        if let Some(m) = &proposed {
            crate::api::measures::check_target(&structure, &user, m).map_err(|mut e| {
                e.body.field = e.body.field.map(|f| format!("measure.{f}"));
                e
            })?;
        }
        // The answer is read inside the write's transaction: exactly this write's result.
        let (events, detail) = workflow::write_measure(
            conn,
            &structure,
            &user,
            id,
            seen,
            proposed.as_ref(),
            discard,
            |conn| crate::api::measures::detail(conn, &structure, &user, id),
        )
        .map_err(|e| {
            let draft = user
                .actor
                .proposal_org(&structure)
                .and_then(|o| db::proposals::draft_of(conn, o.0).ok().flatten())
                .map(|d| d.id);
            with_current(conn, st, &user, draft, e)
        })?;
        announce(st, conn, events);
        Ok(detail)
    })
    .await?;
    Ok(web::Json(d))
}

#[utoipa::path(tag = "proposals", params(("id" = i32, Path)), request_body = ProposeMeasure,
    responses((status = 200, body = MeasureDetail), (status = 403, body = shared::ApiErrorBody),
              (status = 409, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
#[put("/proposals/draft/measures/{id}")]
pub async fn propose(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
    ValidJson(body): ValidJson<ProposeMeasure>,
) -> ApiResult<web::Json<MeasureDetail>> {
    body.measure.validate().map_err(|e| {
        ApiError::from(shared::error::FieldError::new(
            format!("measure.{}", e.field),
            e.code,
        ))
    })?;
    write_measure(
        state,
        user,
        id.into_inner(),
        body.proposal_version,
        Some(body.measure),
        false,
    )
    .await
}

#[utoipa::path(tag = "proposals", params(("id" = i32, Path)), request_body = DraftVersion,
    responses((status = 200, body = MeasureDetail), (status = 409, body = shared::ApiErrorBody)))]
#[post("/proposals/draft/measures/{id}/withdraw")]
pub async fn withdraw(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
    ValidJson(body): ValidJson<DraftVersion>,
) -> ApiResult<web::Json<MeasureDetail>> {
    write_measure(
        state,
        user,
        id.into_inner(),
        body.proposal_version,
        None,
        false,
    )
    .await
}

#[utoipa::path(tag = "proposals", params(("id" = i32, Path)), request_body = DraftVersion,
    responses((status = 200, body = MeasureDetail), (status = 409, body = shared::ApiErrorBody)))]
#[post("/proposals/draft/measures/{id}/discard")]
pub async fn discard_measure(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
    ValidJson(body): ValidJson<DraftVersion>,
) -> ApiResult<web::Json<MeasureDetail>> {
    write_measure(
        state,
        user,
        id.into_inner(),
        body.proposal_version,
        None,
        true,
    )
    .await
}

/// Runs one step and answers with the proposal as it now is.
async fn step(
    state: State,
    user: CurrentUser,
    id: i32,
    f: impl FnOnce(&mut DbConn, &Structure, &CurrentUser) -> ApiResult<Vec<LiveEvent>> + Send + 'static,
) -> ApiResult<web::Json<ProposalDetail>> {
    let d = run_db(&state, move |conn, st| {
        let structure = st.structure(conn)?;
        let events =
            f(conn, &structure, &user).map_err(|e| with_current(conn, st, &user, Some(id), e))?;
        announce(st, conn, events);
        detail(conn, st, &user, id)
    })
    .await?;
    Ok(web::Json(d))
}

#[utoipa::path(tag = "proposals", params(("id" = i32, Path)), request_body = ProposalAction,
    responses((status = 200, body = ProposalDetail), (status = 409, body = shared::ApiErrorBody),
              (status = 422, body = shared::ApiErrorBody)))]
#[post("/proposals/{id}/submit")]
pub async fn submit(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
    ValidJson(body): ValidJson<ProposalAction>,
) -> ApiResult<web::Json<ProposalDetail>> {
    let id = id.into_inner();
    step(state, user, id, move |conn, s, u| {
        workflow::submit(conn, s, u, id, body.version, &body.note)
    })
    .await
}

#[utoipa::path(tag = "proposals", params(("id" = i32, Path)), request_body = ProposalAction,
    responses((status = 200, body = ProposalDetail), (status = 403, body = shared::ApiErrorBody),
              (status = 409, body = shared::ApiErrorBody)))]
#[post("/proposals/{id}/endorse")]
pub async fn endorse(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
    ValidJson(body): ValidJson<ProposalAction>,
) -> ApiResult<web::Json<ProposalDetail>> {
    let id = id.into_inner();
    step(state, user, id, move |conn, s, u| {
        workflow::endorse(conn, s, u, id, body.version, &body.note)
    })
    .await
}

#[utoipa::path(tag = "proposals", params(("id" = i32, Path)), request_body = ReturnProposal,
    responses((status = 200, body = ProposalDetail), (status = 403, body = shared::ApiErrorBody),
              (status = 409, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
#[post("/proposals/{id}/return")]
pub async fn return_to_author(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
    ValidJson(body): ValidJson<ReturnProposal>,
) -> ApiResult<web::Json<ProposalDetail>> {
    let id = id.into_inner();
    step(state, user, id, move |conn, s, u| {
        workflow::return_whole(conn, s, u, id, body.version, &body.reason)
    })
    .await
}

#[utoipa::path(tag = "proposals", params(("id" = i32, Path)), request_body = Decide,
    responses((status = 200, body = ProposalDetail), (status = 403, body = shared::ApiErrorBody),
              (status = 409, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
#[post("/proposals/{id}/decide")]
pub async fn decide(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
    ValidJson(body): ValidJson<Decide>,
) -> ApiResult<web::Json<ProposalDetail>> {
    let id = id.into_inner();
    step(state, user, id, move |conn, s, u| {
        workflow::decide(conn, s, u, id, &body).map(|(events, _)| events)
    })
    .await
}

#[utoipa::path(tag = "proposals", params(("id" = i32, Path)), request_body = ProposalAction,
    responses((status = 200, body = ProposalDetail), (status = 409, body = shared::ApiErrorBody)))]
#[post("/proposals/{id}/rebase")]
pub async fn rebase(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
    ValidJson(body): ValidJson<ProposalAction>,
) -> ApiResult<web::Json<ProposalDetail>> {
    let id = id.into_inner();
    step(state, user, id, move |conn, s, u| {
        workflow::rebase(conn, s, u, id, body.version)
    })
    .await
}

/// The measure's draft in my organisation and the proposals under review that touch it.
pub fn measure_context(
    conn: &mut DbConn,
    structure: &Structure,
    user: &CurrentUser,
    row: &db::measures::MeasureRow,
) -> ApiResult<(
    Option<shared::api::measures::MeasureDraft>,
    Vec<shared::api::measures::ProposalRef>,
)> {
    let mine = user.actor.proposal_org(structure);
    let mut draft = None;
    let mut in_review = Vec::new();
    let mut by_proposal: HashMap<i32, (db::proposals::ProposalRow, Vec<db::proposals::LineRow>)> =
        HashMap::new();
    for (line, prop) in db::proposals::lines_for_measure(conn, row.id)? {
        by_proposal
            .entry(prop.id)
            .or_insert_with(|| (prop, Vec::new()))
            .1
            .push(line);
    }
    for (prop, lines) in by_proposal.into_values() {
        let state = p::state_of(&prop)?;
        let org = OrgId(prop.org_id);
        if state == ProposalState::Draft && mine == Some(org) {
            let parsed = p::parse_lines(lines)?;
            let bases = p::bases(conn, &parsed)?;
            let fallback = names(conn, &parsed)?;
            let base = bases.get(&row.id).and_then(|b| b.0.clone());
            let proposed = match p::status_of(row)? {
                MeasureStatus::Draft => crate::api::measures::measure_record(conn, row.id)?,
                _ => shared::api::proposals::apply_changes(
                    base.as_ref(),
                    parsed.iter().map(|l| &l.change),
                ),
            };
            draft = Some(shared::api::measures::MeasureDraft {
                proposal_id: ProposalId(prop.id),
                proposal_version: prop.version,
                proposed,
                lines: parsed
                    .iter()
                    .map(|l| line_of(structure, l, &bases, &fallback))
                    .collect(),
            });
        } else if state.is_open()
            && user.actor.can_see_proposal(structure, org, state)
            && lines.iter().any(|l| l.state == LineState::Pending.as_str())
        {
            in_review.push(shared::api::measures::ProposalRef {
                id: ProposalId(prop.id),
                state,
                org: structure
                    .org(org)
                    .map(|o| o.to_ref())
                    .unwrap_or_else(|| placeholder_org(org)),
                author: prop.author_name.clone(),
                line_count: lines.len() as i64,
            });
        }
    }
    in_review.sort_by_key(|r| r.id);
    Ok((draft, in_review))
}
