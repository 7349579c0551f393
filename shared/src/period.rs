//! Years of the programme term and reporting quarters.

use crate::error::ErrorCode;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::ops::RangeInclusive;

/// The programme's term: one stage, 2026–2028.
pub const PROGRAMME_YEARS: RangeInclusive<i32> = 2026..=2028;

/// A year within the programme term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Year(i32);

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Year {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::Integer)
            .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                utoipa::openapi::KnownFormat::Int32,
            )))
            .minimum(Some(*PROGRAMME_YEARS.start()))
            .maximum(Some(*PROGRAMME_YEARS.end()))
            .description(Some("A year within the programme term."))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Year {}

impl Year {
    /// The programme's first year.
    pub const FIRST: Year = Year(*PROGRAMME_YEARS.start());
    /// The programme's last year.
    pub const LAST: Year = Year(*PROGRAMME_YEARS.end());

    pub fn new(year: i32) -> Result<Year, ErrorCode> {
        if PROGRAMME_YEARS.contains(&year) {
            Ok(Year(year))
        } else {
            Err(ErrorCode::YearInvalid)
        }
    }

    pub fn parse(input: &str) -> Result<Year, ErrorCode> {
        input
            .trim()
            .parse::<i32>()
            .map_err(|_| ErrorCode::YearInvalid)
            .and_then(Year::new)
    }

    pub fn get(self) -> i32 {
        self.0
    }

    /// All years of the programme, in order.
    pub fn all() -> impl Iterator<Item = Year> {
        PROGRAMME_YEARS.map(Year)
    }
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Year, D::Error> {
        let raw = i32::deserialize(d)?;
        Year::new(raw).map_err(|code| serde::de::Error::custom(code.as_str()))
    }
}

/// A reporting quarter: a programme year and its quarter 1–4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quarter {
    pub year: Year,
    #[serde(deserialize_with = "quarter_number")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 4))]
    pub quarter: u8,
}

fn quarter_number<'de, D: Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    let q = u8::deserialize(d)?;
    if (1..=4).contains(&q) {
        Ok(q)
    } else {
        Err(serde::de::Error::custom(ErrorCode::QuarterInvalid.as_str()))
    }
}

impl Quarter {
    pub fn new(year: Year, quarter: u8) -> Result<Quarter, ErrorCode> {
        if (1..=4).contains(&quarter) {
            Ok(Quarter { year, quarter })
        } else {
            Err(ErrorCode::QuarterInvalid)
        }
    }

    /// Parses `2026-Q3` (also `2026 Q3`, `2026q3`).
    pub fn parse(input: &str) -> Result<Quarter, ErrorCode> {
        let s = input.trim().to_ascii_uppercase();
        let (y, q) = s.split_once('Q').ok_or(ErrorCode::QuarterInvalid)?;
        let year = Year::parse(y.trim_end_matches(['-', ' ']))?;
        let quarter = q
            .trim()
            .parse::<u8>()
            .map_err(|_| ErrorCode::QuarterInvalid)?;
        Quarter::new(year, quarter)
    }

    /// The month (1–12) in which the quarter ends.
    pub fn last_month(self) -> u32 {
        u32::from(self.quarter) * 3
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.quarter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_bounded_by_the_term() {
        assert!(Year::new(2025).is_err());
        assert!(Year::new(2029).is_err());
        assert_eq!(Year::parse(" 2027 ").map(Year::get), Ok(2027));
        assert_eq!(Year::parse("двадцять"), Err(ErrorCode::YearInvalid));
        assert_eq!(Year::all().count(), 3);
        assert!(serde_json::from_str::<Year>("2030").is_err());
        assert_eq!(
            serde_json::from_str::<Year>("2028").map(Year::get).ok(),
            Some(2028)
        );
    }

    #[test]
    fn quarters_parse_and_order() {
        let q = Quarter::parse("2026-Q3").expect("valid");
        assert_eq!(q.to_string(), "2026-Q3");
        assert_eq!(q.last_month(), 9);
        assert_eq!(Quarter::parse("2026q4").map(|q| q.quarter), Ok(4));
        assert_eq!(Quarter::parse("2026-Q5"), Err(ErrorCode::QuarterInvalid));
        assert_eq!(Quarter::parse("2025-Q1"), Err(ErrorCode::YearInvalid));
        assert!(Quarter::parse("2026-Q4").expect("q4") < Quarter::parse("2027-Q1").expect("q1"));
        assert!(serde_json::from_str::<Quarter>(r#"{"year":2026,"quarter":0}"#).is_err());
    }
}
