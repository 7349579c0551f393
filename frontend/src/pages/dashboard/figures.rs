//! The figures the map can show per community (execution %, on-time reporting %, an indicator's status), their colour classes and legend.

use crate::components::indicator_status::status_icon;
use crate::i18n::K;
use rust_decimal::Decimal;
use shared::amount::format_percent;
use shared::api::dashboard::{ChildRow, ComplianceCounts};
use shared::execution::Execution;
use shared::indicators::IndicatorStatus;
use shared::{IndicatorId, Lang};

/// What the map is coloured by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapFigure {
    /// Executed ÷ approved, %.
    Execution,
    /// Reports submitted on time ÷ reports due, %.
    Compliance,
    /// One indicator's status in each community.
    Indicator(IndicatorId),
}

impl MapFigure {
    /// The value of the figure select.
    pub fn key(self) -> String {
        match self {
            MapFigure::Execution => "execution".into(),
            MapFigure::Compliance => "compliance".into(),
            MapFigure::Indicator(id) => format!("indicator-{id}"),
        }
    }

    pub fn parse(key: &str) -> Option<MapFigure> {
        match key {
            "execution" => Some(MapFigure::Execution),
            "compliance" => Some(MapFigure::Compliance),
            _ => key
                .strip_prefix("indicator-")?
                .parse()
                .ok()
                .map(MapFigure::Indicator),
        }
    }

    /// The lower bounds (%) of the second, third and fourth class.
    fn bounds(self) -> [u32; 3] {
        match self {
            MapFigure::Compliance => [50, 80, 100],
            _ => [50, 80, 95],
        }
    }
}

/// A colour class of the map, from worst to best, then the classes without a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MapClass {
    /// 0 (worst) to 3 (best).
    Band(u8),
    NoTarget,
    NoData,
}

impl MapClass {
    /// The fill class in the style sheet.
    pub fn css(self) -> &'static str {
        match self {
            MapClass::Band(0) => "map-c0",
            MapClass::Band(1) => "map-c1",
            MapClass::Band(2) => "map-c2",
            MapClass::Band(_) => "map-c3",
            MapClass::NoTarget => "map-notarget",
            MapClass::NoData => "map-none",
        }
    }
}

/// The band of a percentage against three lower bounds (each bound belongs to the band above it).
pub fn percent_band(value: Option<Decimal>, bounds: [u32; 3]) -> MapClass {
    let Some(v) = value else {
        return MapClass::NoData;
    };
    let band = bounds
        .iter()
        .take_while(|b| v >= Decimal::from(**b))
        .count();
    MapClass::Band(u8::try_from(band).unwrap_or(3))
}

/// The class of an indicator status: off track worst, on track best.
pub fn status_class(status: Option<IndicatorStatus>) -> MapClass {
    match status {
        Some(IndicatorStatus::OffTrack) => MapClass::Band(0),
        Some(IndicatorStatus::AtRisk) => MapClass::Band(1),
        Some(IndicatorStatus::OnTrack) => MapClass::Band(3),
        Some(IndicatorStatus::NoTarget) => MapClass::NoTarget,
        Some(IndicatorStatus::NoData) | None => MapClass::NoData,
    }
}

/// A row's own status for an indicator, if it has one.
pub fn row_status(row: &ChildRow, id: IndicatorId) -> Option<IndicatorStatus> {
    row.indicator_status
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, s)| *s)
}

/// A percentage figure (execution or compliance) from the two counts every level carries; an
/// indicator's status has none.
pub fn percent_of(
    figure: MapFigure,
    execution: &Execution,
    compliance: &ComplianceCounts,
) -> Option<Decimal> {
    match figure {
        MapFigure::Execution => execution.executed_percent(),
        MapFigure::Compliance => compliance.on_time_percent(),
        MapFigure::Indicator(_) => None,
    }
}

/// The class of a percentage figure (the public map's, and the dashboard's for a row).
pub fn percent_class(
    figure: MapFigure,
    execution: &Execution,
    compliance: &ComplianceCounts,
) -> MapClass {
    percent_band(percent_of(figure, execution, compliance), figure.bounds())
}

/// A percentage figure in words: "97,9 %", "3 з 4 вчасно (75,0 %)".
pub fn percent_text(
    figure: MapFigure,
    execution: &Execution,
    compliance: &ComplianceCounts,
    lang: Lang,
) -> String {
    match (figure, percent_of(figure, execution, compliance)) {
        (MapFigure::Compliance, Some(p)) => format!(
            "{} {} {} {} ({})",
            compliance.on_time,
            K::DashOf.text(lang),
            compliance.due(),
            K::DashOnTimeWord.text(lang),
            format_percent(Some(p), lang)
        ),
        (_, Some(p)) => format_percent(Some(p), lang),
        (_, None) => K::DashNoData.text(lang).to_string(),
    }
}

/// The figure's value for a community (no row: no data).
pub fn class_of(figure: MapFigure, row: Option<&ChildRow>) -> MapClass {
    let Some(row) = row else {
        return MapClass::NoData;
    };
    match figure {
        MapFigure::Indicator(id) => status_class(row_status(row, id)),
        _ => percent_class(figure, &row.execution, &row.compliance),
    }
}

/// The figure in words, for the tooltip and the table: "97,9 %", "3 з 4 вчасно (75,0 %)", "Відстає".
pub fn figure_text(figure: MapFigure, row: Option<&ChildRow>, lang: Lang) -> String {
    let Some(row) = row else {
        return K::DashNoData.text(lang).to_string();
    };
    match figure {
        MapFigure::Indicator(id) => match row_status(row, id) {
            Some(s) => format!("{} {}", status_icon(s), s.label().get(lang)),
            None => K::DashNoData.text(lang).to_string(),
        },
        _ => percent_text(figure, &row.execution, &row.compliance, lang),
    }
}

/// The legend's classes in order, with their words.
pub fn legend(figure: MapFigure, lang: Lang) -> Vec<(MapClass, String)> {
    let no_data = (MapClass::NoData, K::DashNoData.text(lang).to_string());
    match figure {
        MapFigure::Indicator(_) => {
            let status = |s: IndicatorStatus| {
                (
                    status_class(Some(s)),
                    format!("{} {}", status_icon(s), s.label().get(lang)),
                )
            };
            vec![
                status(IndicatorStatus::OffTrack),
                status(IndicatorStatus::AtRisk),
                status(IndicatorStatus::OnTrack),
                status(IndicatorStatus::NoTarget),
                no_data,
            ]
        }
        _ => {
            let [a, b, c] = figure.bounds();
            let pct = |v: u32| match lang {
                Lang::Uk => format!("{v}\u{a0}%"),
                Lang::En => format!("{v}%"),
            };
            let top = if c == 100 {
                pct(100)
            } else {
                format!("≥ {}", pct(c))
            };
            vec![
                (MapClass::Band(0), format!("< {}", pct(a))),
                (MapClass::Band(1), format!("{a}–{}", pct(b))),
                (MapClass::Band(2), format!("{b}–{}", pct(c))),
                (MapClass::Band(3), top),
                no_data,
            ]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::dashboard::DashboardLevel;
    use shared::{Amount, Text};
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect(s)
    }

    fn row(approved: &str, executed: &str, on_time: u32, late: u32) -> ChildRow {
        let a = |s: &str| Amount::parse(s).expect(s);
        ChildRow {
            level: DashboardLevel::Community,
            id: 1,
            name: Text::new("Громада", "Community"),
            kind: None,
            code: None,
            execution: Execution::new(a("100"), a(approved), a(executed)),
            compliance: ComplianceCounts {
                on_time,
                late,
                missing: 0,
                not_due: 1,
            },
            latest_report: None,
            indicators: vec![],
            indicator_status: vec![(IndicatorId(5), IndicatorStatus::AtRisk)],
            execution_status: None,
        }
    }

    #[test]
    fn percentages_fall_into_bands_with_the_bound_in_the_band_above() {
        let b = [50, 80, 95];
        assert_eq!(percent_band(None, b), MapClass::NoData);
        assert_eq!(percent_band(Some(d("0")), b), MapClass::Band(0));
        assert_eq!(percent_band(Some(d("49.9")), b), MapClass::Band(0));
        assert_eq!(percent_band(Some(d("50")), b), MapClass::Band(1));
        assert_eq!(percent_band(Some(d("94.9")), b), MapClass::Band(2));
        assert_eq!(percent_band(Some(d("95")), b), MapClass::Band(3));
        assert_eq!(percent_band(Some(d("150")), b), MapClass::Band(3));
        assert_eq!(
            percent_band(Some(d("99.9")), [50, 80, 100]),
            MapClass::Band(2)
        );
    }

    #[test]
    fn a_community_gets_its_class_from_the_chosen_figure() {
        let r = row("80", "40", 3, 1);
        assert_eq!(class_of(MapFigure::Execution, Some(&r)), MapClass::Band(1));
        assert_eq!(class_of(MapFigure::Compliance, Some(&r)), MapClass::Band(1));
        assert_eq!(
            class_of(MapFigure::Indicator(IndicatorId(5)), Some(&r)),
            MapClass::Band(1)
        );
        assert_eq!(
            class_of(MapFigure::Indicator(IndicatorId(6)), Some(&r)),
            MapClass::NoData
        );
        // Nothing approved: no percentage, so no data rather than 0 %.
        assert_eq!(
            class_of(MapFigure::Execution, Some(&row("0", "0", 0, 0))),
            MapClass::NoData
        );
        assert_eq!(class_of(MapFigure::Compliance, None), MapClass::NoData);
        assert_eq!(
            figure_text(MapFigure::Execution, Some(&r), Lang::Uk),
            "50,0\u{a0}%"
        );
        assert_eq!(
            figure_text(MapFigure::Compliance, Some(&r), Lang::En),
            "3 of 4 on time (75.0%)"
        );
        assert_eq!(
            figure_text(MapFigure::Indicator(IndicatorId(5)), Some(&r), Lang::En),
            "▲ At risk"
        );
    }

    #[test]
    fn the_legend_names_every_class_in_words() {
        let words: Vec<String> = legend(MapFigure::Execution, Lang::Uk)
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        assert_eq!(
            words,
            vec![
                "< 50\u{a0}%",
                "50–80\u{a0}%",
                "80–95\u{a0}%",
                "≥ 95\u{a0}%",
                "Немає даних"
            ]
        );
        let en = legend(MapFigure::Compliance, Lang::En);
        assert_eq!(en[3].1, "100%");
        let classes: Vec<MapClass> = legend(MapFigure::Indicator(IndicatorId(1)), Lang::En)
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        assert_eq!(classes.len(), 5);
        assert!(classes.contains(&MapClass::NoTarget));
        for figure in ["execution", "compliance", "indicator-12"] {
            assert_eq!(
                MapFigure::parse(figure).map(MapFigure::key).as_deref(),
                Some(figure)
            );
        }
        assert_eq!(MapFigure::parse("indicator-x"), None);
    }
}
