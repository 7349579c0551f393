//! `/public/versions`: the plan's history — each approved version, the decision that approved it
//! and every line it changed against the version before.

use super::PublicFrame;
use crate::api;
use crate::components::amount::Money;
use crate::components::changes::{change_columns, ChangeCells};
use crate::components::data_table::DataTable;
use crate::components::measure_history::Names;
use crate::components::resource_view::ResourceView;
use crate::format;
use crate::i18n::{t, tx, use_i18n, K};
use leptos::prelude::*;
use shared::api::proposals::Change;
use shared::api::public::{PublicChange, PublicVersion, PublicVersions};

#[component]
pub fn PublicVersionsPage() -> impl IntoView {
    let versions = LocalResource::new(api::public_versions);
    // Task and organisation names for the changes that name them by id.
    let programme = LocalResource::new(api::public_programme);
    let orgs = LocalResource::new(api::public_orgs);
    let names = Signal::derive(move || {
        let p = programme.get().and_then(Result::ok);
        let o = orgs.get().and_then(Result::ok);
        Names::new(p.as_ref().map(|p| &p.overview), None).with_orgs(
            o.into_iter()
                .flat_map(|o| o.orgs)
                .map(|o| (o.org.id, o.org.name)),
        )
    });
    view! {
        <PublicFrame title=K::PublicVersionsTitle intro=K::PublicVersionsIntro title_id="public-versions-title">
            <ResourceView resource=versions let:list>
                <VersionList list=list names=names/>
            </ResourceView>
        </PublicFrame>
    }
}

#[component]
fn VersionList(list: PublicVersions, names: Signal<Names>) -> impl IntoView {
    let current = list.current;
    list.versions
        .into_iter()
        .map(|v| view! { <VersionCard version=v current=current names=names/> })
        .collect_view()
}

#[component]
fn VersionCard(version: PublicVersion, current: i32, names: Signal<Names>) -> impl IntoView {
    let i18n = use_i18n();
    let n = version.number;
    let at = version.approved_at;
    let title_id = format!("public-version-{n}-title");
    let labelled_by = title_id.clone();
    // The first version enters every measure: a count of "changed" ones would mislead.
    let changed = (!version.changes.is_empty()).then(|| {
        view! { <div><dt>{t(K::PublicChangedMeasures)}</dt><dd>{version.measure_count}</dd></div> }
    });
    let changes = if version.changes.is_empty() {
        view! { <p class="muted">{t(K::PublicNoChanges)}</p> }.into_any()
    } else {
        let rows = version
            .changes
            .into_iter()
            .map(|c| change_row(c, names))
            .collect_view();
        view! {
            <DataTable
                id=format!("public-version-{n}-changes")
                class="change-table"
                caption=K::PublicChanges
                columns=[
                    vec![(K::MeasureCol, false), (K::PublicExecutor, false)],
                    change_columns(K::OldValue, K::NewValue),
                ]
                    .concat()
            >
                {rows}
            </DataTable>
        }
        .into_any()
    };
    view! {
        <section class="card public-version" id=format!("public-version-{n}") aria-labelledby=labelled_by>
            <h2 id=title_id>
                {t(K::PublicVersionNo)}" "{n}
                {(n == current).then(|| view! {
                    " "<span class="badge badge-current">{t(K::PublicInForce)}</span>
                })}
            </h2>
            <dl class="passport-list">
                <div>
                    <dt>{t(K::PublicApprovedOn)}</dt>
                    <dd><time datetime=format::iso(at)>{move || format::date(at, i18n.lang())}</time></dd>
                </div>
                <div><dt>{t(K::PublicDecision)}</dt><dd>{tx(version.decision)}</dd></div>
                {changed}
                <div><dt>{t(K::PublicPlanTotal)}</dt><dd><Money amount=version.totals.total()/></dd></div>
            </dl>
            {changes}
        </section>
    }
}

fn change_row(c: PublicChange, names: Signal<Names>) -> impl IntoView {
    let id = c.measure_id;
    // A withdrawn measure has no public page any more.
    let name = if matches!(c.change, Change::MeasureWithdraw { .. }) {
        tx(c.measure_name).into_any()
    } else {
        view! { <a href=format!("/public/measures/{id}")>{tx(c.measure_name)}</a> }.into_any()
    };
    view! {
        <tr class="public-change-row" data-measure-id=id.to_string()>
            <td>{name}</td>
            <td>{tx(c.executor.name)}</td>
            <ChangeCells change=c.change names=names/>
        </tr>
    }
}
