//! `/versions`: the approved versions of the plan, and every difference between any two
//! (`?from=1&to=2`, so the comparison can be linked to).

use crate::api;
use crate::components::amount::Money;
use crate::components::changes::{change_columns, ChangeCells, Delta};
use crate::components::data_table::DataTable;
use crate::components::measure_history::Names;
use crate::components::resource_view::ResourceView;
use crate::format;
use crate::i18n::{t, use_i18n, K};
use crate::live::LiveStatus;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use shared::api::events::{LiveEvent, LiveEventKind};
use shared::api::versions::{ComparisonRow, PlanVersion, PlanVersions, VersionComparison};
use shared::{Amount, FundingSource, Text, Year};

/// The app's address of a comparison.
pub fn compare_href(from: i32, to: i32) -> String {
    format!("/versions?from={from}&to={to}")
}

/// What to compare when nothing is chosen yet: the version before the current one with it.
pub fn default_pair(list: &PlanVersions) -> (i32, i32) {
    let before = list
        .versions
        .iter()
        .map(|v| v.number)
        .filter(|n| *n < list.current)
        .max()
        .unwrap_or(list.current);
    (before, list.current)
}

#[component]
pub fn VersionsPage() -> impl IntoView {
    let query = use_query_map();
    let pair = Memo::new(move |_| {
        query.with(|q| {
            let get = |k: &str| q.get_str(k).and_then(|s| s.parse::<i32>().ok());
            (get("from"), get("to"))
        })
    });
    let versions = LocalResource::new(api::plan_versions);
    let comparison = LocalResource::new(move || {
        let pair = pair.get();
        async move {
            match pair {
                (Some(from), Some(to)) if from != to => {
                    api::compare_versions(from, to).await.map(Some)
                }
                _ => Ok(None),
            }
        }
    });
    let names = Names::fetched();
    let refetch = Callback::new(move |()| {
        versions.refetch();
        comparison.refetch();
    });
    let wanted = Callback::new(|e: LiveEvent| e.kind == LiveEventKind::PlanVersionCreated);
    view! {
        <section class="page versions-page" aria-labelledby="versions-heading">
            <h1 id="versions-heading">{t(K::VersionsTitle)}</h1>
            <p class="hint">{t(K::VersionsHint)}</p>
            <LiveStatus refetch=refetch wanted=wanted/>
            <ResourceView resource=versions let:list>
                <VersionsTable list=list pair=pair/>
            </ResourceView>
            <ResourceView resource=comparison let:found>
                {found.map(|c| view! { <Comparison comparison=c names=names/> })}
            </ResourceView>
        </section>
    }
}

fn version_row(
    v: PlanVersion,
    current: i32,
    from: RwSignal<i32>,
    to: RwSignal<i32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let n = v.number;
    let at = v.approved_at;
    let decision = v.decision.clone();
    let by = v.approved_by.clone();
    let radio = move |which: RwSignal<i32>, key: &'static str, label: K| {
        let id = format!("compare-{key}-{n}");
        view! {
            <input
                type="radio"
                id=id.clone()
                name=format!("compare-{key}")
                value=n.to_string()
                prop:checked=move || which.get() == n
                on:change=move |_| which.set(n)
            />
            <label for=id class="visually-hidden">{t(label)}" "{t(K::Version)}" "{n}</label>
        }
    };
    view! {
        <tr class="version-row" data-version=n.to_string()>
            <td class="pick">{radio(from, "from", K::CompareFrom)}</td>
            <td class="pick">{radio(to, "to", K::CompareTo)}</td>
            <th scope="row" class="nowrap">
                {n}
                {(n == current).then(|| view! {
                    " "<span class="badge badge-current">{t(K::CurrentVersion)}</span>
                })}
            </th>
            <td class="nowrap">
                <time datetime=format::iso(at)>{move || format::date(at, i18n.lang())}</time>
            </td>
            <td class="version-decision">
                {move || i18n.text(&decision)}
                {v.proposal_id.map(|p| view! {
                    " ("<a href=format!("/proposals/{p}")>{t(K::FromProposal)}" № "{p.to_string()}</a>")"
                })}
            </td>
            <td>{match by {
                Some(name) => name.into_any(),
                None => t(K::CouncilApproved).into_any(),
            }}</td>
            <td class="num">{v.measure_count}</td>
            <td class="num"><Money amount=v.totals.total()/></td>
        </tr>
    }
}

#[component]
fn VersionsTable(list: PlanVersions, pair: Memo<(Option<i32>, Option<i32>)>) -> impl IntoView {
    let navigate = use_navigate();
    let (default_from, default_to) = default_pair(&list);
    let (chosen_from, chosen_to) = pair.get_untracked();
    let from = RwSignal::new(chosen_from.unwrap_or(default_from));
    let to = RwSignal::new(chosen_to.unwrap_or(default_to));
    let error = RwSignal::new(false);
    let current = list.current;
    let rows = list
        .versions
        .into_iter()
        .map(|v| version_row(v, current, from, to))
        .collect_view();
    let compare = move |_| {
        let (f, t) = (from.get_untracked(), to.get_untracked());
        error.set(f == t);
        if f != t {
            navigate(&compare_href(f, t), NavigateOptions::default());
        }
    };
    view! {
        <div class="card">
            <DataTable
                id="versions-table"
                class="versions-table"
                caption=K::VersionsTitle
                caption_hidden=true
                columns=vec![
                    (K::CompareFrom, false),
                    (K::CompareTo, false),
                    (K::Version, false),
                    (K::ApprovedAt, false),
                    (K::DecisionCol, false),
                    (K::ApprovedBy, false),
                    (K::MeasuresChanged, true),
                    (K::PlanTotalCol, true),
                ]
            >
                {rows}
            </DataTable>
            <div class="form-actions">
                <button
                    type="button"
                    class="btn btn-primary"
                    id="versions-compare"
                    aria-describedby=move || error.get().then_some("versions-compare-error")
                    on:click=compare
                >
                    {t(K::CompareVersions)}
                </button>
                <Show when=move || error.get()>
                    <p class="form-message error" id="versions-compare-error" role="alert">{t(K::ChooseTwo)}</p>
                </Show>
            </div>
        </div>
    }
}

fn comparison_row(row: ComparisonRow, names: Signal<Names>) -> impl IntoView {
    let i18n = use_i18n();
    let name = row.measure_name.clone();
    let org = row.org.name.clone();
    let id = row.measure_id;
    view! {
        <tr class="comparison-row" data-measure-id=id.to_string()>
            <td><a href=format!("/measures/{id}")>{move || i18n.text(&name)}</a></td>
            <td>{move || i18n.text(&org)}</td>
            <ChangeCells change=row.change names=names/>
        </tr>
    }
}

/// A row of the totals table: a label and the figure in both versions.
fn totals_row(label: Text, from: Amount, to: Amount, class: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <tr class=class>
            <th scope="row">{move || i18n.text(&label)}</th>
            <td class="num"><Money amount=from/></td>
            <td class="num"><Money amount=to/></td>
            <td class="num"><Delta value=to.decimal() - from.decimal()/></td>
        </tr>
    }
}

#[component]
fn Comparison(comparison: VersionComparison, names: Signal<Names>) -> impl IntoView {
    let (a, b) = (comparison.from.number, comparison.to.number);
    let (ga, gb) = (comparison.from.totals, comparison.to.totals);
    let body = if comparison.rows.is_empty() {
        view! { <p class="muted" id="comparison-empty">{t(K::NoDifferences)}</p> }.into_any()
    } else {
        let rows = comparison
            .rows
            .into_iter()
            .map(|r| comparison_row(r, names))
            .collect_view();
        view! {
            <DataTable
                id="comparison-table"
                class="change-table"
                caption=K::ComparisonTitle
                caption_hidden=true
                columns=[
                    vec![(K::MeasureCol, false), (K::Organisation, false)],
                    change_columns(K::OldValue, K::NewValue),
                ]
                    .concat()
            >
                {rows}
            </DataTable>
        }
        .into_any()
    };
    let by_year = Year::all()
        .map(|y| {
            let label = Text::new(y.to_string(), y.to_string());
            totals_row(label, ga.year_total(y), gb.year_total(y), "totals-year")
        })
        .collect_view();
    let by_source = FundingSource::ALL
        .into_iter()
        .map(|s| {
            totals_row(
                s.label(),
                ga.source_total(s),
                gb.source_total(s),
                "totals-source",
            )
        })
        .collect_view();
    let total = totals_row(K::Total.both(), ga.total(), gb.total(), "totals-all");
    view! {
        <section class="card comparison" id="comparison" aria-labelledby="comparison-title" data-from=a.to_string() data-to=b.to_string()>
            <h2 id="comparison-title">
                {t(K::ComparisonTitle)}": "{t(K::Version)}" "{a}" → "{t(K::Version)}" "{b}
            </h2>
            {body}
            <crate::components::export_links::ExportLinks
                table=shared::api::exports::ExportTable::Versions
                filters=format!("from={a}&to={b}")
            />
            <div class="table-scroll">
                <table class="data-table comparison-totals" id="comparison-totals">
                    <caption>{t(K::TotalsBoth)}</caption>
                    <thead>
                        <tr>
                            <th scope="col"></th>
                            <th scope="col" class="num">{t(K::Version)}" "{a}</th>
                            <th scope="col" class="num">{t(K::Version)}" "{b}</th>
                            <th scope="col" class="num">{t(K::Difference)}</th>
                        </tr>
                    </thead>
                    <tbody>{by_year}{by_source}</tbody>
                    <tfoot>{total}</tfoot>
                </table>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_comparison_is_the_last_change() {
        let v = |number: i32| PlanVersion {
            number,
            approved_at: 0,
            decision: Text::default(),
            approved_by: None,
            proposal_id: None,
            measure_count: 0,
            totals: shared::BudgetGrid::new(),
        };
        let list = PlanVersions {
            current: 3,
            versions: vec![v(3), v(2), v(1)],
        };
        assert_eq!(default_pair(&list), (2, 3));
        let only = PlanVersions {
            current: 1,
            versions: vec![v(1)],
        };
        assert_eq!(default_pair(&only), (1, 1));
        assert_eq!(compare_href(1, 2), "/versions?from=1&to=2");
    }
}
