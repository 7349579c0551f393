//! `/proposals`: the proposals one may see (filters in the URL), one's own draft, and the route setting.

use crate::api;
use crate::components::changes::{Delta, ProposalStateBadge};
use crate::components::data_table::DataTable;
use crate::components::resource_view::ResourceView;
use crate::format;
use crate::i18n::{t, use_i18n, K};
use crate::live::{about_proposal, LiveStatus};
use crate::session::use_auth;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;
use shared::api::events::LiveEvent;
use shared::api::proposals::{
    ProposalDetail, ProposalFilter, ProposalState, ProposalSummary, WorkflowSettings,
};
use shared::Text;

fn filter_from_query(query: &ParamsMap) -> ProposalFilter {
    ProposalFilter {
        state: query.get_str("state").and_then(ProposalState::parse),
        org: query.get_str("org").and_then(|s| s.parse().ok()),
        waiting_for_me: (query.get_str("waiting_for_me") == Some("true")).then_some(true),
    }
}

/// The app's own address for a filter (the same query the API takes).
pub fn proposals_href(filter: &ProposalFilter) -> String {
    let query = filter.to_query();
    if query.is_empty() {
        "/proposals".to_string()
    } else {
        format!("/proposals?{query}")
    }
}

/// "author → district → department" or "author → department".
pub fn route_label(needs_endorsement: bool) -> K {
    if needs_endorsement {
        K::RouteViaDistrict
    } else {
        K::RouteDirect
    }
}

#[component]
pub fn ProposalsPage() -> impl IntoView {
    let query = use_query_map();
    let navigate = use_navigate();
    let user = use_auth().user_untracked();
    let filter = Memo::new(move |_| query.with(filter_from_query));
    let list = LocalResource::new(move || api::proposals(filter.get()));
    let planner = user.as_ref().is_some_and(|u| u.may.plan);
    let department = user.as_ref().is_some_and(|u| u.may.decide);
    let go = move |f: ProposalFilter| navigate(&proposals_href(&f), NavigateOptions::default());
    let refetch = Callback::new(move |()| list.refetch());
    let wanted = Callback::new(move |e: LiveEvent| about_proposal(e.kind));
    view! {
        <section class="page proposals-page" aria-labelledby="proposals-heading">
            <h1 id="proposals-heading">{t(K::ProposalsTitle)}</h1>
            <p class="hint">{t(K::ProposalsHint)}</p>
            <div class="proposal-cards">
                {planner.then(|| view! { <MyDraft/> })}
                {department.then(|| view! { <WorkflowSetting/> })}
            </div>
            <ProposalFilters filter=filter go=go/>
            <LiveStatus refetch=refetch wanted=wanted/>
            <ResourceView resource=list let:items>
                <ProposalTable items=items/>
            </ResourceView>
            <crate::components::export_links::ExportLinks
                table=shared::api::exports::ExportTable::Proposals
                filters=Signal::derive(move || filter.with(ProposalFilter::to_query))
            />
        </section>
    }
}

/// `#my-draft`: my organisation's draft proposal, if there is one.
#[component]
fn MyDraft() -> impl IntoView {
    let i18n = use_i18n();
    let draft = LocalResource::new(api::draft_proposal);
    let wanted = Callback::new(move |e: LiveEvent| about_proposal(e.kind));
    let body = move |d: Option<ProposalDetail>| match d {
        Some(d) => {
            let s = d.summary;
            let lines = s.line_count;
            view! {
                <p>
                    <a href=format!("/proposals/{}", s.id) id="my-draft-link" class="btn btn-primary btn-small">
                        {t(K::MyDraftOpen)}
                    </a>
                    " "{t(K::ProposalNo)}" "{s.id.to_string()}" · "
                    {t(K::LinesCount)}": "{move || format::int(lines, i18n.lang())}" · "
                    {t(K::BudgetChange)}": "<Delta value=s.delta/>
                </p>
            }
            .into_any()
        }
        None => view! { <p class="muted" id="my-draft-none">{t(K::NoDraft)}</p> }.into_any(),
    };
    view! {
        <section class="card my-draft" id="my-draft" aria-labelledby="my-draft-title">
            <h2 id="my-draft-title">{t(K::MyDraft)}</h2>
            <LiveStatus refetch=Callback::new(move |()| draft.refetch()) wanted=wanted/>
            <ResourceView resource=draft children=body/>
        </section>
    }
}

/// `#workflow`: the department chooses whether communities' proposals pass through the district.
#[component]
fn WorkflowSetting() -> impl IntoView {
    let i18n = use_i18n();
    let settings = LocalResource::new(api::workflow);
    let message: RwSignal<Option<(bool, Text)>> = RwSignal::new(None);
    let save = Action::new_local(move |wanted: &WorkflowSettings| {
        let wanted = wanted.clone();
        async move {
            match api::set_workflow(wanted).await {
                Ok(_) => message.set(Some((true, K::WorkflowSaved.both()))),
                Err(e) => message.set(Some((false, e.message))),
            }
            settings.refetch();
        }
    });
    let body = move |s: WorkflowSettings| {
        let on = s.community_requires_district;
        view! {
            <div class="field field-check">
                <input
                    type="checkbox"
                    id="workflow-district"
                    prop:checked=on
                    disabled=move || save.pending().get()
                    aria-describedby="workflow-hint"
                    on:change=move |ev| {
                        message.set(None);
                        save.dispatch(WorkflowSettings { community_requires_district: event_target_checked(&ev) });
                    }
                />
                <label for="workflow-district">{t(K::WorkflowCommunity)}</label>
            </div>
        }
    };
    view! {
        <section class="card workflow" id="workflow" aria-labelledby="workflow-title">
            <h2 id="workflow-title">{t(K::WorkflowTitle)}</h2>
            <ResourceView resource=settings children=body/>
            <p class="hint" id="workflow-hint">{t(K::WorkflowHint)}</p>
            <p class="form-message" id="workflow-status" role="status">
                {move || message.get().map(|(ok, text)| view! {
                    <span class=if ok { "ok" } else { "error" }>{move || i18n.text(&text)}</span>
                })}
            </p>
        </section>
    }
}

#[component]
fn ProposalFilters(
    filter: Memo<ProposalFilter>,
    go: impl Fn(ProposalFilter) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let state_value =
        move || filter.with(|f| f.state.map(ProposalState::as_str).unwrap_or_default());
    let options = ProposalState::ALL
        .into_iter()
        .map(|s| {
            let label = s.label();
            view! {
                <option value=s.as_str() selected=move || state_value() == s.as_str()>
                    {move || i18n.text(&label)}
                </option>
            }
        })
        .collect_view();
    let go_state = go.clone();
    view! {
        <form class="filters proposal-filters card" role="search" aria-label=t(K::Filters) on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="proposal-filter-state">{t(K::StateLabel)}</label>
                <select
                    id="proposal-filter-state"
                    prop:value=state_value
                    on:change=move |ev| {
                        let mut f = filter.get_untracked();
                        f.state = ProposalState::parse(&event_target_value(&ev));
                        go_state(f);
                    }
                >
                    <option value="" selected=move || state_value().is_empty()>{t(K::AllStates)}</option>
                    {options}
                </select>
            </div>
            <div class="field field-check">
                <input
                    type="checkbox"
                    id="proposal-filter-waiting"
                    prop:checked=move || filter.with(|f| f.waiting_for_me == Some(true))
                    on:change=move |ev| {
                        let mut f = filter.get_untracked();
                        f.waiting_for_me = event_target_checked(&ev).then_some(true);
                        go(f);
                    }
                />
                <label for="proposal-filter-waiting">{t(K::WaitingForMe)}</label>
            </div>
        </form>
    }
}

fn proposal_row(p: ProposalSummary) -> impl IntoView {
    let i18n = use_i18n();
    let org = p.org.name.clone();
    let updated = p.updated_at;
    let route = route_label(p.needs_endorsement);
    let (lines, pending, conflicts) = (p.line_count, p.pending_count, p.conflict_count);
    view! {
        <tr class="proposal-row" data-proposal-id=p.id.to_string() data-state=p.state.as_str()>
            <th scope="row">
                <a href=format!("/proposals/{}", p.id) class="proposal-link">
                    {t(K::ProposalNo)}" "{p.id.to_string()}
                </a>
            </th>
            <td>
                {move || i18n.text(&org)}
                <span class="cell-sub">{p.author.clone()}</span>
            </td>
            <td>
                <ProposalStateBadge state=p.state/>
                <span class="cell-sub route">{t(route)}</span>
            </td>
            <td>
                <time datetime=format::iso(updated)>{move || format::timestamp(updated, i18n.lang())}</time>
            </td>
            <td class="num">{lines}</td>
            <td class="num">{pending}</td>
            <td class="num" class:warning-text={conflicts > 0}>
                {(conflicts > 0).then(|| view! { <span aria-hidden="true">"⚠ "</span> })}
                {conflicts}
            </td>
            <td class="num"><Delta value=p.delta/></td>
        </tr>
    }
}

#[component]
fn ProposalTable(items: Vec<ProposalSummary>) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="empty card" id="proposals-empty">{t(K::NoProposals)}</p> }
            .into_any();
    }
    let rows = items.into_iter().map(proposal_row).collect_view();
    view! {
        <div class="card">
            <DataTable
                id="proposals-table"
                class="proposals-table"
                caption=K::ProposalsTitle
                caption_hidden=true
                columns=vec![
                    (K::Number, false),
                    (K::OrgAuthor, false),
                    (K::StateRoute, false),
                    (K::UpdatedAt, false),
                    (K::LinesCount, true),
                    (K::PendingCount, true),
                    (K::ConflictCount, true),
                    (K::BudgetChange, true),
                ]
            >
                {rows}
            </DataTable>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_and_the_api_share_one_query() {
        let f = ProposalFilter {
            state: Some(ProposalState::InReview),
            org: None,
            waiting_for_me: Some(true),
        };
        assert_eq!(
            proposals_href(&f),
            "/proposals?state=in_review&waiting_for_me=true"
        );
        assert_eq!(proposals_href(&ProposalFilter::default()), "/proposals");
    }
}
