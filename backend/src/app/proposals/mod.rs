//! Proposals: changes to the approved plan as lines in an organisation's draft, sent up the
//! approval chain and decided line by line. The list, one proposal, my organisation's draft, the
//! draft's lines for a measure, and the steps of its way; a refusal because the proposal moved on
//! carries it as it now is.

pub mod effect;
pub mod rules;
pub mod steps;
pub mod view;

use crate::app::actor::Actor;
use crate::app::error::{AppError, AppResult};
use crate::app::plan::measures::{check_target, detail as measure_detail};
use crate::app::plan::structure::Structure;
use crate::app::App;
use crate::db::{self, DbConn};
use shared::api::measures::{MeasureDetail, MeasureInput};
use shared::api::proposals::{
    Decide, ProposalDetail, ProposalFilter, ProposalLine, ProposalState, ProposalSummary,
};
use shared::{ErrorCode, MeasureId, OrgId};
use std::collections::HashMap;

/// The proposals this user may see, newest first (at most 200).
pub fn list(app: &App, actor: &Actor, filter: &ProposalFilter) -> AppResult<Vec<ProposalSummary>> {
    app.read(|conn| {
        let structure = app.structure(conn)?;
        list_in(conn, &structure, actor, filter)
    })
}

/// Whether a proposal of `org` in `state` waits for `actor`'s step (the district's endorsement or
/// the department's decision).
pub fn waits_for(actor: &Actor, structure: &Structure, org: OrgId, state: ProposalState) -> bool {
    match state {
        ProposalState::Submitted => actor.can_endorse_for(structure, org),
        ProposalState::InReview => actor.can_decide(),
        _ => false,
    }
}

/// The list inside a read (the home page lists the proposals waiting for the user with it).
pub fn list_in(
    conn: &mut DbConn,
    structure: &Structure,
    actor: &Actor,
    filter: &ProposalFilter,
) -> AppResult<Vec<ProposalSummary>> {
    let states: Vec<&str> = filter.state.iter().map(|s| s.as_str()).collect();
    let rows: Vec<db::proposals::ProposalRow> = db::proposals::list(conn, &states)?
        .into_iter()
        .filter(|r| filter.org.is_none_or(|o| o.0 == r.org_id))
        .filter(|r| {
            rules::state_of(r).is_ok_and(|s| {
                actor.can_see_proposal(structure, OrgId(r.org_id), s)
                    && (filter.waiting_for_me != Some(true)
                        || waits_for(actor, structure, OrgId(r.org_id), s))
            })
        })
        .take(200)
        .collect();
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let all = rules::parse_lines(db::proposals::lines_of_many(conn, &ids)?)?;
    let bases = rules::bases(conn, &all)?;
    let fallback = view::names(conn, &all)?;
    let requires_district = crate::app::chain::community_requires_district(conn)?;
    let mut per: HashMap<i32, Vec<ProposalLine>> = HashMap::new();
    for l in &all {
        per.entry(l.row.proposal_id)
            .or_default()
            .push(view::line_of(structure, l, &bases, &fallback));
    }
    rows.iter()
        .map(|r| {
            let lines = per.get(&r.id).map_or(&[][..], |v| v);
            view::summary_of(structure, r, lines, requires_district)
        })
        .collect()
}

/// One proposal, if the user may see it.
pub fn get(app: &App, actor: &Actor, id: i32) -> AppResult<ProposalDetail> {
    app.read(|conn| {
        let snapshot = app.snapshot(conn)?;
        view::detail(conn, &snapshot, actor, id)
    })
}

/// My organisation's draft, if there is one.
pub fn my_draft(app: &App, actor: &Actor) -> AppResult<Option<ProposalDetail>> {
    app.read(|conn| {
        let snapshot = app.snapshot(conn)?;
        let Some(org) = actor.proposal_org(&snapshot.structure) else {
            return Ok(None);
        };
        match db::proposals::draft_of(conn, org.0)? {
            Some(row) => view::detail(conn, &snapshot, actor, row.id).map(Some),
            None => Ok(None),
        }
    })
}

/// What the draft does with one approved measure.
#[derive(Debug, Clone)]
pub enum MeasureChange {
    /// The whole measure as wanted.
    Propose(MeasureInput),
    /// Take it out of the plan.
    Withdraw,
    /// Drop its lines from the draft.
    Discard,
}

/// Writes the draft's lines for one approved measure from the draft version the user saw, and
/// answers with the measure as its page now shows it.
pub fn write_measure(
    app: &App,
    actor: &Actor,
    id: MeasureId,
    seen: Option<i32>,
    change: &MeasureChange,
) -> AppResult<MeasureDetail> {
    if let MeasureChange::Propose(m) = change {
        m.validate()
            .map_err(|e| AppError::from(e).under("measure"))?;
    }
    let result = app.write(&actor.into(), |tx| {
        let proposed = match change {
            MeasureChange::Propose(m) => {
                check_target(tx.structure(), actor, m).map_err(|e| e.under("measure"))?;
                Some(m)
            }
            MeasureChange::Withdraw | MeasureChange::Discard => None,
        };
        let discard = matches!(change, MeasureChange::Discard);
        steps::write_measure(tx, actor, id.0, seen, proposed, discard)?;
        // The answer is read inside the write's transaction: exactly this write's result.
        measure_detail(tx.conn, &tx.snapshot.structure, actor, id.0)
    });
    result.map_err(|e| {
        let draft = app.read(|conn| {
            let structure = app.structure(conn)?;
            Ok(match actor.proposal_org(&structure) {
                Some(o) => db::proposals::draft_of(conn, o.0)?.map(|d| d.id),
                None => None,
            })
        });
        with_current(app, actor, draft.ok().flatten(), e)
    })
}

/// A step of a proposal's way.
#[derive(Debug, Clone)]
pub enum StepRequest {
    Submit { version: i32, note: String },
    Endorse { version: i32, note: String },
    Return { version: i32, reason: String },
    Decide(Decide),
    Rebase { version: i32 },
}

/// Takes one step and answers with the proposal as it now is.
pub fn step(app: &App, actor: &Actor, id: i32, request: &StepRequest) -> AppResult<ProposalDetail> {
    let result = app.write(&actor.into(), |tx| {
        match request {
            StepRequest::Submit { version, note } => steps::submit(tx, actor, id, *version, note)?,
            StepRequest::Endorse { version, note } => {
                steps::endorse(tx, actor, id, *version, note)?
            }
            StepRequest::Return { version, reason } => {
                steps::return_whole(tx, actor, id, *version, reason)?
            }
            StepRequest::Decide(body) => {
                steps::decide(tx, actor, id, body)?;
            }
            StepRequest::Rebase { version } => steps::rebase(tx, actor, id, *version)?,
        }
        // The answer is read inside the step's transaction: exactly this step's result.
        let snapshot = tx.plan_now()?;
        view::detail(tx.conn, &snapshot, actor, id)
    });
    result.map_err(|e| with_current(app, actor, Some(id), e))
}

/// Refusals about a proposal carry its current state, so the page shows it and nothing typed is
/// lost.
fn with_current(app: &App, actor: &Actor, fallback: Option<i32>, mut err: AppError) -> AppError {
    if !matches!(
        err.code(),
        ErrorCode::ProposalVersionConflict
            | ErrorCode::ProposalConflict
            | ErrorCode::ProposalWrongState
            | ErrorCode::ProposalLocked
    ) {
        return err;
    }
    if let Some(id) = err.proposal().or(fallback) {
        if let Ok(current) = get(app, actor, id) {
            err.body.current = serde_json::to_value(current).ok();
        }
    }
    err
}
