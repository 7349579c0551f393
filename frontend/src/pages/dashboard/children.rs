//! The level below as a sortable table: each district, community or measure with its execution, reporting and indicators, linked for drill-down.

use super::scope::Scope;
use crate::components::amount::Money;
use crate::components::indicator_status::{status_icon, status_key};
use crate::i18n::{t, use_i18n, K};
use crate::pages::report::labels::CalendarStateBadge;
use leptos::prelude::*;
use leptos_router::components::A;
use rust_decimal::Decimal;
use shared::amount::format_percent;
use shared::api::dashboard::{ChildRow, DashboardLevel};
use shared::api::orgs::OrgKind;
use shared::Lang;
use std::cmp::Ordering;

/// What the table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Planned,
    Approved,
    Executed,
    ExecutedPct,
    OnTimePct,
}

/// The Ukrainian alphabet's order (plain code points put і, ї, є and ґ after я).
const UK_ALPHABET: &str = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя";

/// A sort key for a name that follows the Ukrainian alphabet, ignoring case; other characters
/// sort after the letters, by code point.
pub fn collation_key(name: &str) -> Vec<u32> {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match UK_ALPHABET.chars().position(|a| a == c) {
            Some(i) => u32::try_from(i).unwrap_or(0),
            None => 100 + u32::from(c),
        })
        .collect()
}

/// Absent percentages sort below every figure.
fn cmp_opt(a: Option<Decimal>, b: Option<Decimal>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Greater,
        (None, Some(_)) => Ordering::Less,
        (None, None) => Ordering::Equal,
    }
}

/// Sorts in place; `None` keeps the server's order (organisations by code, measures by task).
pub fn sort_rows(rows: &mut [ChildRow], sort: Option<(SortKey, bool)>, lang: Lang) {
    let Some((key, descending)) = sort else {
        return;
    };
    rows.sort_by(|a, b| {
        let order = match key {
            SortKey::Name => collation_key(a.name.get(lang)).cmp(&collation_key(b.name.get(lang))),
            SortKey::Planned => a.execution.planned.cmp(&b.execution.planned),
            SortKey::Approved => a.execution.approved.cmp(&b.execution.approved),
            SortKey::Executed => a.execution.executed.cmp(&b.execution.executed),
            SortKey::ExecutedPct => cmp_opt(
                a.execution.executed_percent(),
                b.execution.executed_percent(),
            ),
            SortKey::OnTimePct => cmp_opt(
                a.compliance.on_time_percent(),
                b.compliance.on_time_percent(),
            ),
        };
        if descending {
            order.reverse()
        } else {
            order
        }
    });
}

/// The table's title for what the level below is.
fn title(level: DashboardLevel) -> K {
    match level {
        DashboardLevel::Oblast => K::DashChildrenOblast,
        DashboardLevel::District => K::DashChildrenDistrict,
        _ => K::DashChildrenCommunity,
    }
}

#[component]
pub fn ChildrenSection(level: DashboardLevel, rows: Vec<ChildRow>, here: Scope) -> impl IntoView {
    let i18n = use_i18n();
    let sort: RwSignal<Option<(SortKey, bool)>> = RwSignal::new(None);
    let measures = level == DashboardLevel::Community;
    let head = move |key: SortKey, label: K, numeric: bool| {
        let aria_sort = move || match sort.get() {
            Some((k, true)) if k == key => "descending",
            Some((k, false)) if k == key => "ascending",
            _ => "none",
        };
        let arrow = move || match sort.get() {
            Some((k, true)) if k == key => "▼",
            Some((k, false)) if k == key => "▲",
            _ => "↕",
        };
        let on_click = move |_| {
            sort.update(|s| {
                *s = match *s {
                    // Figures first from the largest; names from А.
                    Some((k, desc)) if k == key => Some((key, !desc)),
                    _ => Some((key, key != SortKey::Name)),
                }
            });
        };
        view! {
            <th scope="col" class:num=numeric aria-sort=aria_sort>
                <button type="button" class="sort-button" data-sort=format!("{key:?}").to_lowercase() on:click=on_click>
                    {t(label)}<span class="sort-arrow" aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };
    let status_head = measures.then(|| view! { <th scope="col">{t(K::DashExecStatus)}</th> });
    let body = move || {
        let lang = i18n.lang();
        let mut rows = rows.clone();
        sort_rows(&mut rows, sort.get(), lang);
        rows.into_iter()
            .map(|r| view! { <Row row=r here=here measures=measures/> })
            .collect_view()
    };
    view! {
        <section class="card dash-section" id="children" aria-labelledby="children-title">
            <h2 id="children-title">{t(title(level))}</h2>
            <p class="hint">{t(K::DashChildrenHint)}</p>
            <div class="table-scroll">
                <table class="data-table children-table" id="children-table">
                    <caption class="visually-hidden">{t(title(level))}</caption>
                    <thead>
                        <tr>
                            {head(SortKey::Name, K::Name, false)}
                            {head(SortKey::Planned, K::DashPlanned, true)}
                            {head(SortKey::Approved, K::DashApproved, true)}
                            {head(SortKey::Executed, K::DashExecuted, true)}
                            {head(SortKey::ExecutedPct, K::DashExecutedPctShort, true)}
                            {head(SortKey::OnTimePct, K::DashOnTimePct, true)}
                            <th scope="col">{t(K::DashLatestReport)}</th>
                            <th scope="col">{t(K::DashIndicatorCounts)}</th>
                            {status_head}
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn Row(row: ChildRow, here: Scope, measures: bool) -> impl IntoView {
    let i18n = use_i18n();
    let href = here.at(row.level, row.id).href();
    let e = row.execution;
    let c = row.compliance;
    let name = row.name.clone();
    // A district's own organisation among its communities stands for its own measures.
    let kind = match (row.level, row.kind) {
        (DashboardLevel::Community, Some(OrgKind::District)) => Some(K::DashDistrictOwn.both()),
        (_, kind) => kind.map(|k| k.label()),
    };
    let latest = row
        .latest_report
        .map(|s| view! { <CalendarStateBadge state=s/> });
    let counts = row
        .indicators
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| {
            let label = s.label();
            let n = *n;
            view! {
                <li class=format!("ind-count ind-status-{}", status_key(*s)) data-status=status_key(*s)>
                    <span aria-hidden="true">{status_icon(*s)}</span>
                    " "{n.to_string()}
                    <span class="visually-hidden">" "{move || i18n.text(&label)}</span>
                </li>
            }
        })
        .collect_view();
    let status = measures.then(|| {
        let label = row.execution_status.map(|s| s.label());
        view! { <td>{move || label.as_ref().map(|l| i18n.text(l)).unwrap_or_else(|| "—".into())}</td> }
    });
    view! {
        <tr data-level=row.level.as_str() data-id=row.id.to_string()>
            <th scope="row">
                <A href=href attr:class="drill-link">{move || i18n.text(&name)}</A>
                {kind.map(|k| view! { <span class="cell-sub">{move || i18n.text(&k)}</span> })}
            </th>
            <td class="num" data-col="planned"><Money amount=e.planned/></td>
            <td class="num" data-col="approved"><Money amount=e.approved/></td>
            <td class="num" data-col="executed"><Money amount=e.executed/></td>
            <td class="num" data-col="executed-pct">{move || format_percent(e.executed_percent(), i18n.lang())}</td>
            <td class="num" data-col="on-time-pct">
                {move || format_percent(c.on_time_percent(), i18n.lang())}
                {(c.due() > 0).then(|| view! { <span class="cell-sub">{format!("{}/{}", c.on_time, c.due())}</span> })}
            </td>
            <td>{latest}</td>
            <td><ul class="ind-counts">{counts}</ul></td>
            {status}
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::dashboard::ComplianceCounts;
    use shared::execution::Execution;
    use shared::{Amount, Text};

    fn row(id: i32, name: &str, approved: &str, executed: &str) -> ChildRow {
        let a = |s: &str| Amount::parse(s).expect(s);
        ChildRow {
            level: DashboardLevel::Community,
            id,
            name: Text::new(name, name),
            kind: None,
            code: None,
            execution: Execution::new(a("100"), a(approved), a(executed)),
            compliance: ComplianceCounts::default(),
            latest_report: None,
            indicators: vec![],
            indicator_status: vec![],
            execution_status: None,
        }
    }

    fn ids(rows: &[ChildRow]) -> Vec<i32> {
        rows.iter().map(|r| r.id).collect()
    }

    #[test]
    fn names_sort_in_the_ukrainian_alphabet() {
        let mut rows = vec![
            row(1, "Ювілейна", "1", "1"),
            row(2, "Іларіонівська", "1", "1"),
            row(3, "Гвардійська", "1", "1"),
            row(4, "Ґалагівка", "1", "1"),
            row(5, "Єлизаветівська", "1", "1"),
        ];
        sort_rows(&mut rows, Some((SortKey::Name, false)), Lang::Uk);
        assert_eq!(ids(&rows), vec![3, 4, 5, 2, 1]);
        sort_rows(&mut rows, None, Lang::Uk);
        assert_eq!(ids(&rows), vec![3, 4, 5, 2, 1], "no sort keeps the order");
    }

    #[test]
    fn percentages_sort_with_the_missing_ones_last_when_descending() {
        let mut rows = vec![
            row(1, "a", "100", "50"),
            row(2, "b", "0", "0"),
            row(3, "c", "100", "97.9"),
        ];
        sort_rows(&mut rows, Some((SortKey::ExecutedPct, true)), Lang::En);
        assert_eq!(ids(&rows), vec![3, 1, 2]);
        sort_rows(&mut rows, Some((SortKey::Executed, false)), Lang::En);
        assert_eq!(ids(&rows), vec![2, 1, 3]);
    }
}
