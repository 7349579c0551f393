//! What a proposal's pending lines would do to the approved plan: the envelope and every roll-up
//! figure they touch, before and after.

use super::rules::Line;
use crate::app::plan::snapshot::Snapshot;
use shared::api::measures::{MeasureInput, MeasureStatus};
use shared::api::proposals::{apply_changes, Change, EffectRow, LineState, ProposalEffect};
use shared::api::rollup::RollupLevel;
use shared::grid::EnvelopeCell;
use shared::{Amount, OrgId, Text};
use std::collections::{BTreeMap, HashMap};

/// What the pending lines would do to the approved plan: the envelope and every roll-up figure
/// they touch, before and after.
pub fn effect(
    snapshot: &Snapshot,
    lines: &[Line],
    bases: &HashMap<i32, (Option<MeasureInput>, MeasureStatus)>,
) -> ProposalEffect {
    let s = &snapshot.structure;
    let mut per_measure: BTreeMap<i32, Vec<&Change>> = BTreeMap::new();
    for l in lines.iter().filter(|l| l.state == LineState::Pending) {
        per_measure
            .entry(l.row.measure_id)
            .or_default()
            .push(&l.change);
    }
    // Signed moves per roll-up key: (level, id) → Δ thousand UAH; and the programme grid's.
    let mut moves: BTreeMap<(u8, i32), rust_decimal::Decimal> = BTreeMap::new();
    let mut grid_deltas = Vec::new();
    let touch = |m: &MeasureInput,
                 sign: rust_decimal::Decimal,
                 moves: &mut BTreeMap<(u8, i32), rust_decimal::Decimal>| {
        let total = m.totals().total().decimal() * sign;
        let mut keys = vec![(0u8, 0), (2, m.task_id.0), (3, m.org_id.0)];
        if let Some(t) = s.task(m.task_id) {
            keys.push((1, t.direction_id.0));
        }
        if let Some(d) = s.district_of(m.org_id) {
            keys.push((4, d.0));
        }
        for k in keys {
            *moves.entry(k).or_default() += total;
        }
    };
    for (id, changes) in &per_measure {
        let base = bases.get(id).and_then(|b| b.0.clone());
        let after = apply_changes(base.as_ref(), changes.iter().copied());
        if let Some(b) = &base {
            touch(b, -rust_decimal::Decimal::ONE, &mut moves);
            grid_deltas.extend(
                b.budget_lines
                    .iter()
                    .map(|l| (l.year, l.source, -l.amount.decimal())),
            );
        }
        if let Some(a) = &after {
            touch(a, rust_decimal::Decimal::ONE, &mut moves);
            grid_deltas.extend(
                a.budget_lines
                    .iter()
                    .map(|l| (l.year, l.source, l.amount.decimal())),
            );
        }
    }
    let programme_after =
        shared::api::proposals::grid_after(&snapshot.programme.grid, &grid_deltas);
    let level = |n: u8| match n {
        0 => RollupLevel::Programme,
        1 => RollupLevel::Direction,
        2 => RollupLevel::Task,
        3 => RollupLevel::Org,
        _ => RollupLevel::District,
    };
    let rollups = moves
        .into_iter()
        .map(|((n, id), delta)| {
            let (label, before) = match n {
                0 => (s.passport.name.clone(), snapshot.programme.grid.total()),
                1 => (
                    s.direction(shared::DirectionId(id))
                        .map(|d| d.name.clone())
                        .unwrap_or_default(),
                    snapshot
                        .by_direction
                        .get(&id)
                        .map_or(Amount::ZERO, |t| t.grid.total()),
                ),
                2 => (
                    s.task(shared::TaskId(id))
                        .map(|t| {
                            Text::new(
                                format!("{} {}", t.code, t.name.uk),
                                format!("{} {}", t.code, t.name.en),
                            )
                        })
                        .unwrap_or_default(),
                    snapshot
                        .by_task
                        .get(&shared::TaskId(id))
                        .map_or(Amount::ZERO, |t| t.grid.total()),
                ),
                3 => (
                    s.org(OrgId(id)).map(|o| o.name.clone()).unwrap_or_default(),
                    snapshot
                        .by_org
                        .get(&OrgId(id))
                        .map_or(Amount::ZERO, |t| t.grid.total()),
                ),
                _ => (
                    s.org(OrgId(id)).map(|o| o.name.clone()).unwrap_or_default(),
                    snapshot
                        .by_district
                        .get(&OrgId(id))
                        .map_or(Amount::ZERO, |t| t.grid.total()),
                ),
            };
            let after = Amount::try_from_decimal(
                (before.decimal() + delta).max(rust_decimal::Decimal::ZERO),
            )
            .unwrap_or(before);
            EffectRow {
                level: level(n),
                id,
                label,
                before,
                after,
            }
        })
        .collect();
    ProposalEffect {
        envelope_before: snapshot.envelope_table(),
        envelope_after: EnvelopeCell::table(&s.envelope, &programme_after),
        rollups,
    }
}
