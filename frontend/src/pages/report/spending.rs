//! One funding source of a measure in the report: planned, approved, spent before and the amount
//! spent now; when the year's spending goes above its limit (`shared::execution::overspent`), a
//! warning that names the limit and the comment it needs — typed by the author, read by reviewers.

use super::form::{over_limit, spent_error, MeasureFields, Target};
use super::measures::{beside, error_span, field_error};
use super::PageState;
use crate::components::amount::Money;
use crate::i18n::{t, use_i18n, K};
use leptos::prelude::*;
use rust_decimal::Decimal;
use shared::amount::format_thousands;
use shared::api::reports::{Report, SpendingLine, NARRATIVE_MAX};
use shared::execution::spending_limit;
use shared::{Amount, FundingSource, Lang, MeasureId};

/// Columns of the spending table, for the warning row that spans them.
const COLUMNS: &str = "5";

/// Amounts compared as amounts, so `12` and `12,0` are the same value; blank is zero.
fn comparable(text: &str) -> Option<String> {
    if text.trim().is_empty() {
        return None;
    }
    Some(Amount::parse_line(text).map_or_else(|_| text.trim().to_string(), |a| a.to_string()))
        .filter(|s| s != "0")
}

/// "за рік буде використано 95,0 тис. грн — на 15,0 тис. грн більше за затверджену суму
/// 80,0 тис. грн."
pub fn over_text(line: &SpendingLine, spent: Amount, limit: Amount, lang: Lang) -> String {
    let year = line.executed_before.decimal() + spent.decimal();
    let by = format_thousands((year - limit.decimal()).max(Decimal::ZERO), lang);
    let unit = K::ThousandUah.text(lang);
    let by_word = K::OverByWord.text(lang);
    let by = if by_word.is_empty() {
        format!("{by} {unit}")
    } else {
        format!("{by_word} {by} {unit}")
    };
    let (which, tail) = if line.approved.is_zero() {
        (
            K::OverPlanned,
            format!(" {}", K::OverNothingApproved.text(lang)),
        )
    } else {
        (K::OverApproved, String::new())
    };
    format!(
        "{} {} {unit} — {by} {} {} {unit}{tail}.",
        K::OverYearTotal.text(lang),
        format_thousands(year, lang),
        which.text(lang),
        limit.format(lang),
    )
}

#[component]
pub fn SpendingRow(
    page: PageState,
    measure: MeasureId,
    line: SpendingLine,
    fields: MeasureFields,
    annual: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let source: FundingSource = line.source;
    let row_label = source.label();
    let typed = (!annual).then(|| fields.spent_of(source)).flatten();
    // The server found the line over when the form did not (its figures moved meanwhile): the
    // reason's field stays until the amount is changed.
    let server_over = RwSignal::new(false);
    let comment_target = Target::SpentComment(measure, source);
    Effect::new(move |_| {
        if page.error(comment_target).is_some() {
            server_over.set(true);
        }
    });
    // Each cell names its column: on a phone the rows stand as cards without the header.
    let label = move |key: K| move || i18n.t(key);
    let cell = match typed {
        Some(typed) => view! {
            <SpentInput page=page measure=measure source=source typed=typed server_over=server_over/>
        }
        .into_any(),
        None => view! {
            <td class="num" id=format!("spent-{measure}-{}", source.as_str()) data-label=label(K::SpentYearCol)>
                <Money amount=line.spent/>
            </td>
        }
        .into_any(),
    };
    // Live while the author types; as the server computed it for everyone else.
    let over = {
        let line = line.clone();
        Memo::new(move |_| {
            let editing = typed.is_some() && page.can_edit();
            match typed.filter(|_| editing) {
                Some(typed) => typed.with(|t| {
                    let spent = Amount::parse_line(t).ok()?;
                    let limit = spending_limit(line.planned, line.approved);
                    over_limit(&line, t)
                        .or_else(|| server_over.get().then_some(limit))
                        .map(|limit| (spent, limit))
                }),
                None => line
                    .over
                    .then(|| (line.spent, spending_limit(line.planned, line.approved))),
            }
        })
    };
    let warning = {
        let line = line.clone();
        move || {
            over.get().map(|(spent, limit)| {
                let described = line.clone();
                let text = move || over_text(&described, spent, limit, i18n.lang());
                view! {
                    <tr class="over-row" id=format!("over-{measure}-{}", source.as_str())>
                        <td colspan=COLUMNS>
                            <p class="over-warning">
                                <strong><span aria-hidden="true">"⚠ "</span>{t(K::OverTitle)}": "</strong>
                                {text}
                            </p>
                            <OverComment page=page measure=measure line=line.clone() fields=fields editable=typed.is_some()/>
                        </td>
                    </tr>
                }
            })
        }
    };
    view! {
        <tr data-source=source.as_str() class:over=move || over.with(Option::is_some) data-over=move || over.with(Option::is_some).to_string()>
            <th scope="row">{move || i18n.text(&row_label)}</th>
            <td class="num" data-label=label(K::PlannedCol)><Money amount=line.planned/></td>
            <td class="num" data-label=label(K::ApprovedValue)><Money amount=line.approved/></td>
            <td class="num" data-label=label(K::ExecutedBeforeCol)><Money amount=line.executed_before/></td>
            {cell}
        </tr>
        {warning}
    }
}

/// The amount spent in the period, as typed.
#[component]
fn SpentInput(
    page: PageState,
    measure: MeasureId,
    source: FundingSource,
    typed: RwSignal<String>,
    server_over: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = source.label();
    let target = Target::Spent(measure, source);
    let error = field_error(page, target, move || {
        typed.with(|t| spent_error(t)).map(|c| c.message())
    });
    let aria_label = move || {
        let lang = i18n.lang();
        format!(
            "{}, {}, {}",
            K::SpentPeriodCol.text(lang),
            label.get(lang),
            K::ThousandUah.text(lang)
        )
    };
    let server = move |r: &Report| {
        r.measures
            .iter()
            .find(|m| m.measure_id == measure)
            .and_then(|m| m.lines.iter().find(|l| l.source == source))
            .map(|l| l.spent)
            .filter(|a| !a.is_zero())
            .map(|a| a.format(i18n.lang()))
    };
    let now = move || {
        typed
            .with(|t| comparable(t))
            .and_then(|s| Amount::parse(&s).ok())
            .map(|a| a.format(i18n.lang()))
    };
    view! {
        <td class="cell" class:invalid=move || error.with(Option::is_some) data-label=move || i18n.t(K::SpentPeriodCol)>
            <input
                type="text"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                class="cell-input"
                placeholder="0"
                id=target.dom_id()
                disabled=move || !page.can_edit()
                aria-label=aria_label
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=move || error.with(Option::is_some).then(|| format!("{}-error", target.dom_id()))
                prop:value=move || typed.get()
                on:input=move |ev| {
                    typed.set(event_target_value(&ev));
                    server_over.set(false);
                    page.touched(target);
                }
            />
            {error_span(target, error)}
            {beside(page, server, now)}
        </td>
    }
}

/// Why the line goes over: a required field for the author, the saved text for everyone else.
#[component]
fn OverComment(
    page: PageState,
    measure: MeasureId,
    line: SpendingLine,
    fields: MeasureFields,
    editable: bool,
) -> impl IntoView {
    let source = line.source;
    let target = Target::SpentComment(measure, source);
    let id = target.dom_id();
    let comment = fields.comment_of(source);
    let saved = line.comment.trim().to_string();
    let read_only = move || {
        let saved = saved.clone();
        view! {
            <p class="over-comment" id=id.clone()>
                <span class="over-comment-label">{t(K::OverCommentLabel)}": "</span>
                {if saved.is_empty() {
                    view! { <span class="muted">{t(K::OverNoComment)}</span> }.into_any()
                } else {
                    view! { <span class="prewrap">{saved}</span> }.into_any()
                }}
            </p>
        }
    };
    let Some(comment) = comment.filter(|_| editable) else {
        return read_only().into_any();
    };
    let error = field_error(page, target, || None);
    let input_id = target.dom_id();
    let error_id = format!("{input_id}-error");
    let read_only = StoredValue::new_local(read_only);
    let shown = move || {
        if !page.can_edit() {
            return read_only.with_value(|f| f()).into_any();
        }
        let error_id = error_id.clone();
        view! {
            <div class="field over-comment-field">
                <label for=input_id.clone()>
                    {t(K::OverCommentLabel)}" "<span class="required">"("{t(K::Required)}")"</span>
                </label>
                <textarea
                    id=input_id.clone()
                    rows="2"
                    maxlength=NARRATIVE_MAX
                    aria-required="true"
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=move || error.with(Option::is_some).then(|| error_id.clone())
                    prop:value=move || comment.get()
                    on:input=move |ev| {
                        comment.set(event_target_value(&ev));
                        page.touched(target);
                    }
                ></textarea>
                {error_span(target, error)}
            </div>
        }
        .into_any()
    };
    shown.into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{a, y};

    #[test]
    fn the_warning_names_the_limit_and_how_far_above_it_the_year_goes() {
        let mut line = SpendingLine {
            year: y(2026),
            source: FundingSource::Oblast,
            planned: a("100"),
            approved: a("80"),
            executed_before: a("20"),
            spent: Amount::ZERO,
            comment: String::new(),
            over: false,
        };
        let text = over_text(&line, a("75"), a("80"), Lang::Uk);
        assert!(
            text.ends_with(
                "95,0 тис. грн — на 15,0 тис. грн більше за затверджену суму 80,0 тис. грн."
            ),
            "{text}"
        );
        line.approved = Amount::ZERO;
        let text = over_text(&line, a("90"), a("100"), Lang::En);
        assert!(
            text.ends_with(
                "110.0 thousand UAH — 10.0 thousand UAH more than the planned amount of \
                 100.0 thousand UAH (nothing is approved yet)."
            ),
            "{text}"
        );
    }
}
