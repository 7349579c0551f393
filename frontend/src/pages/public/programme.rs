//! `/public`: the open programme's front page — the passport and envelope, the approved plan
//! (directions → tasks → measures with the three budget layers) and the open data.

use super::{ExecutionCells, ExecutionHead, MeasureRow, PublicNav};
use crate::api;
use crate::components::amount::Money;
use crate::components::resource_view::ResourceView;
use crate::i18n::{t, tx, K};
use leptos::prelude::*;
use shared::api::public::{PublicPlan, PublicProgramme};

#[component]
pub fn PublicPage() -> impl IntoView {
    let programme = LocalResource::new(api::public_programme);
    let plan = LocalResource::new(api::public_plan);
    view! {
        <section class="page public">
            <PublicNav/>
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
