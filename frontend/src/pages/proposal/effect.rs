//! `#proposal-effect`: what the proposal's pending lines would do to the envelope and the roll-ups.

use crate::components::amount::{Figure, Money};
use crate::components::changes::Delta;
use crate::components::data_table::DataTable;
use crate::i18n::{t, use_i18n, K};
use leptos::prelude::*;
use rust_decimal::Decimal;
use shared::api::proposals::{EffectRow, ProposalEffect};
use shared::api::rollup::RollupLevel;
use shared::grid::EnvelopeCell;
use shared::{Amount, FundingSource, Text, Year};

/// One cell of the envelope before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct CellEffect {
    pub year: Year,
    pub source: FundingSource,
    pub has_envelope: bool,
    pub envelope: Amount,
    pub before: Amount,
    pub after: Amount,
    pub remaining_after: Decimal,
    pub over_after: bool,
}

/// The cells whose allocation the proposal changes, in table order.
pub fn changed_cells(before: &[EnvelopeCell], after: &[EnvelopeCell]) -> Vec<CellEffect> {
    after
        .iter()
        .filter_map(|a| {
            let b = before
                .iter()
                .find(|b| b.year == a.year && b.source == a.source);
            let before_amount = b.map_or(Amount::ZERO, |b| b.allocated);
            (before_amount != a.allocated).then_some(CellEffect {
                year: a.year,
                source: a.source,
                has_envelope: a.has_envelope,
                envelope: a.envelope,
                before: before_amount,
                after: a.allocated,
                remaining_after: a.remaining,
                over_after: a.over_allocated,
            })
        })
        .collect()
}

fn level_label(level: RollupLevel) -> K {
    match level {
        RollupLevel::Programme => K::LevelProgramme,
        RollupLevel::Direction => K::Direction,
        RollupLevel::Task => K::Task,
        RollupLevel::Org => K::Organisation,
        RollupLevel::District => K::District,
    }
}

fn envelope_row(c: CellEffect) -> impl IntoView {
    let i18n = use_i18n();
    let source = c.source.label();
    let delta = c.after.decimal() - c.before.decimal();
    let (envelope, remaining) = if c.has_envelope {
        (
            view! { <Money amount=c.envelope/> }.into_any(),
            view! { <Figure value=c.remaining_after/> }.into_any(),
        )
    } else {
        let dash = || view! { <span class="muted" title=t(K::NoEnvelope)>"—"</span> };
        (dash().into_any(), dash().into_any())
    };
    view! {
        <tr
            class="effect-cell"
            class:over=c.over_after
            data-year=c.year.to_string()
            data-source=c.source.as_str()
            data-over=c.over_after.to_string()
        >
            <th scope="row">{c.year.to_string()}" · "{move || i18n.text(&source)}</th>
            <td class="num">{envelope}</td>
            <td class="num"><Money amount=c.before/></td>
            <td class="num effect-after"><Money amount=c.after/></td>
            <td class="num"><Delta value=delta/></td>
            <td class="num effect-remaining">
                {remaining}
                {c.over_after.then(|| view! {
                    <span class="over-flag"><span aria-hidden="true">" ⚠ "</span>{t(K::OverAllocated)}</span>
                })}
            </td>
        </tr>
    }
}

fn rollup_row(r: EffectRow) -> impl IntoView {
    let i18n = use_i18n();
    let label: Text = r.label;
    let delta = r.after.decimal() - r.before.decimal();
    view! {
        <tr class="effect-rollup" data-level=r.level.as_str() data-id=r.id.to_string()>
            <td>{t(level_label(r.level))}</td>
            <th scope="row">{move || i18n.text(&label)}</th>
            <td class="num"><Money amount=r.before/></td>
            <td class="num effect-after"><Money amount=r.after/></td>
            <td class="num"><Delta value=delta/></td>
        </tr>
    }
}

#[component]
pub fn EffectPanel(effect: ProposalEffect) -> impl IntoView {
    let cells = changed_cells(&effect.envelope_before, &effect.envelope_after);
    let over = cells.iter().filter(|c| c.over_after).count();
    let envelope = if cells.is_empty() {
        view! { <p class="muted" id="effect-no-change">{t(K::NoEnvelopeChange)}</p> }.into_any()
    } else {
        let rows = cells.into_iter().map(envelope_row).collect_view();
        view! {
            {(over > 0).then(|| view! {
                <p class="warning-text" id="effect-over">
                    <span aria-hidden="true">"⚠ "</span>{t(K::OverAllocatedCells)}": "{over}
                </p>
            })}
            <DataTable
                id="effect-envelope"
                class="effect-table"
                caption=K::EnvelopeEffect
                columns=vec![
                    (K::YearSource, false),
                    (K::Envelope, true),
                    (K::AllocatedBefore, true),
                    (K::AllocatedAfter, true),
                    (K::Difference, true),
                    (K::RemainingAfter, true),
                ]
            >
                {rows}
            </DataTable>
        }
        .into_any()
    };
    let rollups = (!effect.rollups.is_empty()).then(|| {
        let rows = effect.rollups.into_iter().map(rollup_row).collect_view();
        view! {
            <DataTable
                id="effect-rollups"
                class="effect-table"
                caption=K::RollupsEffect
                columns=vec![
                    (K::Kind, false),
                    (K::Name, false),
                    (K::Before, true),
                    (K::After, true),
                    (K::Difference, true),
                ]
            >
                {rows}
            </DataTable>
        }
    });
    view! {
        <section class="card proposal-effect" id="proposal-effect" aria-labelledby="effect-title">
            <h2 id="effect-title">{t(K::EffectTitle)}</h2>
            <p class="hint">{t(K::EffectHint)}</p>
            {envelope}
            {rollups}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::{a, y};

    #[test]
    fn only_cells_that_move_are_listed_with_their_remainder() {
        let envelope = Some(a("100"));
        let before = vec![
            EnvelopeCell::new(y(2026), FundingSource::Oblast, envelope, a("90")),
            EnvelopeCell::new(y(2026), FundingSource::Local, None, a("5")),
        ];
        let after = vec![
            EnvelopeCell::new(y(2026), FundingSource::Oblast, envelope, a("110")),
            EnvelopeCell::new(y(2026), FundingSource::Local, None, a("5")),
        ];
        let cells = changed_cells(&before, &after);
        assert_eq!(cells.len(), 1);
        let c = &cells[0];
        assert_eq!((c.before, c.after), (a("90"), a("110")));
        assert_eq!(c.remaining_after, Decimal::from(-10));
        assert!(c.over_after);
    }
}
