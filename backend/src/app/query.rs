//! Reading a page's query string by hand, so each bad parameter gets its own code and field (`year` → `year_invalid`), which serde's query extractor reports only as one unreadable query: the plan's, the proposals' and the record's filters, for their pages and their exports.

use crate::app::error::{AppError, AppResult};
use shared::api::audit::{AuditAction, AuditFilter};
use shared::api::plan::PlanFilter;
use shared::api::proposals::{ProposalFilter, ProposalState};
use shared::{ErrorCode, FundingSource, MeasureId, OrgId, UserId, Year};

/// The proposals list's filters (`state`, `org`, `waiting_for_me`), for its export.
pub fn proposal_filter(query: &str) -> AppResult<ProposalFilter> {
    let mut filter = ProposalFilter::default();
    for (key, value) in url_pairs(query) {
        let bad = || AppError::field(ErrorCode::BadRequest, key.clone());
        match key.as_str() {
            "state" => filter.state = Some(ProposalState::parse(&value).ok_or_else(bad)?),
            "org" => filter.org = Some(value.parse::<i32>().map(OrgId).map_err(|_| bad())?),
            "waiting_for_me" => {
                filter.waiting_for_me = Some(value.parse::<bool>().map_err(|_| bad())?)
            }
            _ => {}
        }
    }
    Ok(filter)
}

/// Reads the query by hand so each bad parameter gets its own code and field.
pub fn parse_filter(query: &str) -> AppResult<PlanFilter> {
    let mut filter = PlanFilter::default();
    for (key, value) in url_pairs(query) {
        let bad = |code: ErrorCode| AppError::field(code, key.clone());
        match key.as_str() {
            "district" | "org" => {
                let id = value
                    .parse::<i32>()
                    .map(OrgId)
                    .map_err(|_| bad(ErrorCode::OrgUnknown))?;
                if key == "district" {
                    filter.district = Some(id);
                } else {
                    filter.org = Some(id);
                }
            }
            "source" => {
                filter.source = Some(
                    FundingSource::parse(&value).ok_or_else(|| bad(ErrorCode::SourceInvalid))?,
                )
            }
            "year" => filter.year = Some(Year::parse(&value).map_err(bad)?),
            "q" => filter.q = Some(value),
            "page" | "per_page" => {
                let n = value
                    .parse::<u32>()
                    .map_err(|_| bad(ErrorCode::PageInvalid))?;
                if key == "page" {
                    filter.page = Some(n);
                } else {
                    filter.per_page = Some(n);
                }
            }
            _ => {}
        }
    }
    Ok(filter)
}

/// `a=1&b=x%20y` into decoded pairs; empty values are skipped.
pub fn url_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            let v = percent_decode(v);
            (!v.is_empty()).then(|| (percent_decode(k), v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let hex = |b: u8| char::from(b).to_digit(16);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes.get(i..i + 3) {
            Some([b'%', hi, lo]) => hex(*hi).zip(hex(*lo)),
            _ => None,
        };
        match (escaped, bytes[i]) {
            (Some((hi, lo)), _) => {
                out.push(u8::try_from(hi * 16 + lo).unwrap_or(b'?'));
                i += 3;
            }
            (None, b'+') => {
                out.push(b' ');
                i += 1;
            }
            (None, b) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The record's filter, read the same way.
pub fn audit_filter(query: &str) -> AppResult<AuditFilter> {
    let mut f = AuditFilter::default();
    for (key, value) in url_pairs(query) {
        let bad = || AppError::field(ErrorCode::BadRequest, key.clone());
        let int = || value.parse::<i64>().map_err(|_| bad());
        match key.as_str() {
            "measure" => f.measure = Some(MeasureId(i32::try_from(int()?).map_err(|_| bad())?)),
            "org" => f.org = Some(OrgId(i32::try_from(int()?).map_err(|_| bad())?)),
            "user" => f.user = Some(UserId(i32::try_from(int()?).map_err(|_| bad())?)),
            "action" => f.action = Some(AuditAction::parse(&value).ok_or_else(bad)?),
            "before_seq" => f.before_seq = Some(int()?),
            "limit" => f.limit = Some(u32::try_from(int()?).map_err(|_| bad())?),
            _ => {}
        }
    }
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_filters_and_names_bad_ones() {
        let f = parse_filter("district=3&source=local&year=2027&q=%D0%A1%D0%95%D0%94%D0%9E+x&org=")
            .expect("valid");
        assert_eq!(f.district, Some(OrgId(3)));
        assert_eq!(f.source, Some(FundingSource::Local));
        assert_eq!(f.q.as_deref(), Some("СЕДО x"));
        assert_eq!(f.org, None);
        let e = parse_filter("year=2031").expect_err("year");
        assert_eq!(e.body.field.as_deref(), Some("year"));
        assert_eq!(e.code(), ErrorCode::YearInvalid);
        assert_eq!(
            parse_filter("source=gold").expect_err("src").code(),
            ErrorCode::SourceInvalid
        );
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%4"), "%4");
        assert_eq!(percent_decode("%Д%41"), "%ДA");
    }
}
