//! The fill patterns the charts share (hatching for "planned", "late", "missing"), defined once per page, and a legend swatch.

use leptos::prelude::*;

/// An invisible SVG whose `<defs>` the chart styles refer to (`fill: url(#pat-planned)`).
/// Patterns set the series apart by texture as well as colour.
#[component]
pub fn ChartPatterns() -> impl IntoView {
    view! {
        <svg class="chart-defs" aria-hidden="true" focusable="false" width="0" height="0">
            <defs>
                <pattern id="pat-planned" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
                    <rect width="6" height="6" fill="#dbe9f6"></rect>
                    <line x1="0" y1="0" x2="0" y2="6" stroke="#1f5f99" stroke-width="2"></line>
                </pattern>
                <pattern id="pat-late" patternUnits="userSpaceOnUse" width="6" height="6">
                    <rect width="6" height="6" fill="#fdae61"></rect>
                    <circle cx="3" cy="3" r="1.2" fill="#7a4b00"></circle>
                </pattern>
                <pattern id="pat-missing" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
                    <rect width="6" height="6" fill="#b2182b"></rect>
                    <line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="1.5"></line>
                </pattern>
            </defs>
        </svg>
    }
}

/// A small sample of a fill class for a legend (the words stand beside it).
#[component]
pub fn Swatch(#[prop(into)] class: String) -> impl IntoView {
    view! {
        <svg class="swatch" width="22" height="14" viewBox="0 0 22 14" aria-hidden="true" focusable="false">
            <rect class=class x="0.5" y="0.5" width="21" height="13"></rect>
        </svg>
    }
}
