//! How one change to the approved plan reads: what changed, the old and new values, the difference.

use crate::components::measure_history::{excerpt, Names};
use crate::i18n::{use_i18n, K};
use leptos::prelude::*;
use rust_decimal::Decimal;
use shared::amount::format_thousands;
use shared::api::measures::MeasureInput;
use shared::api::proposals::{
    Change, FieldValue, LineState, ProposalLine, ProposalState, Underneath,
};
use shared::{Amount, Lang, Text};

/// A change as text in one language; `delta` is the budget difference, where there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeText {
    pub what: String,
    pub old: String,
    pub new: String,
    pub delta: Option<Decimal>,
}

fn amount_or_dash(a: Option<Amount>, lang: Lang) -> String {
    a.map_or_else(|| "—".to_string(), |a| a.format(lang))
}

/// A whole measure as its budget total.
fn measure_total(m: &MeasureInput, lang: Lang) -> String {
    format!(
        "{} {}",
        m.totals().total().format(lang),
        K::ThousandUah.text(lang)
    )
}

/// One field's value as people read it (names for ids, an excerpt of long texts).
pub fn field_value(v: &FieldValue, names: &Names, lang: Lang) -> String {
    match v {
        FieldValue::Name(t) => t.get(lang).to_string(),
        FieldValue::Task(id) => names.task(*id, lang),
        FieldValue::Years { start, end } if start == end => start.to_string(),
        FieldValue::Years { start, end } => format!("{start}–{end}"),
        FieldValue::Org(id) => names.org(*id, lang),
        FieldValue::Description(s) | FieldValue::ExpectedResult(s) => excerpt(s),
    }
}

pub fn describe_change(change: &Change, names: &Names, lang: Lang) -> ChangeText {
    match change {
        Change::Amount {
            year,
            source,
            old,
            new,
        } => {
            let value = |a: &Option<Amount>| a.map_or(Decimal::ZERO, |a| a.decimal());
            ChangeText {
                what: format!("{year} · {}", source.label().get(lang)),
                old: amount_or_dash(*old, lang),
                new: amount_or_dash(*new, lang),
                delta: Some(value(new) - value(old)),
            }
        }
        Change::Field { old, new } => ChangeText {
            what: new.label().get(lang).to_string(),
            old: field_value(old, names, lang),
            new: field_value(new, names, lang),
            delta: None,
        },
        Change::MeasureAdd { measure } => ChangeText {
            what: K::ChangeMeasureAdd.text(lang).to_string(),
            old: "—".to_string(),
            new: measure_total(measure, lang),
            delta: Some(measure.totals().total().decimal()),
        },
        Change::MeasureWithdraw { measure } => ChangeText {
            what: K::ChangeMeasureWithdraw.text(lang).to_string(),
            old: measure_total(measure, lang),
            new: "—".to_string(),
            delta: Some(-measure.totals().total().decimal()),
        },
    }
}

/// What the approved plan holds now under a conflicting line.
pub fn underneath_text(u: &Underneath, names: &Names, lang: Lang) -> String {
    match u {
        Underneath::Amount { amount } => amount_or_dash(*amount, lang),
        Underneath::Field { value } => field_value(value, names, lang),
        Underneath::Measure { measure: Some(m) } => measure_total(m, lang),
        Underneath::Measure { measure: None } => K::WithdrawnMeanwhile.text(lang).to_string(),
    }
}

/// A difference with its sign: `+2,5`, `−1,0`, `0,0`.
pub fn signed(delta: Decimal, lang: Lang) -> String {
    let abs = format_thousands(delta.abs(), lang);
    if delta.is_zero() {
        abs
    } else if delta.is_sign_negative() {
        format!("−{abs}")
    } else {
        format!("+{abs}")
    }
}

/// A difference, coloured and signed (the sign and the words carry it, not the colour alone).
#[component]
pub fn Delta(value: Decimal) -> impl IntoView {
    let i18n = use_i18n();
    let (class, key) = if value.is_zero() {
        ("delta delta-zero", K::NoChange)
    } else if value.is_sign_negative() {
        ("delta delta-down", K::Decrease)
    } else {
        ("delta delta-up", K::Increase)
    };
    view! {
        <span class=class>
            <span class="visually-hidden">{move || i18n.t(key)}" "</span>
            {move || signed(value, i18n.lang())}
        </span>
    }
}

/// Four cells of a table row: what changed (a row header), old, new, difference.
#[component]
pub fn ChangeCells(change: Change, names: Signal<Names>) -> impl IntoView {
    let i18n = use_i18n();
    let text = Memo::new(move |_| names.with(|n| describe_change(&change, n, i18n.lang())));
    view! {
        <th scope="row" class="change-what">{move || text.with(|t| t.what.clone())}</th>
        <td class="change-old">{move || text.with(|t| t.old.clone())}</td>
        <td class="change-new">{move || text.with(|t| t.new.clone())}</td>
        <td class="num change-delta">
            {move || text.with(|t| t.delta).map(|d| view! { <Delta value=d/> })}
        </td>
    }
}

/// The columns matching [`ChangeCells`], with the words for "old" and "new" given.
pub fn change_columns(old: K, new: K) -> Vec<(K, bool)> {
    vec![
        (K::WhatChanged, false),
        (old, false),
        (new, false),
        (K::Difference, true),
    ]
}

/// The columns of a proposal's lines ([`ProposalLineRow`]): the change against `old`, and the state.
pub fn line_columns(old: K) -> Vec<(K, bool)> {
    let mut columns = change_columns(old, K::ProposedValue);
    columns.push((K::LineStateLabel, false));
    columns
}

/// A state in words, with a class for its colour (never the colour alone).
fn state_badge(kind: &'static str, state: &'static str, label: Text) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("state-badge {kind}-state-{state}") data-state=state>
            {move || i18n.text(&label)}
        </span>
    }
}

#[component]
pub fn LineStateBadge(state: LineState) -> impl IntoView {
    state_badge("line", state.as_str(), state.label())
}

#[component]
pub fn ProposalStateBadge(state: ProposalState) -> impl IntoView {
    state_badge("proposal", state.as_str(), state.label())
}

/// What the approved plan holds now, what the line expected and what it proposes.
#[component]
fn ConflictBox(line: ProposalLine, now: Underneath, names: Signal<Names>) -> impl IntoView {
    let i18n = use_i18n();
    let change = line.change.clone();
    let text = Memo::new(move |_| names.with(|n| describe_change(&change, n, i18n.lang())));
    let now = Memo::new(move |_| names.with(|n| underneath_text(&now, n, i18n.lang())));
    view! {
        <div class="line-conflict" role="note">
            <p class="line-conflict-title">
                <span aria-hidden="true">"⚠ "</span>{move || i18n.t(K::ConflictFlag)}
            </p>
            <dl class="line-conflict-values">
                <div>
                    <dt>{move || i18n.t(K::ExpectedValue)}</dt>
                    <dd class="conflict-expected">{move || text.with(|t| t.old.clone())}</dd>
                </div>
                <div>
                    <dt>{move || i18n.t(K::ApprovedNow)}</dt>
                    <dd class="conflict-now">{move || now.get()}</dd>
                </div>
                <div>
                    <dt>{move || i18n.t(K::ProposedValue)}</dt>
                    <dd class="conflict-proposed">{move || text.with(|t| t.new.clone())}</dd>
                </div>
            </dl>
        </div>
    }
}

/// One line of a proposal as a table row (`.proposal-line[data-line-id]`): the change, its
/// state with reasons and any conflict; `children` adds a cell (e.g. the decision controls).
#[component]
pub fn ProposalLineRow(
    line: ProposalLine,
    names: Signal<Names>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let conflict = line.conflict.clone().map(|now| {
        view! { <ConflictBox line=line.clone() now=now names=names/> }
    });
    let reason = line.reason.clone().map(|r| {
        let by = line
            .decided_by
            .clone()
            .map(|by| view! { " — "<span class="line-decided-by">{by}</span> });
        view! {
            <p class="line-reason">
                <span class="line-note-label">{move || i18n.t(K::ReasonLabel)}": "</span>
                <span class="prewrap">{r}</span>
                {by}
            </p>
        }
    });
    let returned = line.returned_note.clone().map(|r| {
        view! {
            <p class="line-returned-note">
                <span class="line-note-label">{move || i18n.t(K::ReturnedNoteLabel)}": "</span>
                <span class="prewrap">{r}</span>
            </p>
        }
    });
    let class = if line.conflict.is_some() {
        "proposal-line line-has-conflict"
    } else {
        "proposal-line"
    };
    view! {
        <tr
            class=class
            data-line-id=line.id.to_string()
            data-state=line.state.as_str()
            data-conflict=line.conflict.is_some().to_string()
        >
            <ChangeCells change=line.change.clone() names=names/>
            <td class="line-status">
                <LineStateBadge state=line.state/>
                {reason}
                {returned}
                {conflict}
            </td>
            {children.map(|c| c())}
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::measures::BudgetLine;
    use shared::{FundingSource, OrgId, TaskId};

    use crate::testing::{a, y};

    #[test]
    fn amounts_read_with_their_signed_difference() {
        let c = Change::Amount {
            year: y(2027),
            source: FundingSource::Oblast,
            old: Some(a("10")),
            new: Some(a("12,5")),
        };
        let t = describe_change(&c, &Names::default(), Lang::Uk);
        assert_eq!(t.what, "2027 · Обласний бюджет");
        assert_eq!((t.old.as_str(), t.new.as_str()), ("10,0", "12,5"));
        assert_eq!(signed(t.delta.expect("delta"), Lang::Uk), "+2,5");
        let removed = Change::Amount {
            year: y(2026),
            source: FundingSource::Local,
            old: Some(a("1250")),
            new: None,
        };
        let t = describe_change(&removed, &Names::default(), Lang::En);
        assert_eq!(t.new, "—");
        assert_eq!(signed(t.delta.expect("delta"), Lang::En), "−1,250.0");
        assert_eq!(signed(Decimal::ZERO, Lang::Uk), "0,0");
    }

    #[test]
    fn fields_and_whole_measures() {
        let years = Change::Field {
            old: FieldValue::Years {
                start: y(2026),
                end: y(2026),
            },
            new: FieldValue::Years {
                start: y(2026),
                end: y(2028),
            },
        };
        let t = describe_change(&years, &Names::default(), Lang::Uk);
        assert_eq!(
            (t.what.as_str(), t.old.as_str(), t.new.as_str()),
            ("Строки виконання", "2026", "2026–2028")
        );
        assert_eq!(t.delta, None);
        let task = Change::Field {
            old: FieldValue::Task(TaskId(1)),
            new: FieldValue::Task(TaskId(2)),
        };
        assert_eq!(
            describe_change(&task, &Names::default(), Lang::Uk).new,
            "#2"
        );
        let m = MeasureInput {
            task_id: TaskId(1),
            org_id: OrgId(2),
            name: Text::new("Захід", ""),
            description: String::new(),
            expected_result: String::new(),
            start_year: y(2026),
            end_year: y(2026),
            budget_lines: vec![BudgetLine {
                year: y(2026),
                source: FundingSource::Local,
                amount: a("7"),
            }],
        };
        let t = describe_change(
            &Change::MeasureWithdraw { measure: m.clone() },
            &Names::default(),
            Lang::Uk,
        );
        assert_eq!(t.old, "7,0 тис. грн");
        assert_eq!(t.delta, Some(Decimal::from(-7)));
        assert_eq!(
            underneath_text(
                &Underneath::Measure { measure: None },
                &Names::default(),
                Lang::Uk
            ),
            K::WithdrawnMeanwhile.text(Lang::Uk)
        );
    }
}
