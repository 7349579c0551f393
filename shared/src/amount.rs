//! Money in thousand UAH: exact, non-negative, at most three decimal places (one hryvnia).
//!
//! The database keeps whole hryvnias in a BIGINT, so sums in SQL stay exact on every backend;
//! [`Amount::to_uah`] and [`Amount::from_uah`] are the only bridge.

use crate::error::ErrorCode;
use crate::text::Lang;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// The largest amount a single budget line may hold: one billion thousand UAH.
pub const LINE_MAX_THOUSANDS: i64 = 1_000_000_000;
/// The largest figure at all (totals included): what whole hryvnias in an i64 can hold.
const MAX_THOUSANDS: i64 = 9_000_000_000_000_000;

/// A validated amount in thousand UAH.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Amount(Decimal);

impl Amount {
    pub const ZERO: Amount = Amount(Decimal::ZERO);

    /// Parses what a coordinator types: `789 460,0`, `789460.0`, `1 390`.
    /// Spaces (also no-break ones) group thousands; a comma or a dot is the decimal mark.
    pub fn parse(input: &str) -> Result<Amount, ErrorCode> {
        let cleaned: String = input
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
            .map(|c| if c == ',' { '.' } else { c })
            .collect();
        if cleaned.is_empty() {
            return Err(ErrorCode::AmountRequired);
        }
        if cleaned.starts_with('-') || cleaned.starts_with('\u{2212}') {
            return Err(ErrorCode::AmountNegative);
        }
        let (int_part, frac_part) = match cleaned.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (cleaned.as_str(), None),
        };
        let digits_ok = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if int_part.is_empty() || !digits_ok(int_part) {
            return Err(ErrorCode::AmountInvalid);
        }
        if let Some(frac) = frac_part {
            if frac.is_empty() || !digits_ok(frac) {
                return Err(ErrorCode::AmountInvalid);
            }
            if frac.len() > 3 {
                return Err(ErrorCode::AmountTooPrecise);
            }
        }
        if int_part.trim_start_matches('0').len() > 16 {
            return Err(ErrorCode::AmountTooLarge);
        }
        let value = Decimal::from_str(&cleaned).map_err(|_| ErrorCode::AmountInvalid)?;
        Amount::try_from_decimal(value)
    }

    /// Checks a decimal that arrived already typed (the JSON API).
    pub fn try_from_decimal(value: Decimal) -> Result<Amount, ErrorCode> {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(ErrorCode::AmountNegative);
        }
        if value.normalize().scale() > 3 {
            return Err(ErrorCode::AmountTooPrecise);
        }
        if value > Decimal::from(MAX_THOUSANDS) {
            return Err(ErrorCode::AmountTooLarge);
        }
        Ok(Amount(value.abs()))
    }

    /// Whole hryvnias, as stored in the database.
    pub fn to_uah(self) -> i64 {
        // Cannot fail: at most 9·10^15 thousands with 3 decimals fits in an i64 of hryvnias.
        let scaled = (self.0 * Decimal::from(1000)).trunc();
        i64::try_from(scaled).unwrap_or(i64::MAX)
    }

    /// From whole hryvnias. Negative values only arise from bugs; they are clamped to zero.
    pub fn from_uah(uah: i64) -> Amount {
        Amount(Decimal::new(uah.max(0), 3).normalize())
    }

    /// The rule for one budget line (a total may be larger).
    pub fn check_line(self) -> Result<Amount, ErrorCode> {
        if self.0 > Decimal::from(LINE_MAX_THOUSANDS) {
            Err(ErrorCode::AmountTooLarge)
        } else {
            Ok(self)
        }
    }

    /// Parses one budget line's amount: [`Amount::parse`] and [`Amount::check_line`].
    pub fn parse_line(input: &str) -> Result<Amount, ErrorCode> {
        Amount::parse(input).and_then(Amount::check_line)
    }

    pub fn decimal(self) -> Decimal {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// The sum of amounts; saturates rather than overflowing.
    pub fn sum<I: IntoIterator<Item = Amount>>(items: I) -> Amount {
        Amount(items.into_iter().fold(Decimal::ZERO, |acc, a| acc + a.0))
    }

    /// Ukrainian official style: `789 460,0` (no-break space, decimal comma, one to three decimals).
    pub fn format(self, lang: Lang) -> String {
        format_thousands(self.0, lang)
    }

    /// The form a user would type back: `789460,0` in Ukrainian, `789460.0` in English.
    pub fn to_input(self, lang: Lang) -> String {
        let s = plain(self.0);
        match lang {
            Lang::Uk => s.replace('.', ","),
            Lang::En => s,
        }
    }
}

impl std::ops::Add for Amount {
    type Output = Amount;
    fn add(self, rhs: Amount) -> Amount {
        Amount(self.0 + rhs.0)
    }
}

impl std::iter::Sum for Amount {
    fn sum<I: Iterator<Item = Amount>>(iter: I) -> Amount {
        Amount::sum(iter)
    }
}

/// Formats any exact figure (also a negative remainder) in the style of the official tables.
pub fn format_thousands(value: Decimal, lang: Lang) -> String {
    grouped(&plain(value), lang)
}

/// Formats a figure with only the decimals it has (`2 764`, `57,5`), grouped as in the tables.
pub fn format_number(value: Decimal, lang: Lang) -> String {
    grouped(&value.normalize().to_string(), lang)
}

/// A percentage already computed (`26,7 %`; `26.7%` in English).
pub fn format_percent_value(value: Decimal, lang: Lang) -> String {
    match lang {
        Lang::Uk => format!("{}\u{a0}%", format_number(value, lang)),
        Lang::En => format!("{}%", format_number(value, lang)),
    }
}

/// Groups the thousands of a plain decimal string and sets the language's decimal mark.
fn grouped(s: &str, lang: Lang) -> String {
    let (sign, s) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s),
    };
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let (group, mark) = match lang {
        Lang::Uk => ('\u{a0}', ','),
        Lang::En => (',', '.'),
    };
    let mut grouped = String::new();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    match frac_part {
        Some(f) => format!("{sign}{grouped}{mark}{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A percentage with one decimal, e.g. `21,5 %`, or `—` when the base is zero.
pub fn format_percent(numerator: Decimal, denominator: Decimal, lang: Lang) -> String {
    if denominator.is_zero() {
        return "—".to_string();
    }
    let pct = (numerator * Decimal::from(100) / denominator).round_dp(1);
    let s = format!("{pct:.1}");
    match lang {
        Lang::Uk => format!("{}\u{a0}%", s.replace('.', ",")),
        Lang::En => format!("{s}%"),
    }
}

/// Digits with a dot, at least one and at most three decimals, no exponent.
fn plain(value: Decimal) -> String {
    let mut v = value.normalize();
    if v.scale() < 1 {
        v.rescale(1);
    }
    v.to_string()
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&plain(self.0))
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&plain(self.0))
    }
}

impl<'de> Deserialize<'de> for Amount {
    /// Accepts a JSON string (`"1234.5"`, also `"1 234,5"`) or a JSON number written exactly.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Amount, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Number(serde_json::Number),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Text(s) => s,
            Raw::Number(n) => n.to_string(),
        };
        Amount::parse(&text).map_err(|code| serde::de::Error::custom(code.as_str()))
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Amount {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some(
                "Thousand UAH, exact decimal string, >= 0, at most 3 decimal places (requests \
                 may also group thousands with spaces and use a decimal comma)",
            ))
            .pattern(Some(r"^[0-9]{1,16}(\.[0-9]{1,3})?$"))
            .examples([serde_json::json!("789460.0")])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Amount {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_percentages_read_in_each_language() {
        let d = |s: &str| s.parse::<Decimal>().expect("d");
        assert_eq!(format_number(d("2764"), Lang::Uk), "2\u{a0}764");
        assert_eq!(format_number(d("2764"), Lang::En), "2,764");
        assert_eq!(format_number(d("57.50"), Lang::Uk), "57,5");
        assert_eq!(format_number(d("-1234.5"), Lang::En), "-1,234.5");
        assert_eq!(format_percent_value(d("26.7"), Lang::Uk), "26,7\u{a0}%");
        assert_eq!(format_percent_value(d("26.7"), Lang::En), "26.7%");
        assert_eq!(format_thousands(d("1250.5"), Lang::Uk), "1\u{a0}250,5");
        assert_eq!(format_thousands(d("3"), Lang::En), "3.0");
    }

    fn a(s: &str) -> Amount {
        Amount::parse(s).expect(s)
    }

    #[test]
    fn parses_the_ways_people_type_amounts() {
        assert_eq!(a("789 460,0").to_uah(), 789_460_000);
        assert_eq!(a("789\u{a0}460.0").to_uah(), 789_460_000);
        assert_eq!(a("0,001").to_uah(), 1);
        assert_eq!(a(" 12 ").to_uah(), 12_000);
        assert_eq!(a("0").to_uah(), 0);
        assert_eq!(a("007,5").to_uah(), 7_500);
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        assert_eq!(Amount::parse(""), Err(ErrorCode::AmountRequired));
        assert_eq!(Amount::parse("  "), Err(ErrorCode::AmountRequired));
        assert_eq!(Amount::parse("-5"), Err(ErrorCode::AmountNegative));
        assert_eq!(Amount::parse("1,2345"), Err(ErrorCode::AmountTooPrecise));
        assert_eq!(Amount::parse("abc"), Err(ErrorCode::AmountInvalid));
        assert_eq!(Amount::parse("1,2,3"), Err(ErrorCode::AmountInvalid));
        assert_eq!(Amount::parse("1e5"), Err(ErrorCode::AmountInvalid));
        assert_eq!(Amount::parse("12,"), Err(ErrorCode::AmountInvalid));
        assert_eq!(Amount::parse(",5"), Err(ErrorCode::AmountInvalid));
        assert_eq!(
            Amount::parse("99999999999999999"),
            Err(ErrorCode::AmountTooLarge)
        );
        assert_eq!(
            Amount::parse("9000000000000000,001"),
            Err(ErrorCode::AmountTooLarge)
        );
        assert!(Amount::parse_line("1000000000").is_ok());
        assert_eq!(
            Amount::parse_line("1000000000,001"),
            Err(ErrorCode::AmountTooLarge)
        );
        assert!(
            Amount::parse("1000000000,001").is_ok(),
            "a total may be larger"
        );
    }

    #[test]
    fn formats_like_the_official_tables() {
        assert_eq!(a("789460").format(Lang::Uk), "789\u{a0}460,0");
        assert_eq!(a("789460").format(Lang::En), "789,460.0");
        assert_eq!(a("69.7").format(Lang::Uk), "69,7");
        assert_eq!(a("1234567.125").format(Lang::Uk), "1\u{a0}234\u{a0}567,125");
        assert_eq!(a("100.50").format(Lang::Uk), "100,5");
        assert_eq!(Amount::ZERO.format(Lang::Uk), "0,0");
        assert_eq!(
            format_thousands(Decimal::new(-12345, 1), Lang::Uk),
            "-1\u{a0}234,5"
        );
    }

    #[test]
    fn round_trips_through_hryvnias_and_json() {
        for s in ["0", "0.001", "69.7", "789460", "999999999.999"] {
            let x = a(s);
            assert_eq!(Amount::from_uah(x.to_uah()), x);
            let json = serde_json::to_string(&x).expect("serialize");
            let back: Amount = serde_json::from_str(&json).expect("deserialize");
            assert_eq!(back, x);
        }
        let from_number: Amount = serde_json::from_str("12.5").expect("number");
        assert_eq!(from_number, a("12,5"));
        let err = serde_json::from_str::<Amount>("\"1.2345\"").expect_err("too precise");
        assert!(err.to_string().contains("amount_too_precise"));
    }

    #[test]
    fn input_form_round_trips() {
        let x = a("1234,5");
        assert_eq!(x.to_input(Lang::Uk), "1234,5");
        assert_eq!(Amount::parse(&x.to_input(Lang::En)), Ok(x));
    }

    #[test]
    fn percentages() {
        let approved = Decimal::new(1196405, 1);
        let planned = Decimal::new(5572000, 1);
        assert_eq!(format_percent(approved, planned, Lang::Uk), "21,5\u{a0}%");
        assert_eq!(format_percent(approved, Decimal::ZERO, Lang::Uk), "—");
    }
}
