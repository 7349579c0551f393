//! How the dashboard writes indicator values, quarters and levels in each language.

use crate::i18n::K;
use crate::pages::report::labels::value_text;
use rust_decimal::{Decimal, RoundingStrategy};
use shared::amount::format_percent;
use shared::api::dashboard::DashboardLevel;
use shared::indicators::IndicatorUnit;
use shared::{Lang, Quarter};

/// A value with its unit, rounded as the unit is reported: `1 390 од.`, `55,6 %`.
pub fn value_with_unit(value: Decimal, unit: IndicatorUnit, lang: Lang) -> String {
    if unit == IndicatorUnit::Percent {
        return format_percent(Some(value), lang);
    }
    format!(
        "{} {}",
        value_text(rounded(value, unit), lang),
        unit.label().get(lang)
    )
}

/// A value to the decimals its unit is reported in, half away from zero (as percentages are).
fn rounded(value: Decimal, unit: IndicatorUnit) -> Decimal {
    value.round_dp_with_strategy(unit.decimals(), RoundingStrategy::MidpointAwayFromZero)
}

/// A value without its unit (table cells under a heading that names it), or "—".
pub fn value_or_dash(value: Option<Decimal>, unit: IndicatorUnit, lang: Lang) -> String {
    value.map_or_else(|| "—".to_string(), |v| value_text(rounded(v, unit), lang))
}

/// A quarter on a short axis: `I'26` / `Q1'26`.
pub fn quarter_short(q: Quarter, lang: Lang) -> String {
    let yy = q.year.get() % 100;
    match lang {
        Lang::Uk => {
            let roman = ["I", "II", "III", "IV"]
                .get(usize::from(q.quarter.saturating_sub(1)))
                .copied()
                .unwrap_or("?");
            format!("{roman}'{yy:02}")
        }
        Lang::En => format!("Q{}'{yy:02}", q.quarter),
    }
}

/// The name of a level: "Область", "Район", "Громада", "Захід".
pub fn level_label(level: DashboardLevel) -> K {
    match level {
        DashboardLevel::Oblast => K::DashLevelOblast,
        DashboardLevel::District => K::DashLevelDistrict,
        DashboardLevel::Community => K::DashLevelCommunity,
        DashboardLevel::Measure => K::DashLevelMeasure,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::Year;
    use std::str::FromStr;

    #[test]
    fn values_carry_their_unit_and_precision() {
        let d = |s: &str| Decimal::from_str(s).expect(s);
        assert_eq!(
            value_with_unit(d("1390"), IndicatorUnit::Count, Lang::Uk),
            "1\u{a0}390 од."
        );
        assert_eq!(
            value_with_unit(d("55.55"), IndicatorUnit::Percent, Lang::En),
            "55.6%"
        );
        assert_eq!(
            value_with_unit(d("52"), IndicatorUnit::Points, Lang::En),
            "52 points"
        );
        assert_eq!(value_or_dash(None, IndicatorUnit::Count, Lang::Uk), "—");
        assert_eq!(
            value_or_dash(Some(d("85.4")), IndicatorUnit::Count, Lang::Uk),
            "85"
        );
    }

    #[test]
    fn quarters_are_short_on_the_axis() {
        let q = Quarter::new(Year::new(2027).expect("y"), 3).expect("q");
        assert_eq!(quarter_short(q, Lang::Uk), "III'27");
        assert_eq!(quarter_short(q, Lang::En), "Q3'27");
    }
}
