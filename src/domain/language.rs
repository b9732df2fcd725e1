//! The two languages of the program and how a request's language is chosen.

use serde::{Deserialize, Serialize};

/// A supported language.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Deutsch (the default: the program is run in Germany).
    #[default]
    De,
    /// English.
    En,
}

impl Language {
    /// Every supported language.
    pub const ALL: [Language; 2] = [Language::De, Language::En];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Self::De => "de",
            Self::En => "en",
        }
    }

    /// Parses `de`/`en` (also `de-DE`, `en-GB` …); anything else is `None`.
    pub fn parse(text: &str) -> Option<Self> {
        let primary = text.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "de" => Some(Self::De),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    /// The best match for an `Accept-Language` header, if any.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        accept_language::parse(header)
            .iter()
            .find_map(|tag| Self::parse(tag))
    }
}
