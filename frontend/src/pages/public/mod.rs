//! `/public/...`: the open programme for anyone, without an account. One file per page; here the
//! pieces they share — the three budget layers as table cells, a measure's row, the nav between them.

mod documents;
mod indicators;
mod map;
mod measure;
mod orgs;
mod programme;
mod versions;

pub use documents::PublicDocumentsPage;
pub use indicators::PublicIndicatorsPage;
pub use measure::PublicMeasurePage;
pub use orgs::{PublicOrgPage, PublicOrgsPage};
pub use programme::PublicPage;
pub use versions::PublicVersionsPage;

use crate::components::amount::Money;
use crate::i18n::{t, tx, use_i18n, K};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use shared::amount::format_percent;
use shared::api::public::{PublicExecution, PublicMeasure};

/// The three layers and the share executed, as table cells.
#[component]
fn ExecutionCells(execution: PublicExecution) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <td class="num"><Money amount=execution.planned/></td>
        <td class="num"><Money amount=execution.approved/></td>
        <td class="num"><Money amount=execution.executed/></td>
        <td class="num">{move || format_percent(execution.executed_percent, i18n.lang())}</td>
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

/// A measure of the approved plan as a row: its name (a link to its page), executor, layers.
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

/// A public page's frame: the nav, its title and lead, then what it shows.
#[component]
fn PublicFrame(
    title: K,
    intro: K,
    #[prop(into)] title_id: String,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="page public">
            <PublicNav/>
            <h1 id=title_id>{t(title)}</h1>
            <p class="lead">{t(intro)}</p>
            {children()}
        </section>
    }
}

/// The public pages, each a link; the one shown is marked `aria-current="page"`.
const PUBLIC_PAGES: [(&str, K); 5] = [
    ("/public", K::PublicNavProgramme),
    ("/public/indicators", K::PublicNavIndicators),
    ("/public/orgs", K::PublicNavOrgs),
    ("/public/versions", K::PublicNavVersions),
    ("/public/documents", K::PublicNavDocuments),
];

/// Which of [`PUBLIC_PAGES`] a path belongs to (a measure's page to the programme, a
/// community's to the list).
fn section_of(path: &str) -> &'static str {
    PUBLIC_PAGES
        .iter()
        .skip(1)
        .map(|(href, _)| *href)
        .find(|href| path == *href || path.starts_with(&format!("{href}/")))
        .unwrap_or("/public")
}

#[component]
fn PublicNav() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let links = PUBLIC_PAGES
        .into_iter()
        .map(|(href, key)| {
            let current =
                move || (location.pathname.with(|p| section_of(p)) == href).then_some("page");
            view! { <li><a href=href aria-current=current>{t(key)}</a></li> }
        })
        .collect_view();
    view! {
        <nav class="public-nav" id="public-nav" aria-label=move || i18n.t(K::PublicNavLabel)>
            <ul>{links}</ul>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::section_of;

    #[test]
    fn each_public_path_belongs_to_its_section() {
        assert_eq!(section_of("/public"), "/public");
        assert_eq!(section_of("/public/measures/3"), "/public");
        assert_eq!(section_of("/public/orgs"), "/public/orgs");
        assert_eq!(section_of("/public/orgs/12"), "/public/orgs");
        assert_eq!(section_of("/public/indicators"), "/public/indicators");
        assert_eq!(section_of("/public/versions"), "/public/versions");
        assert_eq!(section_of("/public/orgsx"), "/public");
        assert_eq!(section_of("/public/documents"), "/public/documents");
    }
}
