//! `/territory`: districts with their communities, and the oblast executors, with planned totals.

use crate::api;
use crate::components::amount::Money;
use crate::components::resource_view::ResourceView;
use crate::format;
use crate::i18n::{t, tx, use_i18n, K};
use leptos::prelude::*;
use shared::api::orgs::{OrgKind, OrgSummary};

#[component]
pub fn TerritoryPage() -> impl IntoView {
    let orgs = LocalResource::new(api::orgs);
    view! {
        <section class="page territory">
            <h1>{t(K::TerritoryTitle)}</h1>
            <p class="hint">{t(K::TerritoryHint)}</p>
            <ResourceView resource=orgs let:list>
                <Territory orgs=list/>
            </ResourceView>
        </section>
    }
}

fn count_view(count: i64) -> impl IntoView {
    let i18n = use_i18n();
    move || format::int(count, i18n.lang())
}

fn population_view(population: Option<i64>) -> impl IntoView {
    let i18n = use_i18n();
    move || population.map_or_else(|| "—".to_string(), |p| format::int(p, i18n.lang()))
}

#[component]
fn Territory(orgs: Vec<OrgSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let districts: Vec<&OrgSummary> = orgs
        .iter()
        .filter(|o| o.kind == OrgKind::District)
        .collect();
    let body = districts
        .iter()
        .map(|d| {
            let communities: Vec<&OrgSummary> = orgs
                .iter()
                .filter(|c| c.kind == OrgKind::Community && c.parent == Some(d.id))
                .collect();
            // Districts may come without their own figure: then the sum of their communities.
            let population = d.population.or_else(|| {
                let known: Vec<i64> = communities.iter().filter_map(|c| c.population).collect();
                (!known.is_empty()).then(|| known.iter().sum())
            });
            let (with_count, with_total) = d.with_children.as_ref().map_or_else(
                || (d.measure_count, d.totals.total()),
                |w| (w.measure_count, w.totals.total()),
            );
            let rows = communities
                .into_iter()
                .map(|c| {
                    let kind_label = c.settlement_kind.map(|k| k.label());
                    view! {
                        <tr class="row-community" id=format!("org-{}", c.id)>
                            <td class="code">{c.code.as_ref().map(ToString::to_string).unwrap_or_default()}</td>
                            <th scope="row" class="indent-1">
                                <a href=format!("/plan?org={}", c.id) data-org-id=c.id.to_string()>{tx(c.name.clone())}</a>
                            </th>
                            <td>
                                {kind_label.map(|l| move || l.get(i18n.lang()).to_string())}
                            </td>
                            <td class="num">{population_view(c.population)}</td>
                            <td class="num">{count_view(c.measure_count)}</td>
                            <td class="num"><Money amount=c.totals.total()/></td>
                            <td class="num muted">"—"</td>
                            <td class="num muted">"—"</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <tbody class="district-group">
                    <tr class="row-district" id=format!("org-{}", d.id)>
                        <td class="code">{d.code.as_ref().map(ToString::to_string).unwrap_or_default()}</td>
                        <th scope="rowgroup">
                            <a href=format!("/plan?district={}", d.id) data-district-id=d.id.to_string()>{tx(d.name.clone())}</a>
                        </th>
                        <td>{move || K::DistrictLabel.text(i18n.lang())}</td>
                        <td class="num">{population_view(population)}</td>
                        <td class="num">
                            <a href=format!("/plan?org={}", d.id) data-org-id=d.id.to_string() title=t(K::DistrictOwn)>
                                {count_view(d.measure_count)}
                            </a>
                        </td>
                        <td class="num"><Money amount=d.totals.total()/></td>
                        <td class="num">{count_view(with_count)}</td>
                        <td class="num total"><Money amount=with_total/></td>
                    </tr>
                    {rows}
                </tbody>
            }
        })
        .collect_view();

    let executors = orgs
        .iter()
        .filter(|o| o.kind == OrgKind::Executor)
        .map(|o| {
            let kind = o.kind.label();
            view! {
                <tr id=format!("org-{}", o.id)>
                    <td class="code">{o.code.as_ref().map(ToString::to_string).unwrap_or_default()}</td>
                    <th scope="row">
                        <a href=format!("/plan?org={}", o.id) data-org-id=o.id.to_string()>{tx(o.name.clone())}</a>
                    </th>
                    <td>{tx(kind)}</td>
                    <td class="num">{count_view(o.measure_count)}</td>
                    <td class="num total"><Money amount=o.totals.total()/></td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <div class="table-scroll card">
            <table class="data-table territory-table" id="territory">
                <caption>{t(K::TerritoryTitle)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(K::Code)}</th>
                        <th scope="col">{t(K::Name)}</th>
                        <th scope="col">{t(K::Kind)}</th>
                        <th scope="col" class="num">{t(K::Population)}</th>
                        <th scope="col" class="num">{t(K::OwnMeasures)}</th>
                        <th scope="col" class="num">{t(K::OwnTotal)}</th>
                        <th scope="col" class="num">{t(K::WithCommunities)}</th>
                        <th scope="col" class="num">{t(K::WithCommunitiesTotal)}</th>
                    </tr>
                </thead>
                {body}
            </table>
        </div>
        <section class="card" aria-labelledby="executors-title">
            <h2 id="executors-title">{t(K::ExecutorsTitle)}</h2>
            <div class="table-scroll">
                <table class="data-table executors-table" id="executors">
                    <thead>
                        <tr>
                            <th scope="col">{t(K::Code)}</th>
                            <th scope="col">{t(K::Name)}</th>
                            <th scope="col">{t(K::Kind)}</th>
                            <th scope="col" class="num">{t(K::Measures)}</th>
                            <th scope="col" class="num">{t(K::OwnTotal)}</th>
                        </tr>
                    </thead>
                    <tbody>{executors}</tbody>
                </table>
            </div>
        </section>
    }
}
