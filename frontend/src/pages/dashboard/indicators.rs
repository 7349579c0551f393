//! Indicators: a tile per indicator with its status, actual against expected, achievement, who reported, and the trend per quarter.

use super::format::{quarter_short, value_or_dash, value_with_unit};
use crate::components::charts::scale::to_f64;
use crate::components::charts::trend::{TrendChart, TrendDatum};
use crate::components::indicator_status::IndicatorStatusBadge;
use crate::i18n::{t, tx, use_i18n, K};
use crate::pages::report::labels::period_label;
use leptos::prelude::*;
use shared::amount::format_percent;
use shared::api::dashboard::{IndicatorTile, TrendPoint};
use shared::calendar::ReportPeriod;
use shared::indicators::IndicatorUnit;
use shared::{Lang, Year};

/// The trend's points with their tooltips: "III квартал 2026 — фактично: 85 од.".
pub fn trend_data(trend: &[TrendPoint], unit: IndicatorUnit, lang: Lang) -> Vec<TrendDatum> {
    trend
        .iter()
        .map(|p| {
            let when = period_label(ReportPeriod::Quarter(p.quarter), lang);
            let said = |name: K, v: Option<rust_decimal::Decimal>| match v {
                Some(v) => format!(
                    "{when} — {}: {}",
                    name.text(lang),
                    value_with_unit(v, unit, lang)
                ),
                None => format!("{when} — {}: {}", name.text(lang), K::DashNoData.text(lang)),
            };
            let actual = p.actual.map(|a| a.value);
            TrendDatum {
                label: quarter_short(p.quarter, lang),
                actual: actual.map(to_f64),
                expected: p.expected.map(to_f64),
                actual_title: said(K::DashActual, actual),
                expected_title: said(K::DashExpected, p.expected),
            }
        })
        .collect()
}

#[component]
pub fn IndicatorsSection(tiles: Vec<IndicatorTile>, year: Year) -> impl IntoView {
    let body = if tiles.is_empty() {
        view! { <p class="muted">{t(K::DashNoIndicators)}</p> }.into_any()
    } else {
        let list = tiles
            .into_iter()
            .map(|tile| view! { <Tile tile=tile year=year/> })
            .collect_view();
        view! { <ul class="indicator-tiles">{list}</ul> }.into_any()
    };
    view! {
        <section class="card dash-section" id="indicators" aria-labelledby="indicators-title">
            <h2 id="indicators-title">{t(K::DashIndicatorsTitle)}</h2>
            <p class="hint">{t(K::DashIndicatorsHint)}</p>
            {body}
        </section>
    }
}

#[component]
fn Tile(tile: IndicatorTile, year: Year) -> impl IntoView {
    let i18n = use_i18n();
    let unit = tile.unit;
    let id = tile.indicator_id;
    let title_id = format!("indicator-{id}-name");
    let figures = {
        let tile = tile.clone();
        move || {
            let lang = i18n.lang();
            let value = |v: Option<rust_decimal::Decimal>| {
                v.map_or_else(|| "—".to_string(), |v| value_with_unit(v, unit, lang))
            };
            let as_of = tile
                .actual
                .map(|a| format!(" ({})", period_label(ReportPeriod::Quarter(a.as_of), lang)));
            view! {
                <dl class="tile-figures">
                    <div data-figure="actual">
                        <dt>{K::DashActual.text(lang)}</dt>
                        <dd><strong>{value(tile.actual.map(|a| a.value))}</strong>{as_of}</dd>
                    </div>
                    <div data-figure="expected">
                        <dt>{K::DashExpected.text(lang)}</dt>
                        <dd>{value(tile.expected)}</dd>
                    </div>
                    <div data-figure="achievement">
                        <dt>{K::DashAchievement.text(lang)}</dt>
                        <dd>{format_percent(tile.achievement, lang)}</dd>
                    </div>
                    <div data-figure="target">
                        <dt>{format!("{} {year}", K::DashTarget.text(lang))}</dt>
                        <dd>{value(tile.target)}</dd>
                    </div>
                    <div data-figure="reported">
                        <dt>{K::DashReported.text(lang)}</dt>
                        <dd>{format!("{} {} {}", tile.reported, K::DashOf.text(lang), tile.reporters)}</dd>
                    </div>
                </dl>
            }
        }
    };
    let trend = tile.trend.clone();
    let chart_trend = trend.clone();
    let name = tile.name.clone();
    let chart = move || {
        let lang = i18n.lang();
        (!chart_trend.is_empty()).then(|| {
            view! {
                <TrendChart
                    label=format!("{} — {}", K::DashTrend.text(lang), name.get(lang))
                    points=trend_data(&chart_trend, unit, lang)
                    actual_name=K::DashActual.text(lang).to_string()
                    expected_name=K::DashExpected.text(lang).to_string()
                    lang=lang
                />
            }
        })
    };
    let rows = trend
        .into_iter()
        .map(|p| {
            let actual = p.actual.map(|a| a.value);
            view! {
                <tr data-quarter=p.quarter.to_string()>
                    <th scope="row">{move || period_label(ReportPeriod::Quarter(p.quarter), i18n.lang())}</th>
                    <td class="num">{move || value_or_dash(actual, unit, i18n.lang())}</td>
                    <td class="num">{move || value_or_dash(p.expected, unit, i18n.lang())}</td>
                    <td><IndicatorStatusBadge status=p.status/></td>
                </tr>
            }
        })
        .collect_view();
    let computed = tile
        .is_computed
        .then(|| view! { <span class="badge badge-computed">{t(K::DashComputed)}</span> });
    let responsible = tile
        .responsible
        .clone()
        .map(|r| view! { <p class="tile-responsible">{t(K::Responsible)}": "{tx(r)}</p> });
    view! {
        <li
            class=format!("indicator-tile tile-{}", crate::components::indicator_status::status_key(tile.status))
            id=format!("indicator-{id}")
            data-code=tile.code.clone()
            aria-labelledby=format!("indicator-{id}-name")
            tabindex="-1"
        >
            <div class="tile-head">
                <h3 id=title_id>{tx(tile.name.clone())}" "{computed}</h3>
                <IndicatorStatusBadge status=tile.status/>
            </div>
            {figures}
            {responsible}
            {chart}
            <details class="tile-numbers">
                <summary>{t(K::DashTrendNumbers)}</summary>
                <div class="table-scroll">
                    <table class="data-table compact">
                        <thead>
                            <tr>
                                <th scope="col">{t(K::DashQuarterCol)}</th>
                                <th scope="col" class="num">{t(K::DashActual)}</th>
                                <th scope="col" class="num">{t(K::DashExpected)}</th>
                                <th scope="col">{t(K::StateLabel)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </details>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use shared::indicators::{Actual, IndicatorStatus};
    use shared::Quarter;

    #[test]
    fn trend_points_keep_gaps_and_say_their_figures() {
        let q = |n: u8| Quarter::new(Year::new(2026).expect("y"), n).expect("q");
        let trend = vec![
            TrendPoint {
                quarter: q(1),
                actual: Some(Actual {
                    value: Decimal::from(83),
                    as_of: q(1),
                }),
                expected: Some(Decimal::from(85)),
                status: IndicatorStatus::AtRisk,
            },
            TrendPoint {
                quarter: q(2),
                actual: None,
                expected: Some(Decimal::from(86)),
                status: IndicatorStatus::NoData,
            },
        ];
        let data = trend_data(&trend, IndicatorUnit::Count, Lang::Uk);
        assert_eq!(data[0].label, "I'26");
        assert_eq!(data[0].actual, Some(83.0));
        assert_eq!(data[0].actual_title, "I квартал 2026 — Фактично: 83 од.");
        assert_eq!(data[1].actual, None);
        assert!(
            data[1].actual_title.ends_with("Немає даних"),
            "{}",
            data[1].actual_title
        );
    }
}
