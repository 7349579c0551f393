//! The dashboard's head: the drill-down path, the level's name, the assessed quarter, and the figures at a glance.

use super::format::level_label;
use super::scope::Scope;
use crate::i18n::{t, tx, use_i18n, K};
use crate::pages::report::labels::{date_text, period_label};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use shared::amount::format_percent;
use shared::api::dashboard::{Crumb, Dashboard, DashboardLevel};
use shared::calendar::ReportPeriod;
use shared::i18n::words::ITEMS;
use shared::indicators::IndicatorStatus;
use shared::{FundingSource, Quarter, Text, Year};

/// The quarters one may assess: every quarter of the programme up to the latest ended one
/// (and the one shown, should the server pick another).
pub fn quarter_choices(latest: Option<Quarter>, shown: Quarter) -> Vec<Quarter> {
    let last = latest.map_or(shown, |l| l.max(shown));
    Year::all()
        .flat_map(|y| (1..=4).filter_map(move |q| Quarter::new(y, q).ok()))
        .filter(|q| *q <= last)
        .collect()
}

/// The breadcrumb's steps, as the server names them (a district's own measures are a step of
/// their own under the district).
pub fn crumbs(path: &[Crumb]) -> Vec<(DashboardLevel, i32, Text)> {
    path.iter()
        .map(|c| (c.level, c.id, c.name.clone()))
        .collect()
}

#[component]
pub fn DashHead(dash: Dashboard, here: Scope) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let path = crumbs(&dash.path);
    let last = path.len().saturating_sub(1);
    let crumbs = path
        .into_iter()
        .enumerate()
        .map(|(i, (level, id, name))| {
            let name = move || name.get(i18n.lang()).to_string();
            let kind = level_label(level);
            let kind = move || format!("{}: ", K::text(kind, i18n.lang()));
            if i == last {
                view! {
                    <li aria-current="page" data-level=level.as_str()>
                        <span class="visually-hidden">{kind}</span>{name}
                    </li>
                }
                .into_any()
            } else {
                let href = here.at(level, id).href();
                view! {
                    <li data-level=level.as_str()>
                        <A href=href><span class="visually-hidden">{kind}</span>{name}</A>
                    </li>
                }
                .into_any()
            }
        })
        .collect_view();
    let latest = ReportPeriod::latest_ended_quarter(dash.today);
    let options = quarter_choices(latest, dash.quarter)
        .into_iter()
        .rev()
        .map(|q| {
            let selected = q == dash.quarter;
            view! {
                <option value=q.to_string() selected=selected>
                    {move || period_label(ReportPeriod::Quarter(q), i18n.lang())}
                </option>
            }
        })
        .collect_view();
    let on_quarter = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Ok(q) = Quarter::parse(&value) {
            navigate(
                &Scope {
                    quarter: Some(q),
                    ..here
                }
                .href(),
                NavigateOptions::default(),
            );
        }
    };
    let sources = std::iter::once(None)
        .chain(FundingSource::ALL.into_iter().map(Some))
        .map(|s| {
            let value = s.map_or("", FundingSource::as_str);
            let label = move || match s {
                Some(s) => s.label().get(i18n.lang()).to_string(),
                None => K::text(K::DashSourceAll, i18n.lang()).to_string(),
            };
            view! { <option value=value selected=s == dash.source>{label}</option> }
        })
        .collect_view();
    let navigate_source = use_navigate();
    let on_source = move |ev: leptos::ev::Event| {
        let source = FundingSource::parse(&event_target_value(&ev));
        navigate_source(&here.of_source(source).href(), NavigateOptions::default());
    };
    let measure_link = (dash.level == DashboardLevel::Measure).then(|| {
        view! {
            <p class="dash-measure-link">
                <A href=format!("/measures/{}", dash.id)>{t(K::DashOpenMeasure)}</A>
            </p>
        }
    });
    let today = dash.today;
    let own_of_district = dash.level == DashboardLevel::Community
        && dash
            .path
            .iter()
            .any(|c| c.level == DashboardLevel::District && c.id == dash.id);
    let level = if own_of_district {
        K::DashDistrictOwn
    } else {
        level_label(dash.level)
    };
    view! {
        <nav class="breadcrumb" aria-label=t(K::DashPath) id="dash-path">
            <ol>{crumbs}</ol>
        </nav>
        <div class="page-head dash-head">
            <div>
                <h1 id="dash-heading" data-level=dash.level.as_str() data-id=dash.id.to_string()>
                    {tx(dash.name.clone())}
                </h1>
                <p class="dash-meta">
                    <span class="dash-level">{t(level)}</span>
                    " · "
                    {t(K::DashToday)}" "
                    <time datetime=today.to_string()>{move || date_text(today, i18n.lang())}</time>
                </p>
                {measure_link}
            </div>
            <div class="dash-filters">
                <div class="field dash-quarter">
                    <label for="dash-quarter">{t(K::DashQuarter)}</label>
                    <select id="dash-quarter" on:change=on_quarter>{options}</select>
                    <span class="hint">{t(K::DashQuarterHint)}</span>
                </div>
                <div class="field dash-source">
                    <label for="dash-source">{t(K::DashSource)}</label>
                    <select id="dash-source" on:change=on_source>{sources}</select>
                    <span class="hint">{t(K::DashSourceHint)}</span>
                </div>
            </div>
        </div>
    }
}

/// One figure of the strip at the top: its name, the figure and what it is out of.
fn glance(
    id: &'static str,
    name: K,
    figure: String,
    sub: String,
    tone: &'static str,
) -> impl IntoView {
    view! {
        <div class=format!("glance glance-{tone}") id=id>
            <dt>{t(name)}</dt>
            <dd>
                <span class="glance-figure">{figure}</span>
                <span class="glance-sub">{sub}</span>
            </dd>
        </div>
    }
}

/// Executed of approved, approved of planned, indicators on track, reports on time, and how
/// many things are behind.
#[component]
pub fn AtAGlance(dash: Dashboard) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang();
        let total = dash.total;
        let of = K::DashOf.text(lang);
        // "executed of approved" and "approved of planned": a share and the two amounts.
        let share = |id, name, pct, part: shared::Amount, whole: shared::Amount| {
            let amounts = format!(
                "{} {of} {} {}",
                part.format_table(lang),
                whole.format_table(lang),
                K::ThousandUah.text(lang)
            );
            glance(id, name, format_percent(pct, lang), amounts, "plain")
        };
        let executed = share(
            "glance-executed",
            K::DashExecutedShare,
            total.executed_percent(),
            total.executed,
            total.approved,
        );
        let approved = share(
            "glance-approved",
            K::DashApprovedShare,
            total.approved_percent(),
            total.approved,
            total.planned,
        );
        let on_track = dash
            .indicators
            .iter()
            .filter(|i| i.status == IndicatorStatus::OnTrack)
            .count();
        let behind = dash
            .indicators
            .iter()
            .filter(|i| {
                matches!(
                    i.status,
                    IndicatorStatus::OffTrack | IndicatorStatus::AtRisk
                )
            })
            .count();
        let indicators = glance(
            "glance-indicators",
            K::DashIndicatorsOnTrack,
            if dash.indicators.is_empty() {
                "—".to_string()
            } else {
                format!("{on_track} {of} {}", dash.indicators.len())
            },
            format!("{} {behind}", K::DashBehindCount.text(lang)),
            if behind > 0 { "warn" } else { "plain" },
        );
        let c = dash.compliance_total;
        let reports = glance(
            "glance-reports",
            K::DashReportsOnTime,
            format_percent(c.on_time_percent(), lang),
            format!(
                "{} {of} {} · {} {} · {} {}",
                c.on_time,
                c.due(),
                K::DashLateWord.text(lang),
                c.late,
                K::DashMissingWord.text(lang),
                c.missing
            ),
            if c.missing > 0 { "warn" } else { "plain" },
        );
        let troubles = glance(
            "glance-troubles",
            K::DashTroublesCount,
            dash.troubles_total.to_string(),
            K::DashTroublesSub.fill(
                lang,
                &[("items", ITEMS.word(i64::from(dash.troubles_total), lang))],
            ),
            if dash.troubles_total == 0 {
                "ok"
            } else {
                "bad"
            },
        );
        view! {
            <dl class="at-a-glance" aria-label=K::DashAtAGlance.text(lang)>
                {executed}{approved}{indicators}{reports}{troubles}
            </dl>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(y: i32, n: u8) -> Quarter {
        Quarter::new(Year::new(y).expect("y"), n).expect("q")
    }

    #[test]
    fn quarters_run_from_the_first_to_the_latest_ended() {
        assert_eq!(
            quarter_choices(Some(q(2026, 3)), q(2026, 3)),
            vec![q(2026, 1), q(2026, 2), q(2026, 3)]
        );
        // Before any quarter has ended, the one the server shows is still offered.
        assert_eq!(quarter_choices(None, q(2026, 1)), vec![q(2026, 1)]);
        assert_eq!(quarter_choices(Some(q(2028, 4)), q(2026, 1)).len(), 12);
    }

    fn crumb(level: DashboardLevel, id: i32, name: &str) -> Crumb {
        Crumb {
            level,
            id,
            name: Text::new(name, name),
        }
    }

    #[test]
    fn the_breadcrumb_follows_the_servers_path() {
        let path = [
            crumb(DashboardLevel::Oblast, 0, "Область"),
            crumb(DashboardLevel::District, 3, "Дніпровський район"),
            crumb(DashboardLevel::Community, 3, "Власні заходи району"),
        ];
        let steps: Vec<(DashboardLevel, i32, String)> = crumbs(&path)
            .into_iter()
            .map(|(l, i, t)| (l, i, t.uk))
            .collect();
        assert_eq!(
            steps[2],
            (
                DashboardLevel::Community,
                3,
                "Власні заходи району".to_string()
            )
        );
        assert_eq!(steps.len(), 3);
    }
}
