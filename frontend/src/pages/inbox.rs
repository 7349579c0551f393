//! `/inbox`: what others did to one's organisation's measures, and the unread count in the header.

use crate::api;
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::format;
use crate::i18n::{t, use_i18n, K};
use crate::live::{on_live_debounced, Live};
use crate::pages::inbox_words as words;
use crate::pages::reports::report_href;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use shared::api::events::LiveEventKind;
use shared::api::inbox::{Notification, NotificationKind};
use shared::ApiErrorBody;
use std::time::Duration;

/// Bumped whenever the inbox may have changed (items marked read), so the header counts again.
#[derive(Clone, Copy)]
pub struct InboxChanged(RwSignal<u64>);

impl InboxChanged {
    pub fn bump(self) {
        self.0.try_update(|n| *n += 1);
    }

    /// Tracks the counter.
    pub fn track(self) {
        self.0.track();
    }
}

pub fn provide_inbox_changed() -> InboxChanged {
    let changed = InboxChanged(RwSignal::new(0));
    provide_context(changed);
    changed
}

pub fn use_inbox_changed() -> InboxChanged {
    expect_context::<InboxChanged>()
}

/// Whether a live event may have put something new into someone's inbox.
fn may_notify(live: &Live) -> bool {
    match live {
        Live::Change(e) => matches!(
            e.kind,
            LiveEventKind::CommentAdded
                | LiveEventKind::MeasureUpdated
                | LiveEventKind::MeasureDeleted
                | LiveEventKind::ProposalSubmitted
                | LiveEventKind::ProposalEndorsed
                | LiveEventKind::ProposalReturned
                | LiveEventKind::ProposalDecided
                | LiveEventKind::ReportSubmitted
                | LiveEventKind::ReportEndorsed
                | LiveEventKind::ReportReturned
                | LiveEventKind::ReportApproved
                | LiveEventKind::ReportUnlocked
        ),
        Live::Reload => true,
    }
}

/// The header's "Inbox" link with `#inbox-count` while something is unread.
#[component]
pub fn InboxLink() -> impl IntoView {
    let i18n = use_i18n();
    let changed = use_inbox_changed();
    let count = LocalResource::new(move || {
        changed.track();
        async move { api::inbox().await.map(|i| i.unread) }
    });
    on_live_debounced(Duration::from_millis(500), may_notify, move || {
        count.refetch();
    });
    let unread = move || count.get().and_then(Result::ok).filter(|n| *n > 0);
    view! {
        <A href="/inbox">
            {t(K::NavInbox)}
            {move || {
                unread()
                    .map(|n| {
                        view! {
                            " "
                            <span class="badge" id="inbox-count" aria-hidden="true">
                                {move || format::int(n, i18n.lang())}
                            </span>
                            <span class="visually-hidden">
                                " (" {move || words::unread(n, i18n.lang())} ")"
                            </span>
                        }
                    })
            }}
        </A>
    }
}

/// Where an item leads: the report it concerns, the proposal, else the measure (unless it was
/// deleted).
fn item_link(item: &Notification) -> Option<(String, K)> {
    if item.kind == NotificationKind::ImportChecked {
        return Some(("/import".to_string(), K::InboxOpenImport));
    }
    if let Some(period) = item.period {
        return Some((report_href(item.org_id, period), K::InboxOpenReport));
    }
    match (item.proposal_id, item.measure_id) {
        (Some(p), _) => Some((format!("/proposals/{p}"), K::InboxOpenProposal)),
        (None, Some(m)) if item.kind != NotificationKind::MeasureDeleted => {
            Some((format!("/measures/{m}"), K::InboxOpen))
        }
        _ => None,
    }
}

#[component]
pub fn InboxPage() -> impl IntoView {
    let changed = use_inbox_changed();
    let inbox = LocalResource::new(api::inbox);
    let retry = Callback::new(move |()| inbox.refetch());
    on_live_debounced(Duration::from_millis(500), may_notify, move || {
        inbox.refetch();
    });
    let error: RwSignal<Option<ApiErrorBody>> = RwSignal::new(None);
    let mark = Action::new_local(move |ids: &Option<Vec<i32>>| {
        let ids = ids.clone();
        async move {
            match api::mark_read(ids).await {
                Ok(_) => {
                    error.try_set(None);
                    inbox.refetch();
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
            changed.bump();
        }
    });
    // Opening a measure from here: its item is read; the request outlives this page.
    let opened = Callback::new(move |id: i32| {
        spawn_local(async move {
            let _ = api::mark_read(Some(vec![id])).await;
            changed.bump();
        });
    });
    let i18n = use_i18n();
    view! {
        <section class="page inbox-page" aria-labelledby="inbox-heading">
            <h1 id="inbox-heading">{t(K::InboxTitle)}</h1>
            <p class="hint">{t(K::InboxHint)}</p>
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="notice notice-error" role="alert">
                                {move || i18n.text(&e.message)}
                            </p>
                        }
                    })
            }}
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    let inbox = match inbox.await {
                        Ok(i) => i,
                        Err(e) => return view! { <ErrorView error=e on_retry=retry/> }.into_any(),
                    };
                    if inbox.items.is_empty() {
                        return view! { <p class="empty" id="inbox-empty">{t(K::InboxEmpty)}</p> }
                            .into_any();
                    }
                    let unread = inbox.unread;
                    let items = inbox
                        .items
                        .into_iter()
                        .map(|item| {
                            view! {
                                <InboxItem
                                    item=item
                                    on_mark=Callback::new(move |id: i32| {
                                        mark.dispatch(Some(vec![id]));
                                    })
                                    on_open=opened
                                    busy=Signal::derive(move || mark.pending().get())
                                />
                            }
                        })
                        .collect_view();
                    view! {
                        <p class="inbox-actions">
                            <span id="inbox-unread">
                                {move || {
                                    if unread > 0 {
                                        words::unread(unread, i18n.lang())
                                    } else {
                                        K::InboxAllRead.text(i18n.lang()).to_string()
                                    }
                                }}
                            </span>
                            " "
                            <button
                                type="button"
                                id="inbox-read-all"
                                class="btn btn-secondary btn-small"
                                disabled=move || unread == 0 || mark.pending().get()
                                on:click=move |_| {
                                    mark.dispatch(None);
                                }
                            >
                                {t(K::MarkAllRead)}
                            </button>
                        </p>
                        <ul class="inbox-list" id="inbox-list">{items}</ul>
                    }
                    .into_any()
                })}
            </Transition>
        </section>
    }
}

/// One item, as the inbox page and the home page list it.
#[component]
pub fn InboxItem(
    item: Notification,
    on_mark: Callback<i32>,
    on_open: Callback<i32>,
    busy: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = item.id;
    let read = item.read;
    let done = item.done;
    let class = match (read, done) {
        (_, true) => "inbox-item card inbox-done",
        (true, false) => "inbox-item card",
        (false, false) => "inbox-item card inbox-unread",
    };
    let at = item.at;
    let (shown, from) = (item.clone(), item.clone());
    let link = item_link(&item).map(|(href, label)| {
        view! {
            <a
                href=href
                class="inbox-open"
                on:click=move |_| {
                    if !read {
                        on_open.run(id);
                    }
                }
            >
                {t(label)}
            </a>
        }
    });
    view! {
        <li class=class data-notification-id=id.to_string() data-read=read.to_string() data-done=done.to_string()>
            <p class="inbox-line">
                {(!read).then(|| view! { <span class="badge badge-new">{t(K::InboxNew)}</span>" " })}
                // The server says the task it asked for is done since (a report was submitted).
                {done.then(|| view! { <span class="badge badge-done">{t(K::InboxDone)}</span>" " })}
                <span class="inbox-what">{move || words::headline(&shown, i18n.lang())}</span>
                " — "
                <strong class="inbox-by">{move || words::sender(&from, i18n.lang())}</strong>
            </p>
            {words::detail(&item)
                .map(|d| view! { <p class="inbox-summary">{d.to_string()}</p> })}
            <p class="inbox-meta">
                <time datetime=format::iso(at)>{move || format::timestamp(at, i18n.lang())}</time>
                {link.map(|l| view! { " · " {l} })}
                {(!read)
                    .then(|| {
                        view! {
                            " "
                            <button
                                type="button"
                                class="btn btn-secondary btn-small inbox-mark"
                                disabled=move || busy.get()
                                on:click=move |_| on_mark.run(id)
                            >
                                {t(K::MarkRead)}
                            </button>
                        }
                    })}
            </p>
        </li>
    }
}
