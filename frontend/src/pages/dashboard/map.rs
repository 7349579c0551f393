//! The map of communities coloured by a chosen figure, with its legend and a table of the same figures; a click or Enter opens a community.

use super::figures::{class_of, figure_text, legend, MapClass, MapFigure};
use super::scope::Scope;
use crate::components::charts::choropleth::{Choropleth, MapArea, MapOutline};
use crate::components::charts::path::{paths_bbox, BBox};
use crate::components::charts::patterns::Swatch;
use crate::components::loading::Loading;
use crate::i18n::{t, use_i18n, K};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use shared::api::dashboard::{
    ChildRow, Dashboard, DashboardLevel, IndicatorTile, MapShape, MapShapes,
};
use shared::i18n::words::COMMUNITIES;
use shared::{ApiErrorBody, IndicatorId, Lang, OrgId};
use std::collections::{BTreeSet, HashMap};

/// The indicators that have a status per community, for the figure select.
pub fn indicator_choices(rows: &[ChildRow], tiles: &[IndicatorTile]) -> Vec<IndicatorId> {
    let with_status: BTreeSet<IndicatorId> = rows
        .iter()
        .flat_map(|r| r.indicator_status.iter().map(|(id, _)| *id))
        .collect();
    // In the tiles' order where there is a tile, the rest after it.
    let mut out: Vec<IndicatorId> = tiles
        .iter()
        .map(|t| t.indicator_id)
        .filter(|id| with_status.contains(id))
        .collect();
    out.extend(
        with_status
            .iter()
            .filter(|id| !out.contains(id))
            .copied()
            .collect::<Vec<_>>(),
    );
    out
}

/// Which shapes to draw and where to look: the whole oblast, or only a district's communities.
pub fn visible(
    shapes: &MapShapes,
    dash_level: DashboardLevel,
    dash_id: i32,
    rows: &[ChildRow],
) -> (Vec<MapShape>, Vec<MapShape>, BBox) {
    let whole = BBox {
        min_x: 0.0,
        min_y: 0.0,
        max_x: f64::from(shapes.width),
        max_y: f64::from(shapes.height),
    };
    if dash_level != DashboardLevel::District {
        return (shapes.communities.clone(), shapes.districts.clone(), whole);
    }
    let ids: BTreeSet<OrgId> = rows.iter().map(|r| OrgId(r.id)).collect();
    let communities: Vec<MapShape> = shapes
        .communities
        .iter()
        .filter(|s| ids.contains(&s.org))
        .cloned()
        .collect();
    let districts: Vec<MapShape> = shapes
        .districts
        .iter()
        .filter(|d| d.org == OrgId(dash_id))
        .cloned()
        .collect();
    let bbox = paths_bbox(communities.iter().map(|c| c.path.as_str()))
        .or_else(|| paths_bbox(districts.iter().map(|d| d.path.as_str())))
        .map_or(whole, |b| b.padded(0.04));
    (communities, districts, bbox)
}

/// Per class, how many communities are in it.
pub fn class_counts(
    figure: MapFigure,
    shapes: &[MapShape],
    rows: &HashMap<OrgId, ChildRow>,
) -> HashMap<MapClass, usize> {
    let mut counts = HashMap::new();
    for s in shapes {
        *counts
            .entry(class_of(figure, rows.get(&s.org)))
            .or_insert(0) += 1;
    }
    counts
}

fn figure_name(figure: MapFigure, tiles: &[IndicatorTile], lang: Lang) -> String {
    match figure {
        MapFigure::Execution => K::DashFigureExecution.text(lang).to_string(),
        MapFigure::Compliance => K::DashFigureCompliance.text(lang).to_string(),
        MapFigure::Indicator(id) => {
            let name = tiles
                .iter()
                .find(|t| t.indicator_id == id)
                .map_or_else(|| format!("#{id}"), |t| t.name.get(lang).to_string());
            format!("{}: {name}", K::DashFigureIndicator.text(lang))
        }
    }
}

#[component]
pub fn MapSection(
    dash: Dashboard,
    here: Scope,
    shapes: LocalResource<Result<MapShapes, ApiErrorBody>>,
    figure: RwSignal<MapFigure>,
) -> impl IntoView {
    let tiles = dash.indicators;
    let rows = dash.map;
    let (level, id) = (dash.level, dash.id);
    let content = move || {
        match shapes.get() {
        Some(Ok(shapes)) => view! {
            <MapBody shapes=shapes rows=rows.clone() tiles=tiles.clone() level=level id=id here=here figure=figure/>
        }
        .into_any(),
        Some(Err(e)) => view! { <crate::components::error_view::ErrorView error=e/> }.into_any(),
        None => view! { <Loading/> }.into_any(),
    }
    };
    view! {
        <section class="card dash-section map-section" id="map-section" aria-labelledby="map-title">
            <h2 id="map-title">{t(K::DashMapTitle)}</h2>
            {content}
        </section>
    }
}

#[component]
fn MapBody(
    shapes: MapShapes,
    rows: Vec<ChildRow>,
    tiles: Vec<IndicatorTile>,
    level: DashboardLevel,
    id: i32,
    here: Scope,
    figure: RwSignal<MapFigure>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let choices = indicator_choices(&rows, &tiles);
    // A figure chosen at another level that does not exist here falls back to execution.
    if let MapFigure::Indicator(i) = figure.get_untracked() {
        if !choices.contains(&i) {
            figure.set(MapFigure::Execution);
        }
    }
    let (communities, districts, bbox) = visible(&shapes, level, id, &rows);
    let by_org: HashMap<OrgId, ChildRow> = rows.into_iter().map(|r| (OrgId(r.id), r)).collect();
    let show_table = RwSignal::new(false);
    let on_pick = Callback::new(move |org: i32| {
        navigate(
            &here.at(DashboardLevel::Community, org).href(),
            NavigateOptions::default(),
        );
    });

    let select_tiles = tiles.clone();
    let header_tiles = tiles.clone();
    let options = move || {
        let lang = i18n.lang();
        let mut all = vec![MapFigure::Execution, MapFigure::Compliance];
        all.extend(choices.iter().map(|i| MapFigure::Indicator(*i)));
        all.into_iter()
            .map(|f| {
                view! {
                    <option value=f.key() selected=move || figure.get() == f>
                        {figure_name(f, &select_tiles, lang)}
                    </option>
                }
            })
            .collect_view()
    };
    let on_figure = move |ev: leptos::ev::Event| {
        if let Some(f) = MapFigure::parse(&event_target_value(&ev)) {
            figure.set(f);
        }
    };

    let map_communities = communities.clone();
    let map_rows = by_org.clone();
    let map = move || {
        let lang = i18n.lang();
        let f = figure.get();
        let areas = map_communities
            .iter()
            .map(|s| {
                let row = map_rows.get(&s.org);
                area_of(s, class_of(f, row), &figure_text(f, row, lang), lang)
            })
            .collect();
        let outlines = districts
            .iter()
            .map(|d| MapOutline {
                path: d.path.clone(),
                // District names help at the oblast's scale; a district's own map names its communities.
                label: (level == DashboardLevel::Oblast)
                    .then(|| (d.label_x, d.label_y, short_name(d.name.get(lang)))),
            })
            .collect();
        view! {
            <Choropleth
                id="community-map"
                label=format!("{} — {}", K::DashMapTitle.text(lang), figure_name(f, &tiles, lang))
                bbox=bbox
                areas=areas
                outlines=outlines
                area_labels=level == DashboardLevel::District
                on_pick=on_pick
            />
        }
    };

    let legend_communities = communities.clone();
    let legend_rows = by_org.clone();
    let legend_view = move || {
        let lang = i18n.lang();
        let f = figure.get();
        legend_items(f, &class_counts(f, &legend_communities, &legend_rows), lang)
    };

    let table_rows = move || {
        let lang = i18n.lang();
        let f = figure.get();
        let mut list: Vec<&MapShape> = communities.iter().collect();
        list.sort_by_key(|s| super::children::collation_key(s.name.get(lang)));
        list.into_iter()
            .map(|s| {
                let row = by_org.get(&s.org);
                let class = class_of(f, row);
                let org = s.org.0;
                let href = here.at(DashboardLevel::Community, org).href();
                view! {
                    <tr data-org=s.org.to_string() data-class=class.css()>
                        <th scope="row"><a href=href on:click=move |ev| {
                            ev.prevent_default();
                            on_pick.run(org);
                        }>{s.name.get(lang).to_string()}</a></th>
                        <td class="code">{s.code.clone()}</td>
                        <td>{figure_text(f, row, lang)}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <div class="map-controls">
            <div class="field">
                <label for="map-figure">{t(K::DashMapFigure)}</label>
                <select id="map-figure" on:change=on_figure>{options}</select>
            </div>
            <button
                type="button"
                class="btn btn-secondary btn-small"
                id="map-table-toggle"
                aria-controls="map-table"
                aria-expanded=move || show_table.get().to_string()
                on:click=move |_| show_table.update(|s| *s = !*s)
            >
                {t(K::DashMapTable)}
            </button>
        </div>
        <p class="hint">{t(K::DashMapHint)}</p>
        <div class="map-and-legend">
            // Every community is a tab stop: keyboard users may pass the map in one step.
            <button type="button" class="skip-map" id="map-skip" on:click=move |_| focus_legend()>
                {t(K::DashSkipMap)}
            </button>
            <div class="map-frame">{map}</div>
            <ul class="map-legend" id="map-legend" tabindex="-1" aria-label=t(K::DashMapLegend)>{legend_view}</ul>
        </div>
        <div class="table-scroll" hidden=move || !show_table.get()>
            <table class="data-table map-table" id="map-table">
                <caption>{t(K::DashMapTableCaption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(K::DashLevelCommunity)}</th>
                        <th scope="col">{t(K::Code)}</th>
                        <th scope="col">{move || figure_name(figure.get(), &header_tiles, i18n.lang())}</th>
                    </tr>
                </thead>
                <tbody>{table_rows}</tbody>
            </table>
        </div>
    }
}

/// A community on the map: its outline filled by its class, named with its figure.
pub fn area_of(shape: &MapShape, class: MapClass, figure: &str, lang: Lang) -> MapArea {
    let name = shape.name.get(lang);
    MapArea {
        id: shape.org.0,
        path: shape.path.clone(),
        class: class.css().to_string(),
        title: format!("{name}: {figure}"),
        name: short_name(name),
        label_x: shape.label_x,
        label_y: shape.label_y,
    }
}

/// The legend's items: each class's swatch, its words and how many communities are in it.
pub fn legend_items(
    figure: MapFigure,
    counts: &HashMap<MapClass, usize>,
    lang: Lang,
) -> impl IntoView {
    legend(figure, lang)
        .into_iter()
        .map(|(class, words)| {
            let n = counts.get(&class).copied().unwrap_or(0);
            view! {
                <li data-class=class.css() data-count=n.to_string()>
                    <Swatch class=format!("map-area {}", class.css())/>
                    <span class="legend-words">{words}</span>
                    <span class="legend-count">{COMMUNITIES.count(i64::try_from(n).unwrap_or(i64::MAX), lang)}</span>
                </li>
            }
        })
        .collect_view()
}

/// Moves the focus past the map's communities, to its legend.
fn focus_legend() {
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .get_element_by_id("map-legend")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// A name as the map writes it, without the kind the map makes plain: "Дніпровський район" →
/// "Дніпровський", "Ляшківська сільська громада" → "Ляшківська".
pub fn short_name(name: &str) -> String {
    const KINDS: [&str; 8] = [
        " район",
        " raion",
        " міська громада",
        " селищна громада",
        " сільська громада",
        " urban hromada",
        " settlement hromada",
        " rural hromada",
    ];
    KINDS
        .iter()
        .find_map(|k| name.strip_suffix(k))
        .unwrap_or(name)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::dashboard::ComplianceCounts;
    use shared::api::orgs::OrgKind;
    use shared::execution::Execution;
    use shared::indicators::IndicatorStatus;
    use shared::Text;

    fn shape(org: i32, path: &str) -> MapShape {
        MapShape {
            org: OrgId(org),
            code: format!("UA{org}"),
            name: Text::new(format!("Громада {org}"), format!("Community {org}")),
            path: path.into(),
            label_x: 0,
            label_y: 0,
        }
    }

    fn row(id: i32, status: Option<(i32, IndicatorStatus)>) -> ChildRow {
        ChildRow {
            level: DashboardLevel::Community,
            id,
            name: Text::new("Г", "C"),
            kind: Some(OrgKind::Community),
            code: None,
            execution: Execution::default(),
            compliance: ComplianceCounts::default(),
            latest_report: None,
            indicators: vec![],
            indicator_status: status
                .map(|(i, s)| (IndicatorId(i), s))
                .into_iter()
                .collect(),
            execution_status: None,
        }
    }

    fn shapes() -> MapShapes {
        MapShapes {
            width: 1000,
            height: 800,
            communities: vec![
                shape(1, "M100 100L200 100L200 200Z"),
                shape(2, "M200 100L300 150L250 250Z"),
                shape(3, "M800 700L900 700L900 790Z"),
            ],
            districts: vec![
                shape(10, "M90 90L310 90L310 260Z"),
                shape(11, "M700 600L990 790Z"),
            ],
        }
    }

    #[test]
    fn a_district_map_shows_only_its_communities_zoomed_to_them() {
        let rows = vec![row(1, None), row(2, None)];
        let (c, d, bbox) = visible(&shapes(), DashboardLevel::District, 10, &rows);
        assert_eq!(c.iter().map(|s| s.org.0).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(d.iter().map(|s| s.org.0).collect::<Vec<_>>(), vec![10]);
        // 100..300 × 100..250, padded by 4 % of 200.
        assert_eq!(bbox.view_box(), "92 92 216 166");
        let (c, d, bbox) = visible(&shapes(), DashboardLevel::Oblast, 0, &[]);
        assert_eq!((c.len(), d.len()), (3, 2));
        assert_eq!(bbox.view_box(), "0 0 1000 800");
    }

    #[test]
    fn the_legend_counts_every_community_including_those_without_data() {
        let by_org: HashMap<OrgId, ChildRow> = [
            row(1, Some((7, IndicatorStatus::OffTrack))),
            row(2, Some((7, IndicatorStatus::OnTrack))),
        ]
        .into_iter()
        .map(|r| (OrgId(r.id), r))
        .collect();
        let counts = class_counts(
            MapFigure::Indicator(IndicatorId(7)),
            &shapes().communities,
            &by_org,
        );
        assert_eq!(counts.get(&MapClass::Band(0)), Some(&1));
        assert_eq!(counts.get(&MapClass::Band(3)), Some(&1));
        assert_eq!(counts.get(&MapClass::NoData), Some(&1));
        let rows: Vec<ChildRow> = by_org.into_values().collect();
        assert_eq!(indicator_choices(&rows, &[]), vec![IndicatorId(7)]);
        assert_eq!(short_name("Дніпровський район"), "Дніпровський");
        assert_eq!(short_name("Ляшківська сільська громада"), "Ляшківська");
        assert_eq!(short_name("Pidhorodnenska urban hromada"), "Pidhorodnenska");
        assert_eq!(short_name("КП «ГІКНВЦ»"), "КП «ГІКНВЦ»");
    }
}
