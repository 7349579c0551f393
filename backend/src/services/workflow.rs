//! The steps of a proposal's way, each one transaction: write the draft, submit, endorse or
//! return (district), decide line by line (department), rebase. Each returns the live events to
//! publish once it has committed.

use crate::db::{self, DbConn};
use crate::error::{ApiError, ApiResult};
use crate::extract::CurrentUser;
use crate::services::audit::{self, Change as AuditChange, Who};
use crate::services::inbox::{self, About};
use crate::services::live::proposal_event;
use crate::services::proposals::{self as p, Line};
use crate::services::structure::Structure;
use shared::api::audit::AuditAction;
use shared::api::events::{LiveEvent, LiveEventKind};
use shared::api::inbox::NotificationKind;
use shared::api::measures::{MeasureInput, MeasureStatus};
use shared::api::orgs::OrgKind;
use shared::api::proposals::{
    apply_changes, check_reason, diff_measure, Change, Decide, LineState, ProposalState, Verdict,
};
use shared::{ErrorCode, OrgId, Role, Text};
use std::collections::{BTreeMap, HashMap};

/// Loads a proposal the user may see, or 404.
pub fn visible(
    conn: &mut DbConn,
    structure: &Structure,
    user: &CurrentUser,
    id: i32,
) -> ApiResult<(db::proposals::ProposalRow, ProposalState)> {
    let row = db::proposals::find(conn, id)?.ok_or(ErrorCode::NotFound)?;
    let state = p::state_of(&row)?;
    if !user
        .actor
        .can_see_proposal(structure, OrgId(row.org_id), state)
    {
        return Err(ErrorCode::NotFound.into());
    }
    Ok((row, state))
}

/// Loads a proposal this user may see, then checks they may take this step and that it is at
/// `expected`: 404, 403 and 409 (with the proposal) in that order.
fn at_step(
    conn: &mut DbConn,
    structure: &Structure,
    user: &CurrentUser,
    id: i32,
    may: impl FnOnce(OrgId) -> bool,
    expected: ProposalState,
) -> ApiResult<db::proposals::ProposalRow> {
    let (row, state) = visible(conn, structure, user, id)?;
    if !may(OrgId(row.org_id)) {
        return Err(ErrorCode::Forbidden.into());
    }
    if state != expected {
        return Err(ApiError::new(ErrorCode::ProposalWrongState).with_proposal(id));
    }
    Ok(row)
}

fn record_proposal<T: serde::Serialize>(
    conn: &mut DbConn,
    user: &CurrentUser,
    action: AuditAction,
    row: &db::proposals::ProposalRow,
    after: &T,
) -> ApiResult<()> {
    audit::record(
        conn,
        &Who::from(user),
        AuditChange {
            action,
            entity: "proposal",
            entity_id: Some(row.id),
            subject_org: Some(row.org_id),
            before: None::<&()>,
            after: Some(after),
        },
    )?;
    Ok(())
}

/// One step of a proposal's way: on its timeline and on the record, in the step's transaction.
#[allow(clippy::too_many_arguments)]
fn log_step<T: serde::Serialize>(
    conn: &mut DbConn,
    user: &CurrentUser,
    row: &db::proposals::ProposalRow,
    action: AuditAction,
    step: &str,
    reason: Option<&str>,
    detail: &T,
    now: i64,
) -> ApiResult<()> {
    db::proposals::add_step(conn, row.id, &user.user.display_name, step, reason, now)?;
    record_proposal(conn, user, action, row, detail)
}

/// Which measure of the approved plan the user wants changed, checked.
fn approved_target(
    conn: &mut DbConn,
    structure: &Structure,
    user: &CurrentUser,
    measure_id: i32,
) -> ApiResult<(db::measures::MeasureRow, OrgId)> {
    let row = db::measures::find(conn, measure_id)?.ok_or(ErrorCode::NotFound)?;
    let org = OrgId(row.org_id);
    if !user.actor.can_read_org(structure, org) || !user.actor.can_plan_for(org) {
        return Err(ErrorCode::Forbidden.into());
    }
    if p::status_of(&row)? != MeasureStatus::Approved {
        return Err(ErrorCode::MeasureNotApproved.into());
    }
    let draft_org = user
        .actor
        .proposal_org(structure)
        .ok_or(ErrorCode::Forbidden)?;
    Ok((row, draft_org))
}

/// Writes this measure's lines in the user's organisation's draft: `proposed` is the whole measure
/// as wanted (`None`: withdraw it); `Some(approved)` drops the measure's changes.
/// `then` runs last in the same transaction, so what it reads is exactly this write's result.
#[allow(clippy::too_many_arguments)]
pub fn write_measure<T>(
    conn: &mut DbConn,
    structure: &Structure,
    user: &CurrentUser,
    measure_id: i32,
    seen: Option<i32>,
    proposed: Option<&MeasureInput>,
    discard: bool,
    then: impl FnOnce(&mut DbConn) -> ApiResult<T>,
) -> ApiResult<(Vec<LiveEvent>, T)> {
    let (_, draft_org) = approved_target(conn, structure, user, measure_id)?;
    conn.write_tx(|conn| -> ApiResult<(Vec<LiveEvent>, T)> {
        let draft = p::open_draft(conn, user, draft_org, seen, Some(measure_id))?;
        // The version check first: it locks the draft, so a concurrent edit waits, then finds
        // the draft moved on (409) instead of colliding on its lines.
        p::advance(conn, &draft, draft.version, None)?;
        let approved = p::approved_state(conn, measure_id)?;
        let changes = if discard {
            Vec::new()
        } else {
            diff_measure(approved.as_ref(), proposed)
        };
        p::replace_measure_lines(conn, draft.id, measure_id, &changes)?;
        record_proposal(
            conn,
            user,
            AuditAction::ProposalChanged,
            &draft,
            &serde_json::json!({ "measure_id": measure_id, "lines": changes }),
        )?;
        let result = then(conn)?;
        Ok((
            vec![proposal_event(
                LiveEventKind::ProposalChanged,
                draft.id,
                draft.org_id,
                true,
                &user.user.display_name,
            )],
            result,
        ))
    })
}

/// Who takes the next step: the district coordinators above a community, or the department.
fn next_reviewers(
    conn: &mut DbConn,
    structure: &Structure,
    org: OrgId,
    to_district: bool,
) -> ApiResult<Vec<i32>> {
    if to_district {
        if let Some(parent) = structure.org(org).and_then(|o| o.parent) {
            return Ok(db::notifications::coordinators_of(conn, parent.0)?);
        }
    }
    Ok(db::notifications::users_with_role(
        conn,
        &[Role::Department.as_str()],
    )?)
}

fn org_name(structure: &Structure, org: i32) -> String {
    structure
        .org(OrgId(org))
        .map(|o| o.name.uk.clone())
        .unwrap_or_default()
}

pub fn submit(
    conn: &mut DbConn,
    structure: &Structure,
    user: &CurrentUser,
    id: i32,
    seen: i32,
    note: &str,
) -> ApiResult<Vec<LiveEvent>> {
    if note.chars().count() > shared::api::proposals::REASON_MAX {
        return Err(ApiError::field(ErrorCode::TextTooLong, "note"));
    }
    conn.write_tx(|conn| -> ApiResult<Vec<LiveEvent>> {
        let own = |org| user.actor.proposal_org(structure) == Some(org);
        let row = at_step(conn, structure, user, id, own, ProposalState::Draft)?;
        let lines = p::parse_lines(db::proposals::lines_of(conn, id)?)?;
        if lines.is_empty() {
            return Err(ErrorCode::ProposalEmpty.into());
        }
        let bases = p::bases(conn, &lines)?;
        if lines.iter().any(|l| {
            let (approved, status) = &bases[&l.row.measure_id];
            p::conflict_of(&l.change, approved.as_ref(), *status).is_some()
        }) {
            return Err(ApiError::new(ErrorCode::ProposalConflict).with_proposal(id));
        }
        let org_kind = structure.org(OrgId(row.org_id)).map(|o| o.kind);
        let to_district = org_kind == Some(OrgKind::Community)
            && db::proposals::community_requires_district(conn)?;
        let next = if to_district {
            ProposalState::Submitted
        } else {
            ProposalState::InReview
        };
        p::advance(conn, &row, seen, Some(next))?;
        let now = db::now_ms();
        db::proposals::set_submitted(conn, id, to_district, note.trim(), now)?;
        log_step(
            conn,
            user,
            &row,
            AuditAction::ProposalSubmitted,
            "submitted",
            Some(note.trim()).filter(|n| !n.is_empty()),
            &serde_json::json!({ "to": next.as_str(), "lines": lines.len(), "note": note.trim() }),
            now,
        )?;
        let reviewers = next_reviewers(conn, structure, OrgId(row.org_id), to_district)?;
        inbox::notify_users(
            conn,
            user,
            NotificationKind::ProposalWaiting,
            &reviewers,
            About::Proposal(id),
            row.org_id,
            &format!("{}: {} змін", org_name(structure, row.org_id), lines.len()),
        )?;
        Ok(vec![proposal_event(
            LiveEventKind::ProposalSubmitted,
            id,
            row.org_id,
            false,
            &user.user.display_name,
        )])
    })
}

pub fn endorse(
    conn: &mut DbConn,
    structure: &Structure,
    user: &CurrentUser,
    id: i32,
    seen: i32,
    note: &str,
) -> ApiResult<Vec<LiveEvent>> {
    conn.write_tx(|conn| -> ApiResult<Vec<LiveEvent>> {
        let district = |org| user.actor.can_endorse_for(structure, org);
        let row = at_step(
            conn,
            structure,
            user,
            id,
            district,
            ProposalState::Submitted,
        )?;
        p::advance(conn, &row, seen, Some(ProposalState::InReview))?;
        let now = db::now_ms();
        log_step(
            conn,
            user,
            &row,
            AuditAction::ProposalEndorsed,
            "endorsed",
            Some(note.trim()).filter(|n| !n.is_empty()),
            &serde_json::json!({ "note": note.trim() }),
            now,
        )?;
        let dept = next_reviewers(conn, structure, OrgId(row.org_id), false)?;
        let summary = org_name(structure, row.org_id);
        inbox::notify_users(
            conn,
            user,
            NotificationKind::ProposalWaiting,
            &dept,
            About::Proposal(id),
            row.org_id,
            &summary,
        )?;
        let authors = db::notifications::coordinators_of(conn, row.org_id)?;
        inbox::notify_users(
            conn,
            user,
            NotificationKind::ProposalEndorsed,
            &authors,
            About::Proposal(id),
            row.org_id,
            &summary,
        )?;
        Ok(vec![proposal_event(
            LiveEventKind::ProposalEndorsed,
            id,
            row.org_id,
            false,
            &user.user.display_name,
        )])
    })
}

/// The district sends the whole proposal back; its lines go to the author's draft.
pub fn return_whole(
    conn: &mut DbConn,
    structure: &Structure,
    user: &CurrentUser,
    id: i32,
    seen: i32,
    reason: &str,
) -> ApiResult<Vec<LiveEvent>> {
    check_reason(reason).map_err(|code| ApiError::field(code, "reason"))?;
    let reason = reason.trim();
    conn.write_tx(|conn| -> ApiResult<Vec<LiveEvent>> {
        let district = |org| user.actor.can_endorse_for(structure, org);
        let row = at_step(
            conn,
            structure,
            user,
            id,
            district,
            ProposalState::Submitted,
        )?;
        p::advance(conn, &row, seen, Some(ProposalState::Returned))?;
        let now = db::now_ms();
        let lines = p::parse_lines(db::proposals::lines_of(conn, id)?)?;
        let mut back = Vec::new();
        for l in lines.iter().filter(|l| l.state == LineState::Pending) {
            db::proposals::decide_line(
                conn,
                l.row.id,
                LineState::Returned.as_str(),
                Some(reason),
                &user.user.display_name,
                now,
            )?;
            back.push((l, reason));
        }
        let draft = p::return_to_draft(
            conn,
            OrgId(row.org_id),
            (row.author_id, &row.author_name),
            &back,
        )?;
        log_step(
            conn,
            user,
            &row,
            AuditAction::ProposalReturned,
            "returned",
            Some(reason),
            &serde_json::json!({ "reason": reason, "lines": back.len() }),
            now,
        )?;
        let authors = db::notifications::coordinators_of(conn, row.org_id)?;
        inbox::notify_users(
            conn,
            user,
            NotificationKind::ProposalReturned,
            &authors,
            About::Proposal(id),
            row.org_id,
            reason,
        )?;
        let mut events = vec![proposal_event(
            LiveEventKind::ProposalReturned,
            id,
            row.org_id,
            false,
            &user.user.display_name,
        )];
        if let Some(d) = draft {
            events.push(proposal_event(
                LiveEventKind::ProposalChanged,
                d,
                row.org_id,
                true,
                &user.user.display_name,
            ));
        }
        Ok(events)
    })
}

/// The department's decision on some or all pending lines, applied together: approved lines
/// change the plan and make one new version; returned lines go to the author's draft.
pub fn decide(
    conn: &mut DbConn,
    structure: &Structure,
    user: &CurrentUser,
    id: i32,
    body: &Decide,
) -> ApiResult<(Vec<LiveEvent>, Option<i32>)> {
    if !user.actor.can_decide() {
        // Checked first so nobody else learns anything from the validation.
        visible(conn, structure, user, id)?;
        return Err(ErrorCode::Forbidden.into());
    }
    body.validate()?;
    conn.write_tx(|conn| -> ApiResult<(Vec<LiveEvent>, Option<i32>)> {
        let row = at_step(conn, structure, user, id, |_| true, ProposalState::InReview)?;
        // The version check first: a concurrent decision makes this one stale.
        p::advance(conn, &row, body.version, None)?;
        let lines = p::parse_lines(db::proposals::lines_of(conn, id)?)?;
        let by_id: HashMap<i32, &Line> = lines.iter().map(|l| (l.row.id, l)).collect();
        let mut chosen = Vec::new();
        for (i, d) in body.lines.iter().enumerate() {
            let line = by_id.get(&d.line_id).ok_or_else(|| {
                ApiError::field(ErrorCode::LineUnknown, format!("lines[{i}].line_id"))
            })?;
            if line.state != LineState::Pending {
                return Err(ApiError::field(
                    ErrorCode::LineNotPending,
                    format!("lines[{i}].line_id"),
                ));
            }
            chosen.push((i, *line, d));
        }
        let approved_lines: Vec<(usize, &Line)> = chosen
            .iter()
            .filter(|(_, _, d)| d.verdict == Verdict::Approve)
            .map(|(i, l, _)| (*i, *l))
            .collect();
        let bases = p::bases(conn, &lines)?;
        for (i, l) in &approved_lines {
            let (approved, status) = &bases[&l.row.measure_id];
            if p::conflict_of(&l.change, approved.as_ref(), *status).is_some() {
                return Err(ApiError::field(
                    ErrorCode::ProposalConflict,
                    format!("lines[{i}].line_id"),
                ));
            }
        }
        let now = db::now_ms();
        let who = &user.user.display_name;
        let new_version = if approved_lines.is_empty() {
            None
        } else {
            Some(apply(
                conn,
                structure,
                user,
                &row,
                body,
                &approved_lines,
                &bases,
            )?)
        };
        let mut back = Vec::new();
        for (_, l, d) in &chosen {
            let (state, reason) = match d.verdict {
                Verdict::Approve => (LineState::Approved, None),
                Verdict::Return => (LineState::Returned, Some(d.reason.trim())),
                Verdict::Reject => (LineState::Rejected, Some(d.reason.trim())),
            };
            if !db::proposals::decide_line(conn, l.row.id, state.as_str(), reason, who, now)? {
                return Err(ApiError::new(ErrorCode::ProposalVersionConflict).with_proposal(id));
            }
            if let (LineState::Returned, Some(r)) = (state, reason) {
                back.push((*l, r));
            }
        }
        let draft = p::return_to_draft(
            conn,
            OrgId(row.org_id),
            (row.author_id, &row.author_name),
            &back,
        )?;
        let still_pending = lines.len()
            - lines
                .iter()
                .filter(|l| l.state != LineState::Pending)
                .count()
            - chosen.len();
        if still_pending == 0 {
            db::proposals::advance(
                conn,
                row.id,
                body.version + 1,
                Some(ProposalState::Decided.as_str()),
                now,
            )?;
        }
        let count = |v: Verdict| chosen.iter().filter(|(_, _, d)| d.verdict == v).count();
        let summary = format!(
            "затверджено {}, повернуто {}, відхилено {}",
            count(Verdict::Approve),
            count(Verdict::Return),
            count(Verdict::Reject)
        );
        log_step(
            conn,
            user,
            &row,
            AuditAction::ProposalDecided,
            "decided",
            Some(&summary),
            &serde_json::json!({ "lines": body.lines, "version": new_version }),
            now,
        )?;
        let authors = db::notifications::coordinators_of(conn, row.org_id)?;
        let kind = if back.is_empty() {
            NotificationKind::ProposalDecided
        } else {
            NotificationKind::ProposalReturned
        };
        inbox::notify_users(
            conn,
            user,
            kind,
            &authors,
            About::Proposal(id),
            row.org_id,
            &summary,
        )?;
        let mut events = vec![proposal_event(
            LiveEventKind::ProposalDecided,
            id,
            row.org_id,
            false,
            who,
        )];
        if let Some(d) = draft {
            events.push(proposal_event(
                LiveEventKind::ProposalChanged,
                d,
                row.org_id,
                true,
                who,
            ));
        }
        if let Some(v) = new_version {
            let oblast = user
                .actor
                .proposal_org(structure)
                .map_or(row.org_id, |o| o.0);
            let mut e = proposal_event(LiveEventKind::PlanVersionCreated, id, oblast, false, who);
            e.proposal_id = None;
            e.version = Some(v);
            events.push(e);
        }
        Ok((events, new_version))
    })
}

/// Applies approved lines to the measures, keeps the states they supersede, and makes the version.
fn apply(
    conn: &mut DbConn,
    structure: &Structure,
    user: &CurrentUser,
    row: &db::proposals::ProposalRow,
    body: &Decide,
    approved_lines: &[(usize, &Line)],
    bases: &HashMap<i32, (Option<MeasureInput>, MeasureStatus)>,
) -> ApiResult<i32> {
    let number = db::versions::current(conn)? + 1;
    let now = db::now_ms();
    db::versions::insert(
        conn,
        &db::versions::VersionRow {
            number,
            approved_at: now,
            decision_uk: body.decision.uk.trim().to_string(),
            decision_en: body.decision.en.trim().to_string(),
            approved_by: Some(user.user.id),
            approved_by_name: Some(user.user.display_name.clone()),
            proposal_id: Some(row.id),
        },
    )?;
    let mut per_measure: BTreeMap<i32, Vec<(usize, &Change)>> = BTreeMap::new();
    for (i, l) in approved_lines {
        per_measure
            .entry(l.row.measure_id)
            .or_default()
            .push((*i, &l.change));
    }
    for (measure_id, changes) in per_measure {
        let (base, _) = &bases[&measure_id];
        let first = changes.first().map_or(0, |c| c.0);
        let after = apply_changes(base.as_ref(), changes.iter().map(|c| c.1));
        let current = db::measures::find(conn, measure_id)?.ok_or(ErrorCode::NotFound)?;
        if let Some(b) = base {
            let payload = serde_json::to_string(b).map_err(ApiError::internal)?;
            db::versions::keep_superseded(
                conn,
                current.approved_in.unwrap_or(1),
                measure_id,
                Some(&payload),
            )?;
        }
        match &after {
            Some(m) => {
                m.validate().map_err(|_| {
                    ApiError::field(ErrorCode::PlanInvalid, format!("lines[{first}]"))
                })?;
                let org = structure.org(m.org_id);
                if structure.task(m.task_id).is_none()
                    || org.is_none_or(|o| o.kind == OrgKind::Oblast)
                {
                    return Err(ApiError::field(
                        ErrorCode::PlanInvalid,
                        format!("lines[{first}]"),
                    ));
                }
                db::measures::set_approved_state(
                    conn,
                    measure_id,
                    &crate::api::measures::fields(m),
                    MeasureStatus::Approved.as_str(),
                    number,
                    user.user.id,
                    now,
                )?;
                crate::api::measures::write_lines(conn, measure_id, m)?;
            }
            None => {
                db::measures::set_approved_state(
                    conn,
                    measure_id,
                    &crate::api::measures::fields(base.as_ref().ok_or(ErrorCode::NotFound)?),
                    MeasureStatus::Withdrawn.as_str(),
                    number,
                    user.user.id,
                    now,
                )?;
            }
        }
        let action = if after.is_some() {
            AuditAction::MeasureApproved
        } else {
            AuditAction::MeasureWithdrawn
        };
        audit::record(
            conn,
            &Who::from(user),
            AuditChange {
                action,
                entity: "measure",
                entity_id: Some(measure_id),
                subject_org: Some(current.org_id),
                before: base.as_ref(),
                after: after.as_ref(),
            },
        )?;
    }
    audit::record(
        conn,
        &Who::from(user),
        AuditChange {
            action: AuditAction::PlanVersionCreated,
            entity: "plan_version",
            entity_id: Some(number),
            subject_org: Some(row.org_id),
            before: None::<&()>,
            after: Some(&serde_json::json!({
                "number": number,
                "decision": Text::new(body.decision.uk.trim(), body.decision.en.trim()),
                "proposal_id": row.id,
            })),
        },
    )?;
    db::plan_state::bump(conn)?;
    Ok(number)
}

/// The author re-writes conflicting lines against the plan as approved now.
pub fn rebase(
    conn: &mut DbConn,
    structure: &Structure,
    user: &CurrentUser,
    id: i32,
    seen: i32,
) -> ApiResult<Vec<LiveEvent>> {
    conn.write_tx(|conn| -> ApiResult<Vec<LiveEvent>> {
        let own = |org| user.actor.proposal_org(structure) == Some(org);
        let row = at_step(conn, structure, user, id, own, ProposalState::Draft)?;
        p::advance(conn, &row, seen, None)?;
        let lines = p::parse_lines(db::proposals::lines_of(conn, id)?)?;
        let bases = p::bases(conn, &lines)?;
        let mut rebased = 0;
        for l in &lines {
            let (approved, status) = &bases[&l.row.measure_id];
            if p::conflict_of(&l.change, approved.as_ref(), *status).is_none() {
                continue;
            }
            rebased += 1;
            match p::rebased(&l.change, approved.as_ref()) {
                Some(c) => {
                    let json = serde_json::to_string(&c).map_err(ApiError::internal)?;
                    db::proposals::update_line_change(conn, l.row.id, &json)?;
                }
                None => db::proposals::delete_line(conn, l.row.id)?,
            }
        }
        let current = db::versions::current(conn)?;
        db::proposals::set_base_version(conn, id, current)?;
        log_step(
            conn,
            user,
            &row,
            AuditAction::ProposalRebased,
            "rebased",
            None,
            &serde_json::json!({ "lines": rebased, "base_version": current }),
            db::now_ms(),
        )?;
        Ok(vec![proposal_event(
            LiveEventKind::ProposalChanged,
            id,
            row.org_id,
            true,
            &user.user.display_name,
        )])
    })
}
