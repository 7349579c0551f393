//! Budget execution: planned, approved and executed by year as a bar chart with its table, and by direction × year.

use crate::components::amount::Money;
use crate::components::charts::bars::{BarGroup, BarSeries, GroupedBars};
use crate::components::charts::scale::to_f64;
use crate::i18n::{t, tx, use_i18n, K};
use leptos::prelude::*;
use shared::amount::format_percent;
use shared::api::dashboard::{Dashboard, DirectionRef, ExecutionRow};
use shared::execution::Execution;
use shared::{Lang, Year};

/// The five columns every execution table has after its label.
fn figure_cells(e: Execution) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <td class="num" data-col="planned"><Money amount=e.planned/></td>
        <td class="num" data-col="approved"><Money amount=e.approved/></td>
        <td class="num" data-col="executed"><Money amount=e.executed/></td>
        <td class="num" data-col="approved-pct">{move || format_percent(e.approved_percent(), i18n.lang())}</td>
        <td class="num" data-col="executed-pct">{move || format_percent(e.executed_percent(), i18n.lang())}</td>
    }
}

fn figure_heads() -> impl IntoView {
    view! {
        <th scope="col" class="num">{t(K::DashPlanned)}</th>
        <th scope="col" class="num">{t(K::DashApproved)}</th>
        <th scope="col" class="num">{t(K::DashExecuted)}</th>
        <th scope="col" class="num">{t(K::DashApprovedPct)}</th>
        <th scope="col" class="num">{t(K::DashExecutedPct)}</th>
    }
}

/// The rows for all directions, by year.
fn by_year(rows: &[ExecutionRow]) -> Vec<(Year, Execution)> {
    let mut out: Vec<(Year, Execution)> = rows
        .iter()
        .filter(|r| r.direction.is_none())
        .map(|r| (r.year, r.execution))
        .collect();
    out.sort_by_key(|(y, _)| *y);
    out
}

/// The chart's bars: per year, planned, approved and executed, each with its exact figure.
fn chart_groups(years: &[(Year, Execution)], lang: Lang) -> Vec<BarGroup> {
    let unit = K::ThousandUah.text(lang);
    years
        .iter()
        .map(|(year, e)| {
            let bar = |name: K, a: shared::Amount| {
                (
                    to_f64(a.decimal()),
                    format!("{year} · {}: {} {unit}", name.text(lang), a.format(lang)),
                )
            };
            BarGroup {
                label: year.to_string(),
                bars: vec![
                    bar(K::DashPlanned, e.planned),
                    bar(K::DashApproved, e.approved),
                    bar(K::DashExecuted, e.executed),
                ],
            }
        })
        .collect()
}

#[component]
pub fn ExecutionSection(dash: Dashboard) -> impl IntoView {
    let i18n = use_i18n();
    let years = by_year(&dash.execution);
    let chart_years = years.clone();
    let chart = move || {
        let lang = i18n.lang();
        let series = vec![
            BarSeries {
                key: "planned",
                label: K::DashPlanned.text(lang).to_string(),
            },
            BarSeries {
                key: "approved",
                label: K::DashApproved.text(lang).to_string(),
            },
            BarSeries {
                key: "executed",
                label: K::DashExecuted.text(lang).to_string(),
            },
        ];
        view! {
            <GroupedBars
                id="execution-chart"
                label=K::DashExecChart.text(lang)
                unit=K::ThousandUah.text(lang)
                series=series
                groups=chart_groups(&chart_years, lang)
                lang=lang
            />
        }
    };
    // With one funding source chosen, every amount here is of it alone: said beside the figures.
    let source_note = dash.source.map(|source| {
        let label = source.label();
        view! {
            <p class="dash-source-note" id="execution-source">
                {t(K::DashSource)}": "<strong>{move || i18n.text(&label)}</strong>
            </p>
        }
    });
    let year_rows = years
        .into_iter()
        .map(|(year, e)| {
            view! {
                <tr data-year=year.to_string()>
                    <th scope="row">{year.to_string()}</th>
                    {figure_cells(e)}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card dash-section" id="execution" aria-labelledby="execution-title">
            <h2 id="execution-title">{t(K::DashExecTitle)}</h2>
            <p class="hint">{t(K::DashExecHint)}</p>
            {source_note}
            <div class="chart-and-table">
                {chart}
                <div class="table-scroll">
                    <table class="data-table dash-execution-table" id="execution-table">
                        <caption>{t(K::DashExecTable)}</caption>
                        <thead>
                            <tr><th scope="col">{t(K::Year)}</th>{figure_heads()}</tr>
                        </thead>
                        <tbody>{year_rows}</tbody>
                        <tfoot>
                            <tr class="total-row" data-year="total">
                                <th scope="row">{t(K::Total)}</th>
                                {figure_cells(dash.total)}
                            </tr>
                        </tfoot>
                    </table>
                </div>
            </div>
            <DirectionTable directions=dash.directions rows=dash.execution/>
        </section>
    }
}

/// Direction × year, with a total per direction; directions without money are left out.
#[component]
fn DirectionTable(directions: Vec<DirectionRef>, rows: Vec<ExecutionRow>) -> impl IntoView {
    let body = directions
        .into_iter()
        .filter_map(|d| {
            let mut cells: Vec<&ExecutionRow> =
                rows.iter().filter(|r| r.direction == Some(d.id)).collect();
            cells.sort_by_key(|r| r.year);
            let total: Execution = cells.iter().map(|r| r.execution).sum();
            if total.is_empty() {
                return None;
            }
            let span = cells.len() + 1;
            let year_rows = cells
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let head = (i == 0).then(|| {
                        view! {
                            <th scope="rowgroup" rowspan=span.to_string() class="dir-name">
                                {format!("{}. ", d.number)}{tx(d.name.clone())}
                            </th>
                        }
                    });
                    view! {
                        <tr data-direction=d.number.to_string() data-year=r.year.to_string()>
                            {head}
                            <th scope="row" class="year">{r.year.to_string()}</th>
                            {figure_cells(r.execution)}
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <tbody class="direction-group">
                    {year_rows}
                    <tr class="subtotal-row" data-direction=d.number.to_string() data-year="total">
                        <th scope="row" class="year">{t(K::Total)}</th>
                        {figure_cells(total)}
                    </tr>
                </tbody>
            })
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="data-table direction-table" id="execution-directions">
                <caption>{t(K::DashExecByDirection)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(K::Direction)}</th>
                        <th scope="col">{t(K::Year)}</th>
                        {figure_heads()}
                    </tr>
                </thead>
                {body}
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::{Amount, DirectionId};

    #[test]
    fn the_chart_takes_the_all_directions_rows_in_year_order_with_exact_tooltips() {
        let a = |s: &str| Amount::parse(s).expect(s);
        let y = |v: i32| Year::new(v).expect("y");
        let row = |year: i32, direction: Option<i32>, planned: &str| ExecutionRow {
            year: y(year),
            direction: direction.map(DirectionId),
            execution: Execution::new(a(planned), a("10"), a("5.5")),
        };
        let rows = vec![
            row(2027, None, "264160"),
            row(2026, Some(1), "1"),
            row(2026, None, "247660"),
        ];
        let years = by_year(&rows);
        assert_eq!(
            years.iter().map(|(y, _)| y.get()).collect::<Vec<_>>(),
            vec![2026, 2027]
        );
        let groups = chart_groups(&years, Lang::Uk);
        assert_eq!(groups[0].label, "2026");
        assert_eq!(
            groups[0].bars[0].1,
            "2026 · Заплановано: 247\u{a0}660,0 тис. грн"
        );
        assert_eq!(groups[0].bars[2].1, "2026 · Виконано: 5,5 тис. грн");
        assert!((groups[1].bars[0].0 - 264_160.0).abs() < 1e-9);
    }
}
