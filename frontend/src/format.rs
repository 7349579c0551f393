//! Formatting of counts and timestamps in the interface language, through `shared`'s rules
//! (amounts use `shared::Amount`, counted words `shared::i18n`).

use shared::{Date, Lang};
use wasm_bindgen::JsValue;

/// A whole number with thousands grouped: `1 390` in Ukrainian, `1,390` in English.
pub fn int(value: i64, lang: Lang) -> String {
    shared::i18n::int(value, lang)
}

/// A server timestamp (milliseconds since the Unix epoch) as the date and time in Kyiv:
/// "05.10.2026, 14:32" / "5 Oct 2026, 14:32".
pub fn timestamp(epoch_ms: i64, lang: Lang) -> String {
    shared::calendar::format_instant(epoch_ms, lang)
}

/// A server timestamp's date in Kyiv, where the programme's decisions are dated (version 1 is
/// "18.12.2025", stored as midnight Kyiv time: in UTC it is still the 17th).
pub fn date(epoch_ms: i64, lang: Lang) -> String {
    Date::kyiv_from_unix_ms(epoch_ms).map_or_else(String::new, |d| d.format(lang))
}

/// A server timestamp as ISO 8601 in UTC, for `<time datetime>`.
pub fn iso(epoch_ms: i64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let date = js_sys::Date::new(&JsValue::from_f64(epoch_ms as f64));
    date.to_iso_string().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_per_language() {
        assert_eq!(int(1_145_065, Lang::Uk), "1\u{a0}145\u{a0}065");
        assert_eq!(int(1_145_065, Lang::En), "1,145,065");
        assert_eq!(int(86, Lang::Uk), "86");
        assert_eq!(int(-1390, Lang::En), "-1,390");
    }
}
