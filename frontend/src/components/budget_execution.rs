//! A measure's budget execution: planned, approved (the year's budget decision, which the
//! department enters here) and executed (approved quarterly reports) per year and source, and
//! the reports the spending comes from.

use crate::api;
use crate::components::amount::Money;
use crate::components::data_table::DataTable;
use crate::components::resource_view::ResourceView;
use crate::components::source_table::column_heads;
use crate::i18n::{t, use_i18n, K};
use crate::live::{on_live_debounced, Live};
use crate::pages::report::labels::{period_label, StageBadge};
use crate::pages::reports::report_href;
use leptos::prelude::*;
use shared::amount::format_percent;
use shared::api::budget::{ExecutionCell, MeasureExecution, QuarterSpending, SetApproved};
use shared::api::events::LiveEventKind;
use shared::calendar::ReportPeriod;
use shared::{Amount, ErrorCode, FundingSource, GridCell, MeasureId, Text, Year};
use std::time::Duration;

/// A cell of the approved amounts: year and source.
type CellKey = (Year, FundingSource);

/// The approved amounts as typed, in the table's order.
type Typed = Vec<(CellKey, String)>;

/// The typed approved amounts as the request (blank is zero and left out), or each wrong cell.
pub fn build_approved(
    version: i32,
    typed: &Typed,
) -> Result<SetApproved, Vec<(CellKey, ErrorCode)>> {
    let mut errors = Vec::new();
    let approved = typed
        .iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .filter_map(|((year, source), text)| match Amount::parse_line(text) {
            Ok(amount) => Some(GridCell {
                year: *year,
                source: *source,
                amount,
            }),
            Err(code) => {
                errors.push(((*year, *source), code));
                None
            }
        })
        .collect();
    if errors.is_empty() {
        Ok(SetApproved { version, approved })
    } else {
        Err(errors)
    }
}

/// The cell an error from the server names (`approved[2].amount`), read against what was sent.
pub fn approved_target(path: &str, sent: &SetApproved) -> Option<CellKey> {
    let index: usize = path
        .strip_prefix("approved[")?
        .split_once(']')?
        .0
        .parse()
        .ok()?;
    sent.approved.get(index).map(|c| (c.year, c.source))
}

fn cell_id(key: CellKey) -> String {
    format!("approved-{}-{}", key.0, key.1.as_str())
}

/// The editing state, kept while the figures are fetched again.
#[derive(Clone, Copy)]
struct Edit {
    open: RwSignal<bool>,
    version: RwSignal<i32>,
    typed: RwSignal<Typed>,
    errors: RwSignal<Vec<(CellKey, Text)>>,
    /// The server's amounts after a conflict, beside the fields.
    server: RwSignal<Option<MeasureExecution>>,
    message: RwSignal<Option<(bool, Text)>>,
}

impl Edit {
    fn typed(self, key: CellKey) -> String {
        self.typed.with(|t| {
            t.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        })
    }

    fn error(self, key: CellKey) -> Option<Text> {
        let typed = self.typed(key);
        if !typed.trim().is_empty() {
            if let Err(code) = Amount::parse_line(&typed) {
                return Some(code.message());
            }
        }
        self.errors
            .with(|es| es.iter().find(|(k, _)| *k == key).map(|(_, m)| m.clone()))
    }
}

#[component]
pub fn BudgetExecution(id: MeasureId) -> impl IntoView {
    let exec = LocalResource::new(move || api::measure_execution(id));
    let edit = Edit {
        open: RwSignal::new(false),
        version: RwSignal::new(0),
        typed: RwSignal::new(Vec::new()),
        errors: RwSignal::new(Vec::new()),
        server: RwSignal::new(None),
        message: RwSignal::new(None),
    };
    on_live_debounced(
        Duration::from_millis(300),
        move |live| match live {
            Live::Change(e) => {
                (e.kind == LiveEventKind::BudgetApproved && e.measure_id == Some(id))
                    || matches!(
                        e.kind,
                        LiveEventKind::ReportApproved | LiveEventKind::ReportUnlocked
                    )
            }
            Live::Reload => true,
        },
        move || exec.refetch(),
    );
    let save = Action::new_local(move |(): &()| async move {
        let body = match build_approved(edit.version.get_untracked(), &edit.typed.get_untracked()) {
            Ok(body) => body,
            Err(errors) => {
                edit.errors
                    .set(errors.into_iter().map(|(k, c)| (k, c.message())).collect());
                edit.message.set(Some((false, K::FixErrors.both())));
                return;
            }
        };
        match api::set_approved(id, &body).await {
            Ok(_) => {
                edit.open.set(false);
                edit.server.set(None);
                edit.errors.set(Vec::new());
                edit.message.set(Some((true, K::ApprovedSaved.both())));
                exec.refetch();
            }
            Err(e) if e.code == ErrorCode::VersionConflict => {
                match e
                    .current
                    .and_then(|c| serde_json::from_value::<MeasureExecution>(c).ok())
                {
                    Some(current) => {
                        edit.version.set(current.version);
                        edit.server.set(Some(current));
                        edit.message.set(Some((false, K::ApprovedConflict.both())));
                    }
                    None => edit.message.set(Some((false, e.message))),
                }
            }
            Err(e) => match e.field.as_deref().and_then(|f| approved_target(f, &body)) {
                Some(key) => {
                    edit.errors.set(vec![(key, e.message)]);
                    edit.message.set(Some((false, K::ServerRefused.both())));
                }
                None => edit.message.set(Some((false, e.message))),
            },
        }
    });
    let pending = Signal::derive(move || save.pending().get());
    let on_save = Callback::new(move |()| {
        edit.message.set(None);
        save.dispatch(());
    });
    let body = move |m: MeasureExecution| view! { <ExecutionView exec=m edit=edit pending=pending on_save=on_save/> };
    view! {
        <section class="card budget-execution" id="budget-execution" aria-labelledby="budget-execution-title">
            <h2 id="budget-execution-title">{t(K::BudgetExecutionTitle)}</h2>
            <p class="hint">{t(K::BudgetExecutionHint)}</p>
            <ResourceView resource=exec children=body/>
        </section>
    }
}

#[component]
fn ExecutionView(
    exec: MeasureExecution,
    edit: Edit,
    pending: Signal<bool>,
    on_save: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let keys: Vec<CellKey> = exec.cells.iter().map(|c| (c.year, c.source)).collect();
    let start = {
        let exec = exec.clone();
        move |_| {
            let lang = i18n.lang_untracked();
            edit.typed.set(
                exec.cells
                    .iter()
                    .map(|c| {
                        let a = c.execution.approved;
                        let text = if a.is_zero() {
                            String::new()
                        } else {
                            a.to_input(lang)
                        };
                        ((c.year, c.source), text)
                    })
                    .collect(),
            );
            edit.version.set(exec.version);
            edit.errors.set(Vec::new());
            edit.server.set(None);
            edit.message.set(None);
            edit.open.set(true);
        }
    };
    let can_edit = exec.can_set_approved;
    let rows = exec
        .cells
        .iter()
        .map(|c| view! { <CellRow cell=c.clone() edit=edit/> })
        .collect_view();
    let total = exec.total;
    let table = if keys.is_empty() {
        view! { <p class="muted" id="execution-empty">{t(K::NoExecutionCells)}</p> }.into_any()
    } else {
        view! {
            <div class="table-scroll">
                <table class="data-table execution-table" id="execution-table">
                    <caption class="visually-hidden">{t(K::BudgetExecutionTitle)}</caption>
                    <thead>
                        <tr>
                            {column_heads(&[
                                (K::Year, false),
                                (K::Source, false),
                                (K::PlannedCol, true),
                                (K::ApprovedValue, true),
                                (K::ExecutedCol, true),
                                (K::ApprovedOfPlanned, true),
                                (K::ExecutedOfApproved, true),
                            ])}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot>
                        <tr id="execution-total">
                            <th scope="row" colspan="2">{t(K::Total)}</th>
                            <td class="num total"><Money amount=total.planned/></td>
                            <td class="num total"><Money amount=total.approved/></td>
                            <td class="num total"><Money amount=total.executed/></td>
                            <td class="num total">{move || format_percent(total.approved_percent(), i18n.lang())}</td>
                            <td class="num total">{move || format_percent(total.executed_percent(), i18n.lang())}</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
        }
        .into_any()
    };
    let controls = (can_edit && !keys.is_empty()).then(|| {
        view! {
            <p class="execution-controls">
                <Show
                    when=move || edit.open.get()
                    fallback=move || view! {
                        <button type="button" id="edit-approved" class="btn btn-secondary btn-small" on:click=start.clone()>
                            {t(K::EditApproved)}
                        </button>
                    }
                >
                    <button
                        type="button"
                        id="save-approved"
                        class="btn btn-primary btn-small"
                        disabled=pending
                        on:click=move |_| on_save.run(())
                    >
                        {move || if pending.get() { t(K::Saving)() } else { t(K::SaveApproved)() }}
                    </button>
                    " "
                    <button
                        type="button"
                        id="cancel-approved"
                        class="btn btn-secondary btn-small"
                        on:click=move |_| {
                            edit.open.set(false);
                            edit.server.set(None);
                            edit.errors.set(Vec::new());
                            edit.message.set(None);
                        }
                    >
                        {t(K::Cancel)}
                    </button>
                </Show>
            </p>
        }
    });
    let message = move || {
        edit.message.get().map(|(ok, text)| {
            view! {
                <span class=if ok { "ok" } else { "error" }>{move || i18n.text(&text)}</span>
            }
        })
    };
    view! {
        {table}
        {controls}
        <p class="form-message" id="execution-status" role="status">{message}</p>
        <QuarterList quarters=exec.quarters.clone()/>
    }
}

#[component]
fn CellRow(cell: ExecutionCell, edit: Edit) -> impl IntoView {
    let i18n = use_i18n();
    let key = (cell.year, cell.source);
    let e = cell.execution;
    let label = cell.source.label();
    let row_label = label.clone();
    let id = cell_id(key);
    let td_id = format!("{id}-cell");
    let approved = move || {
        if !edit.open.get() {
            return view! { <Money amount=e.approved/> }.into_any();
        }
        let error = Memo::new(move |_| edit.error(key));
        let label = label.clone();
        let aria_label = move || {
            let lang = i18n.lang();
            format!(
                "{}, {}, {}, {}",
                K::ApprovedAmountFor.text(lang),
                key.0,
                label.get(lang),
                K::ThousandUah.text(lang)
            )
        };
        let error_id = format!("{}-error", cell_id(key));
        let described = error_id.clone();
        let server = move || {
            edit.server.with(|s| {
                let s = s.as_ref()?;
                let theirs = s
                    .cells
                    .iter()
                    .find(|c| (c.year, c.source) == key)
                    .map_or(Amount::ZERO, |c| c.execution.approved);
                let mine = Amount::parse_line(&edit.typed(key)).unwrap_or(Amount::ZERO);
                (theirs != mine).then(|| {
                    let lang = i18n.lang();
                    view! {
                        <span class="beside">
                            <span class="beside-label">{K::OnServer.text(lang)}": "</span>
                            <span class="beside-value">{theirs.format(lang)}</span>
                        </span>
                    }
                })
            })
        };
        view! {
            <input
                type="text"
                inputmode="decimal"
                autocomplete="off"
                class="cell-input"
                placeholder="0"
                id=id.clone()
                aria-label=aria_label
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=move || error.with(Option::is_some).then(|| described.clone())
                prop:value=move || edit.typed(key)
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    edit.typed.update(|t| {
                        if let Some(slot) = t.iter_mut().find(|(k, _)| *k == key) {
                            slot.1 = value;
                        }
                    });
                    edit.errors.update(|es| es.retain(|(k, _)| *k != key));
                }
            />
            {move || error.get().map(|m| view! {
                <span class="field-error" id=error_id.clone()>
                    <span aria-hidden="true">"⚠ "</span>{move || i18n.text(&m)}
                </span>
            })}
            {server}
        }
        .into_any()
    };
    view! {
        <tr data-year=key.0.to_string() data-source=key.1.as_str()>
            <th scope="row">{key.0.to_string()}</th>
            <td>{move || i18n.text(&row_label)}</td>
            <td class="num"><Money amount=e.planned/></td>
            <td class="num" id=td_id>{approved}</td>
            <td class="num"><Money amount=e.executed/></td>
            <td class="num">{move || format_percent(e.approved_percent(), i18n.lang())}</td>
            <td class="num">{move || format_percent(e.executed_percent(), i18n.lang())}</td>
        </tr>
    }
}

/// `#execution-quarters`: what each report says was spent, with its stage (only approved
/// reports count as executed).
#[component]
fn QuarterList(quarters: Vec<QuarterSpending>) -> impl IntoView {
    let i18n = use_i18n();
    let body = if quarters.is_empty() {
        view! { <p class="muted" id="execution-no-quarters">{t(K::NoQuarterSpending)}</p> }
            .into_any()
    } else {
        let rows = quarters
            .into_iter()
            .map(|q| {
                let quarter = ReportPeriod::Quarter(q.quarter);
                let label = q.source.label();
                view! {
                    <tr data-period=q.period.to_string() data-stage=q.stage.as_str()>
                        <th scope="row">{move || period_label(quarter, i18n.lang())}</th>
                        <td>{move || i18n.text(&label)}</td>
                        <td class="num"><Money amount=q.amount/></td>
                        <td>
                            <a href=report_href(q.org, q.period) class="execution-report-link">
                                {t(K::OpenReport)}" · "{move || period_label(q.period, i18n.lang())}
                            </a>
                        </td>
                        <td><StageBadge stage=Some(q.stage)/></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <DataTable
                id="execution-quarters-table"
                class="execution-quarters"
                caption=K::QuarterSpendingTitle
                caption_hidden=true
                columns=vec![
                    (K::QuarterCol, false),
                    (K::Source, false),
                    (K::AmountCol, true),
                    (K::ReportCol, false),
                    (K::ReportStageCol, false),
                ]
            >
                {rows}
            </DataTable>
        }
        .into_any()
    };
    view! {
        <div class="execution-quarters" id="execution-quarters">
            <h3 class="small-heading">{t(K::QuarterSpendingTitle)}</h3>
            {body}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{a, y};

    #[test]
    fn approved_amounts_become_the_request_and_errors_find_their_cell() {
        let typed: Typed = vec![
            ((y(2026), FundingSource::Oblast), "1 250,5".into()),
            ((y(2026), FundingSource::Local), String::new()),
            ((y(2027), FundingSource::Oblast), "300".into()),
        ];
        let body = build_approved(4, &typed).expect("valid");
        assert_eq!(body.version, 4);
        assert_eq!(
            body.approved,
            vec![
                GridCell {
                    year: y(2026),
                    source: FundingSource::Oblast,
                    amount: a("1250.5")
                },
                GridCell {
                    year: y(2027),
                    source: FundingSource::Oblast,
                    amount: a("300")
                },
            ]
        );
        // The server's index counts only the cells sent.
        assert_eq!(
            approved_target("approved[1].amount", &body),
            Some((y(2027), FundingSource::Oblast))
        );
        assert_eq!(approved_target("approved[5].amount", &body), None);
        assert_eq!(approved_target("version", &body), None);
        let wrong: Typed = vec![((y(2026), FundingSource::Other), "-1".into())];
        assert_eq!(
            build_approved(1, &wrong),
            Err(vec![(
                (y(2026), FundingSource::Other),
                ErrorCode::AmountNegative
            )])
        );
    }
}
