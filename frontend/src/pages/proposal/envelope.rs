//! `#envelope-confirm`: a decision that takes cells of the programme's funding envelope beyond
//! their amount — warned of before sending (from the proposal's effect, when every pending line is
//! approved), listed exactly once the server refuses it (`envelope_exceeded`), and confirmed with
//! a reason that goes on the record with the new plan version.

use super::decide::{error_text, DecideForm, Target};
use crate::components::amount::{Figure, Money};
use crate::components::data_table::DataTable;
use crate::i18n::{t, use_i18n, K};
use leptos::prelude::*;
use shared::api::proposals::REASON_MAX;
use shared::grid::EnvelopeCell;

/// The reason's field.
pub const REASON_ID: &str = "over-envelope-reason";

fn cell_row(c: EnvelopeCell) -> impl IntoView {
    let i18n = use_i18n();
    let source = c.source.label();
    let over_by = -c.remaining;
    // Each cell names its column: on a phone the rows stand as cards without the header.
    let label = move |key: K| move || i18n.t(key);
    view! {
        <tr class="breach" data-year=c.year.to_string() data-source=c.source.as_str()>
            <th scope="row">{c.year.to_string()}" · "{move || i18n.text(&source)}</th>
            <td class="num" data-label=label(K::Envelope)><Money amount=c.envelope/></td>
            <td class="num" data-label=label(K::AllocatedAfter)><Money amount=c.allocated/></td>
            <td class="num breach-over" data-label=label(K::OverBy)><Figure value=over_by/></td>
        </tr>
    }
}

fn cells_table(id: &'static str, cells: Vec<EnvelopeCell>) -> impl IntoView {
    let rows = cells.into_iter().map(cell_row).collect_view();
    view! {
        <DataTable
            id=id
            class="breach-table"
            caption=K::BreachCaption
            columns=vec![
                (K::YearSource, false),
                (K::Envelope, true),
                (K::AllocatedAfter, true),
                (K::OverBy, true),
            ]
        >
            {rows}
        </DataTable>
    }
}

#[component]
pub fn EnvelopeConfirm(form: DecideForm, preview: Vec<EnvelopeCell>) -> impl IntoView {
    let preview = StoredValue::new(preview);
    // The server's exact answer wins over the preview; the preview counts once a line is approved.
    let shown = move || {
        let refused = form.breaches.get();
        if !refused.is_empty() {
            return Some((true, refused));
        }
        let preview = preview.get_value();
        (!preview.is_empty() && form.approving()).then_some((false, preview))
    };
    let has_error = move || form.error(Target::OverEnvelope).is_some();
    move || {
        shown().map(|(refused, cells)| {
            let (class, lead) = if refused {
                ("notice notice-error envelope-confirm", K::BreachRefused)
            } else {
                ("notice notice-warn envelope-confirm", K::BreachPreview)
            };
            let table_id = if refused { "breach-cells" } else { "breach-preview" };
            view! {
                <section class=class id="envelope-confirm" data-refused=refused.to_string() aria-labelledby="envelope-confirm-title">
                    <div>
                        <h3 id="envelope-confirm-title">
                            <span aria-hidden="true">"⚠ "</span>{t(K::BreachTitle)}
                        </h3>
                        <p>{t(lead)}</p>
                        {cells_table(table_id, cells)}
                        <div class="field">
                            <label for=REASON_ID>
                                {t(K::BreachReason)}" "<span class="required">"("{t(K::Required)}")"</span>
                            </label>
                            <textarea
                                id=REASON_ID
                                rows="2"
                                maxlength=REASON_MAX
                                aria-required="true"
                                aria-invalid=move || has_error().then_some("true")
                                aria-describedby=move || {
                                    if has_error() { "over-envelope-hint over-envelope-reason-error" } else { "over-envelope-hint" }
                                }
                                prop:value=move || form.over_reason.get()
                                on:input=move |ev| {
                                    form.over_reason.set(event_target_value(&ev));
                                    form.forget(Target::OverEnvelope);
                                }
                            ></textarea>
                            <p class="hint" id="over-envelope-hint">{t(K::BreachReasonHint)}</p>
                            {error_text(form, Target::OverEnvelope, format!("{REASON_ID}-error"))}
                        </div>
                    </div>
                </section>
            }
        })
    }
}
