//! The four funding sources: the fixed columns of every budget table.

use crate::text::Text;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum FundingSource {
    State,
    Oblast,
    Local,
    Other,
}

impl FundingSource {
    /// In the order of the official tables.
    pub const ALL: [FundingSource; 4] = [
        FundingSource::State,
        FundingSource::Oblast,
        FundingSource::Local,
        FundingSource::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FundingSource::State => "state",
            FundingSource::Oblast => "oblast",
            FundingSource::Local => "local",
            FundingSource::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<FundingSource> {
        FundingSource::ALL.into_iter().find(|f| f.as_str() == s)
    }

    pub fn label(self) -> Text {
        match self {
            FundingSource::State => Text::new("Державний бюджет", "State budget"),
            FundingSource::Oblast => Text::new("Обласний бюджет", "Oblast budget"),
            FundingSource::Local => Text::new("Місцеві бюджети", "Local budgets"),
            FundingSource::Other => Text::new("Інші джерела", "Other sources"),
        }
    }
}
