//! Formatting of counts and timestamps in the interface language (amounts use `shared::Amount`).

use shared::Lang;
use wasm_bindgen::JsValue;

/// A whole number with thousands grouped: `1 390` in Ukrainian, `1,390` in English.
pub fn int(value: i64, lang: Lang) -> String {
    let digits = value.unsigned_abs().to_string();
    let group = match lang {
        Lang::Uk => '\u{a0}',
        Lang::En => ',',
    };
    let mut out = String::new();
    if value < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(c);
    }
    out
}

/// A server timestamp (milliseconds since the Unix epoch) as local date and time.
pub fn timestamp(epoch_ms: i64, lang: Lang) -> String {
    // Precision loss above 2^53 ms (year 287 396) does not matter here.
    #[allow(clippy::cast_precision_loss)]
    let date = js_sys::Date::new(&JsValue::from_f64(epoch_ms as f64));
    let locale = match lang {
        Lang::Uk => "uk-UA",
        Lang::En => "en-GB",
    };
    date.to_locale_string(locale, &JsValue::UNDEFINED).into()
}

/// A server timestamp's date in Kyiv, where the programme's decisions are dated (version 1 is
/// "18.12.2025", stored as midnight Kyiv time: in UTC it is still the 17th).
pub fn date(epoch_ms: i64, lang: Lang) -> String {
    #[allow(clippy::cast_precision_loss)]
    let date = js_sys::Date::new(&JsValue::from_f64(epoch_ms as f64));
    let locale = match lang {
        Lang::Uk => "uk-UA",
        Lang::En => "en-GB",
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"timeZone".into(), &"Europe/Kyiv".into());
    date.to_locale_date_string(locale, &options).into()
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
