//! Live events: one `EventSource` on `/api/events` while signed in, shared through context.

use crate::i18n::{use_i18n, K};
use crate::session::use_auth;
use leptos::prelude::*;
use shared::api::events::{LiveEvent, LiveEventKind};
use shared::Lang;
use std::cell::RefCell;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventSource, MessageEvent};

/// What the server said last.
#[derive(Debug, Clone, PartialEq)]
pub enum Live {
    /// Someone changed a measure or commented on it.
    Change(LiveEvent),
    /// The client fell behind (or reconnected): refetch whatever the page shows.
    Reload,
}

/// The live-events context: the latest message with a counter, so equal messages still count.
#[derive(Clone, Copy)]
pub struct LiveEvents(RwSignal<Option<(u64, Live)>>);

impl LiveEvents {
    fn push(self, live: Live) {
        self.0.update(|last| {
            let n = last.as_ref().map_or(0, |(n, _)| n + 1);
            *last = Some((n, live));
        });
    }
}

/// The open connection; dropping it closes the stream and frees its listeners.
struct Connection {
    source: EventSource,
    _on_change: Closure<dyn FnMut(MessageEvent)>,
    _on_reload: Closure<dyn FnMut(MessageEvent)>,
    _on_open: Closure<dyn FnMut(Event)>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.source.close();
        mark_open(false);
    }
}

/// `<html data-live="open">` once the stream is connected, so tests know when to make their change.
fn mark_open(open: bool) {
    if let Some(root) = document().document_element() {
        let _ = if open {
            root.set_attribute("data-live", "open")
        } else {
            root.remove_attribute("data-live")
        };
    }
}

thread_local! {
    // Not in a signal: `EventSource` and the closures are neither `Send` nor reactive state.
    static CONNECTION: RefCell<Option<Connection>> = const { RefCell::new(None) };
}

fn connect(events: LiveEvents) -> Option<Connection> {
    let source = EventSource::new("/api/events").ok()?;
    let on_change = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let event = e
            .data()
            .as_string()
            .and_then(|data| serde_json::from_str::<LiveEvent>(&data).ok());
        if let Some(event) = event {
            events.push(Live::Change(event));
        }
    });
    let on_reload = Closure::<dyn FnMut(MessageEvent)>::new(move |_: MessageEvent| {
        events.push(Live::Reload);
    });
    // The browser reconnects by itself; what happened in between is unknown, so pages refetch.
    let mut opened = false;
    let on_open = Closure::<dyn FnMut(Event)>::new(move |_: Event| {
        mark_open(true);
        if opened {
            events.push(Live::Reload);
        }
        opened = true;
    });
    source
        .add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref())
        .ok()?;
    source
        .add_event_listener_with_callback("reload", on_reload.as_ref().unchecked_ref())
        .ok()?;
    source
        .add_event_listener_with_callback("open", on_open.as_ref().unchecked_ref())
        .ok()?;
    Some(Connection {
        source,
        _on_change: on_change,
        _on_reload: on_reload,
        _on_open: on_open,
    })
}

/// Creates the context and keeps one stream open for exactly as long as someone is signed in.
pub fn provide_live_events() -> LiveEvents {
    let events = LiveEvents(RwSignal::new(None));
    provide_context(events);
    let auth = use_auth();
    // Not while the user must change their password: the server answers nothing else then.
    let user = Memo::new(move |_| {
        auth.user()
            .filter(|u| !u.must_change_password)
            .map(|u| u.id)
    });
    Effect::new(move |_| {
        let signed_in = user.get().is_some();
        CONNECTION.with(|c| {
            // Closes any previous stream first: a new user must not hear the last one's events.
            let mut c = c.borrow_mut();
            *c = None;
            if signed_in {
                *c = connect(events);
            }
        });
    });
    events
}

/// Runs `f` for every message that arrives while the calling component lives.
pub fn on_live(f: impl Fn(&Live) + 'static) {
    let events = expect_context::<LiveEvents>();
    Effect::watch(
        move || events.0.get(),
        move |last, _, _| {
            if let Some((_, live)) = last {
                f(live);
            }
        },
        false,
    );
}

/// Runs `f` once things calm down (`wait` after the last message) when `wanted` says a message matters.
pub fn on_live_debounced(
    wait: Duration,
    wanted: impl Fn(&Live) -> bool + 'static,
    f: impl Fn() + Clone + 'static,
) {
    let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    on_cleanup(move || {
        if let Some(h) = pending.try_get_value().flatten() {
            h.clear();
        }
    });
    on_live(move |live| {
        if !wanted(live) {
            return;
        }
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let f = f.clone();
        let handle = set_timeout_with_handle(
            move || {
                pending.set_value(None);
                f();
            },
            wait,
        )
        .ok();
        pending.set_value(handle);
    });
}

/// `#live-notice`: fetches the page again (debounced) when something it shows changes, and says
/// who changed it.
#[component]
pub fn LiveStatus(
    /// Fetches the page's data again.
    refetch: Callback<()>,
    /// Which events concern the page; by default those that change measures' data (totals).
    #[prop(optional)]
    wanted: Option<Callback<LiveEvent, bool>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let last: RwSignal<Option<(String, LiveEventKind)>> = RwSignal::new(None);
    let me = use_auth().user_untracked().map(|u| u.display_name);
    let concerns = move |e: &LiveEvent| match wanted {
        Some(f) => f.run(e.clone()),
        None => changes_data(e.kind),
    };
    on_live(move |live| {
        if let Live::Change(e) = live {
            if me.as_deref() != Some(e.by.as_str()) && concerns(e) {
                last.set(Some((e.by.clone(), e.kind)));
            }
        }
    });
    on_live_debounced(
        Duration::from_millis(300),
        move |live| match live {
            Live::Change(e) => concerns(e),
            Live::Reload => true,
        },
        move || refetch.run(()),
    );
    let text = move || {
        last.with(|l| {
            l.as_ref().and_then(|(by, kind)| {
                let lang = i18n.lang();
                let what = describe(by, *kind, false, lang)?;
                Some(format!("{what} {}", K::LiveShown.text(lang)))
            })
        })
    };
    let class = move || {
        if last.with(Option::is_some) {
            "live-notice"
        } else {
            "live-notice live-notice-idle"
        }
    };
    view! { <p class=class id="live-notice" role="status" aria-live="polite">{text}</p> }
}

/// Whether the event changes measures' data, so totals and forms need fetching again
/// (a new plan version changes the approved plan that totals count).
pub fn changes_data(kind: LiveEventKind) -> bool {
    matches!(
        kind,
        LiveEventKind::MeasureCreated
            | LiveEventKind::MeasureUpdated
            | LiveEventKind::MeasureDeleted
            | LiveEventKind::PlanVersionCreated
    )
}

/// "Щойно змінено цей захід — Оксана Шевчук.": what happened and who did it, in words that do
/// not guess the person's gender; `None` for events not told to users.
pub fn describe(by: &str, kind: LiveEventKind, this_measure: bool, lang: Lang) -> Option<String> {
    // Not a `match`: the server may learn new kinds, which pages simply do not announce.
    let what = if kind == LiveEventKind::MeasureCreated {
        K::LiveCreated
    } else if kind == LiveEventKind::MeasureUpdated {
        if this_measure {
            K::LiveUpdatedThis
        } else {
            K::LiveUpdated
        }
    } else if kind == LiveEventKind::MeasureDeleted {
        if this_measure {
            K::LiveDeletedThis
        } else {
            K::LiveDeleted
        }
    } else if kind == LiveEventKind::CommentAdded {
        K::LiveCommented
    } else {
        proposal_verb(kind).or_else(|| report_verb(kind))?
    };
    Some(what.fill(lang, &[("name", by)]))
}

/// What happened to a proposal or the plan's versions, for the live notices.
fn proposal_verb(kind: LiveEventKind) -> Option<K> {
    Some(match kind {
        LiveEventKind::ProposalChanged => K::LiveProposalChanged,
        LiveEventKind::ProposalSubmitted => K::LiveProposalSubmitted,
        LiveEventKind::ProposalEndorsed => K::LiveProposalEndorsed,
        LiveEventKind::ProposalReturned => K::LiveProposalReturned,
        LiveEventKind::ProposalDecided => K::LiveProposalDecided,
        LiveEventKind::PlanVersionCreated => K::LivePlanVersion,
        _ => return None,
    })
}

/// Whether the event is about a proposal (its lines, its way, or the version it made).
pub fn about_proposal(kind: LiveEventKind) -> bool {
    proposal_verb(kind).is_some()
}

/// What happened to a report or a measure's approved budget, for the live notices.
fn report_verb(kind: LiveEventKind) -> Option<K> {
    Some(match kind {
        LiveEventKind::ReportChanged => K::LiveReportChanged,
        LiveEventKind::ReportSubmitted => K::LiveReportSubmitted,
        LiveEventKind::ReportEndorsed => K::LiveReportEndorsed,
        LiveEventKind::ReportReturned => K::LiveReportReturned,
        LiveEventKind::ReportApproved => K::LiveReportApproved,
        LiveEventKind::ReportUnlocked => K::LiveReportUnlocked,
        LiveEventKind::BudgetApproved => K::LiveBudgetApproved,
        _ => return None,
    })
}

/// Whether the event is about a report (saved, or a step on its way).
pub fn about_report(kind: LiveEventKind) -> bool {
    kind != LiveEventKind::BudgetApproved && report_verb(kind).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_name_who_and_what() {
        assert_eq!(
            describe(
                "Оксана Шевчук",
                LiveEventKind::MeasureUpdated,
                true,
                Lang::Uk
            ),
            Some("Щойно змінено цей захід — Оксана Шевчук.".to_string())
        );
        assert_eq!(
            describe("Oksana", LiveEventKind::CommentAdded, true, Lang::En),
            Some("Oksana added a comment just now.".to_string())
        );
        assert_eq!(
            describe(
                "Ігор Бондар",
                LiveEventKind::ProposalEndorsed,
                false,
                Lang::Uk
            ),
            Some("Щойно погоджено пропозицію — Ігор Бондар.".to_string())
        );
        assert_eq!(
            describe("x", LiveEventKind::PresenceChanged, false, Lang::Uk),
            None
        );
    }
}
