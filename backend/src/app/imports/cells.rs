//! A sheet's columns found by their headings, and its cells read as the app's validated values: amounts by `shared::Amount`'s own rule (what the form accepts), years, codes, numbers.
//!
//! Numbers as Ukrainian users type them: a number cell is taken as it is (a formula's float
//! noise below a thousandth is rounded away); a text cell may group thousands with spaces
//! (`1 234,5`) and mark decimals with a comma or a dot (`1234,5`, `1234.5`); a text with both a
//! comma and a dot (`1,234.5`, `1.234,5`) is ambiguous and refused.

use super::reader::{Book, Sheet, Value};
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;
use shared::api::imports::ImportIssue;
use shared::indicators::IndicatorUnit;
use shared::{Amount, ErrorCode, Lang, Year};
use std::collections::HashMap;
use std::str::FromStr;

/// A column an import looks for, by its heading in either language.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub key: &'static str,
    pub uk: &'static str,
    pub en: &'static str,
    pub required: bool,
}

impl Col {
    pub const fn new(key: &'static str, uk: &'static str, en: &'static str) -> Col {
        Col {
            key,
            uk,
            en,
            required: true,
        }
    }

    pub const fn optional(self) -> Col {
        Col {
            required: false,
            ..self
        }
    }

    pub fn title(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Uk => self.uk,
            Lang::En => self.en,
        }
    }
}

/// Where a sheet's columns are.
#[derive(Debug, Clone)]
pub struct Header {
    /// The heading row (0-based); data start below it.
    pub row: usize,
    at: HashMap<&'static str, usize>,
    titles: HashMap<usize, String>,
}

impl Header {
    pub fn col(&self, key: &str) -> Option<usize> {
        self.at.get(key).copied()
    }

    /// `J · Сума, тис. грн` for a message.
    pub fn label(&self, col: usize) -> String {
        match self.titles.get(&col) {
            Some(t) => format!("{} · {}", letter(col), t),
            None => letter(col),
        }
    }

    pub fn value<'a>(&self, sheet: &'a Sheet, row: usize, key: &str) -> &'a Value {
        match self.col(key) {
            Some(c) => sheet.cell(row, c),
            None => &Value::Empty,
        }
    }
}

fn normal(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['*', ':'])
        .trim()
        .to_lowercase()
}

/// The first of the sheet's first rows that has every required heading; or the required
/// headings the best row lacks.
pub fn find_header(sheet: &Sheet, cols: &[Col]) -> Result<Header, Vec<Col>> {
    let mut best: Option<(usize, Header)> = None;
    for (r, row) in sheet.rows.iter().enumerate().take(15) {
        let mut at = HashMap::new();
        let mut titles = HashMap::new();
        for (c, v) in row.iter().enumerate() {
            let Value::Text(t) = v else { continue };
            let n = normal(t);
            if let Some(col) = cols
                .iter()
                .find(|col| normal(col.uk) == n || normal(col.en) == n)
            {
                at.entry(col.key).or_insert(c);
                titles.insert(c, t.trim().to_string());
            }
        }
        let found = cols.iter().filter(|c| at.contains_key(c.key)).count();
        if best.as_ref().is_none_or(|(f, _)| found > *f) {
            best = Some((found, Header { row: r, at, titles }));
        }
    }
    let header = best.map(|(_, h)| h);
    let missing: Vec<Col> = cols
        .iter()
        .filter(|c| c.required && header.as_ref().is_none_or(|h| h.col(c.key).is_none()))
        .copied()
        .collect();
    match header {
        Some(h) if missing.is_empty() => Ok(h),
        _ => Err(missing),
    }
}

/// The sheet named `names` (either language) if it has the headings, else the first sheet that
/// has them; or the file's refusal naming the headings the closest sheet lacks.
pub fn sheet_with<'a>(
    book: &'a Book,
    names: [&str; 2],
    cols: &[Col],
) -> Result<(&'a Sheet, Header), ImportIssue> {
    let named = |s: &Sheet| names.iter().any(|n| normal(n) == normal(&s.name));
    let mut ordered: Vec<&Sheet> = book.sheets.iter().collect();
    ordered.sort_by_key(|s| !named(s));
    let mut missing_best: Option<Vec<Col>> = None;
    for sheet in ordered {
        match find_header(sheet, cols) {
            Ok(h) => return Ok((sheet, h)),
            Err(missing) => {
                if missing_best
                    .as_ref()
                    .is_none_or(|m| missing.len() < m.len())
                {
                    missing_best = Some(missing);
                }
            }
        }
    }
    let missing =
        missing_best.unwrap_or_else(|| cols.iter().filter(|c| c.required).copied().collect());
    Err(ImportIssue::new(
        "",
        0,
        "",
        &missing
            .iter()
            .map(|c| format!("«{}» / \"{}\"", c.uk, c.en))
            .collect::<Vec<_>>()
            .join("; "),
        ErrorCode::ImportColumnsMissing,
    ))
}

/// `A`, `B`, …, `Z`, `AA`, … for a 0-based column.
pub fn letter(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A number as a Ukrainian reader writes it (`1234,5`, whole numbers without decimals).
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}").replace('.', ",")
    }
}

/// A cell's text, trimmed (a number cell as its text).
pub fn text(v: &Value) -> String {
    match v {
        Value::Text(s) => s.trim().to_string(),
        other => other.shown(),
    }
}

/// A number from a number cell: exact to a thousandth; float noise from formulas rounded away.
fn from_float(f: f64) -> Result<Decimal, ErrorCode> {
    if !f.is_finite() {
        return Err(ErrorCode::ImportNumberInvalid);
    }
    let d = Decimal::from_str(&format!("{f}"))
        .ok()
        .or_else(|| Decimal::from_f64(f))
        .ok_or(ErrorCode::ImportNumberInvalid)?;
    let rounded = d.round_dp(3);
    if (d - rounded).abs() < Decimal::new(1, 9) {
        Ok(rounded.normalize())
    } else {
        Ok(d)
    }
}

/// A decimal number (an indicator's value); `None` for an empty cell.
pub fn decimal(v: &Value) -> Result<Option<Decimal>, ErrorCode> {
    match v {
        Value::Empty => Ok(None),
        Value::Number(f) => from_float(*f).map(Some),
        Value::Text(s) if s.trim().is_empty() => Ok(None),
        Value::Text(s) => {
            let cleaned: String = s
                .trim()
                .chars()
                .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
                .map(|c| if c == '\u{2212}' { '-' } else { c })
                .collect();
            if cleaned.contains(',') && cleaned.contains('.') {
                return Err(ErrorCode::ImportNumberInvalid);
            }
            let cleaned = cleaned.replace(',', ".");
            if cleaned.matches('.').count() > 1 {
                return Err(ErrorCode::ImportNumberInvalid);
            }
            Decimal::from_str(&cleaned)
                .map(Some)
                .map_err(|_| ErrorCode::ImportNumberInvalid)
        }
        Value::Bool(_) | Value::Error(_) => Err(ErrorCode::ImportNumberInvalid),
    }
}

/// An amount in thousand UAH by the form's rule; `None` for an empty cell.
pub fn amount(v: &Value) -> Result<Option<Amount>, ErrorCode> {
    match v {
        Value::Empty => Ok(None),
        Value::Text(s) if s.trim().is_empty() => Ok(None),
        Value::Text(s) => {
            if s.contains(',') && s.contains('.') {
                return Err(ErrorCode::ImportNumberInvalid);
            }
            Amount::parse(s).map(Some)
        }
        Value::Number(f) => Amount::try_from_decimal(from_float(*f)?).map(Some),
        Value::Bool(_) | Value::Error(_) => Err(ErrorCode::AmountInvalid),
    }
}

/// An indicator's value by its unit's rule (what the report form accepts); `None` for an empty
/// cell. A number cell is taken as its number, a text cell as typed.
pub fn indicator_value(v: &Value, unit: IndicatorUnit) -> Result<Option<Decimal>, ErrorCode> {
    let typed = match v {
        Value::Number(_) => decimal(v)?.map(|d| d.to_string()),
        other => Some(text(other)).filter(|s| !s.is_empty()),
    };
    typed.map(|t| unit.parse_value(&t)).transpose()
}

/// A whole number (a year, a code); `None` for an empty cell.
pub fn whole(v: &Value, invalid: ErrorCode) -> Result<Option<i64>, ErrorCode> {
    match v {
        Value::Empty => Ok(None),
        Value::Text(s) if s.trim().is_empty() => Ok(None),
        Value::Number(f) if f.fract() == 0.0 && f.abs() < 1e15 => Ok(Some(*f as i64)),
        Value::Text(s) => s.trim().parse::<i64>().map(Some).map_err(|_| invalid),
        _ => Err(invalid),
    }
}

/// A programme year; `None` for an empty cell.
pub fn year(v: &Value) -> Result<Option<Year>, ErrorCode> {
    match whole(v, ErrorCode::YearInvalid)? {
        None => Ok(None),
        Some(y) => {
            let y = i32::try_from(y).map_err(|_| ErrorCode::YearInvalid)?;
            Year::new(y).map(Some)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Value {
        Value::Text(s.to_string())
    }

    #[test]
    fn amounts_as_ukrainian_users_type_them() {
        let ok = |v: Value, want: &str| {
            assert_eq!(
                amount(&v).map(|a| a.map(|a| a.decimal().to_string())),
                Ok(Some(want.to_string())),
                "{v:?}"
            );
        };
        ok(t("1 234,5"), "1234.5");
        ok(t("1234,5"), "1234.5");
        ok(t("1234.5"), "1234.5");
        ok(t("1\u{a0}234,5"), "1234.5");
        ok(Value::Number(1234.5), "1234.5");
        ok(Value::Number(0.1 + 0.2), "0.3");
        assert_eq!(amount(&t("1,234.5")), Err(ErrorCode::ImportNumberInvalid));
        assert_eq!(amount(&t("1.234,5")), Err(ErrorCode::ImportNumberInvalid));
        assert_eq!(amount(&t("-5")), Err(ErrorCode::AmountNegative));
        assert_eq!(amount(&t("1,2345")), Err(ErrorCode::AmountTooPrecise));
        assert_eq!(
            amount(&Value::Number(1.2345)),
            Err(ErrorCode::AmountTooPrecise)
        );
        assert_eq!(amount(&t("abc")), Err(ErrorCode::AmountInvalid));
        assert_eq!(amount(&t("  ")), Ok(None));
        assert_eq!(
            amount(&Value::Number(f64::NAN)),
            Err(ErrorCode::ImportNumberInvalid)
        );
    }

    #[test]
    fn years_and_letters() {
        assert_eq!(
            year(&Value::Number(2027.0)).map(|y| y.map(Year::get)),
            Ok(Some(2027))
        );
        assert_eq!(year(&t(" 2026 ")).map(|y| y.map(Year::get)), Ok(Some(2026)));
        assert!(year(&t("2031")).is_err());
        assert!(year(&Value::Number(2026.5)).is_err());
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(number_text(17.0), "17");
        assert_eq!(number_text(1.5), "1,5");
    }

    #[test]
    fn headings_in_either_language_anywhere_in_the_first_rows() {
        let cols = [
            Col::new("code", "Код заходу", "Measure code"),
            Col::new("amount", "Сума, тис. грн", "Amount, thousand UAH"),
            Col::new("note", "Примітка", "Note").optional(),
        ];
        let sheet = Sheet {
            name: "План".into(),
            rows: vec![
                vec![t("Заголовок")],
                vec![t("Amount,  thousand UAH*"), t("код заходу")],
                vec![Value::Number(1.0), Value::Number(17.0)],
            ],
        };
        let h = find_header(&sheet, &cols).expect("found");
        assert_eq!(
            (h.row, h.col("code"), h.col("amount")),
            (1, Some(1), Some(0))
        );
        assert_eq!(h.col("note"), None);
        let bare = Sheet {
            name: "x".into(),
            rows: vec![vec![t("Код заходу")]],
        };
        let missing = find_header(&bare, &cols).expect_err("amount missing");
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].key, "amount");
    }
}
