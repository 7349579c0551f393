//! `/documents`: the statutory documents the user may produce for a scope and period, with the state of the reports behind each, downloaded as PDF or XLSX without blocking the page.

use crate::api;
use crate::components::resource_view::ResourceView;
use crate::i18n::{t, use_i18n, K};
use crate::pages::report::labels::{date_text, period_label};
use crate::session::use_auth;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;
use shared::api::documents::{
    DocumentCatalog, DocumentEntry, DocumentFile, DocumentFormat, DocumentQuery, PendingReport,
};
use shared::{FundingSource, Lang, OrgId};

fn query_from(params: &ParamsMap) -> DocumentQuery {
    DocumentQuery {
        period: params.get_str("period").map(str::to_string),
        org: params
            .get_str("org")
            .and_then(|o| o.parse::<i32>().ok())
            .map(OrgId),
        source: params.get_str("source").and_then(FundingSource::parse),
        lang: params.get_str("lang").and_then(Lang::from_code),
    }
}

/// The page's own address for a query (the API's query string after `?`).
fn href(query: &DocumentQuery) -> String {
    match api::document_query(query).as_str() {
        "" => "/documents".to_string(),
        q => format!("/documents?{q}"),
    }
}

#[component]
pub fn DocumentsPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(query_from));
    let catalog = LocalResource::new(move || {
        let q = query.get();
        async move { api::documents(&q).await }
    });
    view! {
        <section class="page documents-page" aria-labelledby="documents-heading">
            <h1 id="documents-heading">{t(K::DocumentsTitle)}</h1>
            <p class="hint">{t(K::DocumentsHint)}</p>
            <ResourceView resource=catalog children=move |c: DocumentCatalog| {
                view! { <Catalog catalog=c query=query.get_untracked()/> }
            }/>
        </section>
    }
}

#[component]
fn Catalog(catalog: DocumentCatalog, query: DocumentQuery) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let go = move |q: DocumentQuery| navigate(&href(&q), NavigateOptions::default());
    let scope_id = catalog.scope.id;
    let scopes = catalog
        .scopes
        .iter()
        .map(|s| {
            let name = s.name.clone();
            let value = s.id.0.to_string();
            let selected = s.id == scope_id
                || (scope_id.0 == 0 && s.kind == shared::api::orgs::OrgKind::Oblast);
            view! { <option value=value selected=selected>{move || i18n.text(&name)}</option> }
        })
        .collect_view();
    let shown = catalog.quarter;
    let periods = catalog
        .periods
        .iter()
        .map(|p| {
            let p = *p;
            let selected = p == shown;
            view! { <option value=p.to_string() selected=selected>{move || period_label(p, i18n.lang())}</option> }
        })
        .collect_view();
    let source = query.source;
    let sources = FundingSource::ALL
        .into_iter()
        .map(|s| {
            let label = s.label();
            view! { <option value=s.as_str() selected=source == Some(s)>{move || i18n.text(&label)}</option> }
        })
        .collect_view();
    let doc_lang = query.lang.unwrap_or(Lang::Uk);
    let (q1, q2, q3, q4) = (query.clone(), query.clone(), query.clone(), query.clone());
    let (g1, g2, g3, g4) = (go.clone(), go.clone(), go.clone(), go);
    let entries = catalog
        .entries
        .into_iter()
        .map(|e| view! { <Entry entry=e query=query.clone() scope=scope_id/> })
        .collect_view();
    view! {
        <form class="filters documents-filters card" role="search" aria-label=t(K::Filters) on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="documents-scope">{t(K::DocumentsScope)}</label>
                <select id="documents-scope" on:change=move |ev| {
                    let v = event_target_value(&ev).parse::<i32>().ok().map(OrgId);
                    g1(DocumentQuery { org: v.filter(|o| o.0 != 0), ..q1.clone() });
                }>{scopes}</select>
            </div>
            <div class="field">
                <label for="documents-period">{t(K::ReportPeriodLabel)}</label>
                <select id="documents-period" on:change=move |ev| {
                    g2(DocumentQuery { period: Some(event_target_value(&ev)), ..q2.clone() });
                }>{periods}</select>
            </div>
            <div class="field">
                <label for="documents-source">{t(K::DocumentsSource)}</label>
                <select id="documents-source" on:change=move |ev| {
                    g3(DocumentQuery { source: FundingSource::parse(&event_target_value(&ev)), ..q3.clone() });
                }>
                    <option value="" selected=source.is_none()>{t(K::DocumentsAllSources)}</option>
                    {sources}
                </select>
            </div>
            <div class="field">
                <label for="documents-lang">{t(K::DocumentsLanguage)}</label>
                <select id="documents-lang" on:change=move |ev| {
                    g4(DocumentQuery { lang: Lang::from_code(&event_target_value(&ev)), ..q4.clone() });
                }>
                    <option value="uk" selected=doc_lang == Lang::Uk>"Українська"</option>
                    <option value="en" selected=doc_lang == Lang::En>"English"</option>
                </select>
            </div>
        </form>
        <ul class="documents-list">{entries}</ul>
    }
}

/// What a document's period is as the file's query gives it.
fn entry_query(entry: &DocumentEntry, query: &DocumentQuery, scope: OrgId) -> DocumentQuery {
    DocumentQuery {
        period: Some(entry.period.to_string()),
        org: (scope.0 != 0).then_some(scope),
        ..query.clone()
    }
}

#[component]
fn Entry(entry: DocumentEntry, query: DocumentQuery, scope: OrgId) -> impl IntoView {
    let i18n = use_i18n();
    let kind = entry.kind;
    let title = entry.title.clone();
    let period = entry.period_label.clone();
    let state = entry.state.clone();
    let complete = state.is_complete();
    let file_query = entry_query(&entry, &query, scope);
    let pending: Vec<PendingReport> = state
        .missing
        .iter()
        .chain(&state.unapproved)
        .cloned()
        .collect();
    let pending_count = pending.len();
    let pending_list = pending
        .into_iter()
        .map(|p| {
            let name = p.org.name.clone();
            let stage = p.stage.map(|s| s.label());
            let due = p.due;
            let period = p.period;
            view! {
                <li>
                    <strong>{move || i18n.text(&name)}</strong>
                    " · " {move || period_label(period, i18n.lang())}
                    " · " {t(K::DocumentsDue)} " " {move || date_text(due, i18n.lang())}
                    " · " {move || stage.as_ref().map_or_else(|| i18n.t(K::DocumentsNotSubmitted).to_string(), |s| i18n.text(s))}
                </li>
            }
        })
        .collect_view();
    let (approved, expected) = (state.approved, state.expected);
    let missing = state.missing.len();
    let unapproved = state.unapproved.len();
    let not_due = state.not_due;
    view! {
        <li class="card document-entry" id=format!("document-{}", kind.as_str())>
            <div class="document-head">
                <h2>{move || i18n.text(&title)}</h2>
                <span class="document-period">{move || i18n.text(&period)}</span>
                {(!complete).then(|| view! { <span class="badge badge-warning document-draft">{t(K::DocumentsDraft)}</span> })}
            </div>
            <p class="document-state">
                {t(K::DocumentsApproved)} " " <strong class="state-approved">{approved}</strong>
                " " {t(K::DocumentsOf)} " " <strong class="state-expected">{expected}</strong>
                {(missing > 0).then(|| view! { " · " {t(K::DocumentsMissing)} " " <strong class="state-missing">{missing}</strong> })}
                {(unapproved > 0).then(|| view! { " · " {t(K::DocumentsUnapproved)} " " <strong class="state-unapproved">{unapproved}</strong> })}
                {(not_due > 0).then(|| view! { " · " {t(K::DocumentsNotDue)} " " <strong class="state-not-due">{not_due}</strong> })}
            </p>
            {(pending_count > 0).then(|| view! {
                <details class="document-pending">
                    <summary>{t(K::DocumentsPendingList)} " (" {pending_count} ")"</summary>
                    <ul>{pending_list}</ul>
                </details>
            })}
            <div class="document-actions">
                <Download kind=kind format=DocumentFormat::Pdf query=file_query.clone()/>
                <Download kind=kind format=DocumentFormat::Xlsx query=file_query.clone()/>
            </div>
            {use_auth()
                .user_untracked()
                .is_some_and(|u| u.may.decide)
                .then(|| view! { <Publish kind=kind query=file_query/> })}
        </li>
    }
}

/// The department's explicit publishing of the PDF as it is now: the open portal lists it, and
/// its bytes never change afterwards.
#[component]
fn Publish(kind: shared::api::documents::DocumentKind, query: DocumentQuery) -> impl IntoView {
    let i18n = use_i18n();
    let file = DocumentFile {
        kind,
        format: DocumentFormat::Pdf,
    };
    let publish = Action::new_local(move |q: &DocumentQuery| {
        let q = q.clone();
        async move { api::publish_document(file.name(), api::document_query(&q)).await }
    });
    let busy = publish.pending();
    let result = move || {
        publish.value().get().map(|r| match r {
            Ok(doc) => view! {
                <span class="saved-note" role="status" id=format!("published-{}", kind.as_str())>
                    {t(K::DocumentsPublished)} " "
                    <a href="/public/documents">{doc.filename}</a>
                </span>
            }
            .into_any(),
            Err(e) => {
                view! { <span class="field-error" role="alert">{i18n.text(&e.message)}</span> }
                    .into_any()
            }
        })
    };
    view! {
        <div class="document-publish">
            <button
                type="button"
                class="btn btn-primary"
                id=format!("publish-{}", kind.as_str())
                aria-busy=move || busy.get().to_string()
                disabled=move || busy.get()
                on:click=move |_| {
                    publish.dispatch_local(query.clone());
                }
            >
                {t(K::DocumentsPublish)}
            </button>
            <span class="hint">{t(K::DocumentsPublishHint)}</span>
            {result}
        </div>
    }
}

/// A download button: fetches the file (the page stays usable meanwhile), then saves it.
#[component]
fn Download(
    kind: shared::api::documents::DocumentKind,
    format: DocumentFormat,
    query: DocumentQuery,
) -> impl IntoView {
    let i18n = use_i18n();
    let file = DocumentFile { kind, format };
    let fetch = Action::new_local(move |q: &DocumentQuery| {
        let q = q.clone();
        async move { api::document(file, &q).await }
    });
    let busy = fetch.pending();
    // The file, once made: started as a download, and kept as a link (a browser may hold back a
    // download that starts long after the click, e.g. over a slow link).
    let ready = RwSignal::new(None::<(String, String)>);
    Effect::new(move |_| {
        if let Some(Ok(doc)) = fetch.value().get() {
            if let Some(url) = api::file_url(&doc) {
                api::start_download(&url, &doc.filename);
                if let Some((old, _)) = ready.get_untracked() {
                    api::forget_file(&old);
                }
                ready.set(Some((url, doc.filename.clone())));
            }
        }
    });
    on_cleanup(move || {
        if let Some((url, _)) = ready.get_untracked() {
            api::forget_file(&url);
        }
    });
    let ready_id = format!("download-{}-{}-ready", kind.as_str(), format.extension());
    let link = move || {
        ready.get().map(|(url, filename)| {
            view! {
                <a id=ready_id.clone() class="document-ready" href=url download=filename.clone()>
                    {t(K::DocumentsSave)} " " {filename.clone()}
                </a>
            }
        })
    };
    let error = move || {
        fetch.value().get().and_then(Result::err).map(
            |e| view! { <span class="field-error" role="alert">{i18n.text(&e.message)}</span> },
        )
    };
    let label = match format {
        DocumentFormat::Pdf => "PDF",
        DocumentFormat::Xlsx => "Excel (XLSX)",
    };
    let id = format!("download-{}-{}", kind.as_str(), format.extension());
    view! {
        <button
            type="button"
            id=id
            class="btn btn-secondary"
            aria-busy=move || busy.get().to_string()
            disabled=move || busy.get()
            on:click=move |_| {
                fetch.dispatch_local(query.clone());
            }
        >
            {move || if busy.get() { i18n.t(K::DocumentsPreparing) } else { label }}
        </button>
        <span class="visually-hidden" aria-live="polite">{move || busy.get().then(|| i18n.t(K::DocumentsPreparing))}</span>
        {link}
        {error}
    }
}
