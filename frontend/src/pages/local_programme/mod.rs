//! `/local-programme`: a coordinator's own local informatization programme with its form; for the
//! department and districts, the register of a year with "N з M громад мають затверджену програму".

mod form;

use crate::api;
use crate::components::amount::Money;
use crate::components::notice::ActionStatus;
use crate::components::resource_view::ResourceView;
use crate::i18n::{in_both, t, tx, use_i18n, K};
use crate::session::use_auth;
use form::Editor;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::api::local_programmes::{LocalProgrammeRow, LocalProgrammeSummary};
use shared::api::orgs::OrgKind;
use shared::{OrgId, Text, Year};

#[component]
pub fn LocalProgrammePage() -> impl IntoView {
    let year: RwSignal<Option<Year>> = RwSignal::new(None);
    let summary = LocalResource::new(move || api::local_programmes(year.get()));
    let message: RwSignal<Option<(bool, Text)>> = RwSignal::new(None);
    view! {
        <section class="page local-programme" aria-labelledby="local-title">
            <h1 id="local-title">{t(K::LocalTitle)}</h1>
            <p class="hint">{t(K::LocalHint)}</p>
            <ActionStatus id="local-status" message=message/>
            <ResourceView resource=summary let:s>
                <Register summary=s year=year message=message on_saved=Callback::new(move |()| summary.refetch())/>
            </ResourceView>
        </section>
    }
}

/// "85 з 86 громад мають затверджену програму" in both languages.
fn count_text(s: &LocalProgrammeSummary) -> Text {
    let (n, m, y) = (s.communities_in_force, s.communities, s.year);
    Text::new(
        format!("{n} з {m} громад мають затверджену програму, чинну у {y} році"),
        format!("{n} of {m} communities have an approved programme in force in {y}"),
    )
}

#[component]
fn Register(
    summary: LocalProgrammeSummary,
    year: RwSignal<Option<Year>>,
    message: RwSignal<Option<(bool, Text)>>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let auth = use_auth();
    let query = use_query_map();
    let own = auth.user_untracked().and_then(|u| u.org).map(|o| o.id);
    let asked: Option<OrgId> = query
        .with_untracked(|q| q.get("org"))
        .and_then(|v| v.parse().ok())
        .map(OrgId);
    // The department edits the organisation it chose; a coordinator its own.
    let editing = asked.or(own).filter(|o| summary.can_edit.contains(o));
    let list = (summary.rows.len() > 1).then(|| {
        let count = count_text(&summary);
        let shown = summary.year;
        let years = Year::all()
            .map(|y| {
                view! {
                    <button
                        type="button"
                        class="btn btn-secondary btn-small"
                        id=format!("local-year-{y}")
                        aria-pressed=(y == shown).to_string()
                        on:click=move |_| year.set(Some(y))
                    >
                        {y.to_string()}
                    </button>
                }
            })
            .collect_view();
        let can_edit = summary.can_edit.clone();
        let rows = summary
            .rows
            .iter()
            .map(|r| row_view(r, can_edit.contains(&r.org.id)))
            .collect_view();
        view! {
            <section class="card local-register" aria-labelledby="local-list-title">
                <h2 id="local-list-title">{t(K::LocalListTitle)}</h2>
                <div class="chips" role="group" aria-label=t(K::LocalYear)>{years}</div>
                <p class="local-count" id="local-count"><strong>{tx(count)}</strong></p>
                <div class="table-scroll">
                    <table class="data-table local-table" id="local-table">
                        <thead>
                            <tr>
                                <th scope="col">{t(K::LocalCommunity)}</th>
                                <th scope="col">{t(K::LocalStatus)}</th>
                                <th scope="col">{t(K::LocalDecision)}</th>
                                <th scope="col">{t(K::LocalTerm)}</th>
                                <th scope="col" class="num">{t(K::LocalYearEnvelope)}</th>
                                <th scope="col">{t(K::LocalInForce)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        }
    });
    view! {
        {editing.map(|org| view! { <Editor org=org message=message on_saved=on_saved/> })}
        {list}
    }
}

fn row_view(r: &LocalProgrammeRow, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let p = r.programme.clone();
    let status = p
        .as_ref()
        .map_or_else(|| K::LocalNotEntered.both(), |p| p.status.label());
    let decision = p.as_ref().map(|p| {
        in_both(|lang| match p.decision_date {
            Some(d) => format!("{}, {}", p.decision, d.format(lang)),
            None => p.decision.clone(),
        })
    });
    let term = p
        .as_ref()
        .map(|p| format!("{}–{}", p.first_year, p.last_year));
    let name = r.org.name.clone();
    let link = editable.then(|| format!("/local-programme?org={}", r.org.id));
    let class = if r.org.kind == OrgKind::District {
        "row-district"
    } else {
        "row-community"
    };
    let in_force = if r.in_force { K::LocalYes } else { K::LocalNo };
    view! {
        <tr class=class id=format!("local-{}", r.org.id) class:in-force=r.in_force>
            <th scope="row">
                {match link {
                    Some(href) => view! { <a href=href rel="external">{tx(name)}</a> }.into_any(),
                    None => tx(name).into_any(),
                }}
                {r.is_demo.then(|| view! { " " <span class="badge badge-demo">{t(K::LocalDemo)}</span> })}
            </th>
            <td class="local-status">{move || i18n.text(&status)}</td>
            <td>{decision.map(tx)}</td>
            <td>{term}</td>
            <td class="num"><Money amount=r.year_total/></td>
            <td>{t(in_force)}</td>
        </tr>
    }
}
