//! `/public/orgs` and `/public/orgs/:id`: the map of the communities and the list of every
//! organisation — each one's measures in the approved plan with the three budget layers, how
//! punctually it reports and, for a community or district, its adopted local programme.

use super::map::PublicMap;
use super::{ExecutionCells, ExecutionHead, MeasureRow, PublicFrame, PublicNav};
use crate::api;
use crate::components::amount::Money;
use crate::components::resource_view::ResourceView;
use crate::format;
use crate::i18n::{t, tx, use_i18n, K};
use crate::pages::report::labels::period_label;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::api::orgs::OrgKind;
use shared::api::public::{
    PublicLocalProgramme, PublicOrgDetail, PublicOrgs, PublicPlan, PublicReportDue,
};
use shared::OrgId;

#[component]
pub fn PublicOrgsPage() -> impl IntoView {
    let orgs = LocalResource::new(api::public_orgs);
    let shapes = LocalResource::new(api::public_map);
    view! {
        <PublicFrame title=K::PublicOrgsTitle intro=K::PublicOrgsIntro title_id="public-orgs-title">
            <ResourceView resource=orgs let:list>
                {
                    let for_map = list.orgs.clone();
                    view! {
                        <ResourceView resource=shapes let:shapes>
                            <PublicMap shapes=shapes orgs=for_map.clone()/>
                        </ResourceView>
                        <OrgsTable list=list/>
                    }
                }
            </ResourceView>
        </PublicFrame>
    }
}

#[component]
fn OrgsTable(list: PublicOrgs) -> impl IntoView {
    let i18n = use_i18n();
    let rows = list
        .orgs
        .into_iter()
        .map(|o| {
            let kind = o.org.kind.label();
            let href = format!("/public/orgs/{}", o.org.id);
            let c = o.compliance;
            view! {
                <tr
                    class="org-row"
                    data-org-id=o.org.id.to_string()
                    data-kind=o.org.kind.as_str()
                    data-has-measures=(o.measure_count > 0).to_string()
                >
                    <th scope="row">
                        <a href=href>{tx(o.org.name)}</a>
                        {o.org.code.map(|c| view! { <br/><span class="muted">{c}</span> })}
                    </th>
                    <td>{move || i18n.text(&kind)}</td>
                    <td class="num">{o.measure_count}</td>
                    <ExecutionCells execution=o.execution/>
                    <td class="num nowrap">{format!("{} · {} · {}", c.on_time, c.late, c.missing)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <p class="hint">{t(K::PublicAmountsNote)}</p>
            <div class="table-scroll"><table class="data-table" id="public-orgs">
                <thead>
                    <tr>
                        <th scope="col">{t(K::PublicOrgCol)}</th>
                        <th scope="col">{t(K::PublicKindCol)}</th>
                        <th scope="col" class="num">{t(K::PublicMeasuresCol)}</th>
                        <th scope="col" class="num">{t(K::PlannedCol)}</th>
                        <th scope="col" class="num">{t(K::PublicApprovedCol)}</th>
                        <th scope="col" class="num">{t(K::ExecutedCol)}</th>
                        <th scope="col" class="num">{t(K::PublicExecutedPercent)}</th>
                        <th scope="col" class="num">{t(K::PublicReportsCol)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table></div>
        </section>
    }
}

#[component]
pub fn PublicOrgPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()).map(OrgId))
    });
    // The organisation's figures and local programme; its measures, from the plan.
    let both = LocalResource::new(move || {
        let wanted = id.get();
        async move {
            let org = api::public_org(wanted.unwrap_or(OrgId(0))).await?;
            let plan = api::public_plan().await?;
            Ok::<_, shared::ApiErrorBody>((org, plan))
        }
    });
    view! {
        <section class="page public">
            <PublicNav/>
            <p><a href="/public/orgs">{t(K::PublicBackToOrgs)}</a></p>
            <ResourceView resource=both let:found>
                {
                    let (detail, plan) = found;
                    view! { <OrgView detail=detail plan=plan/> }
                }
            </ResourceView>
        </section>
    }
}

#[component]
fn OrgView(detail: PublicOrgDetail, plan: PublicPlan) -> impl IntoView {
    let i18n = use_i18n();
    let org = detail.org;
    let parent = detail.parent_org.map(|p| p.name);
    let local = matches!(org.org.kind, OrgKind::Community | OrgKind::District)
        .then(|| view! { <LocalProgrammeView programme=detail.local_programme/> });
    let id = org.org.id;
    let kind = org.org.kind.label();
    let measures: Vec<_> = plan
        .directions
        .into_iter()
        .flat_map(|d| d.tasks)
        .flat_map(|task| task.measures)
        .filter(|m| m.executor.id == id)
        .collect();
    let measures = if measures.is_empty() {
        view! { <p class="muted">{t(K::PublicNoMeasures)}</p> }.into_any()
    } else {
        let rows = measures
            .into_iter()
            .map(|m| view! { <MeasureRow measure=m/> })
            .collect_view();
        view! {
            <div class="table-scroll"><table class="data-table" id="public-org-measures">
                <ExecutionHead first=K::MeasureCol/>
                <tbody>
                    {rows}
                    <tr class="total-row">
                        <th scope="row">{t(K::PublicWhole)}</th>
                        <ExecutionCells execution=org.execution/>
                    </tr>
                </tbody>
            </table></div>
        }
        .into_any()
    };
    let population = org.population.map(|p| {
        view! { <div><dt>{t(K::PublicPopulation)}</dt><dd>{move || format::int(p, i18n.lang())}</dd></div> }
    });
    let code = org.org.code.clone().map(|c| {
        view! { <div><dt>{t(K::PublicCodeCol)}</dt><dd>{c}</dd></div> }
    });
    let parent = parent.map(|p| view! { <div><dt>{t(K::PublicParent)}</dt><dd>{tx(p)}</dd></div> });
    let c = org.compliance;
    view! {
        <h1 id="public-org-name">{tx(org.org.name)}</h1>
        <dl class="passport-list">
            <div><dt>{t(K::PublicKindCol)}</dt><dd>{move || i18n.text(&kind)}</dd></div>
            {code}
            {parent}
            {population}
        </dl>
        <section class="card" aria-labelledby="public-org-measures-title">
            <h2 id="public-org-measures-title">{t(K::PublicOrgMeasures)}</h2>
            <p class="hint">{t(K::PublicAmountsNote)}</p>
            {measures}
        </section>
        {local}
        <section class="card" aria-labelledby="public-org-reporting-title">
            <h2 id="public-org-reporting-title">{t(K::PublicReporting)}</h2>
            <p id="public-org-compliance">
                {t(K::PublicOnTimeCol)}": "{c.on_time}" · "
                {t(K::PublicLateCol)}": "{c.late}" · "
                {t(K::PublicMissingCol)}": "{c.missing}
            </p>
            <ReportsTable reports=org.reports/>
        </section>
    }
}

#[component]
fn ReportsTable(reports: Vec<PublicReportDue>) -> impl IntoView {
    let i18n = use_i18n();
    if reports.is_empty() {
        return view! { <p class="muted">{t(K::PublicNoReports)}</p> }.into_any();
    }
    let rows = reports
        .into_iter()
        .map(|r| {
            let label = r.compliance.label();
            let key = serde_json::to_value(r.compliance)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            view! {
                <tr>
                    <th scope="row">{move || period_label(r.period, i18n.lang())}</th>
                    <td class="nowrap">{move || r.due.format(i18n.lang())}</td>
                    <td><span class=format!("compliance compliance-{key}") data-compliance=key.clone()>
                        {move || i18n.text(&label)}
                    </span></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll"><table class="data-table" id="public-org-reports">
            <thead>
                <tr>
                    <th scope="col">{t(K::PublicPeriodCol)}</th>
                    <th scope="col">{t(K::PublicDueCol)}</th>
                    <th scope="col">{t(K::PublicStatusCol)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table></div>
    }
    .into_any()
}

/// The local programme its council adopted (approved or expired), or a note that there is none.
#[component]
fn LocalProgrammeView(programme: Option<PublicLocalProgramme>) -> impl IntoView {
    let i18n = use_i18n();
    let body = match programme {
        None => {
            view! { <p class="muted" id="public-local-none">{t(K::PublicNoLocalProgramme)}</p> }
                .into_any()
        }
        Some(p) => {
            let status = p.status.label();
            let state = if p.in_force {
                K::PublicLocalInForce
            } else {
                K::PublicLocalNotInForce
            };
            let term = format!("{}–{}", p.first_year, p.last_year);
            let date = p.decision_date;
            let envelope = p
                .envelope
                .into_iter()
                .map(|l| {
                    let source = l.source.label();
                    view! {
                        <tr>
                            <th scope="row">{l.year.get()}</th>
                            <td>{move || i18n.text(&source)}</td>
                            <td class="num"><Money amount=l.amount/></td>
                        </tr>
                    }
                })
                .collect_view();
            let tasks = p
                .tasks
                .into_iter()
                .map(|task| view! { <li>{task.code}" "{tx(task.name)}</li> })
                .collect_view();
            view! {
                <p id="public-local-title"><strong>{p.title}</strong>
                    {p.is_demo.then(|| view! { " " <span class="badge">{t(K::PublicDemoNote)}</span> })}
                </p>
                <dl class="passport-list">
                    <div><dt>{t(K::PublicDecision)}</dt><dd>{p.decision}" · "{move || date.format(i18n.lang())}</dd></div>
                    <div><dt>{t(K::PublicTerm)}</dt><dd>{term}</dd></div>
                    <div><dt>{t(K::PublicStatusCol)}</dt><dd id="public-local-status" data-status=p.status.as_str()>
                        {move || i18n.text(&status)}" · "{t(state)}
                    </dd></div>
                </dl>
                <h3>{t(K::PublicLocalEnvelope)}</h3>
                <div class="table-scroll"><table class="data-table" id="public-local-envelope">
                    <thead><tr>
                        <th scope="col">{t(K::Year)}</th>
                        <th scope="col">{t(K::Source)}</th>
                        <th scope="col" class="num">{t(K::PublicThousandUah)}</th>
                    </tr></thead>
                    <tbody>{envelope}</tbody>
                </table></div>
                <h3>{t(K::PublicLocalTasks)}</h3>
                <ul class="public-local-tasks">{tasks}</ul>
            }
            .into_any()
        }
    };
    view! {
        <section class="card" id="public-local" aria-labelledby="public-local-heading">
            <h2 id="public-local-heading">{t(K::PublicLocalProgramme)}</h2>
            {body}
        </section>
    }
}
