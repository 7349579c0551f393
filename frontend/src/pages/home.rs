//! `/` for a coordinator: their own work at a glance — the next report and its due date, the
//! proposals waiting for them, the unread inbox and their organisation's measures — from one
//! request (`GET /api/home`), so it comes quickly over a weak link.

use crate::api;
use crate::components::amount::Money;
use crate::components::resource_view::ResourceView;
use crate::format;
use crate::i18n::{t, tx, use_i18n, K};
use crate::live::LiveStatus;
use crate::pages::inbox::{use_inbox_changed, InboxItem};
use crate::pages::plan::status_badge;
use crate::pages::report::labels::{
    counts_days, date_text, days_text, period_label, CalendarStateBadge,
};
use crate::pages::reports::report_href;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::events::LiveEvent;
use shared::api::home::{Home, HomeMeasure};
use shared::api::measures::MeasureStatus;
use shared::api::proposals::ProposalSummary;
use shared::api::reports::ReportRow;

#[component]
pub fn HomePage() -> impl IntoView {
    let home = LocalResource::new(api::home);
    let refetch = Callback::new(move |()| home.refetch());
    view! {
        <section class="page home-page" aria-labelledby="home-heading">
            <h1 id="home-heading">{t(K::HomeTitle)}</h1>
            // Any change someone makes may concern this page (measures, reports, proposals).
            <LiveStatus refetch=refetch wanted=Callback::new(|_: LiveEvent| true)/>
            <ResourceView resource=home let:h>
                <HomeView home=h refetch=refetch/>
            </ResourceView>
        </section>
    }
}

#[component]
fn HomeView(home: Home, refetch: Callback<()>) -> impl IntoView {
    view! {
        {home.org.map(|org| view! { <p class="home-org lead" id="home-org">{tx(org.name)}</p> })}
        <div class="home-grid">
            <NextReport row=home.next_report/>
            <Waiting proposals=home.proposals_waiting/>
            <Unread unread=home.unread items=home.inbox refetch=refetch/>
        </div>
        <Measures measures=home.measures/>
    }
}

/// `#home-report`: the report to hand in next, its due date and how long is left.
#[component]
fn NextReport(row: Option<ReportRow>) -> impl IntoView {
    let i18n = use_i18n();
    let body = match row {
        None => view! { <p class="muted" id="home-no-report">{t(K::HomeNoReport)}</p> }.into_any(),
        Some(r) => {
            let (period, status) = (r.period, r.status);
            let href = report_href(r.org.id, period);
            let days = counts_days(status.state).then_some(status.days_until_due);
            view! {
                <p class="home-report-period" data-period=period.to_string()>
                    <strong>{move || period_label(period, i18n.lang())}</strong>
                    " "<CalendarStateBadge state=status.state/>
                </p>
                <p>
                    {t(K::DashDue)}": "
                    <time id="home-report-due" datetime=status.due.to_string()>
                        {move || date_text(status.due, i18n.lang())}
                    </time>
                    {days.map(|d| view! { " · "<span class="muted">{move || days_text(d, i18n.lang())}</span> })}
                </p>
                <p><a class="btn btn-primary" id="home-report-open" href=href>{t(K::OpenReport)}</a></p>
            }
            .into_any()
        }
    };
    view! {
        <section class="card home-card" id="home-report" aria-labelledby="home-report-title">
            <h2 id="home-report-title">{t(K::HomeNextReport)}</h2>
            {body}
        </section>
    }
}

/// `#home-proposals`: the proposals that wait for the user's step.
#[component]
fn Waiting(proposals: Vec<ProposalSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let body = if proposals.is_empty() {
        view! { <p class="muted" id="home-no-proposals">{t(K::HomeNoProposals)}</p> }.into_any()
    } else {
        let items = proposals
            .into_iter()
            .map(|p| {
                let id = p.id;
                let org = p.org.name.clone();
                let at = p.submitted_at.unwrap_or(p.updated_at);
                view! {
                    <li data-proposal-id=id.to_string()>
                        <a href=format!("/proposals/{id}")>{t(K::ProposalNo)}" "{id.to_string()}</a>
                        " · "{move || i18n.text(&org)}
                        <br/>
                        <span class="muted">
                            <time datetime=format::iso(at)>{move || format::date(at, i18n.lang())}</time>
                        </span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="home-list">{items}</ul> }.into_any()
    };
    view! {
        <section class="card home-card" id="home-proposals" aria-labelledby="home-proposals-title">
            <h2 id="home-proposals-title">{t(K::HomeProposalsWaiting)}</h2>
            {body}
            <p><a href="/proposals">{t(K::HomeAllProposals)}</a></p>
        </section>
    }
}

/// `#home-inbox`: the newest unread items, as the inbox shows them.
#[component]
fn Unread(
    unread: i64,
    items: Vec<shared::api::inbox::Notification>,
    refetch: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let changed = use_inbox_changed();
    let busy = RwSignal::new(false);
    let mark = Callback::new(move |id: i32| {
        busy.set(true);
        spawn_local(async move {
            let _ = api::mark_read(Some(vec![id])).await;
            busy.try_set(false);
            changed.bump();
            refetch.run(());
        });
    });
    // Opening an item from here: it is read; the request outlives this page.
    let opened = Callback::new(move |id: i32| {
        spawn_local(async move {
            let _ = api::mark_read(Some(vec![id])).await;
            changed.bump();
        });
    });
    let body = if items.is_empty() {
        view! { <p class="muted" id="home-inbox-empty">{t(K::InboxAllRead)}</p> }.into_any()
    } else {
        let list = items
            .into_iter()
            .map(|item| view! { <InboxItem item=item on_mark=mark on_open=opened busy=busy.into()/> })
            .collect_view();
        view! { <ul class="inbox-list home-inbox-list">{list}</ul> }.into_any()
    };
    view! {
        <section class="card home-card" id="home-inbox" aria-labelledby="home-inbox-title" data-unread=unread.to_string()>
            <h2 id="home-inbox-title">
                {t(K::HomeUnread)}
                {(unread > 0).then(|| view! { " "<span class="badge">{move || format::int(unread, i18n.lang())}</span> })}
            </h2>
            {body}
            <p><a href="/inbox">{t(K::HomeAllInbox)}</a></p>
        </section>
    }
}

/// `#home-measures`: the organisation's measures, one card each (they stack on a phone).
#[component]
fn Measures(measures: Vec<HomeMeasure>) -> impl IntoView {
    let body = if measures.is_empty() {
        view! { <p class="muted" id="home-no-measures">{t(K::HomeNoMeasures)}</p> }.into_any()
    } else {
        let items = measures
            .into_iter()
            .map(|m| {
                let id = m.id;
                let term = if m.start_year == m.end_year {
                    m.start_year.to_string()
                } else {
                    format!("{}–{}", m.start_year, m.end_year)
                };
                let status = m.status;
                view! {
                    <li class="home-measure" data-measure-id=id.to_string() data-status=status.as_str()>
                        <a href=format!("/measures/{id}")>{tx(m.name)}</a>
                        <span class="home-measure-meta">
                            {term}" · "<Money amount=m.total/>" "{t(K::ThousandUah)}
                            {(status != MeasureStatus::Approved).then(|| view! {
                                " "<span class=format!("badge badge-{}", status.as_str())>{tx(status_badge(status))}</span>
                            })}
                        </span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="home-measures">{items}</ul> }.into_any()
    };
    view! {
        <section class="card" id="home-measures" aria-labelledby="home-measures-title">
            <h2 id="home-measures-title">{t(K::HomeMeasures)}</h2>
            {body}
            <p><a href="/plan">{t(K::HomeWholePlan)}</a></p>
        </section>
    }
}
