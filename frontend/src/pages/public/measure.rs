//! `/public/measures/:id`: one measure of the approved plan — where it sits, who executes it, its
//! budget by year × source with the three layers.

use super::{ExecutionCells, ExecutionHead, PublicNav};
use crate::api;
use crate::components::resource_view::ResourceView;
use crate::i18n::{t, tx, use_i18n, K};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::api::public::PublicMeasureDetail;
use shared::MeasureId;

#[component]
pub fn PublicMeasurePage() -> impl IntoView {
    let params = use_params_map();
    let measure = LocalResource::new(move || {
        let id = params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()));
        async move { api::public_measure(MeasureId(id.unwrap_or(0))).await }
    });
    view! {
        <section class="page public">
            <PublicNav/>
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
