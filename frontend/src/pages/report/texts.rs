//! A measure's free texts in a report: what was done (in an annual report, the results achieved) and, in an annual report, the reasons for non-execution.

use super::form::Target;
use super::measures::{beside, error_span, field_error, server_measure};
use super::PageState;
use crate::i18n::{t, K};
use leptos::prelude::*;
use shared::api::reports::{ReportMeasure, NARRATIVE_MAX};
use shared::MeasureId;

/// Which of a measure's texts a field edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Narrative,
    Reasons,
}

impl Which {
    fn target(self, id: MeasureId) -> Target {
        match self {
            Which::Narrative => Target::Narrative(id),
            Which::Reasons => Target::Reasons(id),
        }
    }

    /// The label: the statutory annual report's names, or the quarter's "what was done".
    fn label(self, annual: bool) -> K {
        match (self, annual) {
            (Which::Narrative, false) => K::NarrativeLabel,
            (Which::Narrative, true) => K::ResultsAchievedLabel,
            (Which::Reasons, _) => K::ReasonsLabel,
        }
    }

    fn of(self, m: &ReportMeasure) -> &str {
        match self {
            Which::Narrative => &m.narrative,
            Which::Reasons => &m.reasons,
        }
    }
}

/// One text of a measure as a labelled textarea, with its error and, after a version conflict,
/// the server's text beside it.
pub fn text_field(
    page: PageState,
    id: MeasureId,
    which: Which,
    annual: bool,
    value: RwSignal<String>,
) -> impl IntoView {
    let target = which.target(id);
    let error = field_error(page, target, || None);
    let dom_id = target.dom_id();
    let described = {
        let dom_id = dom_id.clone();
        move || {
            error
                .with(Option::is_some)
                .then(|| format!("{dom_id}-error"))
        }
    };
    let server = move |r: &shared::api::reports::Report| {
        server_measure(r, id)
            .map(|m| which.of(m).trim().to_string())
            .filter(|n| !n.is_empty())
    };
    let now = move || Some(value.get().trim().to_string()).filter(|n| !n.is_empty());
    view! {
        <div class="field">
            <label for=dom_id.clone()>{t(which.label(annual))}</label>
            <textarea
                id=dom_id
                class="has-print-value"
                rows="2"
                maxlength=NARRATIVE_MAX
                disabled=move || !page.can_edit()
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    page.touched(target);
                }
            ></textarea>
            // On paper a textarea shows only what fits its box: the whole text is printed here.
            <div class="print-value" aria-hidden="true">{move || value.get()}</div>
            {error_span(target, error)}
            {beside(page, server, now)}
        </div>
    }
}
