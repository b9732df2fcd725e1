//! A copy of every page template per language, with its plain texts written in. A page calls
//! `{{ fluent(key="…", lang=lang) }}` dozens of times, and each call costs the template engine an
//! argument map and a lookup although the answer depends only on the language. At start-up each
//! such call is rendered once per language, exactly as the page would render it (escaped), and
//! the copy named `de:learn/dashboard.html` holds the result as plain text; its `extends` and
//! `include` name the copies of the same language. Calls with other arguments, or whose text
//! would read as template syntax, stay calls. Pages render their language's copy; mails (and
//! anything else) render the originals.

use std::collections::HashMap;

use tera::{Context, Tera};

use crate::domain::language::Language;

const CALL_START: &str = "{{ fluent(key=\"";
const CALL_END: &str = "\", lang=lang) }}";

/// The name of a template's copy in `lang`.
pub fn name(lang: Language, template: &str) -> String {
    format!("{}:{template}", lang.code())
}

/// Whether the template gets language copies: pages (HTML outside the mail folder).
fn copied(template: &str) -> bool {
    template.ends_with(".html") && !template.starts_with("emails/")
}

/// The copies of `sources` for every language, rendered with `tera` (which must have the
/// `fluent` function).
pub fn copies(tera: &Tera, sources: &[(String, String)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for lang in Language::ALL {
        let mut texts: HashMap<String, Option<String>> = HashMap::new();
        for (template, source) in sources.iter().filter(|(n, _)| copied(n)) {
            let text = write_in(source, |key| {
                texts
                    .entry(key.to_string())
                    .or_insert_with(|| plain_text(tera, lang, key))
                    .clone()
            });
            out.push((name(lang, template), point_at_copies(&text, lang)));
        }
    }
    out
}

/// The text as a page in `lang` renders it, unless it is missing or holds braces.
fn plain_text(tera: &Tera, lang: Language, key: &str) -> Option<String> {
    let call = format!("{CALL_START}{key}\", lang=\"{}\") }}}}", lang.code());
    let text = tera.render_str(&call, &Context::new(), true).ok()?;
    (!text.contains(['{', '}'])).then_some(text)
}

/// `source` with each plain call whose text `text_of` knows replaced by that text.
fn write_in(source: &str, mut text_of: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = rest.find(CALL_START) {
        out.push_str(&rest[..at]);
        let after = &rest[at + CALL_START.len()..];
        let key_end = after.find('"').unwrap_or(after.len());
        let key = &after[..key_end];
        let plain = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            && after[key_end..].starts_with(CALL_END);
        let replaced = if plain {
            text_of(key).map(|text| (text, &after[key_end + CALL_END.len()..]))
        } else {
            None
        };
        match replaced {
            Some((text, next)) => {
                out.push_str(&text);
                rest = next;
            }
            None => {
                out.push_str(CALL_START);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `extends` and `include` pointed at the copies in `lang`.
fn point_at_copies(source: &str, lang: Language) -> String {
    let prefix = format!("{}:", lang.code());
    source
        .replace("{% extends \"", &format!("{{% extends \"{prefix}"))
        .replace("{% include \"", &format!("{{% include \"{prefix}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template_texts::TemplateTexts;

    fn tera_with(sources: &[(String, String)]) -> Tera {
        let mut tera = Tera::new();
        tera.register_function("fluent", TemplateTexts::new(&crate::i18n::LOCALES));
        tera.add_raw_templates(sources.to_vec()).unwrap();
        let copies = copies(&tera, sources);
        tera.add_raw_templates(copies).unwrap();
        tera
    }

    #[test]
    fn a_copy_renders_exactly_as_the_original_in_its_language() {
        let sources: Vec<(String, String)> = [
            ("base.html", "<title>{{ fluent(key=\"app-name\", lang=lang) }}</title>{% include \"partials/p.html\" %}{% block content %}{% endblock content %}"),
            ("partials/p.html", "<nav aria-label=\"{{ fluent(key=\"nav-label\", lang=lang) }}\">{{ fluent(key=\"nav-program\", lang=lang) }}</nav>"),
            ("page.html", "{% extends \"base.html\" %}{% block content %}{{ fluent(key=\"learn-title\", lang=lang) }}|{{ fluent(key=\"learn-progress\", lang=lang, passed=n, required=7) }}|{{ fluent(key=\"no-such-text\", lang=\"de\") }}|{{ fluent(key=\"nav-program\", lang=other) }}{% endblock content %}"),
        ]
        .iter()
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .collect();
        let tera = tera_with(&sources);
        for lang in Language::ALL {
            let mut ctx = Context::new();
            ctx.insert("lang", lang.code());
            ctx.insert("other", "en");
            ctx.insert("n", &3);
            let original = tera.render("page.html", &ctx).unwrap();
            let copy = tera.render(&name(lang, "page.html"), &ctx).unwrap();
            assert_eq!(copy, original, "{lang:?}");
        }
        // The plain calls were written in; the others stay calls.
        let page = copies(&tera, &sources)
            .into_iter()
            .find(|(n, _)| n == "en:page.html")
            .unwrap()
            .1;
        assert!(page.starts_with("{% extends \"en:base.html\" %}{% block content %}My learning|"));
        assert!(page.contains("fluent(key=\"learn-progress\", lang=lang, passed=n"));
        assert!(page.contains("fluent(key=\"no-such-text\""));
    }

    #[test]
    fn plain_calls_are_written_in_and_others_stay_calls() {
        let calls = "{{ fluent(key=\"a\", lang=lang) }} {{ fluent(key=\"b\", lang=lang, n=1) }} {{ fluent(key=\"c\", lang=lang) }} {{ fluent(key=\"x";
        let written = write_in(calls, |key| (key != "c").then(|| format!("<{key}>")));
        assert_eq!(
            written,
            "<a> {{ fluent(key=\"b\", lang=lang, n=1) }} {{ fluent(key=\"c\", lang=lang) }} {{ fluent(key=\"x"
        );
        assert_eq!(
            point_at_copies(
                "{% extends \"base.html\" %}{% include \"partials/csrf.html\" %}",
                Language::En
            ),
            "{% extends \"en:base.html\" %}{% include \"en:partials/csrf.html\" %}"
        );
    }
}
