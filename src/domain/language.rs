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
    /// The text of this language from a German and an English one.
    pub fn pick<'a>(self, de: &'a str, en: &'a str) -> &'a str {
        match self {
            Language::De => de,
            Language::En => en,
        }
    }

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

#[cfg(test)]
mod tests {
    use super::Language;

    #[test]
    fn pick_takes_the_text_of_the_language() {
        assert_eq!(Language::De.pick("Zweck", "Purpose"), "Zweck");
        assert_eq!(Language::En.pick("Zweck", "Purpose"), "Purpose");
    }
}
