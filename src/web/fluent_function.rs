//! The templates' `fluent(key=…, lang=…)` function. A text without arguments is the same for
//! every page in a language, so after its first lookup it is answered from memory: a page makes
//! dozens of these calls, and each would otherwise parse the language tag and format the
//! message again. Calls with arguments are formatted by Fluent every time, in the language's
//! own bundle with a language tag parsed once (fluent-templates' generic function parses the
//! tag, negotiates languages and converts each argument name on every call).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::RwLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{FluentLoader, LanguageIdentifier, StaticLoader};

type Texts = HashMap<String, HashMap<String, tera::Value>>;

/// Keys a template asked for that a language does not have (language code and key), since
/// start-up: each is logged once as an error, and the tests read them.
static MISSING: std::sync::Mutex<std::collections::BTreeSet<(String, String)>> =
    std::sync::Mutex::new(std::collections::BTreeSet::new());

/// The keys asked for but missing so far, as `(language, key)`.
pub fn missing_keys() -> Vec<(String, String)> {
    MISSING
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .cloned()
        .collect()
}

/// `fluent(…)` for the templates.
pub struct TemplateTexts {
    fluent: FluentLoader<&'static StaticLoader>,
    locales: &'static StaticLoader,
    /// The languages' tags, parsed once.
    tags: Vec<(&'static str, LanguageIdentifier)>,
    /// Plain texts by language and key.
    plain: RwLock<Texts>,
    /// The keys each language has.
    known: HashMap<&'static str, std::collections::HashSet<String>>,
}

impl TemplateTexts {
    /// Texts from these Fluent bundles.
    pub fn new(locales: &'static StaticLoader) -> Self {
        let tags = crate::domain::language::Language::ALL
            .iter()
            .map(|l| (l.code(), crate::web::i18n::lang_id(*l)))
            .collect();
        Self {
            fluent: FluentLoader::new(locales),
            locales,
            tags,
            plain: RwLock::new(HashMap::new()),
            known: crate::domain::language::Language::ALL
                .iter()
                .map(|l| {
                    let keys = crate::web::copy_calls::shapes(*l).into_keys().collect();
                    (l.code(), keys)
                })
                .collect(),
        }
    }

    /// Whether `lang` (one of ours) lacks the text `key`.
    pub fn is_missing(&self, lang: &str, key: &str) -> bool {
        self.known.get(lang).is_some_and(|keys| !keys.contains(key))
    }

    /// A key the language lacks never reaches the reader: the error is logged (once per key),
    /// and the English text stands in; without one, nothing is shown. `None` when the key is
    /// there (or the language is not one of ours).
    fn stand_in(&self, kwargs: &tera::Kwargs) -> Option<Option<tera::Value>> {
        let lang = kwargs.get::<&str>("lang").ok()??;
        let key = kwargs.get::<&str>("key").ok()??;
        if !self.is_missing(lang, key) {
            return None;
        }
        let first = MISSING
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert((lang.to_string(), key.to_string()));
        if first {
            tracing::error!(lang, key, "a page asked for a text that does not exist");
        }
        // Missing in English too: an empty text rather than the key.
        Some(self.is_missing("en", key).then(|| tera::Value::from("")))
    }

    /// A text with arguments, formatted in the language's bundle; `None` when the call needs
    /// fluent-templates' general path (another language, an argument name that is not plain
    /// lower case, a value that is not a number or a string, a text missing in the language).
    fn with_arguments(&self, kwargs: &tera::Kwargs) -> Option<tera::Value> {
        let lang = kwargs.get::<&str>("lang").ok()??;
        let key = kwargs.get::<&str>("key").ok()??;
        let (_, tag) = self.tags.iter().find(|(code, _)| *code == lang)?;
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        for (name, value) in kwargs.iter() {
            let name = name.as_str()?;
            if matches!(name, "key" | "lang" | "__tera_one_off") {
                continue;
            }
            // fluent-templates names arguments in kebab case; for plain lower-case names that
            // is `_` → `-`.
            if !name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            {
                return None;
            }
            // The same conversion as fluent-templates: numbers first, then strings.
            let value = if let Some(n) = value.as_f64() {
                FluentValue::from(n)
            } else if let Some(n) = value.as_u64() {
                FluentValue::from(n)
            } else {
                FluentValue::from(value.as_str()?.to_string())
            };
            args.insert(Cow::Owned(name.replace('_', "-")), value);
        }
        let text = self
            .locales
            .lookup_single_language(tag, key, Some(&args))
            .ok()?;
        Some(tera::Value::from(text))
    }
}

/// The `fluent_arg` filter: a value as a Fluent text shows it when passed as an argument (the
/// conversion of [`TemplateTexts`]: numbers first, written as Fluent writes them, `40` for
/// `40.0`; then strings). The language copies of the pages write a text with variables in as
/// its words and `{{ value | fluent_arg }}` for each variable. Other values are left as they are.
pub fn fluent_arg(value: tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    let number = if let Some(n) = value.as_f64() {
        FluentValue::from(n)
    } else if let Some(n) = value.as_u64() {
        FluentValue::from(n)
    } else if let Some(s) = value.as_str() {
        // A new string: never one marked safe, so it is escaped as the call's text would be.
        return tera::Value::from(s.to_string());
    } else {
        return value;
    };
    match number {
        FluentValue::Number(n) => tera::Value::from(n.as_string().into_owned()),
        _ => value,
    }
}

/// Whether a call names only the text and the language.
fn plain(kwargs: &tera::Kwargs) -> bool {
    kwargs
        .iter()
        .all(|(k, _)| matches!(k.as_str(), Some("key" | "lang" | "__tera_one_off")))
}

impl tera::Function<tera::TeraResult<tera::Value>> for TemplateTexts {
    fn call(&self, kwargs: tera::Kwargs, state: &tera::State) -> tera::TeraResult<tera::Value> {
        // Missing here but in English: the general path below falls back to English.
        if let Some(Some(empty)) = self.stand_in(&kwargs) {
            return Ok(empty);
        }
        if !plain(&kwargs) {
            return match self.with_arguments(&kwargs) {
                Some(text) => Ok(text),
                None => self.fluent.call(kwargs, state),
            };
        }
        let (Ok(Some(lang)), Ok(Some(key))) =
            (kwargs.get::<&str>("lang"), kwargs.get::<&str>("key"))
        else {
            return self.fluent.call(kwargs, state);
        };
        if let Some(text) = self
            .plain
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(lang)
            .and_then(|texts| texts.get(key))
        {
            return Ok(text.clone());
        }
        let (lang, key) = (lang.to_string(), key.to_string());
        let text = self.fluent.call(kwargs, state)?;
        self.plain
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .entry(lang)
            .or_default()
            .insert(key, text.clone());
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::TemplateTexts;
    use crate::web::i18n::LOCALES;

    fn render(source: &str, lang: &str, months: i64) -> String {
        let mut tera = tera::Tera::new();
        tera.register_function("fluent", TemplateTexts::new(&LOCALES));
        tera.add_raw_template("t", source).unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("lang", lang);
        ctx.insert("months", &months);
        tera.render("t", &ctx).unwrap()
    }

    #[test]
    fn plain_texts_come_in_each_language_every_time() {
        // One function instance: the second and third calls are answered from memory.
        let source = r#"{{ fluent(key="nav-program", lang="de") }}/{{ fluent(key="nav-program", lang="en") }}/{{ fluent(key="nav-program", lang=lang) }}/{{ fluent(key="app-name", lang=lang) }}"#;
        assert_eq!(render(source, "de", 0), "Programm/Program/Programm/qualify");
        assert_eq!(render(source, "en", 0), "Programm/Program/Program/qualify");
    }

    #[test]
    fn texts_with_arguments_are_formatted_for_each_call() {
        let source = r#"{{ fluent(key="program-validity", lang=lang, months=months) }}|{{ fluent(key="program-validity", lang=lang, months=12) }}"#;
        assert_eq!(
            render(source, "en", 24),
            "Certificates are valid for 24 months.|Certificates are valid for 12 months."
        );
        assert_eq!(
            render(source, "de", 36),
            "Zertifikate sind 36 Monate gültig.|Zertifikate sind 12 Monate gültig."
        );
    }

    #[test]
    fn texts_with_arguments_match_fluent_templates_own_function() {
        // The fast path and fluent-templates' generic function, side by side on the same calls.
        let generic = |source: &str| {
            let mut tera = tera::Tera::new();
            tera.register_function("fluent", fluent_templates::FluentLoader::new(&*LOCALES));
            tera.add_raw_template("t", source).unwrap();
            tera.render("t", &tera::Context::new()).unwrap()
        };
        let fast = |source: &str| {
            let mut tera = tera::Tera::new();
            tera.register_function("fluent", TemplateTexts::new(&LOCALES));
            tera.add_raw_template("t", source).unwrap();
            tera.render("t", &tera::Context::new()).unwrap()
        };
        for lang in ["de", "en", "fr"] {
            for call in [
                r#"key="learn-progress", passed=3, required=7"#,
                r#"key="learn-next-deadline", title="Moderation <1>", due="2026-03-29 23:59""#,
                r#"key="learn-due", due="2026-10-25 23:59""#,
                r#"key="program-validity", months=24"#,
            ] {
                let source = format!(r#"{{{{ fluent(lang="{lang}", {call}) }}}}"#);
                assert_eq!(fast(&source), generic(&source), "{source}");
            }
        }
        assert_eq!(
            fast(r#"{{ fluent(lang="de", key="learn-progress", passed=3, required=7) }}"#),
            "3 von 7 Pflichtaufgaben bestanden"
        );
    }

    #[test]
    fn a_missing_text_shows_english_or_nothing_and_is_recorded_never_the_key() {
        let fast = |source: &str| {
            let mut tera = tera::Tera::new();
            tera.register_function("fluent", TemplateTexts::new(&LOCALES));
            tera.add_raw_template("t", source).unwrap();
            tera.render("t", &tera::Context::new()).unwrap()
        };
        assert_eq!(
            fast(r#"{{ fluent(lang="de", key="no-such-text", months=2) }}"#),
            ""
        );
        assert_eq!(
            fast(r#"{{ fluent(lang="en", key="no-such-text-either") }}"#),
            ""
        );
        let missing = super::missing_keys();
        assert!(missing.contains(&("de".into(), "no-such-text".into())));
        assert!(missing.contains(&("en".into(), "no-such-text-either".into())));
    }
}
