//! Horizontal stacked bars in SVG, one row per item (e.g. reports per period: on time / late / missing / not due), with counts and tooltips.

use super::patterns::Swatch;
use super::scale::px;
use leptos::prelude::*;

/// One part of a row: its style (`seg-{key}`), the count and the tooltip.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub key: &'static str,
    pub value: u32,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StackRow {
    pub label: String,
    pub segments: Vec<Segment>,
}

const WIDTH: f64 = 620.0;
const LABEL: f64 = 150.0;
const RIGHT: f64 = 8.0;
const ROW: f64 = 22.0;
const GAP: f64 = 8.0;
/// A count is written inside its segment only when it fits.
const MIN_TEXT_WIDTH: f64 = 18.0;

/// The left edge and width of each segment of a row, against the longest row's total.
pub fn segment_spans(values: &[u32], scale_total: u32) -> Vec<(f64, f64)> {
    let plot = WIDTH - LABEL - RIGHT;
    let mut x = LABEL;
    values
        .iter()
        .map(|v| {
            let w = if scale_total == 0 {
                0.0
            } else {
                plot * f64::from(*v) / f64::from(scale_total)
            };
            let span = (x, w);
            x += w;
            span
        })
        .collect()
}

#[component]
pub fn StackedRows(
    #[prop(into)] label: String,
    rows: Vec<StackRow>,
    /// `(key, name)` per segment kind, for the legend.
    legend: Vec<(&'static str, String)>,
) -> impl IntoView {
    let scale_total = rows
        .iter()
        .map(|r| r.segments.iter().map(|s| s.value).sum::<u32>())
        .max()
        .unwrap_or(0);
    #[allow(clippy::cast_precision_loss)]
    let height = (ROW + GAP) * rows.len() as f64 + GAP;
    let body = rows
        .into_iter()
        .enumerate()
        .map(|(ri, row)| {
            #[allow(clippy::cast_precision_loss)]
            let top = GAP + (ROW + GAP) * ri as f64;
            let values: Vec<u32> = row.segments.iter().map(|s| s.value).collect();
            let spans = segment_spans(&values, scale_total);
            let parts = row
                .segments
                .into_iter()
                .zip(spans)
                .filter(|(s, _)| s.value > 0)
                .map(|(s, (x, w))| {
                    let text = (w >= MIN_TEXT_WIDTH).then(|| {
                        view! {
                            <text class=format!("seg-text seg-text-{}", s.key) x=px(x + w / 2.0) y=px(top + ROW / 2.0) dy="0.35em" text-anchor="middle">
                                {s.value.to_string()}
                            </text>
                        }
                    });
                    view! {
                        <g class="segment" data-segment=s.key>
                            <rect class=format!("seg seg-{}", s.key) x=px(x) y=px(top) width=px(w) height=px(ROW)>
                                <title>{s.title}</title>
                            </rect>
                            {text}
                        </g>
                    }
                })
                .collect_view();
            view! {
                <g class="stack-row">
                    <text class="row-label" x=px(LABEL - 8.0) y=px(top + ROW / 2.0) dy="0.35em" text-anchor="end">{row.label}</text>
                    {parts}
                </g>
            }
        })
        .collect_view();
    let legend = legend
        .into_iter()
        .map(|(key, name)| view! { <li data-segment=key><Swatch class=format!("seg seg-{key}")/>{name}</li> })
        .collect_view();
    view! {
        <figure class="chart stacked-chart">
            <ul class="chart-legend">{legend}</ul>
            <svg viewBox=format!("0 0 {WIDTH} {}", px(height)) role="img" aria-label=label>
                {body}
            </svg>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_follow_each_other_and_scale_to_the_longest_row() {
        let spans = segment_spans(&[2, 1, 1, 0], 8);
        let plot = WIDTH - LABEL - RIGHT;
        assert!((spans[0].0 - LABEL).abs() < 1e-9);
        assert!((spans[0].1 - plot / 4.0).abs() < 1e-9);
        assert!((spans[1].0 - (LABEL + plot / 4.0)).abs() < 1e-9);
        assert!((spans[3].1).abs() < 1e-9);
        // Half of the longest row's length.
        let end = spans[2].0 + spans[2].1;
        assert!((end - (LABEL + plot / 2.0)).abs() < 1e-9);
        assert!(segment_spans(&[0, 0], 0).iter().all(|(_, w)| *w == 0.0));
    }
}
