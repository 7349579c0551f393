//! The open portal's map of the 86 communities, coloured by budget execution or reporting compliance (the figures of `/api/public/orgs`), with its legend; each community opens its public page, and the table below the map holds the same figures.

use crate::components::charts::choropleth::{Choropleth, MapOutline};
use crate::components::charts::path::BBox;
use crate::i18n::{t, use_i18n, K};
use crate::pages::dashboard::figures::{percent_class, percent_text, MapClass, MapFigure};
use crate::pages::dashboard::map::{area_of, legend_items, short_name};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use shared::api::dashboard::MapShapes;
use shared::api::public::PublicOrg;
use shared::{Lang, OrgId};
use std::collections::HashMap;

/// The figures the public map offers: both are published for every community.
const FIGURES: [(MapFigure, K); 2] = [
    (MapFigure::Execution, K::DashFigureExecution),
    (MapFigure::Compliance, K::DashFigureCompliance),
];

/// A community's class and figure in words (no organisation: no data).
fn figure_of(figure: MapFigure, org: Option<&PublicOrg>, lang: Lang) -> (MapClass, String) {
    match org {
        Some(o) => {
            let execution = o.execution.layers();
            (
                percent_class(figure, &execution, &o.compliance),
                percent_text(figure, &execution, &o.compliance, lang),
            )
        }
        None => (MapClass::NoData, K::DashNoData.text(lang).to_string()),
    }
}

#[component]
pub fn PublicMap(shapes: MapShapes, orgs: Vec<PublicOrg>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let figure = RwSignal::new(MapFigure::Execution);
    let by_org: HashMap<OrgId, PublicOrg> = orgs.into_iter().map(|o| (o.org.id, o)).collect();
    let on_pick = Callback::new(move |org: i32| {
        navigate(&format!("/public/orgs/{org}"), NavigateOptions::default());
    });
    let bbox = BBox {
        min_x: 0.0,
        min_y: 0.0,
        max_x: f64::from(shapes.width),
        max_y: f64::from(shapes.height),
    };
    let communities = shapes.communities;
    let districts = shapes.districts;
    let counts_orgs = by_org.clone();
    let counts_communities = communities.clone();

    let map = move || {
        let (lang, f) = (i18n.lang(), figure.get());
        let areas = communities
            .iter()
            .map(|s| {
                let (class, text) = figure_of(f, by_org.get(&s.org), lang);
                area_of(s, class, &text, lang)
            })
            .collect();
        let outlines = districts
            .iter()
            .map(|d| MapOutline {
                path: d.path.clone(),
                label: Some((d.label_x, d.label_y, short_name(d.name.get(lang)))),
            })
            .collect();
        let label = FIGURES
            .iter()
            .find(|(x, _)| *x == f)
            .map_or("", |(_, k)| k.text(lang));
        view! {
            <Choropleth
                id="public-map"
                label=format!("{} — {label}", K::PublicMapTitle.text(lang))
                bbox=bbox
                areas=areas
                outlines=outlines
                area_labels=false
                on_pick=on_pick
            />
        }
    };
    let legend_view = move || {
        let (lang, f) = (i18n.lang(), figure.get());
        let mut counts: HashMap<MapClass, usize> = HashMap::new();
        for s in &counts_communities {
            *counts
                .entry(figure_of(f, counts_orgs.get(&s.org), lang).0)
                .or_insert(0) += 1;
        }
        legend_items(f, &counts, lang)
    };
    let options = FIGURES
        .into_iter()
        .map(|(f, k)| view! { <option value=f.key() selected=move || figure.get() == f>{t(k)}</option> })
        .collect_view();
    view! {
        <section class="card public-map" id="public-map-section" aria-labelledby="public-map-title">
            <h2 id="public-map-title">{t(K::PublicMapTitle)}</h2>
            <p class="hint">{t(K::PublicMapIntro)}</p>
            <div class="map-controls">
                <div class="field">
                    <label for="public-map-figure">{t(K::DashMapFigure)}</label>
                    <select id="public-map-figure" on:change=move |ev| {
                        if let Some(f) = MapFigure::parse(&event_target_value(&ev)) {
                            figure.set(f);
                        }
                    }>{options}</select>
                </div>
                // Every community is a tab stop: the table is one step away.
                <a class="btn btn-secondary btn-small" id="public-map-table-link" href="#public-orgs">
                    {t(K::PublicMapTableShow)}
                </a>
            </div>
            <div class="map-and-legend">
                <div class="map-frame">{map}</div>
                <ul class="map-legend" aria-label=t(K::DashMapLegend)>{legend_view}</ul>
            </div>
        </section>
    }
}
