//! A small SVG line chart of a trend per quarter: the actual (solid line, round points) against the expected (dashed, square points).

use super::axis::{value_axis, Frame};
use super::scale::px;
use leptos::prelude::*;
use shared::Lang;

/// One quarter: its short label, the two values (if any) and the tooltips that state them.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendDatum {
    pub label: String,
    pub actual: Option<f64>,
    pub expected: Option<f64>,
    pub actual_title: String,
    pub expected_title: String,
}

const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 130.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 10.0;
const FRAME: Frame = Frame {
    width: WIDTH,
    height: HEIGHT,
    left: LEFT,
    right: RIGHT,
    top: 8.0,
    bottom: 22.0,
};

/// The x of point `i` of `n`, evenly spread (a single point in the middle).
pub fn point_x(i: usize, n: usize) -> f64 {
    let plot = WIDTH - LEFT - RIGHT;
    if n <= 1 {
        return LEFT + plot / 2.0;
    }
    #[allow(clippy::cast_precision_loss)]
    let step = plot / (n - 1) as f64;
    #[allow(clippy::cast_precision_loss)]
    let x = LEFT + step * i as f64;
    x
}

/// Runs of consecutive present values as polyline `points`, so a gap breaks the line.
pub fn polylines(
    values: &[Option<f64>],
    x: impl Fn(usize) -> f64,
    y: impl Fn(f64) -> f64,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<String> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => run.push(format!("{},{}", px(x(i)), px(y(*v)))),
            None => {
                if run.len() > 1 {
                    out.push(run.join(" "));
                }
                run.clear();
            }
        }
    }
    if run.len() > 1 {
        out.push(run.join(" "));
    }
    out
}

/// How a label along the axis is aligned: the first and last inside the chart, the rest centred.
pub fn anchor(i: usize, n: usize) -> &'static str {
    if n > 1 && i == 0 {
        "start"
    } else if n > 1 && i + 1 == n {
        "end"
    } else {
        "middle"
    }
}

/// Which labels along the axis are written: all of up to six, else every other one and the last.
pub fn label_shown(i: usize, n: usize) -> bool {
    n <= 6 || i.is_multiple_of(2) || i + 1 == n
}

#[component]
pub fn TrendChart(
    #[prop(into)] label: String,
    points: Vec<TrendDatum>,
    /// The names of the two lines, for the legend.
    actual_name: String,
    expected_name: String,
    lang: Lang,
) -> impl IntoView {
    let n = points.len();
    let max = points
        .iter()
        .flat_map(|p| [p.actual, p.expected])
        .flatten()
        .fold(0.0, f64::max);
    let (y, grid) = value_axis(FRAME, max, 3, lang);
    let x = move |i: usize| point_x(i, n);
    let actual: Vec<Option<f64>> = points.iter().map(|p| p.actual).collect();
    let expected: Vec<Option<f64>> = points.iter().map(|p| p.expected).collect();
    let line = |values: &[Option<f64>], class: &'static str| {
        polylines(values, x, |v| y.map(v))
            .into_iter()
            .map(|pts| view! { <polyline class=class points=pts></polyline> })
            .collect_view()
    };
    let expected_line = line(&expected, "trend-expected");
    let actual_line = line(&actual, "trend-actual");
    let marks = points
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let cx = x(i);
            let expected_mark = p.expected.map(|v| {
                let cy = y.map(v);
                view! {
                    <rect class="mark-expected" x=px(cx - 3.0) y=px(cy - 3.0) width="6" height="6">
                        <title>{p.expected_title.clone()}</title>
                    </rect>
                }
            });
            let actual_mark = p.actual.map(|v| {
                view! {
                    <circle class="mark-actual" cx=px(cx) cy=px(y.map(v)) r="3.6">
                        <title>{p.actual_title.clone()}</title>
                    </circle>
                }
            });
            let label = label_shown(i, n).then(|| {
                view! {
                    <text class="tick-label" x=px(cx) y=px(HEIGHT - 6.0) text-anchor=anchor(i, n)>{p.label}</text>
                }
            });
            view! { <g class="trend-point">{expected_mark}{actual_mark}{label}</g> }
        })
        .collect_view();
    view! {
        <figure class="chart trend-chart">
            <svg viewBox=FRAME.view_box() role="img" aria-label=label>
                {grid}
                {expected_line}
                {actual_line}
                {marks}
            </svg>
            <figcaption class="chart-legend trend-legend">
                <span class="legend-item">
                    <svg class="swatch" width="26" height="12" viewBox="0 0 26 12" aria-hidden="true" focusable="false">
                        <line class="trend-actual" x1="1" y1="6" x2="25" y2="6"></line>
                        <circle class="mark-actual" cx="13" cy="6" r="3.6"></circle>
                    </svg>
                    {actual_name}
                </span>
                <span class="legend-item">
                    <svg class="swatch" width="26" height="12" viewBox="0 0 26 12" aria-hidden="true" focusable="false">
                        <line class="trend-expected" x1="1" y1="6" x2="25" y2="6"></line>
                        <rect class="mark-expected" x="10" y="3" width="6" height="6"></rect>
                    </svg>
                    {expected_name}
                </span>
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_spread_over_the_plot_and_gaps_break_the_line() {
        assert!((point_x(0, 4) - LEFT).abs() < 1e-9);
        assert!((point_x(3, 4) - (WIDTH - RIGHT)).abs() < 1e-9);
        assert!((point_x(0, 1) - (LEFT + (WIDTH - LEFT - RIGHT) / 2.0)).abs() < 1e-9);
        let lines = polylines(
            &[
                Some(1.0),
                Some(2.0),
                None,
                Some(3.0),
                None,
                Some(4.0),
                Some(5.0),
            ],
            |i| 10.0 * f64::from(u32::try_from(i).unwrap_or(0)),
            |v| 100.0 - v,
        );
        // The lone value between two gaps makes no line (its point still shows).
        assert_eq!(lines, vec!["0.0,99.0 10.0,98.0", "50.0,96.0 60.0,95.0"]);
        assert!(label_shown(5, 6));
        assert_eq!(
            (anchor(0, 3), anchor(1, 3), anchor(2, 3)),
            ("start", "middle", "end")
        );
        assert_eq!(anchor(0, 1), "middle");
        assert!(!label_shown(3, 12) && label_shown(11, 12) && label_shown(4, 12));
    }
}
