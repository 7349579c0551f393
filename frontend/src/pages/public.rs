//! `/public` and `/public/measures/:id`: the open programme for anyone, without an account — the
//! passport, the approved plan with its three budget layers, a measure's page, the open data.

use crate::api;
use crate::components::amount::Money;
use crate::components::resource_view::ResourceView;
use crate::i18n::{t, tx, use_i18n, K};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::amount::format_percent_value;
use shared::api::public::{
    PublicExecution, PublicMeasure, PublicMeasureDetail, PublicPlan, PublicProgramme,
};
use shared::MeasureId;

/// A percentage or "—".
fn percent(value: Option<rust_decimal::Decimal>, lang: shared::Lang) -> String {
    value.map_or_else(|| "—".to_string(), |v| format_percent_value(v, lang))
}

/// The three layers and the share executed, as table cells.
#[component]
fn ExecutionCells(execution: PublicExecution) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <td class="num"><Money amount=execution.planned/></td>
        <td class="num"><Money amount=execution.approved/></td>
        <td class="num"><Money amount=execution.executed/></td>
        <td class="num">{move || percent(execution.executed_percent, i18n.lang())}</td>
    }
}

#[component]
fn ExecutionHead(first: K) -> impl IntoView {
    view! {
        <thead>
            <tr>
                <th scope="col">{t(first)}</th>
                <th scope="col" class="num">{t(K::PlannedCol)}</th>
                <th scope="col" class="num">{t(K::PublicApprovedCol)}</th>
                <th scope="col" class="num">{t(K::ExecutedCol)}</th>
                <th scope="col" class="num">{t(K::PublicExecutedPercent)}</th>
            </tr>
        </thead>
    }
}

#[component]
pub fn PublicPage() -> impl IntoView {
    let programme = LocalResource::new(api::public_programme);
    let plan = LocalResource::new(api::public_plan);
    view! {
        <section class="page public">
            <h1>{t(K::PublicTitle)}</h1>
            <p class="lead">
                {t(K::PublicIntro)}" "<a href="/login" id="public-sign-in">{t(K::PublicSignIn)}</a>
            </p>
            <ResourceView resource=programme let:p>
                <PublicPassport programme=p/>
            </ResourceView>
            <ResourceView resource=plan let:p>
                <PublicPlanView plan=p/>
            </ResourceView>
            <OpenData/>
        </section>
    }
}

#[component]
fn PublicPassport(programme: PublicProgramme) -> impl IntoView {
    let passport = programme.overview.passport;
    let term = format!("{}–{}", passport.start_year, passport.end_year);
    view! {
        <section class="card passport" aria-labelledby="public-passport-title">
            <h2 id="public-passport-title">{tx(passport.name)}</h2>
            <dl class="passport-list" id="public-passport">
                <div><dt>{t(K::Region)}</dt><dd>{tx(passport.region)}</dd></div>
                <div><dt>{t(K::Decision)}</dt><dd>{tx(passport.decision)}</dd></div>
                <div><dt>{t(K::PublicTerm)}</dt><dd>{term}</dd></div>
                <div><dt>{t(K::PublicEnvelope)}</dt><dd><Money amount=passport.total/>" "{t(K::PublicThousandUah)}</dd></div>
                <div><dt>{t(K::PublicVersion)}</dt><dd>{programme.version}</dd></div>
            </dl>
            <div class="table-scroll"><table class="data-table" id="public-totals">
                <ExecutionHead first=K::PublicWhole/>
                <tbody>
                    <tr><th scope="row">{t(K::PublicWholeProgramme)}</th><ExecutionCells execution=programme.execution/></tr>
                </tbody>
            </table></div>
        </section>
    }
}

#[component]
fn PublicPlanView(plan: PublicPlan) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="public-plan-title">
            <h2 id="public-plan-title">{t(K::PublicPlanTitle)}</h2>
            <p class="hint">{t(K::PublicAmountsNote)}</p>
            {plan
                .directions
                .into_iter()
                .map(|d| {
                    let id = format!("direction-{}", d.number);
                    view! {
                        <section class="public-direction" id=id>
                            <h3>{d.number}". "{tx(d.name)}</h3>
                            <div class="table-scroll"><table class="data-table">
                                <ExecutionHead first=K::PublicTaskOrMeasure/>
                                <tbody>
                                    <tr class="total-row">
                                        <th scope="row">{t(K::PublicDirectionTotal)}</th>
                                        <ExecutionCells execution=d.execution/>
                                    </tr>
                                    {d.tasks
                                        .into_iter()
                                        .map(|task| {
                                            view! {
                                                <tr class="task-row">
                                                    <th scope="row">{task.code}" "{tx(task.name)}</th>
                                                    <ExecutionCells execution=task.execution/>
                                                </tr>
                                                {task.measures.into_iter().map(|m| view! { <MeasureRow measure=m/> }).collect_view()}
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table></div>
                        </section>
                    }
                })
                .collect_view()}
        </section>
    }
}

#[component]
fn MeasureRow(measure: PublicMeasure) -> impl IntoView {
    let href = format!("/public/measures/{}", measure.id);
    view! {
        <tr class="measure-row">
            <td>
                <a href=href>{tx(measure.name)}</a>
                <br/>
                <span class="muted">{tx(measure.executor.name)}</span>
            </td>
            <ExecutionCells execution=measure.total/>
        </tr>
    }
}

/// Links to the data package and each data set, as the package lists them.
#[component]
fn OpenData() -> impl IntoView {
    let package = LocalResource::new(api::public_datapackage);
    view! {
        <section class="card" aria-labelledby="open-data-title" id="open-data">
            <h2 id="open-data-title">{t(K::PublicOpenData)}</h2>
            <p>
                <a href="/api/public/datapackage.json">{t(K::PublicDataPackage)}</a>
                " · CC BY 4.0"
            </p>
            <ResourceView resource=package let:p>
                <ul class="open-data-list">
                    {p["resources"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default()
                        .into_iter()
                        .map(|r| {
                            let path = format!("/api/public/{}", r["path"].as_str().unwrap_or_default());
                            let title = r["title"].as_str().unwrap_or_default().to_string();
                            let format = r["format"].as_str().unwrap_or_default().to_uppercase();
                            view! { <li><a href=path download="">{title}" ("{format}")"</a></li> }
                        })
                        .collect_view()}
                </ul>
            </ResourceView>
        </section>
    }
}

#[component]
pub fn PublicMeasurePage() -> impl IntoView {
    let params = use_params_map();
    let measure = LocalResource::new(move || {
        let id = params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()));
        async move { api::public_measure(MeasureId(id.unwrap_or(0))).await }
    });
    view! {
        <section class="page public">
            <p><a href="/public">{t(K::PublicBack)}</a></p>
            <ResourceView resource=measure let:m>
                <PublicMeasureView measure=m/>
            </ResourceView>
        </section>
    }
}

#[component]
fn PublicMeasureView(measure: PublicMeasureDetail) -> impl IntoView {
    let i18n = use_i18n();
    let m = measure.measure;
    let term = format!("{}–{}", m.start_year, m.end_year);
    view! {
        <h1 id="public-measure-name">{tx(m.name)}</h1>
        <dl class="passport-list">
            <div><dt>{t(K::PublicDirection)}</dt><dd>{tx(measure.direction)}</dd></div>
            <div><dt>{t(K::PublicTask)}</dt><dd>{measure.task_code}" "{tx(measure.task)}</dd></div>
            <div><dt>{t(K::PublicExecutor)}</dt><dd>{tx(m.executor.name)}</dd></div>
            <div><dt>{t(K::PublicTerm)}</dt><dd>{term}</dd></div>
            <div><dt>{t(K::PublicDescription)}</dt><dd>{measure.description}</dd></div>
            <div><dt>{t(K::PublicExpectedResult)}</dt><dd>{measure.expected_result}</dd></div>
        </dl>
        <div class="table-scroll"><table class="data-table" id="public-measure-budget">
            <ExecutionHead first=K::PublicYearSource/>
            <tbody>
                {m.budget
                    .into_iter()
                    .map(|c| {
                        let source = c.source;
                        view! {
                            <tr>
                                <th scope="row">{c.year.to_string()}", "{move || i18n.text(&source.label())}</th>
                                <ExecutionCells execution=c.execution/>
                            </tr>
                        }
                    })
                    .collect_view()}
                <tr class="total-row">
                    <th scope="row">{t(K::PublicWhole)}</th>
                    <ExecutionCells execution=m.total/>
                </tr>
            </tbody>
        </table></div>
    }
}
