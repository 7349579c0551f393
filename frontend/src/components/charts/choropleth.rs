//! A choropleth map in SVG: areas filled by class, each one focusable with its name and figure, outlines drawn on top.

use super::path::BBox;
use super::scale::px;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

/// One area (a community): its outline, fill class, tooltip and where its label goes.
#[derive(Debug, Clone, PartialEq)]
pub struct MapArea {
    pub id: i32,
    pub path: String,
    /// A fill class (`map-c0` … `map-none`).
    pub class: String,
    /// The tooltip and accessible name: "Name: figure".
    pub title: String,
    pub name: String,
    pub label_x: i32,
    pub label_y: i32,
}

/// An outline drawn over the areas (a district), with an optional label.
#[derive(Debug, Clone, PartialEq)]
pub struct MapOutline {
    pub path: String,
    pub label: Option<(i32, i32, String)>,
}

#[component]
pub fn Choropleth(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    /// The part of the map to show (the view box).
    bbox: BBox,
    areas: Vec<MapArea>,
    outlines: Vec<MapOutline>,
    /// Whether each area's name is written on the map (a district's few communities).
    area_labels: bool,
    /// Called with an area's id on click or Enter.
    on_pick: Callback<i32>,
) -> impl IntoView {
    // Sizes in view-box units, so hatching and text look the same at every zoom.
    let unit = bbox.width().max(bbox.height()) / 160.0;
    let font = bbox.width().max(bbox.height()) / 58.0;
    let area_views = areas
        .iter()
        .map(|a| {
            let pick = a.id;
            view! {
                <path
                    class=format!("map-area {}", a.class)
                    d=a.path.clone()
                    data-org=a.id.to_string()
                    tabindex="0"
                    role="link"
                    aria-label=a.title.clone()
                    on:click=move |_| on_pick.run(pick)
                    on:keydown=move |ev: KeyboardEvent| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            on_pick.run(pick);
                        }
                    }
                >
                    <title>{a.title.clone()}</title>
                </path>
            }
        })
        .collect_view();
    let outline_views = outlines
        .iter()
        .map(|o| view! { <path class="map-outline" d=o.path.clone()></path> })
        .collect_view();
    let text = |x: i32, y: i32, s: String, class: &'static str| {
        view! {
            <text class=class x=x.to_string() y=y.to_string() font-size=px(font) stroke-width=px(font * 0.22) text-anchor="middle" dy="0.35em">{s}</text>
        }
    };
    let outline_labels = outlines
        .into_iter()
        .filter_map(|o| o.label)
        .map(|(x, y, s)| text(x, y, s, "map-label map-label-outline"))
        .collect_view();
    let area_label_views = area_labels.then(|| {
        areas
            .into_iter()
            .map(|a| text(a.label_x, a.label_y, a.name, "map-label"))
            .collect_view()
    });
    view! {
        <svg
            class="map"
            id=id
            viewBox=bbox.view_box()
            role="group"
            aria-label=label
            preserveAspectRatio="xMidYMid meet"
        >
            <defs>
                <pattern id="map-pat-none" patternUnits="userSpaceOnUse" width=px(unit * 4.0) height=px(unit * 4.0) patternTransform="rotate(45)">
                    <rect width=px(unit * 4.0) height=px(unit * 4.0) fill="#e4e4e4"></rect>
                    <line x1="0" y1="0" x2="0" y2=px(unit * 4.0) stroke="#8a8a8a" stroke-width=px(unit)></line>
                </pattern>
            </defs>
            <g class="map-areas">{area_views}</g>
            <g class="map-outlines" aria-hidden="true">{outline_views}</g>
            <g class="map-labels" aria-hidden="true">{outline_labels}{area_label_views}</g>
        </svg>
    }
}
