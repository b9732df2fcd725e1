//! German and English texts (Fluent files in `locales/`), and the language of a request:
//! the signed-in person's profile, a visitor's stored choice (cookie), then `Accept-Language`,
//! then German.

use actix_web::{HttpMessage, HttpRequest};
use fluent_templates::{LanguageIdentifier, Loader, static_loader};

use crate::domain::language::Language;

// Every translation, compiled into the binary.
static_loader! {
    pub static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Fluent's bidi isolation marks would end up in mail subjects and plain text.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The cookie that keeps a visitor's language choice.
pub const LANG_COOKIE: &str = "qualify_lang";

/// The language identifier of a language.
pub fn lang_id(lang: Language) -> LanguageIdentifier {
    lang.code().parse().expect("valid language code")
}

/// The text for `key` in `lang`; English where the language lacks it, and never the key
/// itself (a missing text is logged as an error and shows as nothing).
pub fn t(lang: Language, key: &str) -> String {
    LOCALES.try_lookup(&lang_id(lang), key).unwrap_or_else(|| {
        tracing::error!(
            lang = lang.code(),
            key,
            "a text that does not exist was asked for"
        );
        String::new()
    })
}

/// Like [`t`], with the text's variables (`{ $name }`) filled in.
pub fn t_args(lang: Language, key: &str, args: &[(&str, &str)]) -> String {
    use fluent_templates::fluent_bundle::FluentValue;
    let args: std::collections::HashMap<std::borrow::Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| {
            (
                std::borrow::Cow::Owned(k.to_string()),
                FluentValue::from(v.to_string()),
            )
        })
        .collect();
    LOCALES
        .try_lookup_with_args(&lang_id(lang), key, &args)
        .unwrap_or_else(|| {
            tracing::error!(
                lang = lang.code(),
                key,
                "a text that does not exist was asked for"
            );
            String::new()
        })
}

/// The language to answer this request in.
pub fn request_language(req: &HttpRequest) -> Language {
    if let Some(lang) = req
        .extensions()
        .get::<crate::web::viewer::Viewer>()
        .and_then(|v| Language::parse(&v.language))
    {
        return lang;
    }
    if let Some(lang) = req
        .cookie(LANG_COOKIE)
        .and_then(|c| Language::parse(c.value()))
    {
        return lang;
    }
    req.headers()
        .get(actix_web::http::header::ACCEPT_LANGUAGE)
        .and_then(|h| h.to_str().ok())
        .and_then(Language::from_accept_language)
        .unwrap_or_default()
}
