//! Bilingual text: the interface speaks Ukrainian first, English second.

use serde::{Deserialize, Serialize};

/// The two interface languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Uk,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Uk => "uk",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "uk" => Some(Lang::Uk),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A name or message in both languages. English may be missing for user-entered names;
/// [`Text::get`] then falls back to Ukrainian.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Text {
    pub uk: String,
    pub en: String,
}

impl Text {
    pub fn new(uk: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            uk: uk.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.en.trim().is_empty() => &self.en,
            _ => &self.uk,
        }
    }
}

/// The largest request body the API reads, in bytes (1 MiB); the message of
/// `ErrorCode::BodyTooLarge` says the same.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// The first character a text typed by a person may not contain, if any: control characters
/// other than line breaks and tabs (NUL among them), and the invisible marks that reorder
/// writing direction (`U+202E` shows "evil" as "live"). One rule for the form and the API.
pub fn forbidden_char(s: &str) -> Option<char> {
    s.chars().find(|&c| {
        (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_and_tabs_pass_controls_and_direction_overrides_do_not() {
        assert_eq!(forbidden_char("Захід 1\nрядок\tдва\r\n"), None);
        assert_eq!(forbidden_char("a\0b"), Some('\0'));
        assert_eq!(forbidden_char("\u{7}"), Some('\u{7}'));
        assert_eq!(forbidden_char("\u{202E}live"), Some('\u{202E}'));
        assert_eq!(forbidden_char("x\u{2067}y"), Some('\u{2067}'));
        assert_eq!(forbidden_char("\u{85}"), Some('\u{85}'), "C1 controls too");
        assert_eq!(forbidden_char("’«»—№ ґ"), None);
    }
}
