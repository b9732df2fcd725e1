//! The templates' `fluent(key=…, lang=…)` function. A text without arguments is the same for
//! every page in a language, so after its first lookup it is answered from memory: a page makes
//! dozens of these calls, and each would otherwise parse the language tag and format the
//! message again. Calls with arguments go to Fluent every time.

use std::collections::HashMap;
use std::sync::RwLock;

use fluent_templates::{FluentLoader, StaticLoader};

type Texts = HashMap<String, HashMap<String, tera::Value>>;

/// `fluent(…)` for the templates.
pub struct TemplateTexts {
    fluent: FluentLoader<&'static StaticLoader>,
    /// Plain texts by language and key.
    plain: RwLock<Texts>,
}

impl TemplateTexts {
    /// Texts from these Fluent bundles.
    pub fn new(locales: &'static StaticLoader) -> Self {
        Self {
            fluent: FluentLoader::new(locales),
            plain: RwLock::new(HashMap::new()),
        }
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
        if !plain(&kwargs) {
            return self.fluent.call(kwargs, state);
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
    use crate::i18n::LOCALES;

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
}
