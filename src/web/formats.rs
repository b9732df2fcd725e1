//! The templates' filters for dates and numbers in the reader's language:
//! `{{ due | when(lang=lang) }}` (a date or date-time text as the views write it) and
//! `{{ share | num(lang=lang, decimals=1) }}`, `{{ "2026-07" | month(lang=lang) }}`, and `{{ hours | relative(lang=lang) }}` for a
//! time some hours away or ago ("in 3 days", „vor 2 Stunden“, with Fluent's plurals). The page's and the mail's `lang` decides; the
//! rules are in [`crate::domain::format`].

use crate::domain::format;
use crate::domain::language::Language;

fn language(kwargs: &tera::Kwargs) -> Language {
    kwargs
        .get::<&str>("lang")
        .ok()
        .flatten()
        .and_then(Language::parse)
        .unwrap_or_default()
}

/// `when`: a date (`2026-12-14`) or date-time (`2026-12-14 23:59`) in the language; other
/// values (none, a dash) are left as they are.
pub fn when(value: tera::Value, kwargs: tera::Kwargs, _: &tera::State) -> tera::Value {
    match value.as_str() {
        Some(text) => tera::Value::from(format::when_text(language(&kwargs), text)),
        None => value,
    }
}

/// `month`: a month (`2026-07`) in the language (`Juli 2026` / `July 2026`).
pub fn month(value: tera::Value, kwargs: tera::Kwargs, _: &tera::State) -> tera::Value {
    match value.as_str() {
        Some(text) => tera::Value::from(format::month(language(&kwargs), text)),
        None => value,
    }
}

/// `num`: a number with the language's separators (`decimals` places at most, 0 by default).
pub fn num(value: tera::Value, kwargs: tera::Kwargs, _: &tera::State) -> tera::Value {
    let decimals = kwargs
        .get::<i64>("decimals")
        .ok()
        .flatten()
        .unwrap_or(0)
        .clamp(0, 6) as usize;
    match value.as_f64().or_else(|| value.as_i64().map(|n| n as f64)) {
        Some(n) => tera::Value::from(format::number(language(&kwargs), n, decimals)),
        None => value,
    }
}

/// `relative`: whole hours from now (negative: ago) as words: "in 5 hours", "in 3 days",
/// "2 hours ago"; from two days on the count is in days.
pub fn relative(value: tera::Value, kwargs: tera::Kwargs, _: &tera::State) -> tera::Value {
    let Some(hours) = value.as_i64() else {
        return value;
    };
    let (key, count) = match (hours >= 0, hours.abs() >= 48) {
        (true, true) => ("relative-in-days", hours / 24),
        (true, false) => ("relative-in-hours", hours),
        (false, true) => ("relative-days-ago", -hours / 24),
        (false, false) => ("relative-hours-ago", -hours),
    };
    tera::Value::from(relative_text(language(&kwargs), key, count))
}

fn relative_text(lang: Language, key: &str, count: i64) -> String {
    use fluent_templates::Loader;
    let args = std::collections::HashMap::from([(
        std::borrow::Cow::Borrowed("count"),
        fluent_templates::fluent_bundle::FluentValue::from(count),
    )]);
    crate::web::i18n::LOCALES
        .try_lookup_with_args(&crate::web::i18n::lang_id(lang), key, &args)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_times_use_the_languages_plurals() {
        assert_eq!(
            relative_text(Language::En, "relative-in-days", 3),
            "in 3 days"
        );
        assert_eq!(
            relative_text(Language::De, "relative-in-days", 1),
            "in 1 Tag"
        );
        assert_eq!(
            relative_text(Language::De, "relative-hours-ago", 2),
            "vor 2 Stunden"
        );
        assert_eq!(
            relative_text(Language::En, "relative-hours-ago", 1),
            "1 hour ago"
        );
        assert_eq!(
            relative_text(Language::En, "relative-in-hours", 0),
            "in less than an hour"
        );
    }
}
