//! The plan tree the user may see, filtered; and reading a query string by hand, so each bad
//! parameter gets its own code and field.

use super::extract::CurrentUser;
use super::{call, json, State};
use crate::app::error::{AppError, AppResult};
use crate::app::plan;
use actix_web::{HttpRequest, HttpResponse};
use shared::api::endpoints as ep;
use shared::api::plan::{PlanFilter, PlanTree};
use shared::{ErrorCode, FundingSource, OrgId, Year};

#[utoipa::path(get, path = ep::PLAN.path, tag = "plan", params(PlanFilter),
    responses((status = 200, body = PlanTree), (status = 401, body = shared::ApiErrorBody),
              (status = 422, body = shared::ApiErrorBody)))]
pub async fn tree(req: HttpRequest, state: State, user: CurrentUser) -> AppResult<HttpResponse> {
    let filter = parse_filter(req.query_string())?;
    Ok(json(
        call(&state, move |app| plan::tree(app, user.actor(), &filter)).await?,
    ))
}

/// Reads the query by hand so each bad parameter gets its own code and field.
pub fn parse_filter(query: &str) -> Result<PlanFilter, AppError> {
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
