//! The report's measures: an execution status, what was done, and the spending per funding
//! source of the period's year beside the planned, approved and earlier executed amounts; for
//! reviewers, a list of the lines whose spending goes above its limit.

use super::form::{MeasureFields, ReportForm, Target};
use super::spending::SpendingRow;
use super::texts::{text_field, Which};
use super::PageState;
use crate::components::source_table::column_heads;
use crate::i18n::{t, use_i18n, K};
use leptos::prelude::*;
use shared::api::reports::{ExecutionStatus, Report, ReportMeasure};
use shared::{FundingSource, MeasureId, Text};

/// The error of a field: one found as it is typed first, else one from the last attempt.
pub fn field_error(
    page: PageState,
    target: Target,
    live: impl Fn() -> Option<Text> + Send + Sync + 'static,
) -> Memo<Option<Text>> {
    Memo::new(move |_| live().or_else(|| page.error(target)))
}

/// `{id}-error`, while the field has an error.
pub fn error_span(target: Target, error: Memo<Option<Text>>) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("{}-error", target.dom_id());
    move || {
        error.get().map(|m| {
            view! {
                <span class="field-error" id=id.clone()>
                    <span aria-hidden="true">"⚠ "</span>{move || i18n.text(&m)}
                </span>
            }
        })
    }
}

/// The server's value beside a field after a version conflict, when it differs from the field's.
pub fn beside(
    page: PageState,
    server_value: impl Fn(&Report) -> Option<String> + Send + Sync + 'static,
    now: impl Fn() -> Option<String> + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let other = page.server.with(|s| s.as_ref().map(&server_value))?;
        if other == now() {
            return None;
        }
        let lang = i18n.lang();
        let shown = other.unwrap_or_else(|| K::Empty.text(lang).to_string());
        Some(view! {
            <span class="beside">
                <span class="beside-label">{K::OnServer.text(lang)}": "</span>
                <span class="beside-value">{shown}</span>
            </span>
        })
    }
}

pub fn server_measure(r: &Report, id: MeasureId) -> Option<&ReportMeasure> {
    r.measures.iter().find(|m| m.measure_id == id)
}

#[component]
pub fn MeasuresSection(page: PageState, form: ReportForm) -> impl IntoView {
    let annual = form.base.period.is_annual();
    let cards = form
        .base
        .measures
        .iter()
        .filter_map(|m| {
            let fields = form.measure(m.measure_id)?;
            Some(view! { <MeasureCard page=page measure=m.clone() fields=fields annual=annual/> })
        })
        .collect_view();
    let empty = form.base.measures.is_empty().then(|| {
        view! { <p class="muted" id="report-no-measures">{t(K::ReportNoMeasures)}</p> }
    });
    view! {
        <section class="report-measures" id="report-measures" aria-labelledby="report-measures-title">
            <h2 id="report-measures-title">{t(K::ReportMeasuresTitle)}</h2>
            <OverspendSummary page=page report=form.base.clone()/>
            {empty}
            {cards}
        </section>
    }
}

/// `#report-overspend`: for whoever reads the report without editing it (the reviewers), every
/// line the server marks as above its limit, linked to its warning.
#[component]
fn OverspendSummary(page: PageState, report: Report) -> impl IntoView {
    let i18n = use_i18n();
    let over: Vec<(MeasureId, Text, FundingSource)> = report
        .measures
        .iter()
        .flat_map(|m| {
            m.lines
                .iter()
                .filter(|l| l.over)
                .map(|l| (m.measure_id, m.name.clone(), l.source))
        })
        .collect();
    if over.is_empty() {
        return ().into_any();
    }
    let count = over.len();
    let over = StoredValue::new(over);
    let items = move || {
        over.get_value()
            .into_iter()
            .map(|(id, name, source)| {
                let label = source.label();
                view! {
                    <li>
                        <a href=format!("#over-{id}-{}", source.as_str())>{move || i18n.text(&name)}</a>
                        " · "{move || i18n.text(&label)}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <Show when=move || !page.can_edit()>
            <div class="notice notice-warn overspend-summary" id="report-overspend" role="note">
                <div>
                    <p><strong><span aria-hidden="true">"⚠ "</span>{t(K::OverSummary)}": "{count}</strong></p>
                    <p class="hint">{t(K::OverSummaryHint)}</p>
                    <ul>{items}</ul>
                </div>
            </div>
        </Show>
    }
    .into_any()
}

#[component]
fn MeasureCard(
    page: PageState,
    measure: ReportMeasure,
    fields: MeasureFields,
    annual: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = measure.measure_id;
    let heading = format!("report-measure-{id}-title");
    let labelled_by = heading.clone();
    let name = measure.name.clone();
    let disabled = move || !page.can_edit();
    let status_target = Target::Status(id);
    let status_error = field_error(page, status_target, || None);
    let status_value = move || {
        fields
            .status
            .get()
            .map(ExecutionStatus::as_str)
            .unwrap_or("")
    };
    let options = ExecutionStatus::ALL
        .into_iter()
        .map(|s| {
            let label = s.label();
            view! {
                <option value=s.as_str() selected=move || status_value() == s.as_str()>
                    {move || i18n.text(&label)}
                </option>
            }
        })
        .collect_view();
    let status_label = move |r: &Report| {
        server_measure(r, id).map(|m| m.status.map(|s| s.label().get(i18n.lang()).to_string()))?
    };
    let status_now = move || {
        fields
            .status
            .get()
            .map(|s| s.label().get(i18n.lang()).to_string())
    };
    let year = measure.lines.first().map(|l| l.year);
    let rows = measure
        .lines
        .iter()
        .map(|line| view! { <SpendingRow page=page measure=id line=line.clone() fields=fields annual=annual/> })
        .collect_view();
    let spending = if measure.lines.is_empty() {
        view! { <p class="muted">{t(K::ReportNoSpendingLines)}</p> }.into_any()
    } else {
        let last = if annual {
            K::SpentYearCol
        } else {
            K::SpentPeriodCol
        };
        let hint_id = format!("spent-hint-{id}");
        let hint = if annual {
            K::AnnualSpendingHint
        } else {
            K::SpentHint
        };
        view! {
            <div class="table-scroll">
                <table class="data-table report-spending" id=format!("spending-{id}") aria-describedby=hint_id.clone()>
                    <caption>
                        {t(K::ReportSpendingCaption)}
                        {year.map(|y| format!(" · {y}"))}
                    </caption>
                    <thead>
                        <tr>
                            {column_heads(&[
                                (K::Source, false),
                                (K::PlannedCol, true),
                                (K::ApprovedValue, true),
                                (K::ExecutedBeforeCol, true),
                                (last, true),
                            ])}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="hint" id=hint_id>{t(hint)}</p>
        }
        .into_any()
    };
    let status_id = status_target.dom_id();
    let status_described = move || {
        status_error
            .with(Option::is_some)
            .then(|| format!("status-{id}-error"))
    };
    let reasons = annual.then(|| text_field(page, id, Which::Reasons, annual, fields.reasons));
    view! {
        <article class="card report-measure" data-measure-id=id.to_string() aria-labelledby=labelled_by>
            <h3 id=heading>
                <span class="code">{measure.task_code.clone()}</span>" "
                <a href=format!("/measures/{id}")>{move || i18n.text(&name)}</a>
            </h3>
            <div class=if annual { "report-measure-fields annual" } else { "report-measure-fields" }>
                <div class="field">
                    <label for=status_id.clone()>{t(K::ExecutionStatusLabel)}</label>
                    <select
                        id=status_id
                        disabled=disabled
                        aria-invalid=move || status_error.with(Option::is_some).then_some("true")
                        aria-describedby=status_described
                        prop:value=status_value
                        on:change=move |ev| {
                            fields.status.set(ExecutionStatus::parse(&event_target_value(&ev)));
                            page.touched(status_target);
                        }
                    >
                        <option value="" selected=move || status_value().is_empty()>{t(K::ChooseExecutionStatus)}</option>
                        {options}
                    </select>
                    {error_span(status_target, status_error)}
                    {beside(page, status_label, status_now)}
                </div>
                {text_field(page, id, Which::Narrative, annual, fields.narrative)}
                {reasons}
            </div>
            {spending}
        </article>
    }
}
