//! `/dashboard`: the programme head's dashboard — where the oblast, a district, a community or a measure is behind, and who is responsible.

pub mod children;
mod compliance;
mod execution;
pub mod figures;
pub mod format;
mod head;
mod indicators;
pub mod map;
mod scope;
mod trace;
mod troubles;

pub use scope::own_scope;

use crate::api;
use crate::components::charts::patterns::ChartPatterns;
use crate::components::export_links::ExportLinks;
use crate::components::resource_view::ResourceView;
use crate::i18n::{t, K};
use crate::live::LiveStatus;
use crate::session::use_auth;
use figures::MapFigure;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use scope::{scope_from_query, QueryParams, Scope};
use shared::api::dashboard::{Dashboard, DashboardLevel};
use shared::api::events::{LiveEvent, LiveEventKind};
use shared::api::exports::ExportTable;
use shared::api::orgs::OrgSummary;
use shared::OrgId;
use std::collections::HashMap;

/// Whether a live event moves a figure of the dashboard: an approved report, a budget decision
/// or a new plan version.
pub fn moves_figures(kind: LiveEventKind) -> bool {
    matches!(
        kind,
        LiveEventKind::ReportApproved
            | LiveEventKind::BudgetApproved
            | LiveEventKind::PlanVersionCreated
            | LiveEventKind::ReportUnlocked
    )
}

/// The organisations by id, for links to a responsible organisation's own dashboard.
#[derive(Clone, Default)]
pub struct OrgIndex(HashMap<OrgId, OrgSummary>);

impl OrgIndex {
    fn new(orgs: Vec<OrgSummary>) -> OrgIndex {
        OrgIndex(orgs.into_iter().map(|o| (o.id, o)).collect())
    }

    pub fn get(&self, id: OrgId) -> Option<&OrgSummary> {
        self.0.get(&id)
    }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let query = use_query_map();
    let own = scope::own_scope(use_auth().user_untracked().as_ref());
    let scope = Memo::new(move |_| {
        query.with(|q| {
            scope_from_query(
                QueryParams {
                    level: q.get_str("level"),
                    id: q.get_str("id"),
                    quarter: q.get_str("quarter"),
                    source: q.get_str("source"),
                },
                own,
            )
        })
    });
    let dashboard = LocalResource::new(move || {
        let query = scope.get().query();
        async move { api::dashboard(&query).await }
    });
    // The outlines are the same for every level: fetched once while the page is open.
    let shapes = LocalResource::new(api::map_shapes);
    let orgs = LocalResource::new(api::orgs);
    let org_index = Signal::derive(move || {
        orgs.get()
            .and_then(|r| r.as_ref().ok().cloned())
            .map(OrgIndex::new)
            .unwrap_or_default()
    });
    let figure = RwSignal::new(MapFigure::Execution);
    let refetch = Callback::new(move |()| dashboard.refetch());
    let wanted = Callback::new(|e: LiveEvent| moves_figures(e.kind));
    view! {
        <section class="page dashboard-page" aria-labelledby="dash-heading">
            <ChartPatterns/>
            <p class="dash-kicker">{t(K::DashTitle)}</p>
            <LiveStatus refetch=refetch wanted=wanted/>
            <ResourceView resource=dashboard let:dash>
                <DashboardView
                    dash=dash
                    quarter=scope.get_untracked().quarter
                    shapes=shapes
                    orgs=org_index
                    figure=figure
                />
            </ResourceView>
        </section>
    }
}

/// Everything the dashboard shows for one level, in the order the head reads it: the figures
/// at a glance, what is behind and where, the level below, then the details.
#[component]
fn DashboardView(
    dash: Dashboard,
    /// The quarter chosen in the address (kept in every link), if any.
    quarter: Option<shared::Quarter>,
    shapes: LocalResource<Result<shared::api::dashboard::MapShapes, shared::ApiErrorBody>>,
    orgs: Signal<OrgIndex>,
    figure: RwSignal<MapFigure>,
) -> impl IntoView {
    let here = Scope::new(dash.level, dash.id, quarter).of_source(dash.source);
    let with_map = matches!(
        dash.level,
        DashboardLevel::Oblast | DashboardLevel::District
    );
    let with_trace = matches!(
        dash.level,
        DashboardLevel::Community | DashboardLevel::Measure
    );
    let map_view = with_map.then(|| {
        view! { <map::MapSection dash=dash.clone() here=here shapes=shapes figure=figure/> }
    });
    // The exports ask for the very level, quarter and source shown here.
    let filters = {
        let q = here.query();
        [
            q.level.map(|l| format!("level={l}")),
            q.id.map(|i| format!("id={i}")),
            Some(format!("quarter={}", quarter.unwrap_or(dash.quarter))),
            q.source.map(|s| format!("source={s}")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("&")
    };
    let trace_view = with_trace.then(|| view! { <trace::TraceSection trace=dash.trace.clone()/> });
    let children_view = (!dash.children.is_empty()).then(|| {
        view! { <children::ChildrenSection level=dash.level rows=dash.children.clone() here=here/> }
    });
    view! {
        <head::DashHead dash=dash.clone() here=here/>
        <head::AtAGlance dash=dash.clone()/>
        <div class="dash-grid">
            {map_view}
            <troubles::TroublesSection
                troubles=dash.troubles.clone()
                in_all=dash.troubles_total
                indicators=dash.indicators.iter().map(|i| i.indicator_id).collect()
                here=here
                orgs=orgs
            />
        </div>
        {(!dash.troubles.is_empty()).then(|| view! { <ExportLinks table=ExportTable::Troubles filters=filters.clone()/> })}
        {children_view}
        {(!dash.children.is_empty()).then(|| view! { <ExportLinks table=ExportTable::Areas filters=filters.clone()/> })}
        <execution::ExecutionSection dash=dash.clone()/>
        <ExportLinks table=ExportTable::Execution filters=filters.clone()/>
        <indicators::IndicatorsSection tiles=dash.indicators.clone() year=dash.quarter.year/>
        <ExportLinks table=ExportTable::Indicators filters=filters.clone()/>
        <compliance::ComplianceSection periods=dash.compliance.clone() total=dash.compliance_total/>
        <ExportLinks table=ExportTable::Compliance filters=filters.clone()/>
        {trace_view}
    }
}
