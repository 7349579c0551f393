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
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
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
    /// Which page of the matching measures to list, from 1 (default 1).
    #[cfg_attr(feature = "openapi", param(minimum = 1))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub page: Option<u32>,
    /// Measures on a page: 1 to [`PLAN_PAGE_MAX`] (default [`PLAN_PAGE_SIZE`]).
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 500))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 500))]
    pub per_page: Option<u32>,
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
        if let Some(p) = self.page.filter(|&p| p > 1) {
            parts.push(format!("page={p}"));
        }
        if let Some(n) = self.per_page {
            parts.push(format!("per_page={n}"));
        }
        parts.join("&")
    }

    /// The page asked for (from 1) and its size, checked: `Err` names the parameter.
    pub fn paging(&self) -> Result<(u32, u32), &'static str> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(PLAN_PAGE_SIZE);
        if page == 0 {
            return Err("page");
        }
        if !(1..=PLAN_PAGE_MAX).contains(&per_page) {
            return Err("per_page");
        }
        Ok((page, per_page))
    }

    /// The same filter on another page.
    pub fn on_page(&self, page: u32) -> PlanFilter {
        PlanFilter {
            page: (page > 1).then_some(page),
            ..self.clone()
        }
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

/// Measures on a page of the plan unless the query says otherwise; totals always cover every
/// matching measure.
pub const PLAN_PAGE_SIZE: u32 = 100;
/// The most measures one page may list.
pub const PLAN_PAGE_MAX: u32 = 500;

/// `GET /api/plan`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanTree {
    pub directions: Vec<PlanDirection>,
    /// The totals of every matching approved measure, listed or not (drafts are listed, not summed).
    pub totals: BudgetGrid,
    /// How many measures match.
    pub measure_count: i64,
    /// How many of them this page lists (in the tree's order: direction, task, measure).
    pub listed_count: i64,
    /// This page (from 1) and its size; the measures listed are those from
    /// `(page - 1) * per_page + 1` on.
    pub page: u32,
    pub per_page: u32,
}

impl PlanTree {
    /// How many pages the matching measures take (at least 1).
    pub fn pages(&self) -> u32 {
        let per = i64::from(self.per_page.max(1));
        u32::try_from(((self.measure_count + per - 1) / per).max(1)).unwrap_or(u32::MAX)
    }

    /// The position (from 1) of the first measure listed, 0 when none is.
    pub fn first_listed(&self) -> i64 {
        if self.listed_count == 0 {
            0
        } else {
            i64::from(self.page - 1) * i64::from(self.per_page) + 1
        }
    }
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
        assert_eq!(f.on_page(3).to_query(), format!("{}&page=3", f.to_query()));
        assert_eq!(f.on_page(3).on_page(1), f);
        assert_eq!(PlanFilter::default().paging(), Ok((1, PLAN_PAGE_SIZE)));
        let bad = |page, per_page| {
            PlanFilter {
                page,
                per_page,
                ..PlanFilter::default()
            }
            .paging()
        };
        assert_eq!(bad(Some(0), None), Err("page"));
        assert_eq!(bad(None, Some(0)), Err("per_page"));
        assert_eq!(bad(None, Some(501)), Err("per_page"));
        assert_eq!(bad(Some(7), Some(500)), Ok((7, 500)));
    }
}
