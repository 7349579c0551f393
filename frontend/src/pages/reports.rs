//! `/reports`: the reporting calendar of one period (every organisation the user sees, with its
//! stage, state, due date and timeliness), "waiting for me", and one's own organisation's periods.

use crate::api;
use crate::components::data_table::DataTable;
use crate::components::resource_view::ResourceView;
use crate::i18n::{t, use_i18n, K};
use crate::live::{about_report, LiveStatus};
use crate::pages::report::labels::{
    counts_days, date_text, days_text, period_label, snake, CalendarStateBadge, ComplianceBadge,
    StageBadge,
};
use crate::session::use_auth;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;
use shared::api::events::LiveEvent;
use shared::api::orgs::{OrgKind, OrgSummary};
use shared::api::reports::{ReportCalendar, ReportRow};
use shared::calendar::{Compliance, Date, ReportPeriod};
use shared::{ApiErrorBody, ErrorCode, OrgId, Text};
use std::collections::HashMap;

/// The app's address of a report.
pub fn report_href(org: OrgId, period: ReportPeriod) -> String {
    format!("/reports/{org}/{period}")
}

/// What the address asks for: a period (else the latest ended one) and "waiting for me".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Filter {
    period: Option<ReportPeriod>,
    waiting: bool,
}

fn filter_from_query(query: &ParamsMap) -> Filter {
    Filter {
        period: query
            .get_str("period")
            .and_then(|p| ReportPeriod::parse(p).ok()),
        waiting: query.get_str("waiting") == Some("true"),
    }
}

fn reports_href(filter: Filter) -> String {
    let mut query = Vec::new();
    if let Some(p) = filter.period {
        query.push(format!("period={p}"));
    }
    if filter.waiting {
        query.push("waiting=true".to_string());
    }
    if query.is_empty() {
        "/reports".to_string()
    } else {
        format!("/reports?{}", query.join("&"))
    }
}

/// The period the calendar opens at: the latest quarter ended by `today`, else the first one.
pub fn default_period(today: Date) -> Option<ReportPeriod> {
    ReportPeriod::latest_ended_quarter(today)
        .map(ReportPeriod::Quarter)
        .or_else(|| ReportPeriod::all().first().copied())
}

/// Today in the browser, as a first guess of the server's today.
pub fn browser_today() -> Option<Date> {
    let now = js_sys::Date::new_0();
    let year = i32::try_from(now.get_full_year()).ok()?;
    let month = u8::try_from(now.get_month() + 1).ok()?;
    let day = u8::try_from(now.get_date()).ok()?;
    Date::new(year, month, day).ok()
}

/// The calendar of the period asked for; without one, of the latest period ended by the server's
/// today (the browser's today is only the first guess).
async fn calendar(
    period: Option<ReportPeriod>,
) -> Result<(ReportPeriod, ReportCalendar), ApiErrorBody> {
    if let Some(p) = period {
        return api::report_calendar(p).await.map(|c| (p, c));
    }
    let guess = browser_today()
        .and_then(default_period)
        .or_else(|| ReportPeriod::all().first().copied())
        .ok_or_else(|| ApiErrorBody::new(ErrorCode::NotFound))?;
    let first = api::report_calendar(guess).await?;
    let wanted = default_period(first.today).unwrap_or(guess);
    if wanted == guess {
        Ok((guess, first))
    } else {
        api::report_calendar(wanted).await.map(|c| (wanted, c))
    }
}

/// How many rows are on time, late, missing and not yet due.
fn compliance_counts(rows: &[ReportRow]) -> Vec<(Compliance, usize)> {
    [
        Compliance::OnTime,
        Compliance::Late,
        Compliance::Missing,
        Compliance::NotDue,
    ]
    .into_iter()
    .map(|c| (c, rows.iter().filter(|r| r.compliance == c).count()))
    .collect()
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    let query = use_query_map();
    let navigate = use_navigate();
    let user = use_auth().user_untracked();
    let filter = Memo::new(move |_| query.with(filter_from_query));
    let period = Memo::new(move |_| filter.get().period);
    let list = LocalResource::new(move || calendar(period.get()));
    let orgs = LocalResource::new(api::orgs);
    // Coordinators also see every period of their own organisation.
    let own = user.as_ref().and_then(|u| u.org.as_ref().map(|o| o.id));
    let go = move |f: Filter| navigate(&reports_href(f), NavigateOptions::default());
    let refetch = Callback::new(move |()| list.refetch());
    let wanted = Callback::new(move |e: LiveEvent| about_report(e.kind));
    let districts = Signal::derive(move || {
        orgs.get()
            .and_then(Result::ok)
            .map(|o| district_names(&o))
            .unwrap_or_default()
    });
    let go_period = go.clone();
    let table = move |(shown, cal): (ReportPeriod, ReportCalendar)| {
        let waiting = filter.get_untracked().waiting;
        let go = go_period.clone();
        let rows: Vec<ReportRow> = cal
            .rows
            .into_iter()
            .filter(|r| !waiting || r.waiting_for_me)
            .collect();
        view! {
            <PeriodFilters shown=shown waiting=waiting go=go/>
            <CalendarTable rows=rows districts=districts/>
        }
    };
    view! {
        <section class="page reports-page" aria-labelledby="reports-heading">
            <h1 id="reports-heading">{t(K::ReportsTitle)}</h1>
            <p class="hint">{t(K::ReportsHint)}</p>
            <LiveStatus refetch=refetch wanted=wanted/>
            <ResourceView resource=list children=table/>
            <crate::components::export_links::ExportLinks
                table=shared::api::exports::ExportTable::Calendar
                filters=Signal::derive(move || {
                    period.get().map(|p| format!("period={p}")).unwrap_or_default()
                })
            />
            {own.map(|org| view! { <MyOrgReports org=org/> })}
        </section>
    }
}

/// District names by id, for the communities' rows.
fn district_names(orgs: &[OrgSummary]) -> HashMap<OrgId, Text> {
    orgs.iter()
        .filter(|o| o.kind == OrgKind::District)
        .map(|o| (o.id, o.name.clone()))
        .collect()
}

#[component]
fn PeriodFilters(
    shown: ReportPeriod,
    waiting: bool,
    go: impl Fn(Filter) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let value = shown.to_string();
    let options = ReportPeriod::all()
        .into_iter()
        .map(|p| {
            let v = p.to_string();
            let selected = p == shown;
            view! { <option value=v selected=selected>{move || period_label(p, i18n.lang())}</option> }
        })
        .collect_view();
    let go_waiting = go.clone();
    view! {
        <form class="filters report-filters card" role="search" aria-label=t(K::Filters) on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="report-period-select">{t(K::ReportPeriodLabel)}</label>
                <select
                    id="report-period-select"
                    prop:value=value
                    on:change=move |ev| {
                        go(Filter {
                            period: ReportPeriod::parse(&event_target_value(&ev)).ok(),
                            waiting,
                        });
                    }
                >
                    {options}
                </select>
            </div>
            <div class="field field-check">
                <input
                    type="checkbox"
                    id="report-waiting"
                    prop:checked=waiting
                    on:change=move |ev| {
                        go_waiting(Filter { period: Some(shown), waiting: event_target_checked(&ev) });
                    }
                />
                <label for="report-waiting">{t(K::ReportWaitingForMe)}</label>
            </div>
        </form>
    }
}

fn days_cell(row: &ReportRow) -> impl IntoView {
    let i18n = use_i18n();
    let days = row.status.days_until_due;
    let overdue = days < 0;
    counts_days(row.status.state).then(|| {
        view! {
            <span class:warning-text=overdue class:report-overdue=overdue>
                {move || days_text(days, i18n.lang())}
            </span>
        }
    })
}

#[component]
fn CalendarTable(rows: Vec<ReportRow>, districts: Signal<HashMap<OrgId, Text>>) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p class="empty card" id="reports-empty">{t(K::ReportsNone)}</p> }
            .into_any();
    }
    let counts = compliance_counts(&rows);
    let total = rows.len();
    let summary = counts
        .into_iter()
        .map(|(c, n)| {
            let label = c.label();
            view! {
                <li data-compliance=snake(&c)>
                    {move || i18n.text(&label)}": "<strong>{n}</strong>
                </li>
            }
        })
        .collect_view();
    let body = rows
        .into_iter()
        .map(|row| {
            let org = row.org.name.clone();
            let kind = row.org.kind.label();
            let parent = row.org.parent;
            let district = move || {
                parent
                    .and_then(|p| districts.with(|d| d.get(&p).map(|n| i18n.text(n))))
                    .unwrap_or_else(|| "—".to_string())
            };
            let due = row.status.due;
            let submitted = row.submitted_on;
            let href = report_href(row.org.id, row.period);
            let waiting = row.waiting_for_me;
            view! {
                <tr class="report-row" data-org-id=row.org.id.to_string() data-waiting=waiting.to_string()>
                    <th scope="row">
                        <a href=href class="report-link">{move || i18n.text(&org)}</a>
                        {waiting.then(|| view! {
                            " "<span class="badge badge-new">{t(K::ReportWaitingBadge)}</span>
                        })}
                    </th>
                    <td>{move || i18n.text(&kind)}</td>
                    <td>{district}</td>
                    <td><StageBadge stage=row.stage/></td>
                    <td><CalendarStateBadge state=row.status.state/></td>
                    <td class="date">{move || date_text(due, i18n.lang())}</td>
                    <td>{days_cell(&row)}</td>
                    <td><ComplianceBadge compliance=row.compliance/></td>
                    <td class="date">{move || submitted.map_or_else(|| "—".to_string(), |d| date_text(d, i18n.lang()))}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="card">
            <ul class="compliance-summary" id="compliance-summary">
                <li>{t(K::ReportsCount)}": "<strong>{total}</strong></li>
                {summary}
            </ul>
            <DataTable
                id="reports-table"
                class="reports-table"
                caption=K::ReportsTitle
                caption_hidden=true
                columns=vec![
                    (K::Organisation, false),
                    (K::Kind, false),
                    (K::District, false),
                    (K::ReportStageCol, false),
                    (K::ReportStateCol, false),
                    (K::ReportDueCol, false),
                    (K::ReportDaysCol, false),
                    (K::ReportComplianceCol, false),
                    (K::ReportSubmittedCol, false),
                ]
            >
                {body}
            </DataTable>
        </div>
    }
    .into_any()
}

/// `#my-reports`: every period of one's own organisation, with its due date and state.
#[component]
fn MyOrgReports(org: OrgId) -> impl IntoView {
    let i18n = use_i18n();
    let list = LocalResource::new(move || api::org_report_calendar(org));
    let refetch = Callback::new(move |()| list.refetch());
    let wanted = Callback::new(move |e: LiveEvent| e.org_id == org && about_report(e.kind));
    let table = move |cal: ReportCalendar| {
        let rows = cal
            .rows
            .into_iter()
            .map(|row| {
                let period = row.period;
                let due = row.status.due;
                view! {
                    <tr data-period=period.to_string()>
                        <th scope="row">
                            <a href=report_href(org, period) class="report-link">
                                {move || period_label(period, i18n.lang())}
                            </a>
                        </th>
                        <td class="date">{move || date_text(due, i18n.lang())}</td>
                        <td><StageBadge stage=row.stage/></td>
                        <td><CalendarStateBadge state=row.status.state/></td>
                        <td>{days_cell(&row)}</td>
                        <td><ComplianceBadge compliance=row.compliance/></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <DataTable
                id="my-reports-table"
                class="reports-table"
                labelled_by="my-reports-title"
                columns=vec![
                    (K::ReportPeriodLabel, false),
                    (K::ReportDueCol, false),
                    (K::ReportStageCol, false),
                    (K::ReportStateCol, false),
                    (K::ReportDaysCol, false),
                    (K::ReportComplianceCol, false),
                ]
            >
                {rows}
            </DataTable>
        }
    };
    view! {
        <details class="card my-reports" id="my-reports" open=true>
            <summary><h2 id="my-reports-title">{t(K::MyOrgReports)}</h2></summary>
            <p class="hint">{t(K::MyOrgReportsHint)}</p>
            <LiveStatus refetch=refetch wanted=wanted/>
            <ResourceView resource=list children=table/>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calendar_opens_at_the_latest_ended_quarter() {
        let d = |s: &str| Date::parse(s).expect(s);
        let shown = |s: &str| default_period(d(s)).map(|p| p.to_string());
        assert_eq!(shown("2026-11-24").as_deref(), Some("2026-Q3"));
        assert_eq!(shown("2026-10-01").as_deref(), Some("2026-Q3"));
        assert_eq!(shown("2026-09-30").as_deref(), Some("2026-Q2"));
        assert_eq!(shown("2027-01-01").as_deref(), Some("2026-Q4"));
        // Before any quarter has ended: the first one.
        assert_eq!(shown("2026-02-01").as_deref(), Some("2026-Q1"));
    }

    #[test]
    fn the_address_keeps_the_period_and_the_waiting_filter() {
        let q3 = ReportPeriod::parse("2026-Q3").ok();
        assert_eq!(
            reports_href(Filter {
                period: q3,
                waiting: true
            }),
            "/reports?period=2026-Q3&waiting=true"
        );
        assert_eq!(reports_href(Filter::default()), "/reports");
        assert_eq!(
            report_href(OrgId(12), ReportPeriod::parse("2026").expect("year")),
            "/reports/12/2026"
        );
    }
}
