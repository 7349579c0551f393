//! Money in thousand UAH: exact, non-negative, at most three decimal places (one hryvnia).
//!
//! The database keeps whole hryvnias in a BIGINT, so sums in SQL stay exact on every backend;
//! [`Amount::to_uah`] and [`Amount::from_uah`] are the only bridge.

use crate::error::ErrorCode;
use crate::text::Lang;
use rust_decimal::{Decimal, RoundingStrategy};
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

    /// The exact figure in Ukrainian official style: `789 460,0`, `43,912` (no-break space,
    /// decimal comma, one to three decimals). For sentences and for the tooltip of a table cell;
    /// a table cell itself is [`Amount::format_table`].
    pub fn format(self, lang: Lang) -> String {
        format_thousands(self.0, lang)
    }

    /// A table cell: exactly one decimal, half away from zero (`789 460,0`; `43,9` for 43,912).
    pub fn format_table(self, lang: Lang) -> String {
        format_table(self.0, lang)
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

/// A figure of a table cell (also a negative remainder): exactly one decimal, rounded half away
/// from zero (`789 460,0`, `-1 234,6` for −1 234,55).
pub fn format_table(value: Decimal, lang: Lang) -> String {
    grouped(&format!("{:.1}", round_one(value)), lang)
}

/// The exact figure for a table cell's `title`, when [`format_table`] shows it rounded
/// (`Some("43,912")` for 43,912; `None` for 43,9).
pub fn exact_if_rounded(value: Decimal, lang: Lang) -> Option<String> {
    (round_one(value) != value).then(|| format_thousands(value, lang))
}

/// Formats a figure with only the decimals it has (`2 764`, `57,5`), grouped as in the tables.
pub fn format_number(value: Decimal, lang: Lang) -> String {
    grouped(&value.normalize().to_string(), lang)
}

/// One decimal, half away from zero (12,25 → 12,3; −12,25 → −12,3; never "−0,0").
fn round_one(value: Decimal) -> Decimal {
    let mut r = value.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    if r.is_zero() {
        r.set_sign_positive(true);
    }
    r
}

/// The one rounding of every percentage the programme shows or computes: one decimal, half away
/// from zero.
pub fn round_percent(value: Decimal) -> Decimal {
    round_one(value)
}

/// `part ÷ base × 100`, rounded by [`round_percent`]; `None` with a zero base (shown as "—").
pub fn percent_of(part: Decimal, base: Decimal) -> Option<Decimal> {
    if base.is_zero() {
        return None;
    }
    let pct = part.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(base)?;
    Some(round_percent(pct))
}

/// Every percentage on screen and on paper: always one decimal, `19,0 %` in Ukrainian and
/// `19.0%` in English, rounded by [`round_percent`]; "—" when there is none (a zero base).
pub fn format_percent(value: Option<Decimal>, lang: Lang) -> String {
    let Some(value) = value else {
        return "—".to_string();
    };
    let s = grouped(&percent_plain(value), lang);
    match lang {
        Lang::Uk => format!("{s}\u{a0}%"),
        Lang::En => format!("{s}%"),
    }
}

/// `part` as a percentage of `base` (`21,5 %`), or "—" when the base is zero.
pub fn format_share(part: Decimal, base: Decimal, lang: Lang) -> String {
    format_percent(percent_of(part, base), lang)
}

/// A percentage in open data (CSV): `19.0`, one decimal, rounded by [`round_percent`].
pub fn percent_plain(value: Decimal) -> String {
    format!("{:.1}", round_percent(value))
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
        assert_eq!(format_percent(Some(d("26.7")), Lang::Uk), "26,7\u{a0}%");
        assert_eq!(format_percent(Some(d("26.7")), Lang::En), "26.7%");
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
        assert_eq!(format_share(approved, planned, Lang::Uk), "21,5\u{a0}%");
        assert_eq!(format_share(approved, Decimal::ZERO, Lang::Uk), "—");
        assert_eq!(format_percent(None, Lang::En), "—");
    }

    #[test]
    fn percentages_always_show_one_decimal_rounded_half_away_from_zero() {
        let d = |s: &str| s.parse::<Decimal>().expect("d");
        let uk = |s: &str| format_percent(Some(d(s)), Lang::Uk);
        let en = |s: &str| format_percent(Some(d(s)), Lang::En);
        assert_eq!(uk("19"), "19,0\u{a0}%");
        assert_eq!(en("19"), "19.0%");
        // x.x5 goes up (away from zero), also where banker's rounding would go down.
        assert_eq!(en("12.25"), "12.3%");
        assert_eq!(en("12.35"), "12.4%");
        assert_eq!(en("0.05"), "0.1%");
        // Just below a half goes down.
        assert_eq!(en("12.2499"), "12.2%");
        assert_eq!(en("99.94"), "99.9%");
        assert_eq!(en("99.95"), "100.0%");
        // Negatives round away from zero too, and a rounded zero has no sign.
        assert_eq!(en("-12.25"), "-12.3%");
        assert_eq!(en("-12.24"), "-12.2%");
        assert_eq!(en("-0.04"), "0.0%");
        assert_eq!(uk("1500"), "1\u{a0}500,0\u{a0}%");
        // A computed share: 1 ÷ 16 = 6.25 % → 6.3 %; 1 ÷ 8 = 12.5 %; zero base → "—".
        assert_eq!(percent_of(d("1"), d("16")), Some(d("6.3")));
        assert_eq!(format_share(d("1"), d("8"), Lang::En), "12.5%");
        assert_eq!(format_share(d("0"), d("8"), Lang::Uk), "0,0\u{a0}%");
        assert_eq!(format_share(d("5"), Decimal::ZERO, Lang::Uk), "—");
        assert_eq!(percent_plain(d("19")), "19.0");
        assert_eq!(percent_plain(d("6.25")), "6.3");
    }

    #[test]
    fn table_amounts_show_one_decimal_and_keep_the_exact_value_for_the_tooltip() {
        assert_eq!(a("789460").format_table(Lang::Uk), "789\u{a0}460,0");
        assert_eq!(a("789460").format_table(Lang::En), "789,460.0");
        assert_eq!(a("43.912").format_table(Lang::Uk), "43,9");
        assert_eq!(a("0.05").format_table(Lang::En), "0.1");
        assert_eq!(a("0.049").format_table(Lang::En), "0.0");
        assert_eq!(a("12.25").format_table(Lang::En), "12.3");
        assert_eq!(a("12.35").format_table(Lang::En), "12.4");
        assert_eq!(a("999.95").format_table(Lang::Uk), "1\u{a0}000,0");
        assert_eq!(Amount::ZERO.format_table(Lang::Uk), "0,0");
        assert_eq!(
            format_table(Decimal::new(-123455, 2), Lang::Uk),
            "-1\u{a0}234,6"
        );
        assert_eq!(
            exact_if_rounded(a("43.912").decimal(), Lang::Uk).as_deref(),
            Some("43,912")
        );
        assert_eq!(exact_if_rounded(a("43.9").decimal(), Lang::Uk), None);
        assert_eq!(exact_if_rounded(a("43.900").decimal(), Lang::Uk), None);
    }
}
