//! Plural categories (the CLDR rules for Ukrainian and English), counted words and the one
//! formatter that fills named arguments into a message; the server and the app use the same.
//!
//! Ours rather than a crate (ICU4X, fluent, `leptos_i18n`): two languages need four categories
//! and six lines of rules, and the wasm app pays for every kilobyte (see CONVENTIONS.md).

use crate::amount::format_number;
use crate::text::Lang;
use rust_decimal::Decimal;

/// A CLDR plural category. English uses `One` and `Other`; Ukrainian `One`, `Few` and `Many`
/// for whole numbers and `Other` for fractions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Plural {
    One,
    Few,
    Many,
    Other,
}

impl Plural {
    /// The category of a whole number (its sign does not matter).
    ///
    /// Ukrainian: `one` when n % 10 = 1 and n % 100 ≠ 11 (1, 21, 101); `few` when n % 10 is 2–4
    /// and n % 100 is not 12–14 (2, 4, 22); `many` otherwise (0, 5, 11, 12, 25, 111).
    /// English: `one` for 1, `other` otherwise.
    pub fn of(n: i64, lang: Lang) -> Plural {
        let n = n.unsigned_abs();
        match lang {
            Lang::En if n == 1 => Plural::One,
            Lang::En => Plural::Other,
            Lang::Uk => {
                let (last, last_two) = (n % 10, n % 100);
                if last == 1 && last_two != 11 {
                    Plural::One
                } else if (2..=4).contains(&last) && !(12..=14).contains(&last_two) {
                    Plural::Few
                } else {
                    Plural::Many
                }
            }
        }
    }

    /// The category of a number as it is written, fraction digits and all: `1,5` and `2,0` are
    /// `other` in both languages (CLDR's `v ≠ 0`); a number without them is [`Plural::of`].
    pub fn of_decimal(n: Decimal, lang: Lang) -> Plural {
        if n.scale() > 0 {
            return Plural::Other;
        }
        match i64::try_from(n.trunc()) {
            Ok(whole) => Plural::of(whole, lang),
            // Beyond i64: only the last two digits matter.
            Err(_) => {
                let last_two = (n.trunc().abs() % Decimal::ONE_HUNDRED)
                    .try_into()
                    .unwrap_or(0_i64);
                Plural::of(100 + last_two, lang)
            }
        }
    }
}

/// A word that is counted, in each form each language needs: Ukrainian `[one, few, many,
/// other]` ("захід", "заходи", "заходів", "заходу"), English `[one, other]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    pub uk: [&'static str; 4],
    pub en: [&'static str; 2],
}

impl Counted {
    /// The form for a category.
    pub fn form(&self, category: Plural, lang: Lang) -> &'static str {
        match (lang, category) {
            (Lang::Uk, Plural::One) => self.uk[0],
            (Lang::Uk, Plural::Few) => self.uk[1],
            (Lang::Uk, Plural::Many) => self.uk[2],
            (Lang::Uk, Plural::Other) => self.uk[3],
            (Lang::En, Plural::One) => self.en[0],
            (Lang::En, _) => self.en[1],
        }
    }

    /// The form that goes with a whole number.
    pub fn word(&self, n: i64, lang: Lang) -> &'static str {
        self.form(Plural::of(n, lang), lang)
    }

    /// The number, thousands grouped, and the word: "21 громада", "1 390 заходів", "5 measures".
    pub fn count(&self, n: i64, lang: Lang) -> String {
        format!("{} {}", int(n, lang), self.word(n, lang))
    }

    /// A number with fraction digits and the word: "1,5 дня", "1.5 days". Trailing zeros are
    /// not written, so the word goes with the number as shown ("2 дні", not "2 дня").
    pub fn count_decimal(&self, n: Decimal, lang: Lang) -> String {
        let n = n.normalize();
        format!(
            "{} {}",
            format_number(n, lang),
            self.form(Plural::of_decimal(n, lang), lang)
        )
    }
}

/// A whole number with thousands grouped: `1 390` (no-break space) in Ukrainian, `1,390` in English.
pub fn int(n: i64, lang: Lang) -> String {
    format_number(Decimal::from(n), lang)
}

/// Fills each `{name}` of a message with its argument: the one place where the interface builds
/// a sentence from parts, so each language orders them as it needs. A name without an argument
/// stays as written, which the messages' tests catch; `{{` is not special (no message needs it).
pub fn fill(message: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(message.len() + 16);
    let mut rest = message;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The names a message asks for, in order (for tests that every argument is given).
pub fn placeholders(message: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = message;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

/// The counted words the server and the app share.
pub mod words {
    use super::Counted;

    pub const MEASURES: Counted = Counted {
        uk: ["захід", "заходи", "заходів", "заходу"],
        en: ["measure", "measures"],
    };
    pub const COMMUNITIES: Counted = Counted {
        uk: ["громада", "громади", "громад", "громади"],
        en: ["community", "communities"],
    };
    pub const LINES: Counted = Counted {
        uk: ["рядок", "рядки", "рядків", "рядка"],
        en: ["line", "lines"],
    };
    pub const ROWS: Counted = Counted {
        uk: ["рядок", "рядки", "рядків", "рядка"],
        en: ["row", "rows"],
    };
    pub const CHANGES: Counted = Counted {
        uk: ["зміна", "зміни", "змін", "зміни"],
        en: ["change", "changes"],
    };
    pub const DAYS: Counted = Counted {
        uk: ["день", "дні", "днів", "дня"],
        en: ["day", "days"],
    };
    pub const UNREAD: Counted = Counted {
        uk: [
            "непрочитане",
            "непрочитані",
            "непрочитаних",
            "непрочитаного",
        ],
        en: ["unread", "unread"],
    };
    pub const ITEMS: Counted = Counted {
        uk: ["пункт", "пункти", "пунктів", "пункту"],
        en: ["item", "items"],
    };
    pub const ACCOUNTS: Counted = Counted {
        uk: [
            "обліковий запис",
            "облікові записи",
            "облікових записів",
            "облікового запису",
        ],
        en: ["account", "accounts"],
    };
}

#[cfg(test)]
mod tests {
    use super::words::*;
    use super::*;
    use std::str::FromStr;

    #[test]
    fn ukrainian_whole_numbers_follow_cldr() {
        let cases = [
            (0, Plural::Many),
            (1, Plural::One),
            (2, Plural::Few),
            (4, Plural::Few),
            (5, Plural::Many),
            (11, Plural::Many),
            (12, Plural::Many),
            (14, Plural::Many),
            (21, Plural::One),
            (22, Plural::Few),
            (25, Plural::Many),
            (101, Plural::One),
            (111, Plural::Many),
            (112, Plural::Many),
            (1_000_001, Plural::One),
            (-3, Plural::Few),
        ];
        for (n, want) in cases {
            assert_eq!(Plural::of(n, Lang::Uk), want, "{n}");
        }
    }

    #[test]
    fn english_has_one_and_other() {
        for (n, want) in [
            (0, Plural::Other),
            (1, Plural::One),
            (2, Plural::Other),
            (11, Plural::Other),
            (21, Plural::Other),
            (101, Plural::Other),
        ] {
            assert_eq!(Plural::of(n, Lang::En), want, "{n}");
        }
    }

    #[test]
    fn fractions_are_other_in_both_languages() {
        let d = |s: &str| Decimal::from_str(s).expect(s);
        assert_eq!(Plural::of_decimal(d("1.5"), Lang::Uk), Plural::Other);
        assert_eq!(Plural::of_decimal(d("2.0"), Lang::Uk), Plural::Other);
        assert_eq!(Plural::of_decimal(d("1.0"), Lang::En), Plural::Other);
        assert_eq!(Plural::of_decimal(d("21"), Lang::Uk), Plural::One);
        assert_eq!(Plural::of_decimal(d("1"), Lang::En), Plural::One);
        assert_eq!(
            Plural::of_decimal(d("79228162514264337593543950322"), Lang::Uk),
            Plural::Few,
            "beyond i64 the last two digits decide"
        );
        assert_eq!(DAYS.count_decimal(d("1.5"), Lang::Uk), "1,5 дня");
        assert_eq!(DAYS.count_decimal(d("1.5"), Lang::En), "1.5 days");
        assert_eq!(DAYS.count_decimal(d("2.00"), Lang::Uk), "2 дні");
    }

    #[test]
    fn counted_words_agree_with_their_number() {
        assert_eq!(MEASURES.count(1, Lang::Uk), "1 захід");
        assert_eq!(MEASURES.count(2, Lang::Uk), "2 заходи");
        assert_eq!(MEASURES.count(5, Lang::Uk), "5 заходів");
        assert_eq!(MEASURES.count(11, Lang::Uk), "11 заходів");
        assert_eq!(MEASURES.count(1390, Lang::Uk), "1\u{a0}390 заходів");
        assert_eq!(COMMUNITIES.count(21, Lang::Uk), "21 громада");
        assert_eq!(COMMUNITIES.count(86, Lang::Uk), "86 громад");
        assert_eq!(COMMUNITIES.count(1, Lang::En), "1 community");
        assert_eq!(COMMUNITIES.count(1390, Lang::En), "1,390 communities");
        assert_eq!(UNREAD.count(3, Lang::Uk), "3 непрочитані");
        assert_eq!(UNREAD.count(0, Lang::En), "0 unread");
        assert_eq!(ACCOUNTS.count(22, Lang::Uk), "22 облікові записи");
    }

    #[test]
    fn named_arguments_fill_in_any_order() {
        let args = [("org", "Підгороднянська"), ("period", "III квартал 2026")];
        assert_eq!(
            fill("Звіт {org}, {period}", &args),
            "Звіт Підгороднянська, III квартал 2026"
        );
        assert_eq!(
            fill("{period}: {org}'s report", &args),
            "III квартал 2026: Підгороднянська's report"
        );
        assert_eq!(
            fill("{missing} stays, {org}", &args),
            "{missing} stays, Підгороднянська"
        );
        assert_eq!(fill("no brace } here {", &[]), "no brace } here {");
        assert_eq!(fill("{a}{a}", &[("a", "x")]), "xx");
        assert_eq!(
            placeholders("{by} sent {what} on {when}"),
            ["by", "what", "when"]
        );
    }
}
