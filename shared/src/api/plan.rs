//! The plan tree: direction → task → measure, filtered by territory, source, year and text.

use crate::codes::TaskCode;
use crate::grid::BudgetGrid;
use crate::ids::{DirectionId, OrgId, TaskId};
use crate::period::Year;
use crate::source::FundingSource;
use crate::text::Text;
use serde::{Deserialize, Serialize};

use super::measures::MeasureSummary;

/// Query of `GET /api/plan`. Every field is optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct PlanFilter {
    /// Measures of this district and of its communities.
    pub district: Option<OrgId>,
    /// Measures of this organisation only (a community or an executor).
    pub org: Option<OrgId>,
    /// Only budget lines of this source (and measures that have one).
    pub source: Option<FundingSource>,
    /// Only budget lines of this year (and measures running in it).
    pub year: Option<Year>,
    /// Text in the name, description or expected result (case-insensitive).
    pub q: Option<String>,
}

impl PlanFilter {
    /// The query string, for the app's URL and its API call.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(d) = self.district {
            parts.push(format!("district={d}"));
        }
        if let Some(o) = self.org {
            parts.push(format!("org={o}"));
        }
        if let Some(s) = self.source {
            parts.push(format!("source={}", s.as_str()));
        }
        if let Some(y) = self.year {
            parts.push(format!("year={y}"));
        }
        if let Some(q) = self.q.as_ref().filter(|q| !q.trim().is_empty()) {
            parts.push(format!("q={}", encode_component(q.trim())));
        }
        parts.join("&")
    }
}

/// Percent-encodes a query value (UTF-8 bytes outside the unreserved set).
pub fn encode_component(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// At most this many measures are listed in one plan tree; totals always cover all of them.
pub const PLAN_LIST_LIMIT: i64 = 1500;

/// `GET /api/plan`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanTree {
    pub directions: Vec<PlanDirection>,
    /// The totals of every matching approved measure, listed or not (drafts are listed, not summed).
    pub totals: BudgetGrid,
    /// How many measures match.
    pub measure_count: i64,
    /// How many of them are listed (at most [`PLAN_LIST_LIMIT`]); narrow the filter to see the rest.
    pub listed_count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanDirection {
    pub id: DirectionId,
    pub number: i32,
    pub name: Text,
    pub totals: BudgetGrid,
    pub tasks: Vec<PlanTask>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanTask {
    pub id: TaskId,
    pub code: TaskCode,
    pub name: Text,
    pub totals: BudgetGrid,
    pub measures: Vec<MeasureSummary>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_string() {
        let f = PlanFilter {
            district: Some(OrgId(3)),
            source: Some(FundingSource::Local),
            year: Year::new(2027).ok(),
            q: Some(" СЕДО & co ".into()),
            ..PlanFilter::default()
        };
        assert_eq!(
            f.to_query(),
            "district=3&source=local&year=2027&q=%D0%A1%D0%95%D0%94%D0%9E%20%26%20co"
        );
        assert_eq!(PlanFilter::default().to_query(), "");
    }
}
