//! How a document's cells read on paper: amounts with one decimal (`789 460,0`), percentages with one (`21,5 %`), dates `01.03.2027` — the official style, through `shared`'s formatting.

use super::model::{Cell, Document};
use rust_decimal::Decimal;
use shared::amount::{format_number, format_percent};
use shared::calendar::Date;
use shared::{Amount, Lang};

/// The Ukrainian or the English string.
pub fn pick(lang: Lang, uk: &str, en: &str) -> String {
    match lang {
        Lang::Uk => uk.to_string(),
        Lang::En => en.to_string(),
    }
}

/// Thousand UAH with exactly one decimal, half away from zero (the exact value stays in the
/// workbook's cell): the app's table style, `shared::amount::format_table`.
pub fn amount(value: Amount, lang: Lang) -> String {
    value.format_table(lang)
}

/// A percentage already computed, always with one decimal: `19,0 %` (`19.0%`), the app's style.
pub fn percent(value: Decimal, lang: Lang) -> String {
    format_percent(Some(value), lang)
}

/// `01.03.2027` (`1 Mar 2027` in English).
pub fn date(d: Date, lang: Lang) -> String {
    d.format(lang)
}

/// A cell as its text.
pub fn cell(c: &Cell, lang: Lang) -> String {
    match c {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.clone(),
        Cell::Amount(a) => amount(*a, lang),
        Cell::Percent(Some(p)) => percent(*p, lang),
        Cell::Percent(None) => "—".to_string(),
        Cell::Number(n) => format_number(*n, lang),
        Cell::Code(n) => n.to_string(),
        Cell::Date(d) => date(*d, lang),
    }
}

/// The boxed notice under a draft document's title.
pub fn draft_notice(doc: &Document) -> String {
    let mark = doc.draft.clone().unwrap_or_default();
    match doc.lang {
        Lang::Uk => format!(
            "{mark}. Документ сформовано до затвердження всіх звітів, на яких він ґрунтується; \
             стан звітування наведено в кінці документа."
        ),
        Lang::En => format!(
            "{mark}. Made before every report it rests on was approved; the state of reporting \
             is at the end."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Amount {
        Amount::parse(s).expect("amount")
    }

    #[test]
    fn amounts_have_one_decimal_rounded_half_away_from_zero() {
        assert_eq!(amount(a("789460"), Lang::Uk), "789\u{a0}460,0");
        assert_eq!(amount(a("117100.4"), Lang::Uk), "117\u{a0}100,4");
        assert_eq!(amount(a("0.05"), Lang::Uk), "0,1");
        assert_eq!(amount(a("12.345"), Lang::En), "12.3");
        assert_eq!(amount(a("12.35"), Lang::En), "12.4");
        assert_eq!(amount(a("1000.25"), Lang::En), "1,000.3");
    }

    #[test]
    fn percentages_always_have_one_decimal() {
        assert_eq!(percent(Decimal::new(19, 0), Lang::Uk), "19,0\u{a0}%");
        assert_eq!(percent(Decimal::new(215, 1), Lang::Uk), "21,5\u{a0}%");
        assert_eq!(percent(Decimal::new(9795, 2), Lang::En), "98.0%");
    }

    #[test]
    fn dates_in_the_official_style() {
        let d = Date::parse("2027-03-01").expect("date");
        assert_eq!(date(d, Lang::Uk), "01.03.2027");
    }
}
