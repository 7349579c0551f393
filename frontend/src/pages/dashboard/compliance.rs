//! Reporting compliance: per period against its due date (on time / late / missing / not due), as stacked bars and a table.

use crate::components::charts::stacked::{Segment, StackRow, StackedRows};
use crate::i18n::{t, use_i18n, K};
use crate::pages::report::labels::{date_text, period_label};
use leptos::prelude::*;
use shared::amount::format_percent;
use shared::api::dashboard::{ComplianceCounts, PeriodCompliance};
use shared::calendar::Compliance;
use shared::Lang;

/// The four kinds in the order they stack, with their counts.
pub fn parts(c: ComplianceCounts) -> [(Compliance, u32); 4] {
    [
        (Compliance::OnTime, c.on_time),
        (Compliance::Late, c.late),
        (Compliance::Missing, c.missing),
        (Compliance::NotDue, c.not_due),
    ]
}

/// The style key of a kind (`on_time`).
pub fn key(c: Compliance) -> &'static str {
    match c {
        Compliance::OnTime => "on_time",
        Compliance::Late => "late",
        Compliance::Missing => "missing",
        Compliance::NotDue => "not_due",
    }
}

fn rows(periods: &[PeriodCompliance], lang: Lang) -> Vec<StackRow> {
    periods
        .iter()
        .map(|p| {
            let label = period_label(p.period, lang);
            let segments = parts(p.counts)
                .into_iter()
                .map(|(c, value)| Segment {
                    key: key(c),
                    value,
                    title: format!("{label} — {}: {value}", c.label().get(lang)),
                })
                .collect();
            StackRow { label, segments }
        })
        .collect()
}

fn count_cells(c: ComplianceCounts) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <td class="num" data-col="on_time">{c.on_time.to_string()}</td>
        <td class="num" data-col="late">{c.late.to_string()}</td>
        <td class="num" data-col="missing">{c.missing.to_string()}</td>
        <td class="num" data-col="not_due">{c.not_due.to_string()}</td>
        <td class="num" data-col="on_time_pct">{move || format_percent(c.on_time_percent(), i18n.lang())}</td>
    }
}

#[component]
pub fn ComplianceSection(periods: Vec<PeriodCompliance>, total: ComplianceCounts) -> impl IntoView {
    let i18n = use_i18n();
    let chart_periods = periods.clone();
    let chart = move || {
        let lang = i18n.lang();
        (!chart_periods.is_empty()).then(|| {
            let legend = parts(ComplianceCounts::default())
                .into_iter()
                .map(|(c, _)| (key(c), c.label().get(lang).to_string()))
                .collect();
            view! {
                <StackedRows
                    label=K::DashComplianceTitle.text(lang)
                    rows=rows(&chart_periods, lang)
                    legend=legend
                />
            }
        })
    };
    let body = periods
        .into_iter()
        .map(|p| {
            let period = p.period;
            let due = p.due;
            view! {
                <tr data-period=period.to_string()>
                    <th scope="row">{move || period_label(period, i18n.lang())}</th>
                    <td><time datetime=due.to_string()>{move || date_text(due, i18n.lang())}</time></td>
                    {count_cells(p.counts)}
                </tr>
            }
        })
        .collect_view();
    let head = |c: Compliance| {
        let label = c.label();
        view! { <th scope="col" class="num">{move || i18n.text(&label)}</th> }
    };
    view! {
        <section class="card dash-section" id="compliance" aria-labelledby="compliance-title">
            <h2 id="compliance-title">{t(K::DashComplianceTitle)}</h2>
            <p class="hint">{t(K::DashComplianceHint)}</p>
            {chart}
            <div class="table-scroll">
                <table class="data-table compliance-table" id="compliance-table">
                    <caption class="visually-hidden">{t(K::DashComplianceTitle)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t(K::ReportPeriodLabel)}</th>
                            <th scope="col">{t(K::DashDue)}</th>
                            {head(Compliance::OnTime)}
                            {head(Compliance::Late)}
                            {head(Compliance::Missing)}
                            {head(Compliance::NotDue)}
                            <th scope="col" class="num">{t(K::DashOnTimePct)}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                    <tfoot>
                        <tr class="total-row" data-period="total">
                            <th scope="row" colspan="2">{t(K::Total)}</th>
                            {count_cells(total)}
                        </tr>
                    </tfoot>
                </table>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::calendar::{Date, ReportPeriod};

    #[test]
    fn each_period_stacks_its_four_counts_with_tooltips() {
        let p = PeriodCompliance {
            period: ReportPeriod::parse("2026-Q1").expect("p"),
            due: Date::parse("2026-04-05").expect("d"),
            counts: ComplianceCounts {
                on_time: 80,
                late: 3,
                missing: 2,
                not_due: 0,
            },
        };
        let r = rows(&[p], Lang::En);
        assert_eq!(r[0].label, "Q1 2026");
        let keys: Vec<&str> = r[0].segments.iter().map(|s| s.key).collect();
        assert_eq!(keys, vec!["on_time", "late", "missing", "not_due"]);
        assert_eq!(r[0].segments[2].title, "Q1 2026 — Missing: 2");
        for (c, _) in parts(ComplianceCounts::default()) {
            let json = serde_json::to_value(c).expect("json");
            assert_eq!(json.as_str(), Some(key(c)));
        }
    }
}
