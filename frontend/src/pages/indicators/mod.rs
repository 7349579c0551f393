//! `/indicators`: every performance indicator with its definition, baseline, targets and status thresholds (the department edits the thresholds), and the reporting settings.

mod field;
mod rule;
mod settings;
mod words;

use crate::api;
use crate::components::resource_view::ResourceView;
use crate::i18n::{t, use_i18n, K};
use crate::pages::report::labels::{date_text, value_text};
use crate::session::use_auth;
use leptos::prelude::*;
use rule::{RuleEdit, RuleEditRow};
use settings::ReportingSettingsCard;
use shared::api::indicators::IndicatorEntry;
use shared::api::orgs::OrgSummary;
use shared::api::programme::DirectionSummary;
use shared::indicators::Reporters;
use shared::{ApiErrorBody, IndicatorId, Text, Year};
use words::{aggregate_text, formula_words, reporters_text, scope_text, threshold_lines};

/// Columns of the indicator table (the edit row spans them all): seven and one per year.
fn columns() -> usize {
    7 + Year::all().count()
}

/// What the page shows: the indicators, and the names they refer to.
#[derive(Clone)]
struct Loaded {
    entries: Vec<IndicatorEntry>,
    directions: Vec<DirectionSummary>,
    orgs: Vec<OrgSummary>,
}

async fn load() -> Result<Loaded, ApiErrorBody> {
    let entries = api::indicators().await?;
    let directions = api::programme().await?.directions;
    let orgs = api::orgs().await?;
    Ok(Loaded {
        entries,
        directions,
        orgs,
    })
}

/// What the last save did. The edit row closes once saved, so the words for screen readers live
/// in a status line of the page, and the row that was saved says so beside its thresholds.
#[derive(Clone, Copy)]
pub(crate) struct PageMessage {
    text: RwSignal<Option<Text>>,
    saved: RwSignal<Option<IndicatorId>>,
}

impl PageMessage {
    fn new() -> Self {
        PageMessage {
            text: RwSignal::new(None),
            saved: RwSignal::new(None),
        }
    }

    pub(crate) fn saved(self, id: IndicatorId, text: Text) {
        self.text.set(Some(text));
        self.saved.set(Some(id));
    }

    fn clear(self) {
        self.text.set(None);
        self.saved.set(None);
    }
}

#[component]
pub fn IndicatorsPage() -> impl IntoView {
    let department = use_auth().user_untracked().is_some_and(|u| u.may.decide);
    let data = LocalResource::new(load);
    view! {
        <section class="page indicators-page" aria-labelledby="indicators-heading">
            <h1 id="indicators-heading">{t(K::IndTitle)}</h1>
            <p class="hint">{t(K::IndHint)}</p>
            <p class="hint">
                <span class="badge badge-demo">{t(K::IndDemo)}</span>" "{t(K::IndDemoHint)}
            </p>
            {(!department).then(|| view! { <p class="readonly-note" id="indicators-readonly">{t(K::IndReadOnly)}</p> })}
            <ResourceView resource=data let:loaded>
                <IndicatorTable loaded=loaded department=department/>
            </ResourceView>
            <crate::components::export_links::ExportLinks
                table=shared::api::exports::ExportTable::Targets
                filters=Signal::stored(String::new())/>
            {department.then(|| view! {
                <p class="hint" id="indicators-targets-import">
                    {t(K::IndTargetsImportHint)}" "
                    <leptos_router::components::A href="/import?kind=targets">{t(K::IndTargetsImport)}</leptos_router::components::A>
                </p>
            })}
            <ReportingSettingsCard department=department/>
        </section>
    }
}

#[component]
fn IndicatorTable(loaded: Loaded, department: bool) -> impl IntoView {
    let i18n = use_i18n();
    let entries = RwSignal::new(loaded.entries);
    let directions = StoredValue::new(loaded.directions);
    let orgs = StoredValue::new(loaded.orgs);
    let message = PageMessage::new();
    let edit = RuleEdit::new(entries, message);
    let years = Year::all().count();
    let year_heads = Year::all()
        .map(|y| view! { <th scope="col" class="num">{y.to_string()}</th> })
        .collect_view();
    let body = move || {
        if entries.with(Vec::is_empty) {
            return view! {
                <tr class="row-empty"><td colspan=columns()>{t(K::IndNone)}</td></tr>
            }
            .into_any();
        }
        view! {
            <For
                each=move || entries.get()
                key=|e| e.indicator.id
                let:entry
            >
                <IndicatorRow
                    entry=entry
                    entries=entries
                    directions=directions
                    orgs=orgs
                    department=department
                    edit=edit
                    message=message
                />
            </For>
        }
        .into_any()
    };
    view! {
        <p class="visually-hidden" id="indicators-status" role="status">
            {move || message.text.get().map(|text| i18n.text(&text))}
        </p>
        <div class="card indicators-card">
            <div class="table-scroll">
                <table class="data-table indicators-table" id="indicators-table">
                    <caption class="visually-hidden">{t(K::IndTitle)}</caption>
                    <colgroup span="5"></colgroup>
                    <colgroup span=years.to_string() class="targets"></colgroup>
                    <colgroup span="2"></colgroup>
                    <thead>
                        <tr>
                            <th scope="col" rowspan="2">{t(K::IndCodeCol)}</th>
                            <th scope="col" rowspan="2">{t(K::IndNameCol)}</th>
                            <th scope="col" rowspan="2">{t(K::IndUnitCol)}</th>
                            <th scope="col" rowspan="2">{t(K::IndKindCol)}</th>
                            <th scope="col" rowspan="2" class="num">{t(K::IndBaselineCol)}</th>
                            <th scope="colgroup" colspan=years.to_string() class="targets-head">{t(K::IndTargetCol)}</th>
                            <th scope="col" rowspan="2">{t(K::IndReportersCol)}</th>
                            <th scope="col" rowspan="2">{t(K::IndThresholdsCol)}</th>
                        </tr>
                        <tr>{year_heads}</tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </div>
    }
}

/// The target of one programme year, or a dash.
fn target_cell(entry: &IndicatorEntry, year: Year) -> impl IntoView {
    let i18n = use_i18n();
    let target = entry.indicator.target(year);
    view! {
        <td class="num" data-year=year.to_string()>
            {move || target.map_or_else(|| "—".to_string(), |v| value_text(v, i18n.lang()))}
        </td>
    }
}

#[component]
fn IndicatorRow(
    entry: IndicatorEntry,
    entries: RwSignal<Vec<IndicatorEntry>>,
    directions: StoredValue<Vec<DirectionSummary>>,
    orgs: StoredValue<Vec<OrgSummary>>,
    department: bool,
    edit: RuleEdit,
    message: PageMessage,
) -> impl IntoView {
    let i18n = use_i18n();
    let ind = entry.indicator.clone();
    let id: IndicatorId = ind.id;
    let code = entry.code.clone();
    let name = ind.name.clone();
    let scope = directions.with_value(|d| scope_text(ind.scope, d));
    let unit = ind.unit.label();
    let kind = ind.kind.label();
    let direction = ind.direction.label();
    let baseline = ind.baseline;
    let reporters = orgs.with_value(|o| reporters_text(&ind.reporters, o));
    let aggregate = aggregate_text(&ind.reporters, ind.aggregate);
    let formula = ind.formula.clone().map(|f| {
        // The inputs by their codes, read from the list as it is now.
        let words = move || {
            let lang = i18n.lang();
            entries.with(|all| {
                formula_words(
                    &f,
                    |input| {
                        all.iter()
                            .find(|e| e.indicator.id == input)
                            .map(|e| e.code.clone())
                    },
                    lang,
                )
            })
        };
        view! {
            <span class="cell-sub formula" data-formula="">
                {t(K::IndFormula)}": "<span class="formula-words">{words}</span>
            </span>
        }
    });
    let own_targets = {
        let mut orgs: Vec<_> = ind.org_targets.iter().map(|t| t.org).collect();
        orgs.sort();
        orgs.dedup();
        orgs.len()
    };
    let own_targets = (own_targets > 0).then(|| {
        view! {
            <span class="cell-sub own-targets" data-own-targets=own_targets.to_string()>
                {t(K::IndOwnTargets)}" "{own_targets}
            </span>
        }
    });
    let computed = matches!(
        ind.reporters,
        Reporters::Computed | Reporters::LocalProgrammes
    );
    // The one thing this page changes: kept live, so a save or a conflict redraws the
    // thresholds and leaves the row (and the open editor in it) in place.
    let current =
        move || entries.with_untracked(|all| all.iter().find(|e| e.indicator.id == id).cloned());
    let rule = Memo::new(move |_| {
        entries.with(|all| {
            all.iter()
                .find(|e| e.indicator.id == id)
                .and_then(|e| e.indicator.status_rule)
        })
    });
    let targets = Year::all().map(|y| target_cell(&entry, y)).collect_view();
    let editing = move || edit.editing() == Some(id);
    let start = move |_| {
        message.clear();
        if let Some(entry) = current() {
            edit.open(&entry, i18n.lang_untracked());
        }
    };
    let edit_button = department.then(|| {
        let code = code.clone();
        view! {
            <Show when=move || !editing()>
                <button
                    type="button"
                    class="btn btn-link btn-small rule-edit"
                    id=format!("edit-rule-{code}")
                    aria-describedby=format!("thresholds-{code}")
                    on:click=start
                >
                    {t(K::IndEditThresholds)}
                </button>
            </Show>
        }
    });
    let demo = entry.is_demo.then(|| {
        view! {
            " "
            <span class="badge badge-demo" title=t(K::IndDemoTargets)>
                {t(K::IndDemo)}
                <span class="visually-hidden">": "{t(K::IndDemoTargets)}</span>
            </span>
        }
    });
    let edit_row = move || {
        editing()
            .then(current)
            .flatten()
            .map(|entry| view! { <RuleEditRow entry=entry edit=edit columns=columns()/> })
    };
    view! {
        <tr
            class="indicator-row"
            class:row-editing=editing
            data-code=code.clone()
            data-indicator-id=id.to_string()
            data-custom-rule=move || rule.with(Option::is_some).to_string()
        >
            <th scope="row" class="code">{code.clone()}</th>
            <td class="ind-name">
                <span class="ind-title">{move || i18n.text(&name)}</span>
                {demo}
                <span class="cell-sub ind-scope">{move || i18n.text(&scope)}</span>
            </td>
            <td>{move || i18n.text(&unit)}</td>
            <td class="ind-kind">
                {move || i18n.text(&kind)}
                <span class="cell-sub">{move || i18n.text(&direction)}</span>
            </td>
            <td class="num">
                {move || value_text(baseline.value, i18n.lang())}
                <span class="cell-sub">{t(K::IndAsOf)}" "{move || date_text(baseline.date, i18n.lang())}</span>
            </td>
            {targets}
            <td class="reporters" class:computed=computed>
                {move || i18n.text(&reporters)}
                {aggregate.map(|k| view! { <span class="cell-sub">{t(k)}</span> })}
                {own_targets}
                {formula}
            </td>
            <td class="thresholds">
                <span class="threshold-lines" id=format!("thresholds-{code}")>
                    {move || {
                        let lang = i18n.lang();
                        let rule = rule.get();
                        let [on_track, at_risk] = threshold_lines(rule, lang);
                        view! {
                            <span class="threshold-line">{on_track}</span>
                            <span class="threshold-line">{at_risk}</span>
                            {rule.is_none().then(|| view! {
                                <span class="cell-sub">"("{K::IndDefaults.text(lang)}")"</span>
                            })}
                        }
                    }}
                </span>
                {move || (message.saved.get() == Some(id)).then(|| view! {
                    <span class="saved-note">
                        <span aria-hidden="true">"✓ "</span>{t(K::IndSaved)}
                    </span>
                })}
                {edit_button}
            </td>
        </tr>
        {edit_row}
    }
}
