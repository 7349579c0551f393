//! An indicator's status as a badge: a shape, the words and a colour, so colour is never the only cue.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use shared::indicators::IndicatorStatus;

/// The JSON name (`on_track`), for classes and `data-status`.
pub fn status_key(status: IndicatorStatus) -> &'static str {
    match status {
        IndicatorStatus::OnTrack => "on_track",
        IndicatorStatus::AtRisk => "at_risk",
        IndicatorStatus::OffTrack => "off_track",
        IndicatorStatus::NoData => "no_data",
        IndicatorStatus::NoTarget => "no_target",
    }
}

/// A shape per status that reads without colour: a tick, a warning triangle, a cross, a question
/// mark, a dash.
pub fn status_icon(status: IndicatorStatus) -> &'static str {
    match status {
        IndicatorStatus::OnTrack => "✓",
        IndicatorStatus::AtRisk => "▲",
        IndicatorStatus::OffTrack => "✕",
        IndicatorStatus::NoData => "?",
        IndicatorStatus::NoTarget => "–",
    }
}

#[component]
pub fn IndicatorStatusBadge(status: IndicatorStatus) -> impl IntoView {
    let i18n = use_i18n();
    let key = status_key(status);
    let label = status.label();
    view! {
        <span class=format!("ind-status ind-status-{key}") data-status=key>
            <span class="ind-status-icon" aria-hidden="true">{status_icon(status)}</span>
            {move || i18n.text(&label)}
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_match_the_json_names_and_icons_differ() {
        for s in IndicatorStatus::ALL {
            let json = serde_json::to_value(s).expect("json");
            assert_eq!(json.as_str(), Some(status_key(s)));
        }
        let mut icons: Vec<&str> = IndicatorStatus::ALL
            .iter()
            .map(|s| status_icon(*s))
            .collect();
        icons.sort_unstable();
        icons.dedup();
        assert_eq!(icons.len(), IndicatorStatus::ALL.len());
    }
}
