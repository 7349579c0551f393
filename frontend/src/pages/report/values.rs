//! The report's indicators: unit, previous value, the target expected for the period, the value
//! typed (checked for its unit as typed) and a comment that becomes required on a big move.

use super::form::{comment_required, value_error, ReportForm, Target, ValueFields};
use super::labels::{snake, value_text};
use super::measures::{beside, error_span, field_error};
use super::PageState;
use crate::components::data_table::DataTable;
use crate::i18n::{t, use_i18n, K};
use leptos::prelude::*;
use rust_decimal::Decimal;
use shared::api::reports::{Report, ReportValue, NARRATIVE_MAX};
use shared::{IndicatorId, Lang};

#[component]
pub fn ValuesSection(page: PageState, form: ReportForm) -> impl IntoView {
    let max = form.base.max_change_percent;
    let body = if form.base.values.is_empty() {
        view! { <p class="muted" id="report-no-indicators">{t(K::ReportNoIndicators)}</p> }
            .into_any()
    } else {
        let rows = form
            .base
            .values
            .iter()
            .filter_map(|v| {
                let fields = form.value(v.indicator_id)?;
                Some(view! { <ValueRow page=page value=v.clone() fields=fields max=max/> })
            })
            .collect_view();
        view! {
            <DataTable
                id="report-values"
                class="report-values"
                caption=K::ReportIndicatorsTitle
                caption_hidden=true
                columns=vec![
                    (K::IndicatorCol, false),
                    (K::UnitCol, false),
                    (K::PreviousCol, true),
                    (K::ExpectedCol, true),
                    (K::ActualCol, false),
                    (K::IndicatorCommentCol, false),
                    (K::IndicatorStatusCol, false),
                ]
            >
                {rows}
            </DataTable>
        }
        .into_any()
    };
    view! {
        <section class="card report-indicators" id="report-indicators" aria-labelledby="report-indicators-title">
            <h2 id="report-indicators-title">{t(K::ReportIndicatorsTitle)}</h2>
            {body}
        </section>
    }
}

fn server_value(r: &Report, id: IndicatorId) -> Option<&ReportValue> {
    r.values.iter().find(|v| v.indicator_id == id)
}

/// "— " for a figure that is not there.
fn figure(value: Option<Decimal>, lang: Lang) -> String {
    value.map_or_else(|| "—".to_string(), |v| value_text(v, lang))
}

#[component]
fn ValueRow(
    page: PageState,
    value: ReportValue,
    fields: ValueFields,
    max: Decimal,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = value.indicator_id;
    let unit = value.unit;
    let previous = value.previous;
    let value_target = Target::Value(id);
    let comment_target = Target::Comment(id);
    let typed = fields.value;
    let comment = fields.comment;
    let value_err = field_error(page, value_target, move || {
        typed.with(|t| value_error(unit, t)).map(|c| c.message())
    });
    let comment_err = field_error(page, comment_target, || None);
    let required = Memo::new(move |_| typed.with(|t| comment_required(unit, previous, t, max)));
    let name = value.name.clone();
    let unit_label = unit.label();
    let status = value.status;
    let status_label = status.label();
    let label_id = format!("indicator-{id}-name");
    let hint_id = format!("comment-{id}-hint");
    let disabled = move || !page.can_edit();
    let server_figure = move |r: &Report| {
        server_value(r, id)
            .and_then(|v| v.value)
            .map(|v| value_text(v, i18n.lang()))
    };
    let now_figure = move || {
        typed
            .with(|t| unit.parse_value(t).ok())
            .map(|v| value_text(v, i18n.lang()))
    };
    let server_comment = move |r: &Report| {
        server_value(r, id)
            .map(|v| v.comment.trim().to_string())
            .filter(|c| !c.is_empty())
    };
    let now_comment = move || Some(comment.get().trim().to_string()).filter(|c| !c.is_empty());
    let value_described = {
        let label_id = label_id.clone();
        move || {
            let mut ids = vec![label_id.clone()];
            if value_err.with(Option::is_some) {
                ids.push(format!("value-{id}-error"));
            }
            ids.join(" ")
        }
    };
    let comment_described = {
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if required.get() && page.can_edit() {
                ids.push(hint_id.clone());
            }
            if comment_err.with(Option::is_some) {
                ids.push(format!("comment-{id}-error"));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let value_label = {
        let name = name.clone();
        move || {
            format!(
                "{}: {}",
                K::ActualCol.text(i18n.lang()),
                name.get(i18n.lang())
            )
        }
    };
    let comment_label = {
        let name = name.clone();
        move || {
            format!(
                "{}: {}",
                K::IndicatorCommentCol.text(i18n.lang()),
                name.get(i18n.lang())
            )
        }
    };
    view! {
        <tr data-indicator-id=id.to_string() data-unit=snake(&unit)>
            <th scope="row" id=label_id>
                <span class="code">{value.code.clone()}</span>" "
                {move || i18n.text(&name)}
            </th>
            <td>{move || i18n.text(&unit_label)}</td>
            <td class="num" id=format!("previous-{id}")>{move || figure(previous, i18n.lang())}</td>
            <td class="num" id=format!("expected-{id}")>{move || figure(value.expected, i18n.lang())}</td>
            <td class="cell" class:invalid=move || value_err.with(Option::is_some)>
                <input
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    class="cell-input"
                    id=value_target.dom_id()
                    aria-label=value_label
                    disabled=disabled
                    aria-invalid=move || value_err.with(Option::is_some).then_some("true")
                    aria-describedby=value_described
                    prop:value=move || typed.get()
                    on:input=move |ev| {
                        typed.set(event_target_value(&ev));
                        page.touched(value_target);
                    }
                />
                {error_span(value_target, value_err)}
                {beside(page, server_figure, now_figure)}
            </td>
            <td class="comment-cell">
                <textarea
                    id=comment_target.dom_id()
                    rows="2"
                    maxlength=NARRATIVE_MAX
                    aria-label=comment_label
                    disabled=disabled
                    aria-required=move || required.get().then_some("true")
                    aria-invalid=move || comment_err.with(Option::is_some).then_some("true")
                    aria-describedby=comment_described
                    prop:value=move || comment.get()
                    on:input=move |ev| {
                        comment.set(event_target_value(&ev));
                        page.touched(comment_target);
                    }
                ></textarea>
                <Show when=move || required.get() && page.can_edit()>
                    <span class="hint comment-needed" id=hint_id.clone()>
                        {t(K::CommentNeeded)}" "
                        {move || shared::amount::format_percent(Some(max), i18n.lang())}" "
                        {t(K::CommentNeededTail)}
                    </span>
                </Show>
                {error_span(comment_target, comment_err)}
                {beside(page, server_comment, now_comment)}
            </td>
            <td>
                <span class=format!("state-badge indicator-status indicator-status-{}", snake(&status)) data-state=snake(&status)>
                    {move || i18n.text(&status_label)}
                </span>
            </td>
        </tr>
    }
}
