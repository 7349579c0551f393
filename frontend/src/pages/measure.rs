//! `/measures/:id`: one measure — the edit form for those who may change it, else a read-only view.

use crate::api;
use crate::components::budget_execution::BudgetExecution;
use crate::components::budget_table::BudgetTable;
use crate::components::comments::CommentThread;
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::components::measure_form::{MeasureForm, MeasureMeta, RemoteChange};
use crate::components::measure_history::{MeasureHistory, Names};
use crate::components::measure_status::MeasureStatusPanel;
use crate::i18n::{t, tx, use_i18n, K};
use crate::live::{about_proposal, describe, on_live, on_live_debounced, Live};
use crate::session::use_auth;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::api::audit::HistoryQuery;
use shared::api::events::LiveEventKind;
use shared::api::measures::MeasureDetail;
use shared::api::orgs::OrgSummary;
use shared::api::presence::{Viewer, HEARTBEAT_SECS};
use shared::api::programme::ProgrammeOverview;
use shared::{ApiErrorBody, ErrorCode, Lang, MeasureId, Year};
use std::time::Duration;

#[component]
pub fn MeasurePage() -> impl IntoView {
    let params = use_params_map();
    let auth = use_auth();
    let id = Memo::new(move |_| {
        params.with(|p| p.get_str("id").and_then(|s| s.parse::<MeasureId>().ok()))
    });
    let detail = LocalResource::new(move || {
        let id = id.get();
        async move {
            match id {
                Some(id) => api::measure(id).await,
                None => Err(ApiErrorBody::new(ErrorCode::NotFound)),
            }
        }
    });
    let programme = LocalResource::new(api::programme);
    let orgs = LocalResource::new(api::orgs);
    let retry = Callback::new(move |()| {
        detail.refetch();
        programme.refetch();
        orgs.refetch();
    });

    // Live events: others' changes to this measure show up here without a reload.
    let notice: RwSignal<Option<(String, LiveEventKind)>> = RwSignal::new(None);
    let remote = RemoteChange::new();
    let activity = RwSignal::new(0_u64);
    let me = auth.user_untracked().map(|u| u.display_name);
    // With the edit form open, the form decides whether it may replace what is on screen.
    let editable = move || detail.with_untracked(|d| matches!(d, Some(Ok(d)) if d.can_edit));
    let show_update = move || {
        if editable() {
            remote.updated.update(|n| *n += 1);
        } else {
            detail.refetch();
        }
    };
    on_live(move |live| match live {
        Live::Reload => {
            activity.update(|n| *n += 1);
            show_update();
        }
        Live::Change(e) if e.measure_id.is_some() && e.measure_id == id.get_untracked() => {
            let others = me.as_deref() != Some(e.by.as_str());
            let told = describe(&e.by, e.kind, true, Lang::Uk).is_some();
            if !others || !told {
                return;
            }
            notice.set(Some((e.by.clone(), e.kind)));
            if e.kind != LiveEventKind::MeasureDeleted {
                activity.update(|n| *n += 1);
            }
            if e.kind == LiveEventKind::MeasureUpdated {
                show_update();
            }
        }
        // A draft changed by a colleague, a decision or a new plan version may change what the
        // page shows of this measure (its approved values, my draft, proposals under review).
        Live::Change(e)
            if e.measure_id.is_none()
                && about_proposal(e.kind)
                && me.as_deref() != Some(e.by.as_str()) =>
        {
            show_update();
        }
        Live::Change(_) => {}
    });
    let editing = presence_beats(id, remote);
    view! {
        <section class="page measure-page" on:input=move |_| editing.run(())>
            <p class="back-link"><a href="/plan">"← "{t(K::BackToPlan)}</a></p>
            <Presence id=id/>
            <LiveNotice notice=notice remote=remote/>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    let d = match detail.await {
                        Ok(d) => d,
                        Err(e) => return view! { <ErrorView error=e on_retry=retry/> }.into_any(),
                    };
                    let user = auth.user_untracked();
                    let measure_id = d.id;
                    let main = match (d.can_edit, user) {
                        (true, Some(user)) => match (programme.await, orgs.await) {
                            (Ok(p), Ok(o)) => view! {
                                <MeasureForm detail=Some(d) programme=p orgs=o user=user remote=remote/>
                            }
                            .into_any(),
                            (Err(e), _) | (_, Err(e)) => {
                                return view! { <ErrorView error=e on_retry=retry/> }.into_any();
                            }
                        },
                        _ => view! { <ReadOnlyMeasure detail=d/> }.into_any(),
                    };
                    view! {
                        {main}
                        <BudgetExecution id=measure_id/>
                        <crate::components::export_links::ExportLinks
                            table=shared::api::exports::ExportTable::Measure
                            filters=format!("id={}", measure_id.0)
                        />
                        <MeasureActivity id=measure_id programme=programme orgs=orgs activity=activity/>
                    }
                    .into_any()
                })}
            </Transition>
        </section>
    }
}

/// Heartbeats while the page is open (the first at once), a goodbye when it closes.
/// The returned callback sends one early when the form turns dirty or clean.
fn presence_beats(id: Memo<Option<MeasureId>>, remote: RemoteChange) -> Callback<()> {
    // What the server was last told: which measure and whether with unsaved changes.
    let sent: StoredValue<Option<(MeasureId, bool)>> = StoredValue::new(None);
    // Who does not take part in the discussion (the administrator) is not shown as present.
    let takes_part = use_auth().user_untracked().is_some_and(|u| u.may.take_part);
    let beat = move || {
        let Some(id) = id.get_untracked().filter(|_| takes_part) else {
            return;
        };
        let editing = remote.is_unsaved();
        sent.set_value(Some((id, editing)));
        spawn_local(async move {
            // Best effort: the list comes from the live events too.
            let _ = api::presence_beat(id, editing).await;
        });
    };
    let leave = move |id: MeasureId| {
        spawn_local(async move {
            let _ = api::presence_leave(id).await;
        });
    };
    // Another measure in the same page (a link from one measure to another): leave the old one.
    Effect::watch(
        move || id.get(),
        move |_, _, _| {
            if let Some((old, _)) = sent.get_value() {
                if Some(old) != id.get_untracked() {
                    leave(old);
                }
            }
            beat();
        },
        true,
    );
    let interval =
        set_interval_with_handle(beat, Duration::from_secs(u64::from(HEARTBEAT_SECS))).ok();
    on_cleanup(move || {
        if let Some(h) = interval {
            h.clear();
        }
        if let Some((old, _)) = sent.try_get_value().flatten() {
            leave(old);
        }
    });
    Callback::new(move |()| {
        let changed = sent.with_value(|s| s.is_some_and(|(_, e)| e != remote.is_unsaved()));
        if changed {
            beat();
        }
    })
}

/// `#presence`: who else has this measure open now, and who of them is editing it.
#[component]
fn Presence(id: Memo<Option<MeasureId>>) -> impl IntoView {
    let i18n = use_i18n();
    let me = use_auth().user_untracked().map(|u| u.id);
    let viewers: RwSignal<Vec<Viewer>> = RwSignal::new(Vec::new());
    let fetch = move || {
        let Some(measure) = id.get_untracked() else {
            return;
        };
        spawn_local(async move {
            if let Ok(list) = api::presence(measure).await {
                // Still on the same measure (and still on the page at all).
                if id.try_get_untracked() == Some(Some(measure)) {
                    viewers.try_set(list);
                }
            }
        });
    };
    Effect::watch(move || id.get(), move |_, _, _| fetch(), true);
    on_live_debounced(
        Duration::from_millis(200),
        move |live| match live {
            Live::Change(e) => {
                e.kind == LiveEventKind::PresenceChanged
                    && e.measure_id.is_some()
                    && e.measure_id == id.get_untracked()
            }
            Live::Reload => true,
        },
        fetch,
    );
    let others = move || {
        viewers.with(|v| {
            v.iter()
                .filter(|v| Some(v.user_id) != me)
                .map(|v| (v.name.clone(), v.editing))
                .collect::<Vec<_>>()
        })
    };
    let text = move || {
        let others = others();
        if others.is_empty() {
            return None;
        }
        let lang = i18n.lang();
        let names = others
            .iter()
            .map(|(name, editing)| {
                if *editing {
                    format!("{name} ({})", K::PresenceEditing.text(lang))
                } else {
                    name.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        Some(format!("{} {names}", K::AlsoHere.text(lang)))
    };
    let class = move || {
        if others().is_empty() {
            "presence presence-idle"
        } else {
            "presence"
        }
    };
    view! {
        <p class=class id="presence" role="status" aria-live="polite">
            {text}
        </p>
    }
}

/// Below the measure: its comment thread and its change history, each fetched on its own.
#[component]
fn MeasureActivity(
    id: MeasureId,
    programme: LocalResource<Result<ProgrammeOverview, ApiErrorBody>>,
    orgs: LocalResource<Result<Vec<OrgSummary>, ApiErrorBody>>,
    /// Bumped when others commented or changed the measure: both lists are fetched again.
    activity: RwSignal<u64>,
) -> impl IntoView {
    let comments = LocalResource::new(move || {
        activity.track();
        api::comments(api::Thread::Measure(id))
    });
    let history = LocalResource::new(move || {
        activity.track();
        api::measure_history(id, HistoryQuery::default())
    });
    let on_posted = Callback::new(move |()| history.refetch());
    // Names for the diff come when (and if) the programme and organisations have loaded.
    let names = Signal::derive(move || {
        let p = programme.get().and_then(Result::ok);
        let o = orgs.get().and_then(Result::ok);
        Names::new(p.as_ref(), o.as_deref())
    });
    view! {
        <div class="measure-activity">
            <CommentThread
                thread=api::Thread::Measure(id)
                section_id="measure-comments"
                comments=comments
                on_posted=on_posted
            />
            <MeasureHistory id=id history=history names=names/>
        </div>
    }
}

/// `#live-notice`: who else just changed this measure; with unsaved edits, a button loads their version.
#[component]
fn LiveNotice(
    notice: RwSignal<Option<(String, LiveEventKind)>>,
    remote: RemoteChange,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        notice.with(|n| {
            n.as_ref().and_then(|(by, kind)| {
                let lang = i18n.lang();
                let mut text = describe(by, *kind, true, lang)?;
                let more = match kind {
                    LiveEventKind::MeasureDeleted => Some(K::LiveGone),
                    LiveEventKind::MeasureUpdated if remote.held.get() => Some(K::LiveKeptEdits),
                    LiveEventKind::MeasureUpdated => Some(K::LiveShown),
                    _ => None,
                };
                if let Some(more) = more {
                    text.push(' ');
                    text.push_str(more.text(lang));
                }
                Some(text)
            })
        })
    };
    let class = move || {
        if notice.with(Option::is_some) {
            "live-notice"
        } else {
            "live-notice live-notice-idle"
        }
    };
    view! {
        <div class=class id="live-notice" role="status" aria-live="polite">
            {text}
            <Show when=move || remote.held.get()>
                " "
                <button
                    type="button"
                    id="live-reload"
                    class="btn btn-secondary btn-small"
                    on:click=move |_| remote.load.update(|n| *n += 1)
                >
                    {t(K::LiveLoad)}
                </button>
            </Show>
        </div>
    }
}

#[component]
fn ReadOnlyMeasure(detail: MeasureDetail) -> impl IntoView {
    let years: Vec<Year> = Year::all()
        .filter(|y| *y >= detail.start_year && *y <= detail.end_year)
        .collect();
    let term = format!("{}–{}", detail.start_year, detail.end_year);
    let direction = format!("{}. ", detail.direction.number);
    let task = format!("{} ", detail.task.code);
    let text_or_dash = |s: String| {
        if s.trim().is_empty() {
            "—".to_string()
        } else {
            s
        }
    };
    view! {
        <article class="measure-readonly" aria-labelledby="measure-heading">
            <h1 id="measure-heading">{tx(detail.name.clone())}</h1>
            <MeasureMeta detail=detail.clone()/>
            <MeasureStatusPanel detail=detail.clone()/>
            <p class="readonly-note" id="measure-readonly" role="note">
                {t(K::ReadOnly)}
            </p>
            <dl class="details card">
                <div>
                    <dt>{t(K::NameEn)}</dt>
                    <dd lang="en">{text_or_dash(detail.name.en.clone())}</dd>
                </div>
                <div>
                    <dt>{t(K::Direction)}</dt>
                    <dd>{direction}{tx(detail.direction.name.clone())}</dd>
                </div>
                <div>
                    <dt>{t(K::Task)}</dt>
                    <dd id="measure-task-view">{task}{tx(detail.task.name.clone())}</dd>
                </div>
                <div>
                    <dt>{t(K::Responsible)}</dt>
                    <dd id="measure-org-view">{tx(detail.org.name.clone())}</dd>
                </div>
                <div>
                    <dt>{t(K::Term)}</dt>
                    <dd>{term}</dd>
                </div>
                <div>
                    <dt>{t(K::Description)}</dt>
                    <dd class="prewrap">{text_or_dash(detail.description.clone())}</dd>
                </div>
                <div>
                    <dt>{t(K::ExpectedResult)}</dt>
                    <dd class="prewrap">{text_or_dash(detail.expected_result.clone())}</dd>
                </div>
            </dl>
            <div class="table-scroll card">
                <BudgetTable grid=detail.totals years=years id="measure-budget"/>
            </div>
        </article>
    }
}
