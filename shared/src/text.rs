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
