//! `/public/documents`: the documents the department published, newest first, each downloaded exactly as it was published.

use super::PublicFrame;
use crate::api;
use crate::components::resource_view::ResourceView;
use crate::i18n::{t, use_i18n, K};
use leptos::prelude::*;
use shared::api::documents::PublishedDocuments;
use shared::api::endpoints as ep;

#[component]
pub fn PublicDocumentsPage() -> impl IntoView {
    let documents = LocalResource::new(api::public_documents);
    view! {
        <PublicFrame title=K::PublicDocumentsTitle intro=K::PublicDocumentsIntro title_id="public-documents-title">
            <ResourceView resource=documents let:list>
                <DocumentsTable list=list/>
            </ResourceView>
        </PublicFrame>
    }
}

#[component]
fn DocumentsTable(list: PublishedDocuments) -> impl IntoView {
    let i18n = use_i18n();
    if list.documents.is_empty() {
        return view! { <p class="muted" id="public-documents-none">{t(K::PublicNoDocuments)}</p> }
            .into_any();
    }
    let rows = list
        .documents
        .into_iter()
        .map(|d| {
            let href = ep::PUBLIC_DOCUMENT.url(&[&d.id]);
            let (title, period) = (d.title, d.period_label);
            let published = shared::Date::kyiv_from_unix_ms(d.published_at);
            let size = format!("{} · {}\u{a0}KB", d.format.extension().to_uppercase(), (d.size + 1023) / 1024);
            view! {
                <tr class="document-row" data-kind=d.kind.as_str()>
                    <th scope="row">
                        <a href=href download=d.filename>{move || i18n.text(&title)}</a>
                        <br/><span class="muted">{size}</span>
                        {d.draft.then(|| view! { <br/><span class="badge badge-warning">{t(K::PublicDraftDocument)}</span> })}
                    </th>
                    <td>{move || i18n.text(&period)}</td>
                    <td class="nowrap">{move || published.map(|p| p.format(i18n.lang())).unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <div class="table-scroll"><table class="data-table" id="public-documents">
                <thead>
                    <tr>
                        <th scope="col">{t(K::PublicDocumentCol)}</th>
                        <th scope="col">{t(K::PublicPeriodCol)}</th>
                        <th scope="col">{t(K::PublicPublishedCol)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table></div>
        </section>
    }
    .into_any()
}
