//! `/`: the programme overview — passport, funding envelope against allocations, directions and tasks.

use crate::api;
use crate::components::amount::{Figure, Money};
use crate::components::resource_view::ResourceView;
use crate::components::source_table::{totals_foot, YearSourceHead};
use crate::format;
use crate::i18n::{t, tx, use_i18n, K};
use crate::live::LiveStatus;
use leptos::prelude::*;
use rust_decimal::Decimal;
use shared::amount::format_share;
use shared::api::programme::{DirectionSummary, Passport, ProgrammeOverview};
use shared::grid::EnvelopeCell;
use shared::{FundingSource, Year};

#[component]
pub fn OverviewPage() -> impl IntoView {
    let programme = LocalResource::new(api::programme);
    view! {
        <section class="page overview">
            <h1>{t(K::OverviewTitle)}</h1>
            <LiveStatus refetch=Callback::new(move |()| programme.refetch())/>
            <ResourceView resource=programme let:p>
                <Overview programme=p/>
            </ResourceView>
        </section>
    }
}

#[component]
fn Overview(programme: ProgrammeOverview) -> impl IntoView {
    let over_count = programme
        .envelope
        .iter()
        .filter(|c| c.over_allocated)
        .count();
    let totals = Figures::sum(programme.envelope.iter());
    view! {
        <PassportView
            passport=programme.passport.clone()
            within=totals.allocated
            outside=totals.outside
            measure_count=programme.measure_count
        />
        <EnvelopeTable cells=programme.envelope over_count=over_count/>
        <crate::components::export_links::ExportLinks
            table=shared::api::exports::ExportTable::Envelope
            filters=String::new()
        />
        <DirectionsTable directions=programme.directions/>
    }
}

#[component]
fn PassportView(
    passport: Passport,
    within: Decimal,
    outside: Decimal,
    measure_count: i64,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = passport.total;
    let term = format!("{}–{}", passport.start_year, passport.end_year);
    let share = move || format_share(within, total.decimal(), i18n.lang());
    view! {
        <section class="card passport" aria-labelledby="passport-title">
            <h2 id="passport-title">{t(K::Passport)}</h2>
            <dl class="passport-list" id="passport">
                <div class="passport-name">
                    <dt>{t(K::ProgrammeName)}</dt>
                    <dd id="passport-name">{tx(passport.name)}</dd>
                </div>
                <div>
                    <dt>{t(K::Region)}</dt>
                    <dd>
                        {tx(passport.region)}
                        " "<span class="code" title=t(K::RegionCode)>"("{passport.region_code.to_string()}")"</span>
                    </dd>
                </div>
                <div>
                    <dt>{t(K::Decision)}</dt>
                    <dd>{tx(passport.decision)}</dd>
                </div>
                <div>
                    <dt>{t(K::Developer)}</dt>
                    <dd>{tx(passport.developer)}</dd>
                </div>
                <div>
                    <dt>{t(K::Head)}</dt>
                    <dd>{tx(passport.head)}</dd>
                </div>
                <div>
                    <dt>{t(K::Term)}</dt>
                    <dd>{term}</dd>
                </div>
                <div>
                    <dt>{t(K::TotalFunding)}</dt>
                    <dd id="passport-total">
                        <strong><Money amount=total/></strong>" "{t(K::ThousandUah)}
                    </dd>
                </div>
                <div>
                    <dt>{t(K::AllocatedToMeasures)}</dt>
                    <dd id="passport-allocated">
                        <Figure value=within/>" "{t(K::ThousandUah)}" ("{share}")"
                    </dd>
                </div>
                {(!outside.is_zero()).then(|| view! {
                    <div>
                        <dt>{t(K::OutsideEnvelope)}</dt>
                        <dd id="passport-outside">
                            <Figure value=outside/>" "{t(K::ThousandUah)}
                        </dd>
                    </div>
                })}
                <div>
                    <dt>{t(K::MeasuresCount)}</dt>
                    <dd id="passport-measures">{move || format::int(measure_count, i18n.lang())}</dd>
                </div>
            </dl>
        </section>
    }
}

/// Envelope, allocated and remaining of one cell of the table, or of a total.
#[derive(Debug, Clone, Copy)]
struct Figures {
    /// False where the passport plans nothing from the source ("–"): nothing to exceed there.
    has_envelope: bool,
    envelope: Decimal,
    /// Allocated from this envelope (for a single cell without one: all its allocation).
    allocated: Decimal,
    /// In a total: allocations from sources the passport plans nothing from (local budgets).
    outside: Decimal,
    /// Over the cells that have an envelope only.
    remaining: Decimal,
    over: bool,
}

impl Figures {
    /// The server's figures for one cell.
    fn cell(c: &EnvelopeCell) -> Figures {
        Figures {
            has_envelope: c.has_envelope,
            envelope: c.envelope.decimal(),
            allocated: c.allocated.decimal(),
            outside: Decimal::ZERO,
            remaining: c.remaining,
            over: c.over_allocated,
        }
    }

    /// A total of cells, so that envelope − allocated = remaining holds in every total:
    /// allocations from sources without an envelope are counted apart, as `outside`.
    fn sum<'a>(cells: impl Iterator<Item = &'a EnvelopeCell>) -> Figures {
        let mut f = Figures {
            has_envelope: false,
            envelope: Decimal::ZERO,
            allocated: Decimal::ZERO,
            outside: Decimal::ZERO,
            remaining: Decimal::ZERO,
            over: false,
        };
        for c in cells {
            if c.has_envelope {
                f.has_envelope = true;
                f.envelope += c.envelope.decimal();
                f.allocated += c.allocated.decimal();
                f.remaining += c.remaining;
            } else {
                f.outside += c.allocated.decimal();
            }
        }
        f.over = f.remaining < Decimal::ZERO;
        f
    }
}

#[component]
fn EnvelopeCellView(figures: Figures, id: String, #[prop(optional)] total: bool) -> impl IntoView {
    let empty = !figures.has_envelope && figures.allocated.is_zero() && figures.outside.is_zero();
    let over = figures.over;
    let class = match (total, over) {
        (true, true) => "env-cell total over",
        (true, false) => "env-cell total",
        (false, true) => "env-cell over",
        (false, false) => "env-cell",
    };
    let dash = || view! { <span class="muted" title=t(K::NoEnvelope)>"—"</span> };
    let body = if empty {
        view! { <span class="dash" title=t(K::NoEnvelope)>"—"</span> }.into_any()
    } else {
        view! {
            <dl class="env-figures">
                <div class="env-envelope">
                    <dt>{t(K::Envelope)}</dt>
                    <dd>
                        {if figures.has_envelope {
                            view! { <Figure value=figures.envelope/> }.into_any()
                        } else {
                            dash().into_any()
                        }}
                    </dd>
                </div>
                <div class="env-allocated">
                    <dt>{t(K::Allocated)}</dt>
                    <dd><Figure value=figures.allocated/></dd>
                </div>
                {(!figures.outside.is_zero()).then(|| view! {
                    <div class="env-outside">
                        <dt>{t(K::OutsideShort)}</dt>
                        <dd><Figure value=figures.outside/></dd>
                    </div>
                })}
                <div class="env-remaining">
                    <dt>{t(K::Remaining)}</dt>
                    <dd>
                        {if figures.has_envelope {
                            view! { <Figure value=figures.remaining/> }.into_any()
                        } else {
                            dash().into_any()
                        }}
                    </dd>
                </div>
            </dl>
            {over.then(|| view! {
                <p class="over-flag">
                    <span aria-hidden="true">"⚠ "</span>{t(K::OverAllocated)}
                </p>
            })}
        }
        .into_any()
    };
    view! {
        <td class=class id=id data-over=over.to_string()>
            {body}
        </td>
    }
}

#[component]
fn EnvelopeTable(cells: Vec<EnvelopeCell>, over_count: usize) -> impl IntoView {
    let rows = Year::all()
        .map(|year| {
            let by_source = FundingSource::ALL
                .into_iter()
                .map(|source| {
                    let figures = cells
                        .iter()
                        .find(|c| c.year == year && c.source == source)
                        .map_or_else(|| Figures::sum(std::iter::empty()), Figures::cell);
                    let id = format!("env-{year}-{}", source.as_str());
                    view! { <EnvelopeCellView figures=figures id=id/> }
                })
                .collect_view();
            let row_total = Figures::sum(cells.iter().filter(|c| c.year == year));
            view! {
                <tr>
                    <th scope="row">{year.to_string()}</th>
                    {by_source}
                    <EnvelopeCellView figures=row_total id=format!("env-{year}-total") total=true/>
                </tr>
            }
        })
        .collect_view();
    let footer = FundingSource::ALL
        .into_iter()
        .map(|source| {
            let figures = Figures::sum(cells.iter().filter(|c| c.source == source));
            let id = format!("env-total-{}", source.as_str());
            view! { <EnvelopeCellView figures=figures id=id total=true/> }
        })
        .collect_view();
    let grand = Figures::sum(cells.iter());
    let grand = view! { <EnvelopeCellView figures=grand id="env-total".to_string() total=true/> };
    view! {
        <section class="card" aria-labelledby="envelope-title">
            <h2 id="envelope-title">{t(K::EnvelopeTitle)}</h2>
            <p class="hint">{t(K::EnvelopeHint)}</p>
            {(over_count > 0).then(|| view! {
                <p class="warning-text" id="envelope-over-summary">
                    <span aria-hidden="true">"⚠ "</span>
                    {t(K::OverAllocatedCells)}": "{over_count}
                </p>
            })}
            <div class="table-scroll">
                <table class="data-table envelope-table" id="envelope">
                    <YearSourceHead/>
                    <tbody>{rows}</tbody>
                    {totals_foot(footer, grand)}
                </table>
            </div>
        </section>
    }
}

#[component]
fn DirectionsTable(directions: Vec<DirectionSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let year_headers = Year::all()
        .map(|y| view! { <th scope="col" class="num">{y.to_string()}</th> })
        .collect_view();
    let rows = directions
        .into_iter()
        .map(|d| {
            let count = d.measure_count;
            let by_year = Year::all()
                .map(|y| view! { <td class="num"><Money amount=d.totals.year_total(y)/></td> })
                .collect_view();
            let tasks = d
                .tasks
                .into_iter()
                .map(|task| {
                    let task_count = task.measure_count;
                    let by_year = Year::all()
                        .map(|y| view! { <td class="num"><Money amount=task.totals.year_total(y)/></td> })
                        .collect_view();
                    view! {
                        <tr class="row-task" id=format!("task-{}", task.id)>
                            <td class="code">{task.code.to_string()}</td>
                            <th scope="row" class="indent-1">{tx(task.name)}</th>
                            <td class="num">{move || format::int(task_count, i18n.lang())}</td>
                            {by_year}
                            <td class="num total"><Money amount=task.totals.total()/></td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <tr class="row-direction" id=format!("direction-{}", d.id)>
                    <td class="code">{d.number}"."</td>
                    <th scope="row">{tx(d.name)}</th>
                    <td class="num">{move || format::int(count, i18n.lang())}</td>
                    {by_year}
                    <td class="num total"><Money amount=d.totals.total()/></td>
                </tr>
                {tasks}
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="directions-title">
            <h2 id="directions-title">{t(K::DirectionsTitle)}</h2>
            <div class="table-scroll">
                <table class="data-table directions-table" id="directions">
                    <caption class="visually-hidden">{t(K::DirectionsTitle)}", "{t(K::ThousandUah)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t(K::Number)}</th>
                            <th scope="col">{t(K::Direction)}" / "{t(K::Task)}</th>
                            <th scope="col" class="num">{t(K::Measures)}</th>
                            {year_headers}
                            <th scope="col" class="num">{t(K::Total)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
