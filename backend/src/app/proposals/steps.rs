//! The steps of a proposal's way, each the body of one write: the draft's lines for a measure,
//! submit, endorse or return (district), decide line by line (department), rebase. Who may take a
//! step and where it leads is the approval chain's (`app::chain`).

use super::effect::effect;
use super::rules::{self as p, Line};
use crate::app::actor::Actor;
use crate::app::chain::{self, Action, Item, Refused, Spot};
use crate::app::error::{AppError, AppResult};
use crate::app::inbox::{About, Notice};
use crate::app::live::proposal_event;
use crate::app::record::Entry;
use crate::app::runner::Tx;
use crate::db;
use shared::api::audit::AuditAction;
use shared::api::events::LiveEventKind;
use shared::api::inbox::{LineVerdicts, NoticeFacts, NotificationKind};
use shared::api::measures::{MeasureInput, MeasureStatus};
use shared::api::orgs::OrgKind;
use shared::api::proposals::{
    apply_changes, diff_measure, envelope_breaches, Change, Decide, LineState, ProposalState,
    Verdict,
};
use shared::chain::{Kind, Position};
use shared::{ErrorCode, Lang, OrgId, Text};
use std::collections::{BTreeMap, HashMap};

/// Loads a proposal for a step: seen by this user (404), theirs to take this step on at all
/// (403), at a position where the step applies (409 with the proposal), and theirs to take there
/// (403). Returns the row and where the step leads.
fn for_step(
    tx: &mut Tx,
    actor: &Actor,
    id: i32,
    step: Action,
) -> AppResult<(db::proposals::ProposalRow, Position)> {
    let structure = tx.structure().clone();
    let (row, state) = p::visible(tx.conn, &structure, actor, id)?;
    let org = OrgId(row.org_id);
    if !chain::may_ever(actor, &structure, Kind::Proposal, org, step) {
        return Err(ErrorCode::Forbidden.into());
    }
    let info = structure.org(org).ok_or(ErrorCode::NotFound)?;
    let route = chain::route(info, chain::community_requires_district(tx.conn)?);
    let spot = Spot {
        kind: Kind::Proposal,
        org,
        route,
        at: state.position(),
    };
    match chain::check(actor, &structure, &spot, step) {
        Ok(to) => Ok((row, to)),
        Err(Refused::Position(_)) => {
            Err(AppError::new(ErrorCode::ProposalWrongState).with_proposal(id))
        }
        Err(Refused::NotYours) => Err(ErrorCode::Forbidden.into()),
    }
}

fn announce(tx: &mut Tx, kind: LiveEventKind, id: i32, org: i32, draft: bool) {
    let by = tx.who().name.clone();
    tx.announce(proposal_event(kind, id, org, draft, &by));
}

/// Which measure of the approved plan the user wants changed, checked; and the draft's organisation.
fn approved_target(tx: &mut Tx, actor: &Actor, measure_id: i32) -> AppResult<OrgId> {
    let row = db::measures::find(tx.conn, measure_id)?.ok_or(ErrorCode::NotFound)?;
    let org = OrgId(row.org_id);
    if !actor.can_read_org(tx.structure(), org) || !actor.can_plan_for(org) {
        return Err(ErrorCode::Forbidden.into());
    }
    if p::status_of(&row)? != MeasureStatus::Approved {
        return Err(ErrorCode::MeasureNotApproved.into());
    }
    actor
        .proposal_org(tx.structure())
        .ok_or_else(|| ErrorCode::Forbidden.into())
}

/// Writes this measure's lines in the user's organisation's draft: `proposed` is the whole
/// measure as wanted (`None`: withdraw it); `discard` drops the measure's changes.
pub fn write_measure(
    tx: &mut Tx,
    actor: &Actor,
    measure_id: i32,
    seen: Option<i32>,
    proposed: Option<&MeasureInput>,
    discard: bool,
) -> AppResult<()> {
    let draft_org = approved_target(tx, actor, measure_id)?;
    let draft = p::open_draft(tx.conn, actor, draft_org, seen, Some(measure_id))?;
    // The version check first: it locks the draft, so a concurrent edit waits, then finds the
    // draft moved on (409) instead of colliding on its lines.
    p::advance(tx.conn, &draft, draft.version, None)?;
    let approved = p::approved_state(tx.conn, measure_id)?;
    let changes = if discard {
        Vec::new()
    } else {
        diff_measure(approved.as_ref(), proposed)
    };
    p::replace_measure_lines(tx.conn, draft.id, measure_id, &changes)?;
    tx.record(
        Entry::new(AuditAction::ProposalChanged, "proposal")
            .id(draft.id)
            .org(draft.org_id)
            .after(&serde_json::json!({ "measure_id": measure_id, "lines": changes })),
    );
    announce(
        tx,
        LiveEventKind::ProposalChanged,
        draft.id,
        draft.org_id,
        true,
    );
    Ok(())
}

/// The author sends the draft up its route.
pub fn submit(tx: &mut Tx, actor: &Actor, id: i32, seen: i32, note: &str) -> AppResult<()> {
    let note = chain::reason(Action::Submit, note, "note")?;
    let (row, to) = for_step(tx, actor, id, Action::Submit)?;
    let lines = p::parse_lines(db::proposals::lines_of(tx.conn, id)?)?;
    if lines.is_empty() {
        return Err(ErrorCode::ProposalEmpty.into());
    }
    let bases = p::bases(tx.conn, &lines)?;
    if lines.iter().any(|l| {
        let (approved, status) = &bases[&l.row.measure_id];
        p::conflict_of(&l.change, approved.as_ref(), *status).is_some()
    }) {
        return Err(AppError::new(ErrorCode::ProposalConflict).with_proposal(id));
    }
    let next = ProposalState::at(to);
    p::advance(tx.conn, &row, seen, Some(next))?;
    let to_district = next == ProposalState::Submitted;
    let note = note.unwrap_or_default();
    db::proposals::set_submitted(tx.conn, id, to_district, &note, tx.now)?;
    let item = item(&row);
    chain::log(
        tx,
        item,
        Action::Submit,
        Some(note.as_str()).filter(|n| !n.is_empty()),
        &serde_json::json!({ "to": next.as_str(), "lines": lines.len(), "note": note }),
    )?;
    let facts = NoticeFacts {
        lines: u32::try_from(lines.len()).ok(),
        ..NoticeFacts::default()
    };
    waiting(tx, &row, to, facts)?;
    announce(tx, LiveEventKind::ProposalSubmitted, id, row.org_id, false);
    Ok(())
}

fn item(row: &db::proposals::ProposalRow) -> Item {
    Item {
        kind: Kind::Proposal,
        id: row.id,
        org: OrgId(row.org_id),
    }
}

/// The proposal's authors hear of a step.
fn tell_authors(
    tx: &mut Tx,
    row: &db::proposals::ProposalRow,
    kind: NotificationKind,
    summary: &str,
    facts: NoticeFacts,
) {
    let org = OrgId(row.org_id);
    let to = chain::authors(Kind::Proposal, org);
    tx.notify(Notice::new(kind, to, About::Proposal(row.id), org, summary).with_facts(facts));
}

/// The reviewer the proposal now waits for hears of it.
fn waiting(
    tx: &mut Tx,
    row: &db::proposals::ProposalRow,
    at: Position,
    facts: NoticeFacts,
) -> AppResult<()> {
    let Position::Waiting(reviewer) = at else {
        return Ok(());
    };
    let org = tx
        .structure()
        .org(OrgId(row.org_id))
        .ok_or(ErrorCode::NotFound)?;
    let to = chain::reviewers(reviewer, org);
    tx.notify(
        Notice::new(
            NotificationKind::ProposalWaiting,
            to,
            About::Proposal(row.id),
            OrgId(row.org_id),
            "",
        )
        .with_facts(facts),
    );
    Ok(())
}

/// The district passes the proposal on to the department.
pub fn endorse(tx: &mut Tx, actor: &Actor, id: i32, seen: i32, note: &str) -> AppResult<()> {
    let note = chain::reason(Action::Endorse, note, "note")?;
    let (row, to) = for_step(tx, actor, id, Action::Endorse)?;
    p::advance(tx.conn, &row, seen, Some(ProposalState::at(to)))?;
    chain::log(
        tx,
        item(&row),
        Action::Endorse,
        note.as_deref(),
        &serde_json::json!({ "note": note.as_deref().unwrap_or_default() }),
    )?;
    waiting(tx, &row, to, NoticeFacts::default())?;
    tell_authors(
        tx,
        &row,
        NotificationKind::ProposalEndorsed,
        "",
        NoticeFacts::default(),
    );
    announce(tx, LiveEventKind::ProposalEndorsed, id, row.org_id, false);
    Ok(())
}

/// The district sends the whole proposal back; its lines go to the author's draft.
pub fn return_whole(tx: &mut Tx, actor: &Actor, id: i32, seen: i32, reason: &str) -> AppResult<()> {
    let reason = chain::reason(Action::Return, reason, "reason")?.unwrap_or_default();
    let (row, to) = for_step(tx, actor, id, Action::Return)?;
    p::advance(tx.conn, &row, seen, Some(ProposalState::at(to)))?;
    let lines = p::parse_lines(db::proposals::lines_of(tx.conn, id)?)?;
    let mut back = Vec::new();
    for l in lines.iter().filter(|l| l.state == LineState::Pending) {
        db::proposals::decide_line(
            tx.conn,
            l.row.id,
            LineState::Returned.as_str(),
            Some(&reason),
            &actor.name,
            tx.now,
        )?;
        back.push((l, reason.as_str()));
    }
    let draft = p::return_to_draft(
        tx.conn,
        OrgId(row.org_id),
        (row.author_id, &row.author_name),
        &back,
    )?;
    chain::log(
        tx,
        item(&row),
        Action::Return,
        Some(&reason),
        &serde_json::json!({ "reason": reason, "lines": back.len() }),
    )?;
    tell_authors(
        tx,
        &row,
        NotificationKind::ProposalReturned,
        &reason,
        NoticeFacts::default(),
    );
    announce(tx, LiveEventKind::ProposalReturned, id, row.org_id, false);
    if let Some(d) = draft {
        announce(tx, LiveEventKind::ProposalChanged, d, row.org_id, true);
    }
    Ok(())
}

/// The department's decision on some or all pending lines, applied together: approved lines
/// change the plan and make one new version; returned lines go to the author's draft. Returns the
/// new version, if any.
pub fn decide(tx: &mut Tx, actor: &Actor, id: i32, body: &Decide) -> AppResult<Option<i32>> {
    if !actor.can_decide() {
        // Checked first so nobody else learns anything from the validation.
        let structure = tx.structure().clone();
        p::visible(tx.conn, &structure, actor, id)?;
        return Err(ErrorCode::Forbidden.into());
    }
    body.validate()?;
    let (row, _) = for_step(tx, actor, id, Action::Approve)?;
    // The version check first: a concurrent decision makes this one stale.
    p::advance(tx.conn, &row, body.version, None)?;
    let lines = p::parse_lines(db::proposals::lines_of(tx.conn, id)?)?;
    let by_id: HashMap<i32, &Line> = lines.iter().map(|l| (l.row.id, l)).collect();
    let mut chosen = Vec::new();
    for (i, d) in body.lines.iter().enumerate() {
        let line = by_id.get(&d.line_id).ok_or_else(|| {
            AppError::field(ErrorCode::LineUnknown, format!("lines[{i}].line_id"))
        })?;
        if line.state != LineState::Pending {
            return Err(AppError::field(
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
    let bases = p::bases(tx.conn, &lines)?;
    for (i, l) in &approved_lines {
        let (approved, status) = &bases[&l.row.measure_id];
        if p::conflict_of(&l.change, approved.as_ref(), *status).is_some() {
            return Err(AppError::field(
                ErrorCode::ProposalConflict,
                format!("lines[{i}].line_id"),
            ));
        }
    }
    // Taking a cell of the funding envelope beyond its amount is confirmed explicitly.
    let approving: Vec<Line> = approved_lines.iter().map(|(_, l)| (*l).clone()).collect();
    let envelope = effect(&tx.snapshot, &approving, &bases);
    let breaches = envelope_breaches(&envelope.envelope_before, &envelope.envelope_after);
    let over_reason = body.over_envelope_reason.trim();
    if !breaches.is_empty() && over_reason.is_empty() {
        let mut e = AppError::conflict_as(ErrorCode::EnvelopeExceeded, &breaches);
        e.body.field = Some("over_envelope_reason".into());
        return Err(e);
    }
    let over_envelope = (!breaches.is_empty())
        .then(|| serde_json::json!({ "reason": over_reason, "cells": breaches }));
    let new_version = if approved_lines.is_empty() {
        None
    } else {
        Some(apply(
            tx,
            actor,
            &row,
            body,
            &approved_lines,
            &bases,
            over_envelope,
        )?)
    };
    let mut back = Vec::new();
    for (_, l, d) in &chosen {
        let (state, reason) = match d.verdict {
            Verdict::Approve => (LineState::Approved, None),
            Verdict::Return => (LineState::Returned, Some(d.reason.trim())),
            Verdict::Reject => (LineState::Rejected, Some(d.reason.trim())),
        };
        if !db::proposals::decide_line(
            tx.conn,
            l.row.id,
            state.as_str(),
            reason,
            &actor.name,
            tx.now,
        )? {
            return Err(AppError::new(ErrorCode::ProposalVersionConflict).with_proposal(id));
        }
        if let (LineState::Returned, Some(r)) = (state, reason) {
            back.push((*l, r));
        }
    }
    let draft = p::return_to_draft(
        tx.conn,
        OrgId(row.org_id),
        (row.author_id, &row.author_name),
        &back,
    )?;
    let decided = lines
        .iter()
        .filter(|l| l.state != LineState::Pending)
        .count()
        + chosen.len();
    if decided == lines.len() {
        db::proposals::advance(
            tx.conn,
            row.id,
            body.version + 1,
            Some(ProposalState::Decided.as_str()),
            tx.now,
        )?;
    }
    let count = |v: Verdict| {
        let n = chosen.iter().filter(|(_, _, d)| d.verdict == v).count();
        u32::try_from(n).unwrap_or(u32::MAX)
    };
    let verdicts = LineVerdicts {
        approved: count(Verdict::Approve),
        returned: count(Verdict::Return),
        rejected: count(Verdict::Reject),
    };
    // The step log's note, as the department's own note is: in Ukrainian.
    let summary = verdicts.text(Lang::Uk);
    chain::log(
        tx,
        item(&row),
        Action::Approve,
        Some(&summary),
        &serde_json::json!({ "lines": body.lines, "version": new_version }),
    )?;
    let kind = if back.is_empty() {
        NotificationKind::ProposalDecided
    } else {
        NotificationKind::ProposalReturned
    };
    let facts = NoticeFacts {
        decided: Some(verdicts),
        ..NoticeFacts::default()
    };
    tell_authors(tx, &row, kind, "", facts);
    announce(tx, LiveEventKind::ProposalDecided, id, row.org_id, false);
    if let Some(d) = draft {
        announce(tx, LiveEventKind::ProposalChanged, d, row.org_id, true);
    }
    if let Some(v) = new_version {
        let oblast = tx.structure().oblast().map_or(row.org_id, |o| o.id.0);
        let mut e = proposal_event(
            LiveEventKind::PlanVersionCreated,
            id,
            oblast,
            false,
            &actor.name,
        );
        e.proposal_id = None;
        e.version = Some(v);
        tx.announce(e);
    }
    Ok(new_version)
}

/// Applies approved lines to the measures, keeps the states they supersede, and makes the version.
#[allow(clippy::too_many_arguments)]
fn apply(
    tx: &mut Tx,
    actor: &Actor,
    row: &db::proposals::ProposalRow,
    body: &Decide,
    approved_lines: &[(usize, &Line)],
    bases: &HashMap<i32, (Option<MeasureInput>, MeasureStatus)>,
    over_envelope: Option<serde_json::Value>,
) -> AppResult<i32> {
    let number = db::versions::current(tx.conn)? + 1;
    db::versions::insert(
        tx.conn,
        &db::versions::VersionRow {
            number,
            approved_at: tx.now,
            decision_uk: body.decision.uk.trim().to_string(),
            decision_en: body.decision.en.trim().to_string(),
            approved_by: Some(actor.id.0),
            approved_by_name: Some(actor.name.clone()),
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
        let current = db::measures::find(tx.conn, measure_id)?.ok_or(ErrorCode::NotFound)?;
        if let Some(b) = base {
            let payload = serde_json::to_string(b).map_err(AppError::internal)?;
            db::versions::keep_superseded(
                tx.conn,
                current.approved_in.unwrap_or(1),
                measure_id,
                Some(&payload),
            )?;
        }
        let invalid = || AppError::field(ErrorCode::PlanInvalid, format!("lines[{first}]"));
        match &after {
            Some(m) => {
                m.validate().map_err(|_| invalid())?;
                let org = tx.structure().org(m.org_id);
                if tx.structure().task(m.task_id).is_none()
                    || org.is_none_or(|o| o.kind == OrgKind::Oblast)
                {
                    return Err(invalid());
                }
                db::measures::set_approved_state(
                    tx.conn,
                    measure_id,
                    &db::measures::fields(m),
                    MeasureStatus::Approved.as_str(),
                    number,
                    actor.id.0,
                    tx.now,
                )?;
                db::budget_lines::write_for(tx.conn, measure_id, m)?;
            }
            None => {
                db::measures::set_approved_state(
                    tx.conn,
                    measure_id,
                    &db::measures::fields(base.as_ref().ok_or(ErrorCode::NotFound)?),
                    MeasureStatus::Withdrawn.as_str(),
                    number,
                    actor.id.0,
                    tx.now,
                )?;
            }
        }
        let action = if after.is_some() {
            AuditAction::MeasureApproved
        } else {
            AuditAction::MeasureWithdrawn
        };
        tx.record(
            Entry::new(action, "measure")
                .id(measure_id)
                .org(current.org_id)
                .before_opt(base.as_ref())
                .after_opt(after.as_ref()),
        );
    }
    tx.record(
        Entry::new(AuditAction::PlanVersionCreated, "plan_version")
            .id(number)
            .org(row.org_id)
            .after(&serde_json::json!({
                "number": number,
                "decision": Text::new(body.decision.uk.trim(), body.decision.en.trim()),
                "proposal_id": row.id,
                // The department's confirmation of going beyond the envelope, with its reason.
                "over_envelope": over_envelope,
            })),
    );
    tx.plan_changed();
    Ok(number)
}

/// The author re-writes conflicting lines against the plan as approved now.
pub fn rebase(tx: &mut Tx, actor: &Actor, id: i32, seen: i32) -> AppResult<()> {
    // Rebasing is the author's, on the draft: the chain's check for submitting says the same.
    let (row, _) = for_step(tx, actor, id, Action::Submit)?;
    p::advance(tx.conn, &row, seen, None)?;
    let lines = p::parse_lines(db::proposals::lines_of(tx.conn, id)?)?;
    let bases = p::bases(tx.conn, &lines)?;
    let mut rebased = 0;
    for l in &lines {
        let (approved, status) = &bases[&l.row.measure_id];
        if p::conflict_of(&l.change, approved.as_ref(), *status).is_none() {
            continue;
        }
        rebased += 1;
        match p::rebased(&l.change, approved.as_ref()) {
            Some(c) => {
                let json = serde_json::to_string(&c).map_err(AppError::internal)?;
                db::proposals::update_line_change(tx.conn, l.row.id, &json)?;
            }
            None => db::proposals::delete_line(tx.conn, l.row.id)?,
        }
    }
    let current = db::versions::current(tx.conn)?;
    db::proposals::set_base_version(tx.conn, id, current)?;
    db::proposals::add_step(tx.conn, id, &actor.name, "rebased", None, tx.now)?;
    tx.record(
        Entry::new(AuditAction::ProposalRebased, "proposal")
            .id(row.id)
            .org(row.org_id)
            .after(&serde_json::json!({ "lines": rebased, "base_version": current })),
    );
    announce(tx, LiveEventKind::ProposalChanged, id, row.org_id, true);
    Ok(())
}
