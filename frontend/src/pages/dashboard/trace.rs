//! Where the executed figures come from: the reports behind them, each linked to its page.

use crate::components::amount::Money;
use crate::components::data_table::DataTable;
use crate::i18n::{t, tx, use_i18n, K};
use crate::pages::report::labels::{period_label, StageBadge};
use crate::pages::reports::report_href;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::dashboard::TraceReport;
use shared::api::reports::ReportStage;

#[component]
pub fn TraceSection(trace: Vec<TraceReport>) -> impl IntoView {
    let i18n = use_i18n();
    let body = if trace.is_empty() {
        view! { <p class="muted" id="trace-none">{t(K::DashNoTrace)}</p> }.into_any()
    } else {
        let rows = trace
            .into_iter()
            .map(|r| {
                let period = r.period;
                // Only approved reports count in the executed figures; the rest show their stage.
                let pending = (r.stage != ReportStage::Approved)
                    .then(|| view! { <span class="cell-sub">{t(K::DashNotCounted)}</span> });
                view! {
                    <tr data-org=r.org.to_string() data-period=period.to_string()>
                        <th scope="row">
                            <A href=report_href(r.org, period) attr:class="trace-link">
                                {tx(r.org_name.clone())}" · "{move || period_label(period, i18n.lang())}
                            </A>
                        </th>
                        <td><StageBadge stage=Some(r.stage)/></td>
                        <td class="num"><Money amount=r.executed/>{pending}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <DataTable
                id="trace-table"
                class="trace-table"
                caption=K::DashTraceTitle
                caption_hidden=true
                columns=vec![
                    (K::DashTraceReport, false),
                    (K::StateLabel, false),
                    (K::DashTraceExecuted, true),
                ]
            >
                {rows}
            </DataTable>
        }
        .into_any()
    };
    view! {
        <section class="card dash-section" id="trace" aria-labelledby="trace-title">
            <h2 id="trace-title">{t(K::DashTraceTitle)}</h2>
            <p class="hint">{t(K::DashTraceHint)}</p>
            {body}
        </section>
    }
}
