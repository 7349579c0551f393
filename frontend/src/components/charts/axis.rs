//! A chart's value axis: a scale from zero to a "nice" top tick, with grid lines and tick labels.

use super::scale::{px, tick_text, ticks, Linear};
use leptos::prelude::*;
use shared::Lang;

/// Where a chart draws: its size and the margins around the plot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Frame {
    /// The plot's baseline (value zero).
    pub fn base(self) -> f64 {
        self.height - self.bottom
    }

    pub fn view_box(self) -> String {
        format!("0 0 {} {}", self.width, self.height)
    }
}

/// The vertical scale for values up to `max` (about `count` steps), and its grid: a line and a
/// label per tick, and the baseline.
pub fn value_axis(frame: Frame, max: f64, count: usize, lang: Lang) -> (Linear, AnyView) {
    let axis = ticks(max, count);
    let top_tick = axis.last().copied().unwrap_or(1.0);
    let y = Linear::new((0.0, top_tick), (frame.base(), frame.top));
    let grid = axis
        .iter()
        .map(|t| {
            let ty = px(y.map(*t));
            view! {
                <g class="axis-tick">
                    <line class="grid-line" x1=px(frame.left) x2=px(frame.width - frame.right) y1=ty.clone() y2=ty.clone()></line>
                    <text class="tick-label" x=px(frame.left - 5.0) y=ty dy="0.32em" text-anchor="end">{tick_text(*t, lang)}</text>
                </g>
            }
        })
        .collect_view();
    let view = view! {
        <g class="value-axis">
            {grid}
            <line class="axis-line" x1=px(frame.left) x2=px(frame.width - frame.right) y1=px(frame.base()) y2=px(frame.base())></line>
        </g>
    }
    .into_any();
    (y, view)
}
