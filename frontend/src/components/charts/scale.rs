//! Chart geometry: "nice" axis ticks and linear scales for the SVG charts (figures shown as text stay exact decimals).

use crate::format;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;
use shared::Lang;

/// A decimal as a drawing coordinate; only geometry uses it, never a figure that is read.
pub fn to_f64(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// The step between axis ticks: 1, 2, 2.5 or 5 times a power of ten, so that about `count`
/// steps cover `max`.
pub fn nice_step(max: f64, count: usize) -> f64 {
    if !(max.is_finite() && max > 0.0) || count == 0 {
        return 1.0;
    }
    #[allow(clippy::cast_precision_loss)]
    let raw = max / count as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 2.5 {
        2.5
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// Ticks from 0 up to the first tick at or above `max` (at least one step), about `count` steps.
pub fn ticks(max: f64, count: usize) -> Vec<f64> {
    let step = nice_step(max, count);
    let mut out = vec![0.0];
    // Bounded, so that a strange input can never loop for long.
    for i in 1..=50u32 {
        let v = step * f64::from(i);
        out.push(v);
        if v >= max {
            break;
        }
    }
    out
}

/// Maps a value in `[d0, d1]` linearly onto `[r0, r1]` (a reversed range draws upwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Linear {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
}

impl Linear {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Linear {
        Linear {
            d0: domain.0,
            d1: domain.1,
            r0: range.0,
            r1: range.1,
        }
    }

    pub fn map(self, v: f64) -> f64 {
        let span = self.d1 - self.d0;
        if span == 0.0 {
            return self.r0;
        }
        self.r0 + (v - self.d0) / span * (self.r1 - self.r0)
    }
}

/// A coordinate written into SVG: one decimal is finer than a pixel.
pub fn px(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    // No "-0.0" in the markup.
    format!("{:.1}", if r == 0.0 { 0.0 } else { r })
}

/// An axis tick's label: `100 000` / `100,000`, or `2,5` / `2.5` for a fractional step.
pub fn tick_text(v: f64, lang: Lang) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        #[allow(clippy::cast_possible_truncation)]
        return format::int(v as i64, lang);
    }
    let s = Decimal::from_f64(v)
        .map(|d| d.round_dp(3).normalize().to_string())
        .unwrap_or_default();
    match lang {
        Lang::Uk => s.replace('.', ","),
        Lang::En => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn steps_are_one_two_two_and_a_half_or_five_times_a_power_of_ten() {
        assert!((nice_step(277_640.0, 5) - 100_000.0).abs() < 1e-6);
        assert!((nice_step(100.0, 4) - 25.0).abs() < 1e-9);
        assert!((nice_step(86.0, 4) - 25.0).abs() < 1e-9);
        assert!((nice_step(9.0, 5) - 2.0).abs() < 1e-9);
        assert!((nice_step(0.7, 5) - 0.2).abs() < 1e-9);
        assert!((nice_step(0.0, 5) - 1.0).abs() < 1e-9);
        assert!((nice_step(f64::NAN, 5) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn ticks_start_at_zero_and_reach_the_maximum() {
        assert_eq!(
            ticks(277_640.0, 5),
            vec![0.0, 100_000.0, 200_000.0, 300_000.0]
        );
        assert_eq!(ticks(100.0, 4), vec![0.0, 25.0, 50.0, 75.0, 100.0]);
        assert_eq!(ticks(0.0, 4), vec![0.0, 1.0]);
        assert_eq!(ticks(1390.0, 4), vec![0.0, 500.0, 1000.0, 1500.0]);
    }

    #[test]
    fn a_linear_scale_maps_both_ways_and_survives_an_empty_domain() {
        let y = Linear::new((0.0, 300.0), (200.0, 0.0));
        assert!((y.map(0.0) - 200.0).abs() < 1e-9);
        assert!((y.map(150.0) - 100.0).abs() < 1e-9);
        assert!((y.map(300.0)).abs() < 1e-9);
        assert!((Linear::new((5.0, 5.0), (10.0, 0.0)).map(5.0) - 10.0).abs() < 1e-9);
        assert_eq!(px(12.345), "12.3");
        assert_eq!(px(-0.04), "0.0");
        assert!((to_f64(Decimal::from_str("247660.5").expect("d")) - 247_660.5).abs() < 1e-9);
    }

    #[test]
    fn tick_labels_group_thousands_and_keep_fractional_steps() {
        assert_eq!(tick_text(100_000.0, Lang::Uk), "100\u{a0}000");
        assert_eq!(tick_text(100_000.0, Lang::En), "100,000");
        assert_eq!(tick_text(2.5, Lang::Uk), "2,5");
        assert_eq!(tick_text(0.2, Lang::En), "0.2");
    }
}
