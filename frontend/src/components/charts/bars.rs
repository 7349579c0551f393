//! A grouped bar chart in SVG (e.g. planned / approved / executed per year), each bar with its exact figure as a tooltip.

use super::axis::{value_axis, Frame};
use super::patterns::Swatch;
use super::scale::px;
use leptos::prelude::*;
use shared::Lang;

/// One series of bars: its style (`bar-{key}`) and its name in the legend.
#[derive(Debug, Clone, PartialEq)]
pub struct BarSeries {
    pub key: &'static str,
    pub label: String,
}

/// One group along the axis (a year): a value per series and the tooltip that states it exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct BarGroup {
    pub label: String,
    pub bars: Vec<(f64, String)>,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 290.0;
const LEFT: f64 = 78.0;
const RIGHT: f64 = 8.0;
const FRAME: Frame = Frame {
    width: WIDTH,
    height: HEIGHT,
    left: LEFT,
    right: RIGHT,
    top: 24.0,
    bottom: 32.0,
};

/// Where a group's bars go: the left edge of bar `series` of group `group`, and the bar width.
pub fn bar_slot(group: usize, series: usize, groups: usize, per_group: usize) -> (f64, f64) {
    let plot = WIDTH - LEFT - RIGHT;
    #[allow(clippy::cast_precision_loss)]
    let band = plot / groups.max(1) as f64;
    let inner = band * 0.78;
    #[allow(clippy::cast_precision_loss)]
    let bar = inner / per_group.max(1) as f64;
    #[allow(clippy::cast_precision_loss)]
    let x = LEFT + band * group as f64 + (band - inner) / 2.0 + bar * series as f64;
    (x, bar)
}

/// The chart with its legend; `label` names it for screen readers (the table beside it holds
/// the same figures).
#[component]
pub fn GroupedBars(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    /// Written above the axis, e.g. "тис. грн".
    #[prop(into)]
    unit: String,
    series: Vec<BarSeries>,
    groups: Vec<BarGroup>,
    lang: Lang,
) -> impl IntoView {
    let max = groups
        .iter()
        .flat_map(|g| g.bars.iter().map(|(v, _)| *v))
        .fold(0.0, f64::max);
    let (y, grid) = value_axis(FRAME, max, 4, lang);
    let base = FRAME.base();
    let n_groups = groups.len();
    let per_group = series.len();
    let keys: Vec<&'static str> = series.iter().map(|s| s.key).collect();
    let bars = groups
        .into_iter()
        .enumerate()
        .map(|(gi, group)| {
            let (first_x, _) = bar_slot(gi, 0, n_groups, per_group);
            let (last_x, last_w) = bar_slot(gi, per_group.saturating_sub(1), n_groups, per_group);
            let center = (first_x + last_x + last_w) / 2.0;
            let rects = group
                .bars
                .into_iter()
                .enumerate()
                .map(|(si, (value, title))| {
                    let (x, w) = bar_slot(gi, si, n_groups, per_group);
                    let top = y.map(value.max(0.0));
                    // A zero still shows as a hairline on the axis, so its tooltip can be found.
                    let height = (base - top).max(1.0);
                    let key = keys.get(si).copied().unwrap_or("other");
                    view! {
                        <rect
                            class=format!("bar bar-{key}")
                            data-series=key
                            x=px(x + 1.0)
                            y=px(base - height)
                            width=px((w - 2.0).max(1.0))
                            height=px(height)
                        >
                            <title>{title}</title>
                        </rect>
                    }
                })
                .collect_view();
            view! {
                <g class="bar-group">
                    {rects}
                    <text class="group-label" x=px(center) y=px(base + 20.0) text-anchor="middle">{group.label}</text>
                </g>
            }
        })
        .collect_view();
    let legend = series
        .into_iter()
        .map(|s| {
            view! {
                <li data-series=s.key><Swatch class=format!("bar bar-{}", s.key)/>{s.label}</li>
            }
        })
        .collect_view();
    view! {
        <figure class="chart bar-chart" id=id>
            <ul class="chart-legend">{legend}</ul>
            <svg
                viewBox=FRAME.view_box()
                role="img"
                aria-label=label
                preserveAspectRatio="xMinYMin meet"
            >
                <text class="axis-unit" x=px(LEFT - 5.0) y="11" text-anchor="end">{unit}</text>
                {grid}
                {bars}
            </svg>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_of_a_group_sit_side_by_side_inside_their_band() {
        let (x0, w) = bar_slot(0, 0, 3, 3);
        let (x1, _) = bar_slot(0, 1, 3, 3);
        let (x2, _) = bar_slot(0, 2, 3, 3);
        assert!((x1 - x0 - w).abs() < 1e-9 && (x2 - x1 - w).abs() < 1e-9);
        let band = (WIDTH - LEFT - RIGHT) / 3.0;
        assert!(x0 > LEFT && x2 + w < LEFT + band);
        let (next, _) = bar_slot(1, 0, 3, 3);
        assert!(next > x2 + w, "groups do not overlap");
        // The last bar of the last group ends inside the plot.
        let (last, lw) = bar_slot(2, 2, 3, 3);
        assert!(last + lw < WIDTH - RIGHT);
    }
}
