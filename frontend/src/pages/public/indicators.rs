//! `/public/indicators`: the programme's indicators — baseline, the target for the year, the
//! oblast's actual from approved reports, its status and unit.

use super::PublicFrame;
use crate::api;
use crate::components::indicator_status::IndicatorStatusBadge;
use crate::components::resource_view::ResourceView;
use crate::i18n::{t, tx, use_i18n, K};
use crate::pages::dashboard::format::value_or_dash;
use crate::pages::report::labels::period_label;
use leptos::prelude::*;
use shared::api::public::{PublicIndicator, PublicIndicators};
use shared::calendar::ReportPeriod;
use shared::indicators::IndicatorStatus;
use shared::period::Quarter;
use shared::Year;

#[component]
pub fn PublicIndicatorsPage() -> impl IntoView {
    let indicators = LocalResource::new(api::public_indicators);
    view! {
        <PublicFrame title=K::PublicIndicatorsTitle intro=K::PublicIndicatorsIntro title_id="public-indicators-title">
            <ResourceView resource=indicators let:list>
                <IndicatorsTable list=list/>
            </ResourceView>
        </PublicFrame>
    }
}

#[component]
fn IndicatorsTable(list: PublicIndicators) -> impl IntoView {
    let i18n = use_i18n();
    let quarter = Quarter::parse(&list.quarter).ok();
    let year = quarter.map(|q| q.year);
    let figures_for = quarter.map(|q| {
        view! {
            <p class="hint" id="public-indicators-quarter">
                {t(K::PublicFiguresFor)}": "{move || period_label(ReportPeriod::Quarter(q), i18n.lang())}
            </p>
        }
    });
    if list.indicators.is_empty() {
        return view! { <p class="muted">{t(K::PublicNoIndicators)}</p> }.into_any();
    }
    let rows = list
        .indicators
        .into_iter()
        .map(|i| view! { <IndicatorRow indicator=i year=year/> })
        .collect_view();
    let target_head = move || {
        let lang = i18n.lang();
        let year = year.map(|y| format!(" {y}")).unwrap_or_default();
        format!("{}{year}", K::PublicTargetCol.text(lang))
    };
    view! {
        <section class="card">
            {figures_for}
            <div class="table-scroll"><table class="data-table" id="public-indicators">
                <thead>
                    <tr>
                        <th scope="col">{t(K::PublicIndicatorCol)}</th>
                        <th scope="col">{t(K::PublicUnitCol)}</th>
                        <th scope="col" class="num">{t(K::PublicBaselineCol)}</th>
                        <th scope="col" class="num">{target_head}</th>
                        <th scope="col" class="num">{t(K::PublicActualCol)}</th>
                        <th scope="col">{t(K::PublicStatusCol)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table></div>
        </section>
    }
    .into_any()
}

#[component]
fn IndicatorRow(indicator: PublicIndicator, year: Option<Year>) -> impl IntoView {
    let i18n = use_i18n();
    let ind = indicator.indicator;
    let unit = ind.unit;
    let baseline = ind.baseline;
    let target = ind
        .targets
        .iter()
        .find(|t| Some(t.year) == year)
        .map(|t| t.value);
    let tile = indicator.oblast;
    let actual = tile.as_ref().and_then(|t| t.actual);
    let status = tile.as_ref().map_or(IndicatorStatus::NoData, |t| t.status);
    let unit_label = unit.label();
    let code = indicator.code;
    let data_code = code.clone();
    view! {
        <tr class="indicator-row" data-code=data_code>
            <th scope="row">{code}" "{tx(ind.name)}</th>
            <td>{move || i18n.text(&unit_label)}</td>
            <td class="num">
                {move || value_or_dash(Some(baseline.value), unit, i18n.lang())}
                <br/><span class="muted">{move || baseline.date.format(i18n.lang())}</span>
            </td>
            <td class="num">{move || value_or_dash(target, unit, i18n.lang())}</td>
            <td class="num">
                {move || value_or_dash(actual.map(|a| a.value), unit, i18n.lang())}
                {actual.map(|a| view! {
                    <br/><span class="muted">{move || period_label(ReportPeriod::Quarter(a.as_of), i18n.lang())}</span>
                })}
            </td>
            <td><IndicatorStatusBadge status=status/></td>
        </tr>
    }
}
