//! How reporting periods, dates, days to a due date, figures and report states read, in both languages.

use crate::i18n::{use_i18n, K};
use leptos::prelude::*;
use rust_decimal::Decimal;
use serde::Serialize;
use shared::api::reports::ReportStage;
use shared::calendar::{Compliance, Date, ReportPeriod, ReportState};
use shared::i18n::words::DAYS;
use shared::{Lang, Text};

/// "III квартал 2026" / "Q3 2026"; "2026 рік (річний звіт)" / "2026 (annual report)".
pub fn period_label(period: ReportPeriod, lang: Lang) -> String {
    period.format(lang)
}

/// "05.10.2026" / "5 Oct 2026".
pub fn date_text(date: Date, lang: Lang) -> String {
    date.format(lang)
}

/// Days until a due date: "залишилось 5 днів", "строк сьогодні", "прострочено на 21 день".
pub fn days_text(days: i64, lang: Lang) -> String {
    let days_word = |n: i64| DAYS.count(n, lang);
    match days {
        0 => K::ReportDueToday.text(lang).to_string(),
        d if d > 0 => K::ReportDaysLeft.fill(lang, &[("days", days_word(d).as_str())]),
        d => K::ReportDaysOverdue.fill(lang, &[("days", days_word(-d).as_str())]),
    }
}

/// A reported figure as typed back into a field: `96,7` in Ukrainian, `96.7` in English.
pub fn value_input(value: Decimal, lang: Lang) -> String {
    let s = value.normalize().to_string();
    match lang {
        Lang::Uk => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A figure for reading: thousands grouped, no trailing zeros (`1 390`, `55,6`).
pub fn value_text(value: Decimal, lang: Lang) -> String {
    shared::amount::format_number(value, lang)
}

/// Whether the calendar still counts days for a report (it is not in yet).
pub fn counts_days(state: ReportState) -> bool {
    matches!(
        state,
        ReportState::NotStarted | ReportState::Draft | ReportState::Overdue
    )
}

/// The JSON name of an enum value (`on_time`), for classes and `data-` attributes.
pub fn snake<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A state in words, with a class for its colour (never the colour alone).
fn badge(class: String, state: String, label: Text) -> impl IntoView {
    let i18n = use_i18n();
    view! { <span class=class data-state=state>{move || i18n.text(&label)}</span> }
}

/// Where the report is on its way up; "not started" before anything was saved.
#[component]
pub fn StageBadge(stage: Option<ReportStage>) -> impl IntoView {
    let (name, label) = match stage {
        Some(s) => (s.as_str(), s.label()),
        None => ("none", K::ReportNotCreated.both()),
    };
    badge(
        format!("state-badge report-stage report-stage-{name}"),
        name.to_string(),
        label,
    )
}

/// The report's state on the calendar: not started, draft, submitted, approved, overdue.
#[component]
pub fn CalendarStateBadge(state: ReportState) -> impl IntoView {
    let name = snake(&state);
    badge(
        format!("state-badge report-state report-state-{name}"),
        name,
        state.label(),
    )
}

/// On time, late, missing or not yet due.
#[component]
pub fn ComplianceBadge(compliance: Compliance) -> impl IntoView {
    let name = snake(&compliance);
    badge(
        format!("state-badge compliance compliance-{name}"),
        name,
        compliance.label(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect(s)
    }

    #[test]
    fn periods_read_in_both_languages() {
        let q3 = ReportPeriod::parse("2026-Q3").expect("q3");
        assert_eq!(period_label(q3, Lang::Uk), "III квартал 2026");
        assert_eq!(period_label(q3, Lang::En), "Q3 2026");
        let year = ReportPeriod::parse("2027").expect("year");
        assert_eq!(period_label(year, Lang::Uk), "2027 рік (річний звіт)");
        assert_eq!(period_label(year, Lang::En), "2027 (annual report)");
    }

    #[test]
    fn dates_and_days_to_the_due_date() {
        let due = Date::parse("2026-10-05").expect("date");
        assert_eq!(date_text(due, Lang::Uk), "05.10.2026");
        assert_eq!(date_text(due, Lang::En), "5 Oct 2026");
        assert_eq!(days_text(0, Lang::Uk), "строк сьогодні");
        assert_eq!(days_text(3, Lang::En), "3 days left");
        assert_eq!(days_text(1, Lang::En), "1 day left");
        assert_eq!(days_text(2, Lang::Uk), "залишилось 2 дні");
        assert_eq!(days_text(-50, Lang::Uk), "прострочено на 50 днів");
        assert_eq!(days_text(-21, Lang::Uk), "прострочено на 21 день");
    }

    #[test]
    fn figures_are_grouped_and_typed_back_in_the_language() {
        assert_eq!(value_text(d("1390"), Lang::Uk), "1\u{a0}390");
        assert_eq!(value_text(d("1390.50"), Lang::En), "1,390.5");
        assert_eq!(value_text(d("55.6"), Lang::Uk), "55,6");
        assert_eq!(value_input(d("96.70"), Lang::Uk), "96,7");
        assert_eq!(value_input(d("96.7"), Lang::En), "96.7");
        assert_eq!(snake(&Compliance::OnTime), "on_time");
    }
}
