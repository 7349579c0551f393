//! What is off track, with who is responsible: each item links to the thing itself (a measure, a report, an indicator's tile) and to the responsible organisation's dashboard.

use super::scope::{level_of_org, Scope};
use super::OrgIndex;
use crate::i18n::{in_both, t, tx, use_i18n, K};
use crate::pages::report::labels::period_label;
use crate::pages::reports::report_href;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::dashboard::{DashboardLevel, Trouble, TroubleKind};
use shared::api::orgs::OrgKind;
use shared::IndicatorId;
use wasm_bindgen::JsCast;

/// How many items show before "show all".
const FIRST: usize = 10;

/// Where an item leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A page of the app.
    Page(String),
    /// An indicator's tile on this dashboard.
    Tile(IndicatorId),
}

/// The thing an item is about: a measure's page, the missing report, the indicator's tile, or
/// a dashboard one level down.
pub fn target(t: &Trouble, here: Scope, tiles: &[IndicatorId]) -> Option<Target> {
    match (t.kind, t.link_level, t.link_id) {
        (TroubleKind::ReportMissing, _, _) => {
            let org = t.responsible.or(t.link_id.map(shared::OrgId))?;
            Some(Target::Page(report_href(org, t.period?)))
        }
        // The oblast's (or the level's) own indicator: its tile here.
        (TroubleKind::Indicator, None, Some(id)) => {
            let id = IndicatorId(id);
            tiles.contains(&id).then_some(Target::Tile(id))
        }
        (_, Some(DashboardLevel::Measure), Some(id)) => {
            Some(Target::Page(format!("/measures/{id}")))
        }
        // A community behind on an indicator, or another level: that level's dashboard.
        (_, Some(level), Some(id)) => Some(Target::Page(here.at(level, id).href())),
        _ => None,
    }
}

/// Scrolls to an indicator's tile and moves the focus there.
fn show_tile(id: IndicatorId) {
    if let Some(el) = document().get_element_by_id(&format!("indicator-{id}")) {
        el.scroll_into_view();
        if let Ok(html) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = html.focus();
        }
    }
}

#[component]
pub fn TroublesSection(
    troubles: Vec<Trouble>,
    /// How many there are in all (the list may be capped).
    in_all: u32,
    /// The indicators that have a tile on this dashboard.
    indicators: Vec<IndicatorId>,
    here: Scope,
    orgs: Signal<OrgIndex>,
) -> impl IntoView {
    let i18n = use_i18n();
    let show_all = RwSignal::new(false);
    let total = troubles.len();
    let list = move || {
        let shown = if show_all.get() { total } else { FIRST };
        troubles
            .iter()
            .take(shown)
            .map(|tr| item(tr.clone(), here, &indicators, orgs))
            .collect_view()
    };
    let more = (total > FIRST).then(|| {
        view! {
            <button
                type="button"
                class="btn btn-link"
                id="troubles-more"
                aria-expanded=move || show_all.get().to_string()
                on:click=move |_| show_all.update(|s| *s = !*s)
            >
                {move || {
                    let lang = i18n.lang();
                    if show_all.get() {
                        K::DashShowFewer.text(lang).to_string()
                    } else {
                        format!("{} ({total})", K::DashShowAll.text(lang))
                    }
                }}
            </button>
        }
    });
    let capped = (usize::try_from(in_all).unwrap_or(usize::MAX) > total).then(|| {
        view! {
            <p class="hint" id="troubles-capped">
                {move || {
                    K::DashTroublesListed
                        .fill(i18n.lang(), &[("shown", total.to_string().as_str()), ("all", in_all.to_string().as_str())])
                }}
            </p>
        }
    });
    let body = if total == 0 {
        view! { <p class="dash-all-well" id="troubles-none">{t(K::DashNoTroubles)}</p> }.into_any()
    } else {
        view! { <ul class="trouble-list" id="troubles-list">{list}</ul>{more}{capped} }.into_any()
    };
    view! {
        <section class="card dash-section troubles" id="troubles" aria-labelledby="troubles-title">
            <h2 id="troubles-title">{t(K::DashTroublesTitle)}</h2>
            {body}
        </section>
    }
}

fn item(tr: Trouble, here: Scope, tiles: &[IndicatorId], orgs: Signal<OrgIndex>) -> impl IntoView {
    let i18n = use_i18n();
    let kind = tr.kind;
    let kind_key = match kind {
        TroubleKind::Indicator => "indicator",
        TroubleKind::Measure => "measure",
        TroubleKind::ReportMissing => "report_missing",
        TroubleKind::LowExecution => "low_execution",
        TroubleKind::Overspent => "overspent",
    };
    // A missing report is named by its period as the app writes periods everywhere else.
    let name = match (kind, tr.period) {
        (TroubleKind::ReportMissing, Some(p)) => {
            in_both(|lang| format!("{} {}", K::DashReportFor.text(lang), period_label(p, lang)))
        }
        _ => tr.name.clone(),
    };
    let name_view = match target(&tr, here, tiles) {
        Some(Target::Page(href)) => view! { <A href=href attr:class="trouble-name">{tx(name)}</A> }.into_any(),
        Some(Target::Tile(id)) => view! {
            <a class="trouble-name" href=format!("{}#indicator-{id}", here.href()) on:click=move |ev| {
                ev.prevent_default();
                show_tile(id);
            }>{tx(name)}</a>
        }
        .into_any(),
        None => view! { <span class="trouble-name">{tx(name)}</span> }.into_any(),
    };
    let responsible = tr.responsible_name.clone().map(|rname| {
        let org = tr.responsible;
        let link = move || {
            let index = orgs.get();
            let found = org.and_then(|o| index.get(o).map(|s| (o, s.kind)));
            let name = tx(rname.clone());
            match found {
                Some((o, k)) if k != OrgKind::Oblast => {
                    let href = here.at(level_of_org(k), o.0).href();
                    view! { <A href=href attr:class="trouble-org">{name}</A> }.into_any()
                }
                _ => view! { <span class="trouble-org">{name}</span> }.into_any(),
            }
        };
        view! {
            <p class="trouble-who">
                <span class="trouble-who-label">{t(K::Responsible)}": "</span>{link}
            </p>
        }
    });
    let label = kind.label();
    view! {
        <li class=format!("trouble trouble-{kind_key}") data-kind=kind_key>
            <p class="trouble-what">
                <span class=format!("badge trouble-kind trouble-kind-{kind_key}")>{move || i18n.text(&label)}</span>
                " "{name_view}
            </p>
            <p class="trouble-detail">{tx(tr.detail.clone())}</p>
            {responsible}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::calendar::ReportPeriod;
    use shared::{OrgId, Text};

    fn trouble(kind: TroubleKind, level: Option<DashboardLevel>, id: Option<i32>) -> Trouble {
        Trouble {
            kind,
            name: Text::new("н", "n"),
            detail: Text::new("д", "d"),
            responsible: Some(OrgId(12)),
            responsible_name: Some(Text::new("Громада", "Community")),
            link_level: level,
            link_id: id,
            period: None,
        }
    }

    #[test]
    fn each_kind_leads_to_its_thing() {
        let here = Scope::OBLAST;
        let measure = trouble(TroubleKind::Measure, Some(DashboardLevel::Measure), Some(5));
        assert_eq!(
            target(&measure, here, &[]),
            Some(Target::Page("/measures/5".into()))
        );
        let mut missing = trouble(TroubleKind::ReportMissing, None, None);
        missing.period = ReportPeriod::parse("2026-Q2").ok();
        assert_eq!(
            target(&missing, here, &[]),
            Some(Target::Page("/reports/12/2026-Q2".into()))
        );
        let community = trouble(
            TroubleKind::Indicator,
            Some(DashboardLevel::Community),
            Some(12),
        );
        assert_eq!(
            target(&community, here, &[IndicatorId(12)]),
            Some(Target::Page("/dashboard?level=community&id=12".into())),
            "a community behind on an indicator leads to the community"
        );
        let indicator = trouble(TroubleKind::Indicator, None, Some(3));
        assert_eq!(
            target(&indicator, here, &[IndicatorId(3)]),
            Some(Target::Tile(IndicatorId(3)))
        );
        assert_eq!(target(&indicator, here, &[]), None, "no tile, no link");
        let low = trouble(
            TroubleKind::LowExecution,
            Some(DashboardLevel::Community),
            Some(12),
        );
        assert_eq!(
            target(&low, here, &[]),
            Some(Target::Page("/dashboard?level=community&id=12".into()))
        );
    }
}
