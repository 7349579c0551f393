//! A measure's change history: who did what and when, and for each edit what changed, field by field.

use crate::api;
use crate::components::resource_view::ResourceView;
use crate::format;
use crate::i18n::{t, use_i18n, I18n, K};
use leptos::prelude::*;
use serde_json::Value;
use shared::api::audit::{AuditAction, AuditEntry, AuditPage, HistoryQuery};
use shared::api::orgs::OrgSummary;
use shared::api::programme::ProgrammeOverview;
use shared::{Amount, ApiErrorBody, FundingSource, Lang, MeasureId};
use std::collections::BTreeMap;

/// Long texts (description, expected result, a comment) are cut to this many characters.
const EXCERPT: usize = 80;

/// One difference between the measure before and after an edit.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A text field: its label and both values.
    Text {
        label: K,
        before: String,
        after: String,
    },
    /// The task, by id.
    Task { before: String, after: String },
    /// The responsible organisation, by id.
    Org { before: String, after: String },
    /// A budget line; `None` where the line did not (or no longer) exist.
    Line {
        year: String,
        source: String,
        before: Option<Amount>,
        after: Option<Amount>,
    },
}

/// A scalar at `pointer` as text: strings as they are, numbers written out, absent as empty.
fn scalar(v: &Value, pointer: &str) -> String {
    match v.pointer(pointer) {
        Some(Value::String(s)) => s.clone(),
        None | Some(Value::Null) => String::new(),
        Some(other) => other.to_string(),
    }
}

/// Position of a source in the usual order (state, oblast, local, other), unknown ones last.
fn source_rank(source: &str) -> usize {
    FundingSource::ALL
        .iter()
        .position(|s| s.as_str() == source)
        .unwrap_or(FundingSource::ALL.len())
}

/// Budget lines keyed by (year, source rank, source), in display order.
fn lines(v: &Value) -> BTreeMap<(i64, usize, String), Amount> {
    let mut out = BTreeMap::new();
    for line in v
        .get("budget_lines")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let year = line.get("year").and_then(Value::as_i64).unwrap_or_default();
        let source = scalar(line, "/source");
        let amount = match line.get("amount") {
            Some(Value::String(s)) => Amount::parse(s).ok(),
            Some(Value::Number(n)) => Amount::parse(&n.to_string()).ok(),
            _ => None,
        };
        if let Some(amount) = amount {
            out.insert((year, source_rank(&source), source), amount);
        }
    }
    out
}

fn term(v: &Value) -> String {
    format!("{}–{}", scalar(v, "/start_year"), scalar(v, "/end_year"))
}

/// What changed between two snapshots of a measure (`MeasureInput` as JSON).
pub fn diff(before: &Value, after: &Value) -> Vec<Change> {
    let mut changes = Vec::new();
    let texts = [
        (K::NameUk, "/name/uk"),
        (K::NameEn, "/name/en"),
        (K::Description, "/description"),
        (K::ExpectedResult, "/expected_result"),
    ];
    for (label, pointer) in texts.into_iter().take(2) {
        let (b, a) = (scalar(before, pointer), scalar(after, pointer));
        if b != a {
            changes.push(Change::Text {
                label,
                before: b,
                after: a,
            });
        }
    }
    let (b, a) = (term(before), term(after));
    if b != a {
        changes.push(Change::Text {
            label: K::Term,
            before: b,
            after: a,
        });
    }
    let (b, a) = (scalar(before, "/task_id"), scalar(after, "/task_id"));
    if b != a {
        changes.push(Change::Task {
            before: b,
            after: a,
        });
    }
    let (b, a) = (scalar(before, "/org_id"), scalar(after, "/org_id"));
    if b != a {
        changes.push(Change::Org {
            before: b,
            after: a,
        });
    }
    for (label, pointer) in texts.into_iter().skip(2) {
        let (b, a) = (scalar(before, pointer), scalar(after, pointer));
        if b != a {
            changes.push(Change::Text {
                label,
                before: b,
                after: a,
            });
        }
    }
    let (old, new) = (lines(before), lines(after));
    let mut keys: Vec<_> = old.keys().chain(new.keys()).cloned().collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let (b, a) = (old.get(&key).copied(), new.get(&key).copied());
        if b != a {
            changes.push(Change::Line {
                year: key.0.to_string(),
                source: key.2,
                before: b,
                after: a,
            });
        }
    }
    changes
}

/// A text cut to `EXCERPT` characters, or a dash when empty.
pub fn excerpt(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return "—".to_string();
    }
    if text.chars().count() <= EXCERPT {
        return text.to_string();
    }
    let cut: String = text.chars().take(EXCERPT).collect();
    format!("{}…", cut.trim_end())
}

/// Names of tasks and organisations by id, for the diff.
#[derive(Clone, Default)]
pub struct Names {
    tasks: Vec<(String, shared::Text)>,
    orgs: Vec<(String, shared::Text)>,
}

impl Names {
    pub fn new(programme: Option<&ProgrammeOverview>, orgs: Option<&[OrgSummary]>) -> Names {
        let tasks = programme
            .into_iter()
            .flat_map(|p| p.directions.iter())
            .flat_map(|d| d.tasks.iter())
            .map(|task| {
                (
                    task.id.to_string(),
                    shared::Text::new(
                        format!("{} {}", task.code, task.name.uk),
                        format!("{} {}", task.code, task.name.get(Lang::En)),
                    ),
                )
            })
            .collect();
        let orgs = orgs
            .into_iter()
            .flatten()
            .map(|o| (o.id.to_string(), o.name.clone()))
            .collect();
        Names { tasks, orgs }
    }

    /// These names with organisations' names added (the public pages know no `OrgSummary`).
    pub fn with_orgs(
        mut self,
        orgs: impl IntoIterator<Item = (shared::OrgId, shared::Text)>,
    ) -> Names {
        self.orgs
            .extend(orgs.into_iter().map(|(id, name)| (id.to_string(), name)));
        self
    }

    /// Names that arrive when the programme and the organisations have loaded (fetched here).
    pub fn fetched() -> Signal<Names> {
        let programme = LocalResource::new(crate::api::programme);
        let orgs = LocalResource::new(crate::api::orgs);
        Signal::derive(move || {
            let p = programme.get().and_then(Result::ok);
            let o = orgs.get().and_then(Result::ok);
            Names::new(p.as_ref(), o.as_deref())
        })
    }

    /// A task's code and name, or `#id` until the programme has loaded.
    pub fn task(&self, id: shared::TaskId, lang: Lang) -> String {
        Names::find(&self.tasks, &id.to_string(), lang)
    }

    /// An organisation's name, or `#id` until the list has loaded.
    pub fn org(&self, id: shared::OrgId, lang: Lang) -> String {
        Names::find(&self.orgs, &id.to_string(), lang)
    }

    fn find(list: &[(String, shared::Text)], id: &str, lang: Lang) -> String {
        if id.is_empty() {
            return "—".to_string();
        }
        list.iter()
            .find(|(i, _)| i == id)
            .map_or_else(|| format!("#{id}"), |(_, n)| n.get(lang).to_string())
    }
}

/// The change as (label, before, after) in a language.
pub fn describe(change: &Change, names: &Names, lang: Lang) -> (String, String, String) {
    let amount = |a: &Option<Amount>| a.map_or_else(|| "—".to_string(), |a| a.format(lang));
    match change {
        Change::Text {
            label,
            before,
            after,
        } => (
            label.text(lang).to_string(),
            excerpt(before),
            excerpt(after),
        ),
        Change::Task { before, after } => (
            K::Task.text(lang).to_string(),
            Names::find(&names.tasks, before, lang),
            Names::find(&names.tasks, after, lang),
        ),
        Change::Org { before, after } => (
            K::Responsible.text(lang).to_string(),
            Names::find(&names.orgs, before, lang),
            Names::find(&names.orgs, after, lang),
        ),
        Change::Line {
            year,
            source,
            before,
            after,
        } => {
            let source = FundingSource::parse(source)
                .map_or_else(|| source.clone(), |s| s.label().get(lang).to_string());
            (format!("{year} · {source}"), amount(before), amount(after))
        }
    }
}

/// The changes of one edit as a list.
fn diff_view(i18n: I18n, changes: Vec<Change>, names: Signal<Names>) -> AnyView {
    if changes.is_empty() {
        return view! { <p class="history-none muted">{t(K::NoFieldChanges)}</p> }.into_any();
    }
    let items = changes
        .into_iter()
        .map(|change| {
            let parts = move || names.with(|n| describe(&change, n, i18n.lang()));
            let parts2 = parts.clone();
            let parts3 = parts.clone();
            view! {
                <li>
                    <span class="diff-label">{move || parts().0}": "</span>
                    <span class="diff-before">
                        <span class="visually-hidden">{t(K::ChangedFrom)}" "</span>
                        {move || parts2().1}
                    </span>
                    <span aria-hidden="true">" → "</span>
                    <span class="diff-after">
                        <span class="visually-hidden">" "{t(K::ChangedTo)}" "</span>
                        {move || parts3().2}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="history-diff">{items}</ul> }.into_any()
}

/// Extra detail of an entry: the diff of an edit, the text of a comment.
fn entry_detail(i18n: I18n, entry: &AuditEntry, names: Signal<Names>) -> Option<AnyView> {
    match (entry.action, &entry.before, &entry.after) {
        (AuditAction::MeasureUpdated, Some(before), Some(after)) => {
            Some(diff_view(i18n, diff(before, after), names))
        }
        (AuditAction::CommentAdded, _, Some(after)) => {
            let body = excerpt(&scalar(after, "/body"));
            Some(view! { <p class="history-comment">"«"{body}"»"</p> }.into_any())
        }
        _ => None,
    }
}

/// The entries as a table: when, who, what (with the diff of an edit).
fn table(i18n: I18n, entries: Vec<AuditEntry>, names: Signal<Names>) -> AnyView {
    if entries.is_empty() {
        return view! { <p class="muted">{t(K::NoHistory)}</p> }.into_any();
    }
    let rows = entries
        .into_iter()
        .map(|entry| {
            let at = entry.at;
            let label = entry.action.label();
            let detail = entry_detail(i18n, &entry, names);
            view! {
                <tr class="history-entry" data-action=entry.action.as_str()>
                    <td class="history-time">
                        <time datetime=format::iso(at)>
                            {move || format::timestamp(at, i18n.lang())}
                        </time>
                    </td>
                    <td class="history-who">{entry.user_name.clone()}</td>
                    <td class="history-what">
                        <strong>{move || i18n.text(&label)}</strong>
                        {detail}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="data-table history-table">
                <caption class="visually-hidden">{t(K::HistoryTitle)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(K::When)}</th>
                        <th scope="col">{t(K::Who)}</th>
                        <th scope="col">{t(K::WhatHappened)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// `#measure-history`: the measure's audit entries, newest first.
/// The measure's record, newest first: the first page as the resource loads it, older pages
/// appended when asked for.
#[component]
pub fn MeasureHistory(
    id: MeasureId,
    history: LocalResource<Result<AuditPage, ApiErrorBody>>,
    names: Signal<Names>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Older pages fetched after the first, and where the next one starts.
    let older: RwSignal<Vec<AuditEntry>> = RwSignal::new(Vec::new());
    let next: RwSignal<Option<i64>> = RwSignal::new(None);
    let failed: RwSignal<Option<ApiErrorBody>> = RwSignal::new(None);
    let more = Action::new_local(move |before: &i64| {
        let query = HistoryQuery {
            before_seq: Some(*before),
            limit: None,
        };
        async move {
            match api::measure_history(id, query).await {
                Ok(page) => {
                    older.update(|o| o.extend(page.entries));
                    next.set(page.next_before_seq);
                    failed.set(None);
                }
                Err(e) => failed.set(Some(e)),
            }
        }
    });
    view! {
        <section class="measure-history card" id="measure-history" aria-labelledby="history-heading">
            <h2 id="history-heading">{t(K::HistoryTitle)}</h2>
            <crate::components::export_links::ExportLinks
                table=shared::api::exports::ExportTable::Audit
                filters=format!("measure={id}")
            />
            <p class="hint">{t(K::HistoryHint)}</p>
            <ResourceView resource=history let:page>
                {
                    // A fresh first page starts the list again.
                    older.set(Vec::new());
                    next.set(page.next_before_seq);
                    let first = page.entries;
                    move || {
                        let mut entries = first.clone();
                        entries.extend(older.get());
                        table(i18n, entries, names)
                    }
                }
            </ResourceView>
            {move || failed.get().map(|e| view! { <p class="error" role="alert">{i18n.text(&e.message)}</p> })}
            {move || next.get().map(|before| view! {
                <button
                    type="button"
                    class="btn"
                    id="history-more"
                    disabled=move || more.pending().get()
                    on:click=move |_| { more.dispatch(before); }
                >
                    {t(K::HistoryOlder)}
                </button>
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn snapshot(end: i32, amount: &str, description: &str) -> Value {
        json!({
            "task_id": 3, "org_id": 7,
            "name": {"uk": "Електронна черга", "en": ""},
            "description": description, "expected_result": "",
            "start_year": 2026, "end_year": end,
            "budget_lines": [
                {"year": 2026, "source": "local", "amount": amount},
                {"year": 2026, "source": "state", "amount": "1.0"}
            ]
        })
    }

    #[test]
    fn an_amount_change_reads_as_before_and_after() {
        let changes = diff(&snapshot(2026, "10.0", ""), &snapshot(2026, "12.5", ""));
        assert_eq!(changes.len(), 1, "{changes:?}");
        let (label, before, after) = describe(&changes[0], &Names::default(), Lang::Uk);
        assert_eq!(label, "2026 · Місцеві бюджети");
        assert_eq!((before.as_str(), after.as_str()), ("10,0", "12,5"));
        let (label, _, after) = describe(&changes[0], &Names::default(), Lang::En);
        assert_eq!(label, "2026 · Local budgets");
        assert_eq!(after, "12.5");
    }

    #[test]
    fn equal_amounts_written_differently_are_no_change() {
        assert!(diff(&snapshot(2026, "10", ""), &snapshot(2026, "10.000", "")).is_empty());
    }

    #[test]
    fn fields_and_added_lines_are_listed_in_order() {
        let mut after = snapshot(2027, "10.0", "Новий опис");
        if let Some(lines) = after["budget_lines"].as_array_mut() {
            lines.push(json!({"year": 2027, "source": "oblast", "amount": "5"}));
        }
        let changes = diff(&snapshot(2026, "10.0", ""), &after);
        let labels: Vec<_> = changes
            .iter()
            .map(|c| describe(c, &Names::default(), Lang::Uk))
            .collect();
        assert_eq!(
            labels[0],
            (
                "Строк виконання".into(),
                "2026–2026".into(),
                "2026–2027".into()
            )
        );
        assert_eq!(labels[1], ("Опис".into(), "—".into(), "Новий опис".into()));
        assert_eq!(
            labels[2],
            ("2027 · Обласний бюджет".into(), "—".into(), "5,0".into())
        );
        assert_eq!(labels.len(), 3);
    }

    #[test]
    fn long_texts_are_cut() {
        let long = "я".repeat(200);
        let cut = excerpt(&long);
        assert_eq!(cut.chars().count(), EXCERPT + 1);
        assert!(cut.ends_with('…'));
    }
}
