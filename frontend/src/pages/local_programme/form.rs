//! The form of one organisation's local programme: the fields, the envelope by year × source, the
//! aligned tasks; each broken rule shown at its field (the shared rules first, then the server's).

use crate::api;
use crate::components::field::focus;
use crate::components::resource_view::ResourceView;
use crate::i18n::{t, tx, use_i18n, K};
use crate::pages::reports::browser_today;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::api::local_programmes::{
    LocalProgramme, LocalProgrammeInput, LocalProgrammeStatus, SaveLocalProgramme,
};
use shared::api::measures::BudgetLine;
use shared::api::programme::ProgrammeOverview;
use shared::{Amount, Date, ErrorCode, FundingSource, OrgId, TaskId, Text, Year};

/// The form's errors by element id; the field shows its own.
type Errors = RwSignal<Vec<(String, Text)>>;

fn cell_id(year: Year, source: FundingSource) -> String {
    format!("lp-env-{year}-{}", source.as_str())
}

/// The element a rule's field names (`title`, `envelope[2].amount`, `tasks[0]`), given the
/// envelope lines' cells in the order they were sent.
fn element_of(field: &str, cells: &[String]) -> String {
    let field = field.strip_prefix("programme.").unwrap_or(field);
    if let Some(rest) = field.strip_prefix("envelope[") {
        let i: Option<usize> = rest.split(']').next().and_then(|n| n.parse().ok());
        if let Some(id) = i.and_then(|i| cells.get(i)) {
            return id.clone();
        }
    }
    if field.starts_with("tasks") {
        return "lp-tasks".into();
    }
    format!("lp-{}", field.split(['.', '[']).next().unwrap_or(field))
}

fn show(errors: Errors, id: String, message: Text) {
    errors.set(vec![(id.clone(), message)]);
    request_animation_frame(move || focus(&id));
}

/// The error shown at an element, if any.
fn error_at(errors: Errors, id: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        errors
            .with(|es| es.iter().find(|(f, _)| f == id).map(|(_, m)| m.clone()))
            .map(|m| {
                view! {
                    <span class="field-error" id=format!("{id}-error")>
                        <span aria-hidden="true">"⚠ "</span>{move || i18n.text(&m)}
                    </span>
                }
            })
    }
}

#[component]
pub fn Editor(
    org: OrgId,
    /// What the last save said; kept by the page, as a save reloads the form.
    message: RwSignal<Option<(bool, Text)>>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let data = LocalResource::new(move || async move {
        Ok((api::local_programme(org).await?, api::programme().await?))
    });
    let reload = Callback::new(move |()| data.refetch());
    view! {
        <ResourceView resource=data let:pair>
            <Form current=pair.0 programme=pair.1 message=message on_saved=on_saved reload=reload/>
        </ResourceView>
    }
}

#[component]
fn Form(
    current: LocalProgramme,
    programme: ProgrammeOverview,
    message: RwSignal<Option<(bool, Text)>>,
    on_saved: Callback<()>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang_untracked();
    let org = current.org.id;
    let version = RwSignal::new(current.version);
    let p = current.programme.clone();
    let text = |f: fn(&LocalProgrammeInput) -> String| {
        RwSignal::new(p.as_ref().map(f).unwrap_or_default())
    };
    let title = text(|p| p.title.clone());
    let decision = text(|p| p.decision.clone());
    let date = text(|p| p.decision_date.map(|d| d.to_string()).unwrap_or_default());
    let first = text(|p| p.first_year.to_string());
    let last = text(|p| p.last_year.to_string());
    let status = RwSignal::new(p.as_ref().map_or(LocalProgrammeStatus::Draft, |p| p.status));
    let tasks = RwSignal::new(p.as_ref().map(|p| p.tasks.clone()).unwrap_or_default());
    let cells: Vec<(Year, FundingSource, RwSignal<String>)> = Year::all()
        .flat_map(|y| FundingSource::ALL.into_iter().map(move |s| (y, s)))
        .map(|(y, s)| {
            let amount = p.as_ref().and_then(|p| {
                p.envelope
                    .iter()
                    .find(|l| l.year == y && l.source == s)
                    .map(|l| l.amount)
            });
            (
                y,
                s,
                RwSignal::new(amount.map(|a| a.to_input(lang)).unwrap_or_default()),
            )
        })
        .collect();
    let errors: Errors = RwSignal::new(Vec::new());
    let editable = current.can_edit;

    let cells_for_build = cells.clone();
    // The input as typed, or the first broken rule and where it is.
    let build = move || -> Result<(LocalProgrammeInput, Vec<String>), (String, Text)> {
        let year = |s: RwSignal<String>, id: &str| {
            s.get_untracked()
                .trim()
                .parse::<i32>()
                .map_err(|_| (id.to_string(), ErrorCode::LocalTermInvalid.message()))
        };
        let (first_year, last_year) = (year(first, "lp-first_year")?, year(last, "lp-last_year")?);
        let decision_date = match date.get_untracked().trim() {
            "" => None,
            d => Some(Date::parse(d).map_err(|c| ("lp-decision_date".to_string(), c.message()))?),
        };
        let mut envelope = Vec::new();
        let mut ids = Vec::new();
        for (y, s, value) in &cells_for_build {
            let v = value.get_untracked();
            if v.trim().is_empty() {
                continue;
            }
            let amount = Amount::parse_line(&v).map_err(|c| (cell_id(*y, *s), c.message()))?;
            envelope.push(BudgetLine {
                year: *y,
                source: *s,
                amount,
            });
            ids.push(cell_id(*y, *s));
        }
        let input = LocalProgrammeInput {
            title: title.get_untracked(),
            decision: decision.get_untracked(),
            decision_date,
            first_year,
            last_year,
            status: status.get_untracked(),
            envelope,
            tasks: tasks.get_untracked(),
        };
        let today = browser_today()
            .unwrap_or(Date::new(2026, 1, 1).map_err(|c| (String::new(), c.message()))?);
        if let Some(e) = input.validate_all(today).into_iter().next() {
            return Err((element_of(&e.field, &ids), e.code.message()));
        }
        Ok((input, ids))
    };

    let save = Action::new_local(move |(body, ids): &(SaveLocalProgramme, Vec<String>)| {
        let (body, ids) = (body.clone(), ids.clone());
        async move {
            match api::save_local_programme(org, &body).await {
                Ok(saved) => {
                    version.set(saved.version);
                    message.set(Some((true, K::LocalSaved.both())));
                    on_saved.run(());
                }
                Err(e) if e.code == ErrorCode::LocalProgrammeVersionConflict => {
                    let both = Text::new(
                        format!(
                            "{} {}",
                            e.message.uk,
                            K::LocalConflictReloaded.text(shared::Lang::Uk)
                        ),
                        format!(
                            "{} {}",
                            e.message.en,
                            K::LocalConflictReloaded.text(shared::Lang::En)
                        ),
                    );
                    message.set(Some((false, both)));
                    reload.run(());
                }
                Err(e) => match e.field.as_deref() {
                    Some(field) => show(errors, element_of(field, &ids), e.message),
                    None => message.set(Some((false, e.message))),
                },
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        match build() {
            Ok((programme, ids)) => {
                errors.set(Vec::new());
                let body = SaveLocalProgramme {
                    version: version.get_untracked(),
                    programme,
                };
                save.dispatch((body, ids));
            }
            Err((id, m)) => show(errors, id, m),
        }
    };

    let input = move |id: &'static str, label: K, kind: &'static str, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{t(label)}</label>
                <input type=kind id=id name=id disabled=!editable
                    aria-invalid=move || errors.with(|es| es.iter().any(|(f, _)| f == id)).then_some("true")
                    aria-describedby=move || errors.with(|es| es.iter().any(|(f, _)| f == id)).then(|| format!("{id}-error"))
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    on:change=move |ev| value.set(event_target_value(&ev))/>
                {error_at(errors, id)}
            </div>
        }
    };
    let statuses = LocalProgrammeStatus::ALL
        .into_iter()
        .map(|s| view! { <option value=s.as_str() selected=move || status.get() == s>{tx(s.label())}</option> })
        .collect_view();
    let envelope_rows = Year::all()
        .map(|y| {
            let row = cells
                .iter()
                .filter(|(cy, _, _)| *cy == y)
                .map(|(_, s, value)| {
                    let (id, value, label) = (cell_id(y, *s), *value, s.label());
                    let invalid = {
                        let id = id.clone();
                        move || errors.with(|es| es.iter().any(|(f, _)| *f == id)).then_some("true")
                    };
                    let err = {
                        let id = id.clone();
                        move || errors.with(|es| es.iter().find(|(f, _)| *f == id).map(|(_, m)| m.clone()))
                            .map(|m| view! { <span class="field-error">{move || i18n.text(&m)}</span> })
                    };
                    view! {
                        <td class="num">
                            <input id=id.clone() class="amount" inputmode="decimal" disabled=!editable
                                aria-label=move || format!("{y}, {}", i18n.text(&label))
                                aria-invalid=invalid
                                prop:value=move || value.get()
                                on:input=move |ev| value.set(event_target_value(&ev))
                    on:change=move |ev| value.set(event_target_value(&ev))/>
                            {err}
                        </td>
                    }
                })
                .collect_view();
            view! { <tr><th scope="row">{y.to_string()}</th>{row}</tr> }
        })
        .collect_view();
    let task_boxes = programme
        .directions
        .iter()
        .flat_map(|d| d.tasks.iter())
        .map(|task| {
            let id: TaskId = task.id;
            let name = task.name.clone();
            view! {
                <label class="check">
                    <input type="checkbox" id=format!("lp-task-{id}") disabled=!editable
                        prop:checked=move || tasks.with(|ts| ts.contains(&id))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            tasks.update(|ts| { ts.retain(|t| *t != id); if on { ts.push(id); } });
                        }/>
                    " " {task.code.to_string()} " " {tx(name)}
                </label>
            }
        })
        .collect_view();
    let heads = FundingSource::ALL
        .into_iter()
        .map(|s| view! { <th scope="col" class="num">{tx(s.label())}</th> })
        .collect_view();
    view! {
        <form class="card local-form" id="local-form" novalidate=true on:submit=on_submit aria-labelledby="local-form-title">
            <h2 id="local-form-title">{tx(current.org.name.clone())}
                {current.is_demo.then(|| view! { " " <span class="badge badge-demo">{t(K::LocalDemo)}</span> })}
            </h2>
            {current.programme.is_none().then(|| view! { <p class="hint" id="local-none">{t(K::LocalNone)}</p> })}
            {input("lp-title", K::LocalProgrammeTitle, "text", title)}
            <div class="field">
                <label for="lp-status">{t(K::LocalStatus)}</label>
                <select id="lp-status" disabled=!editable on:change=move |ev| {
                    if let Some(s) = LocalProgrammeStatus::parse(&event_target_value(&ev)) { status.set(s); }
                }>{statuses}</select>
            </div>
            {input("lp-decision", K::LocalDecision, "text", decision)}
            <p class="hint field-hint">{t(K::LocalDecisionHint)}</p>
            <div class="field-row">
                {input("lp-decision_date", K::LocalDecisionDate, "date", date)}
                {input("lp-first_year", K::LocalFirstYear, "number", first)}
                {input("lp-last_year", K::LocalLastYear, "number", last)}
            </div>
            <fieldset class="local-envelope">
                <legend>{t(K::LocalEnvelope)}</legend>
                <p class="hint">{t(K::LocalEnvelopeHint)}</p>
                <div class="table-scroll">
                    <table class="data-table" id="lp-envelope">
                        <thead><tr><th scope="col">{t(K::LocalYear)}</th>{heads}</tr></thead>
                        <tbody>{envelope_rows}</tbody>
                    </table>
                </div>
            </fieldset>
            <fieldset class="local-tasks" id="lp-tasks" tabindex="-1">
                <legend>{t(K::LocalTasks)}</legend>
                {task_boxes}
                {error_at(errors, "lp-tasks")}
            </fieldset>
            {editable.then(|| view! {
                <button type="submit" class="btn btn-primary" id="lp-save" disabled=move || save.pending().get()>{t(K::LocalSave)}</button>
            })}
        </form>
    }
}
