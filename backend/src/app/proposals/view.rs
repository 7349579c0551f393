//! Proposals as the pages show them: a line with its conflict, a summary, the whole proposal with
//! its effect, timeline and the steps the user may take, and a measure's draft and reviews.

use super::effect::effect;
use super::rules::{self as p, Line};
use crate::app::actor::Actor;
use crate::app::chain;
use crate::app::error::AppResult;
use crate::app::plan::snapshot::Snapshot;
use crate::app::plan::structure::Structure;
use crate::db::{self, DbConn};
use shared::api::auth::OrgRef;
use shared::api::measures::{MeasureDraft, MeasureInput, MeasureStatus, ProposalRef};
use shared::api::orgs::OrgKind;
use shared::api::proposals::{
    apply_changes, Change, LineState, ProposalDetail, ProposalId, ProposalLine, ProposalState,
    ProposalStep, ProposalSummary,
};
use shared::chain::{Action, Kind};
use shared::{MeasureId, OrgId, Text};
use std::collections::HashMap;

type Bases = HashMap<i32, (Option<MeasureInput>, MeasureStatus)>;

fn org_ref(structure: &Structure, id: OrgId) -> OrgRef {
    structure
        .org(id)
        .map(|o| o.to_ref())
        .unwrap_or_else(|| OrgRef {
            id,
            kind: OrgKind::Oblast,
            name: Text::default(),
            parent: None,
        })
}

pub fn line_of(
    structure: &Structure,
    l: &Line,
    bases: &Bases,
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
        org: org_ref(structure, org),
        change: l.change.clone(),
        state: l.state,
        reason: l.row.reason.clone(),
        decided_by: l.row.decided_by_name.clone(),
        decided_at: l.row.decided_at,
        returned_note: l.row.returned_note.clone(),
        conflict,
    }
}

/// Names of measures the lines touch that are neither approved nor carried in the line.
pub fn names(conn: &mut DbConn, lines: &[Line]) -> AppResult<HashMap<i32, (Text, OrgId)>> {
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

/// The way a proposal takes: where it went when submitted; for a draft, where it would go now
/// under the department's route setting (`community_requires_district`).
pub fn route_of(
    structure: &Structure,
    row: &db::proposals::ProposalRow,
    state: ProposalState,
    community_requires_district: bool,
) -> shared::chain::Route {
    match structure.org(OrgId(row.org_id)) {
        Some(info) if state == ProposalState::Draft => {
            chain::route(info, community_requires_district)
        }
        _ => shared::chain::Route {
            via_district: row.needs_endorsement,
        },
    }
}

pub fn summary_of(
    structure: &Structure,
    row: &db::proposals::ProposalRow,
    lines: &[ProposalLine],
    community_requires_district: bool,
) -> AppResult<ProposalSummary> {
    let state = p::state_of(row)?;
    let route = route_of(structure, row, state, community_requires_district);
    let pending: Vec<&ProposalLine> = lines
        .iter()
        .filter(|l| l.state == LineState::Pending)
        .collect();
    Ok(ProposalSummary {
        id: ProposalId(row.id),
        version: row.version,
        org: org_ref(structure, OrgId(row.org_id)),
        author: row.author_name.clone(),
        state,
        needs_endorsement: route.via_district,
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
        "submitted" => Action::Submit.label(),
        "endorsed" => Action::Endorse.label(),
        "returned" => Action::Return.label(),
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
    snapshot: &Snapshot,
    actor: &Actor,
    id: i32,
) -> AppResult<ProposalDetail> {
    let structure = &snapshot.structure;
    let (row, state) = p::visible(conn, structure, actor, id)?;
    let lines = p::parse_lines(db::proposals::lines_of(conn, id)?)?;
    let bases = p::bases(conn, &lines)?;
    let fallback = names(conn, &lines)?;
    let out: Vec<ProposalLine> = lines
        .iter()
        .map(|l| line_of(structure, l, &bases, &fallback))
        .collect();
    let requires_district = chain::community_requires_district(conn)?;
    let summary = summary_of(structure, &row, &out, requires_district)?;
    let effect = effect(snapshot, &lines, &bases);
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
    let route = route_of(structure, &row, state, requires_district);
    let spot = chain::Spot {
        kind: Kind::Proposal,
        org,
        route,
        at: state.position(),
    };
    let mut actions = chain::actions(actor, structure, &spot);
    // An empty draft has nothing to submit.
    if out.is_empty() {
        actions.retain(|s| *s != Action::Submit);
    }
    Ok(ProposalDetail {
        can_edit: state == ProposalState::Draft && actor.proposal_org(structure) == Some(org),
        actions,
        route: route.reviewers(),
        summary,
        lines: out,
        effect,
        steps,
    })
}

/// The measure's lines in my organisation's draft and the proposals under review that touch it.
pub fn measure_context(
    conn: &mut DbConn,
    structure: &Structure,
    actor: &Actor,
    row: &db::measures::MeasureRow,
) -> AppResult<(Option<MeasureDraft>, Vec<ProposalRef>)> {
    let mine = actor.proposal_org(structure);
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
                MeasureStatus::Draft => db::measures::load_input(conn, row.id)?,
                _ => apply_changes(base.as_ref(), parsed.iter().map(|l| &l.change)),
            };
            draft = Some(MeasureDraft {
                proposal_id: ProposalId(prop.id),
                proposal_version: prop.version,
                proposed,
                lines: parsed
                    .iter()
                    .map(|l| line_of(structure, l, &bases, &fallback))
                    .collect(),
            });
        } else if state.is_open()
            && actor.can_see_proposal(structure, org, state)
            && lines.iter().any(|l| l.state == LineState::Pending.as_str())
        {
            in_review.push(ProposalRef {
                id: ProposalId(prop.id),
                state,
                org: org_ref(structure, org),
                author: prop.author_name.clone(),
                line_count: lines.len() as i64,
            });
        }
    }
    in_review.sort_by_key(|r| r.id);
    Ok((draft, in_review))
}
