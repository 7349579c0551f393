//! `/plan`: the plan tree (direction → task → measure) with filters kept in the URL query.

use crate::api;
use crate::components::amount::Money;
use crate::components::export_links::ExportLinks;
use crate::components::resource_view::ResourceView;
use crate::components::source_table::{source_header_cells, source_total_cells};
use crate::format;
use crate::i18n::{in_both, t, tx, use_i18n, I18n, K};
use crate::live::LiveStatus;
use crate::session::use_auth;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;
use shared::api::exports::ExportTable;
use shared::api::measures::{MeasureStatus, MeasureSummary};
use shared::api::orgs::{OrgKind, OrgSummary};
use shared::api::plan::{PlanFilter, PlanTree};
use shared::i18n::words::MEASURES;
use shared::{BudgetGrid, FundingSource, OrgId, Text, Year};

fn filter_from_query(query: &ParamsMap) -> PlanFilter {
    PlanFilter {
        district: query.get_str("district").and_then(|s| s.parse().ok()),
        org: query.get_str("org").and_then(|s| s.parse().ok()),
        source: query.get_str("source").and_then(FundingSource::parse),
        year: query.get_str("year").and_then(|s| Year::parse(s).ok()),
        q: query
            .get("q")
            .map(|q| q.trim().to_string())
            .filter(|q| !q.is_empty()),
        page: query
            .get_str("page")
            .and_then(|s| s.parse().ok())
            .filter(|&p| p > 1),
        per_page: query
            .get_str("per_page")
            .and_then(|s| s.parse().ok())
            .filter(|n| (1..=shared::api::plan::PLAN_PAGE_MAX).contains(n)),
    }
}

/// The app's own address for a filter, so links, reloads and the back button keep it.
pub fn plan_href(filter: &PlanFilter) -> String {
    let query = filter.to_query();
    if query.is_empty() {
        "/plan".to_string()
    } else {
        format!("/plan?{query}")
    }
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let query = use_query_map();
    let navigate = use_navigate();
    let auth = use_auth();
    let filter = Memo::new(move |_| query.with(filter_from_query));
    let plan = LocalResource::new(move || api::plan(filter.get()));
    let orgs = LocalResource::new(api::orgs);

    // A changed filter starts again from its first page.
    let go = move |f: PlanFilter| {
        navigate(&plan_href(&f.on_page(1)), NavigateOptions::default());
    };
    let planner = auth.user_untracked().is_some_and(|u| u.may.plan);

    view! {
        <section class="page plan">
            <div class="page-head">
                <h1>{t(K::PlanTitle)}</h1>
                {planner.then(|| view! {
                    <div class="page-actions">
                        <a href="/import" class="btn btn-secondary" id="plan-import">{t(K::ImportFromExcel)}</a>
                        <a href="/measures/new" class="btn btn-primary" id="new-measure">
                            <span aria-hidden="true">"+ "</span>{t(K::NewMeasure)}
                        </a>
                    </div>
                })}
            </div>
            <Filters filter=filter orgs=orgs go=go/>
            <ExportLinks table=ExportTable::Plan filters=Signal::derive(move || filter.get().to_query())/>
            <LiveStatus refetch=Callback::new(move |()| plan.refetch())/>
            <ResourceView resource=plan let:tree>
                <PlanTable tree=tree filter=filter.get_untracked()/>
            </ResourceView>
        </section>
    }
}

/// One `<option>` of a filter select.
fn option(i18n: I18n, value: String, label: Text, current: Signal<String>) -> impl IntoView {
    let selected_value = value.clone();
    view! {
        <option value=value selected=move || current.with(|c| *c == selected_value)>
            {move || i18n.text(&label)}
        </option>
    }
}

#[component]
fn Filters(
    filter: Memo<PlanFilter>,
    orgs: LocalResource<Result<Vec<OrgSummary>, shared::ApiErrorBody>>,
    go: impl Fn(PlanFilter) + Clone + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let search = RwSignal::new(filter.get_untracked().q.unwrap_or_default());
    // Back and forward change the URL: the search box follows.
    Effect::new(move |_| search.set(filter.get().q.unwrap_or_default()));

    let district_value = Signal::derive(move || {
        filter.with(|f| f.district.map(|d| d.to_string()).unwrap_or_default())
    });
    let org_value =
        Signal::derive(move || filter.with(|f| f.org.map(|o| o.to_string()).unwrap_or_default()));
    let source_value = Signal::derive(move || {
        filter.with(|f| f.source.map(|s| s.as_str().to_string()).unwrap_or_default())
    });
    let year_value =
        Signal::derive(move || filter.with(|f| f.year.map(|y| y.to_string()).unwrap_or_default()));

    let org_list = move || orgs.get().and_then(Result::ok).unwrap_or_default();

    let district_options = move || {
        org_list()
            .into_iter()
            .filter(|o| o.kind == OrgKind::District)
            .map(|o| option(i18n, o.id.to_string(), o.name, district_value))
            .collect_view()
    };

    // Organisations grouped as oblast level, then each district with its communities;
    // only the chosen district's group when one is chosen.
    let org_options = move || {
        let all = org_list();
        let district = filter.with(|f| f.district);
        let of_kind = |kind: OrgKind| all.iter().filter(move |o| o.kind == kind);
        let mut groups: Vec<(Text, Vec<(OrgId, Text)>)> = Vec::new();
        if district.is_none() {
            groups.push((
                K::OblastLevel.both(),
                of_kind(OrgKind::Executor)
                    .map(|o| (o.id, o.name.clone()))
                    .collect(),
            ));
        }
        for d in of_kind(OrgKind::District).filter(|d| district.is_none_or(|id| id == d.id)) {
            let own =
                in_both(|lang| format!("{} ({})", d.name.get(lang), K::DistrictOwn.text(lang)));
            let mut options = vec![(d.id, own)];
            options.extend(
                of_kind(OrgKind::Community)
                    .filter(|c| c.parent == Some(d.id))
                    .map(|c| (c.id, c.name.clone())),
            );
            groups.push((d.name.clone(), options));
        }
        groups
            .into_iter()
            .map(|(label, options)| {
                let options = options
                    .into_iter()
                    .map(|(id, name)| option(i18n, id.to_string(), name, org_value))
                    .collect_view();
                view! { <optgroup label=move || i18n.text(&label)>{options}</optgroup> }
            })
            .collect_view()
    };

    let source_options = FundingSource::ALL
        .into_iter()
        .map(|s| option(i18n, s.as_str().to_string(), s.label(), source_value))
        .collect_view();
    let year_options = Year::all()
        .map(|y| {
            option(
                i18n,
                y.to_string(),
                Text::new(y.to_string(), y.to_string()),
                year_value,
            )
        })
        .collect_view();

    let go_district = go.clone();
    let go_org = go.clone();
    let go_source = go.clone();
    let go_year = go.clone();
    let go_search = go.clone();
    let on_search = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut f = filter.get_untracked();
        f.q = Some(search.get_untracked()).filter(|q| !q.trim().is_empty());
        go_search(f);
    };

    view! {
        <form class="filters card" role="search" aria-label=t(K::Filters) on:submit=on_search>
            <div class="field">
                <label for="filter-district">{t(K::District)}</label>
                <select
                    id="filter-district"
                    prop:value=district_value
                    on:change=move |ev| {
                        let mut f = filter.get_untracked();
                        f.district = event_target_value(&ev).parse().ok();
                        // An organisation of another district would match nothing.
                        f.org = None;
                        go_district(f);
                    }
                >
                    <option value="" selected=move || district_value.with(String::is_empty)>{t(K::AllDistricts)}</option>
                    {district_options}
                </select>
            </div>
            <div class="field">
                <label for="filter-org">{t(K::Organisation)}</label>
                <select
                    id="filter-org"
                    prop:value=org_value
                    on:change=move |ev| {
                        let mut f = filter.get_untracked();
                        f.org = event_target_value(&ev).parse().ok();
                        go_org(f);
                    }
                >
                    <option value="" selected=move || org_value.with(String::is_empty)>{t(K::AllOrgs)}</option>
                    {org_options}
                </select>
            </div>
            <div class="field">
                <label for="filter-source">{t(K::Source)}</label>
                <select
                    id="filter-source"
                    prop:value=source_value
                    on:change=move |ev| {
                        let mut f = filter.get_untracked();
                        f.source = FundingSource::parse(&event_target_value(&ev));
                        go_source(f);
                    }
                >
                    <option value="" selected=move || source_value.with(String::is_empty)>{t(K::AllSources)}</option>
                    {source_options}
                </select>
            </div>
            <div class="field">
                <label for="filter-year">{t(K::Year)}</label>
                <select
                    id="filter-year"
                    prop:value=year_value
                    on:change=move |ev| {
                        let mut f = filter.get_untracked();
                        f.year = Year::parse(&event_target_value(&ev)).ok();
                        go_year(f);
                    }
                >
                    <option value="" selected=move || year_value.with(String::is_empty)>{t(K::AllYears)}</option>
                    {year_options}
                </select>
            </div>
            <div class="field field-search">
                <label for="filter-q">{t(K::Search)}</label>
                <div class="search-row">
                    <input
                        type="search"
                        id="filter-q"
                        placeholder=t(K::SearchPlaceholder)
                        prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev))
                    />
                    <button type="submit" class="btn btn-secondary" id="filter-submit">{t(K::Find)}</button>
                </div>
            </div>
            <div class="field field-reset">
                <a href="/plan" class="btn btn-link" id="filter-reset">{t(K::ResetFilters)}</a>
            </div>
        </form>
    }
}

/// The four source columns and the total of a node.
fn grid_cells(grid: &BudgetGrid) -> impl IntoView {
    let by_source = FundingSource::ALL
        .into_iter()
        .map(|s| view! { <td class="num"><Money amount=grid.source_total(s)/></td> })
        .collect_view();
    view! {
        {by_source}
        <td class="num total"><Money amount=grid.total()/></td>
    }
}

/// The short word on a measure that is not (or no longer) in the approved plan; its title says more.
pub fn status_badge(status: MeasureStatus) -> Text {
    match status {
        MeasureStatus::Draft => K::DraftBadge.both(),
        MeasureStatus::Approved | MeasureStatus::Withdrawn => status.label(),
    }
}

fn measure_row(m: MeasureSummary) -> impl IntoView {
    let id = m.id.to_string();
    let term = if m.start_year == m.end_year {
        m.start_year.to_string()
    } else {
        format!("{}–{}", m.start_year, m.end_year)
    };
    view! {
        <tr class="row-measure" id=format!("measure-row-{id}")>
            <td class="indent-2">
                <a href=format!("/measures/{id}") data-measure-id=id.clone() class="measure-link">
                    {tx(m.name)}
                </a>
                {m.is_demo.then(|| view! {
                    " "<span class="badge badge-demo" title=t(K::DemoTitle)>{t(K::Demo)}</span>
                })}
                {(m.status != MeasureStatus::Approved).then(|| view! {
                    " "<span class=format!("badge badge-{}", m.status.as_str()) title=tx(m.status.label())>
                        {tx(status_badge(m.status))}
                    </span>
                })}
            </td>
            <td>{tx(m.org.name)}</td>
            <td class="nowrap">{term}</td>
            {grid_cells(&m.totals)}
        </tr>
    }
}

/// Where a page is among the matching measures.
#[derive(Clone, Copy)]
struct Place {
    page: u32,
    pages: u32,
    first: i64,
    last: i64,
    count: i64,
}

impl Place {
    fn of(tree: &PlanTree) -> Place {
        let first = tree.first_listed();
        Place {
            page: tree.page,
            pages: tree.pages(),
            first,
            last: first + tree.listed_count - 1,
            count: tree.measure_count,
        }
    }
}

/// Where this page is, with links to the pages around it (shown when there is more than one);
/// the one at the top carries the ids tests and links find.
#[component]
fn Pager(place: Place, filter: PlanFilter, #[prop(default = false)] top: bool) -> impl IntoView {
    let i18n = use_i18n();
    let Place {
        page,
        pages,
        first,
        last,
        count,
    } = place;
    let link = move |to: u32, label: K, rel: &'static str| {
        let id = top.then(|| format!("plan-{rel}"));
        view! { <a class="btn" href=plan_href(&filter.on_page(to)) rel=rel id=id>{t(label)}</a> }
    };
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=t(K::PlanPages)>
                {(page > 1).then(|| link(page - 1, K::PagePrevious, "prev"))}
                <span class="pager-range" id=top.then_some("plan-range")>
                    {t(K::PageMeasures)}" "
                    {move || format!("{}–{}", format::int(first, i18n.lang()), format::int(last, i18n.lang()))}
                    " "{t(K::PageOf)}" "{move || format::int(count, i18n.lang())}
                    " · "{t(K::PageWord)}" "{page}" "{t(K::PageOf)}" "{pages}
                </span>
                {(page < pages).then(|| link(page + 1, K::PageNext, "next"))}
            </nav>
        }
    })
}

#[component]
fn PlanTable(tree: PlanTree, filter: PlanFilter) -> impl IntoView {
    let i18n = use_i18n();
    let count = tree.measure_count;
    let place = Place::of(&tree);
    let paged = place.pages > 1;
    let pager_top = view! { <Pager place=place filter=filter.clone() top=true/> };
    let pager_bottom = view! { <Pager place=place filter=filter/> };
    let footer = source_total_cells(&tree.totals);
    let body = if count == 0 {
        view! {
            <tr class="row-empty">
                <td colspan="8" id="plan-empty">{t(K::NoMeasures)}</td>
            </tr>
        }
        .into_any()
    } else {
        tree.directions
            .into_iter()
            .map(|d| {
                let tasks = d
                    .tasks
                    .into_iter()
                    .map(|task| {
                        let cells = grid_cells(&task.totals);
                        let measures = task.measures.into_iter().map(measure_row).collect_view();
                        view! {
                            <tr class="row-task" id=format!("plan-task-{}", task.id)>
                                <th scope="row" colspan="3" class="indent-1">
                                    <span class="code">{task.code.to_string()}</span>" "{tx(task.name)}
                                </th>
                                {cells}
                            </tr>
                            {measures}
                        }
                    })
                    .collect_view();
                let cells = grid_cells(&d.totals);
                view! {
                    <tr class="row-direction" id=format!("plan-direction-{}", d.id)>
                        <th scope="row" colspan="3">
                            <span class="code">{d.number}"."</span>" "{tx(d.name)}
                        </th>
                        {cells}
                    </tr>
                    {tasks}
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        {pager_top}
        <div class="table-scroll card">
            <table class="data-table plan-tree" id="plan">
                <caption>
                    {t(K::PlanTitle)}", "{t(K::ThousandUah)}" · "
                    <span id="plan-count">{move || format::int(count, i18n.lang())}</span>" "{move || MEASURES.word(count, i18n.lang())}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{t(K::Name)}</th>
                        <th scope="col">{t(K::Executor)}</th>
                        <th scope="col">{t(K::Years)}</th>
                        {source_header_cells(None)}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row" colspan="3">{t(K::PlanTotal)}</th>
                        {footer}
                        <td class="num total" id="plan-total"><Money amount=tree.totals.total()/></td>
                    </tr>
                </tfoot>
            </table>
        </div>
        {paged.then(|| view! { <p class="muted" id="plan-totals-note">{t(K::PagesTotalsNote)}</p> })}
        {pager_bottom}
    }
}
