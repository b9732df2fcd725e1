//! A copy of every page template per language, with its plain texts written in. A page calls
//! `{{ fluent(key="…", lang=lang) }}` dozens of times, and each call costs the template engine an
//! argument map and a lookup although the answer depends only on the language. At start-up each
//! such call is rendered once per language, exactly as the page would render it (escaped), and
//! the copy named `de:learn/dashboard.html` holds the result as plain text; its `extends` and
//! `include` name the copies of the same language. Calls with other arguments, or whose text
//! would read as template syntax, stay calls. Pages render their language's copy; mails (and
//! anything else) render the originals. Each call cost about 5,400 instructions; with the
//! copies the trainee dashboard, the most requested page, makes none.

use std::collections::HashMap;

use tera::{Context, Tera};

use crate::domain::language::Language;
use crate::web::copy_calls::{Call, Key, START, Shape, fluent_name, parse, shapes};

/// Stands for a message's variable while its text is worked out (private-use characters,
/// which neither Fluent nor escaping change).
const MARK_START: char = '\u{E000}';
const MARK_END: char = '\u{E001}';

/// The name of a template's copy in `lang`.
pub fn name(lang: Language, template: &str) -> String {
    format!("{}:{template}", lang.code())
}

/// Whether the template gets language copies: pages (HTML outside the mail folder).
fn copied(template: &str) -> bool {
    template.ends_with(".html") && !template.starts_with("emails/")
}

/// The copies of `sources` for every language, rendered with `tera` (which must have the
/// `fluent` function and the `fluent_arg` filter).
pub fn copies(tera: &Tera, sources: &[(String, String)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for lang in Language::ALL {
        let mut writer = Writer {
            tera,
            lang,
            shapes: shapes(lang),
            done: HashMap::new(),
        };
        for (template, source) in sources.iter().filter(|(n, _)| copied(n)) {
            let text = write_in(source, |call, original| {
                if let Some(known) = writer.done.get(original) {
                    return known.clone();
                }
                let text = writer.replacement(call, original);
                writer.done.insert(original.to_string(), text.clone());
                text
            });
            out.push((name(lang, template), point_at_copies(&text, lang)));
        }
    }
    out
}

/// What the calls of one language's copies become.
struct Writer<'a> {
    tera: &'a Tera,
    lang: Language,
    shapes: HashMap<String, Shape>,
    /// Replacements by the call's source text.
    done: HashMap<String, Option<String>>,
}

impl Writer<'_> {
    /// The template text that renders as `call` does in this language, if there is one.
    fn replacement(&self, call: &Call, original: &str) -> Option<String> {
        match call.key {
            Key::Text(key) if call.args.is_empty() => self.plain_text(key),
            Key::Text(key) => self.with_values(key, &call.args),
            Key::Prefixed { prefix, value } if call.args.is_empty() => {
                self.table(prefix, value, original)
            }
            Key::Prefixed { .. } => None,
        }
    }

    /// The text as a page in this language renders it, unless it is missing or holds braces.
    fn plain_text(&self, key: &str) -> Option<String> {
        let call = format!("{START}\"{key}\", lang=\"{}\") }}}}", self.lang.code());
        let text = self.tera.render_str(&call, &Context::new(), true).ok()?;
        template_text(&text)?;
        Some(text)
    }

    /// A message of text and variables, each of them given by the call: its text (rendered
    /// as the page renders it, with marks for the variables) with each mark replaced by the
    /// variable's value.
    fn with_values(&self, key: &str, args: &[(&str, &str)]) -> Option<String> {
        let Some(Shape::Variables(variables)) = self.shapes.get(key) else {
            return None;
        };
        if !variables
            .iter()
            .all(|v| args.iter().any(|(name, _)| fluent_name(name) == *v))
        {
            return None;
        }
        let mut call = format!("{START}\"{key}\", lang=\"{}\"", self.lang.code());
        let mut ctx = Context::new();
        for (i, (name, _)) in args.iter().enumerate() {
            call.push_str(&format!(", {name}=v{i}"));
            ctx.insert(format!("v{i}"), &format!("{MARK_START}{i}{MARK_END}"));
        }
        call.push_str(") }}");
        let text = self.tera.render_str(&call, &ctx, true).ok()?;
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(at) = rest.find(MARK_START) {
            out.push_str(template_text(&rest[..at])?);
            let after = &rest[at + MARK_START.len_utf8()..];
            let end = after.find(MARK_END)?;
            let (_, path) = args.get(after[..end].parse::<usize>().ok()?)?;
            out.push_str(&format!("{{{{ {path} | fluent_arg }}}}"));
            rest = &after[end + MARK_END.len_utf8()..];
        }
        out.push_str(template_text(rest)?);
        Some(out)
    }

    /// A call whose key ends in a value: a table of this language's texts with that prefix,
    /// and the call itself for a value the table does not hold (or a text that a template
    /// string could not hold as it is: quotes, backslashes, braces, line breaks).
    fn table(&self, prefix: &str, value: &str, original: &str) -> Option<String> {
        let mut entries: Vec<(&str, String)> = self
            .shapes
            .iter()
            .filter(|(key, shape)| key.starts_with(prefix) && **shape == Shape::Text)
            .filter_map(|(key, _)| {
                let text = crate::web::i18n::t(self.lang, key);
                let literal = !text.contains(['"', '\\', '{', '}', '\n']);
                literal.then(|| (&key[prefix.len()..], text))
            })
            .collect();
        if entries.is_empty() {
            return None;
        }
        entries.sort();
        let table = entries
            .iter()
            .map(|(k, v)| format!("\"{k}\": \"{v}\""))
            .collect::<Vec<_>>()
            .join(", ");
        Some(format!(
            "{{% if {value} in {{{table}}} %}}{{{{ {{{table}}}[{value}] }}}}{{% else %}}{original}{{% endif %}}"
        ))
    }
}

/// Text that a template holds as text: without braces, which could read as template syntax.
fn template_text(text: &str) -> Option<&str> {
    (!text.contains(['{', '}'])).then_some(text)
}

/// `source` with each call that `replace` knows a text for (given the call and its source
/// text) replaced by that text.
fn write_in(source: &str, mut replace: impl FnMut(&Call, &str) -> Option<String>) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = rest.find(START) {
        out.push_str(&rest[..at]);
        let from = &rest[at..];
        match parse(from).and_then(|call| Some((replace(&call, &from[..call.len])?, call.len))) {
            Some((text, len)) => {
                out.push_str(&text);
                rest = &from[len..];
            }
            None => {
                out.push_str(START);
                rest = &from[START.len()..];
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
    use crate::web::fluent_function::{TemplateTexts, fluent_arg};

    fn tera_with(sources: &[(String, String)]) -> Tera {
        let mut tera = Tera::new();
        tera.register_function("fluent", TemplateTexts::new(&crate::web::i18n::LOCALES));
        tera.register_filter("fluent_arg", fluent_arg);
        tera.add_raw_templates(sources.to_vec()).unwrap();
        let copies = copies(&tera, sources);
        tera.add_raw_templates(copies).unwrap();
        tera
    }

    fn sources(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect()
    }

    fn copy_of(tera: &Tera, sources: &[(String, String)], name: &str) -> String {
        copies(tera, sources)
            .into_iter()
            .find(|(n, _)| n == name)
            .unwrap()
            .1
    }

    #[test]
    fn a_copy_renders_exactly_as_the_original_in_its_language() {
        let sources = sources(&[
            (
                "base.html",
                "<title>{{ fluent(key=\"app-name\", lang=lang) }}</title>{% include \"partials/p.html\" %}{% block content %}{% endblock content %}",
            ),
            (
                "partials/p.html",
                "<nav aria-label=\"{{ fluent(key=\"nav-label\", lang=lang) }}\">{{ fluent(key=\"nav-program\", lang=lang) }}</nav>",
            ),
            (
                "page.html",
                concat!(
                    "{% extends \"base.html\" %}{% block content %}",
                    "{{ fluent(key=\"learn-title\", lang=lang) }}",
                    "|{{ fluent(key=\"learn-progress\", lang=lang, passed=n, required=r) }}",
                    "|{{ fluent(key=\"learn-next-deadline\", lang=lang, title=t.title, due=t.due) }}",
                    "|{{ fluent(key=\"grading-hours\", lang=lang, hours=h) }}|{{ fluent(key=\"grading-hours\", lang=lang, hours=whole) }}",
                    "|{{ fluent(key=\"people-count\", lang=lang, count=n) }}",
                    "{% for s in states %}|{{ fluent(key=\"module-state-\" ~ s, lang=lang) }}{% endfor %}",
                    "|{{ fluent(key=\"no-such-text\", lang=\"de\") }}|{{ fluent(key=\"nav-program\", lang=other) }}",
                    "{% endblock content %}"
                ),
            ),
        ]);
        let tera = tera_with(&sources);
        for lang in Language::ALL {
            for (n, h) in [(1, 2.5), (3, 12.0)] {
                let mut ctx = Context::new();
                ctx.insert("lang", lang.code());
                ctx.insert("other", "en");
                ctx.insert("n", &n);
                ctx.insert("r", &7);
                ctx.insert("h", &h);
                ctx.insert("whole", &40.0);
                ctx.insert(
                    "t",
                    &HashMap::from([
                        ("title", "<Canvas> & \"Plan\""),
                        ("due", "2026-12-10 23:59"),
                    ]),
                );
                ctx.insert("states", &["locked", "in_review", "no_such_state"]);
                let original = tera.render("page.html", &ctx).unwrap();
                let copy = tera.render(&name(lang, "page.html"), &ctx).unwrap();
                assert_eq!(copy, original, "{lang:?}");
            }
        }
        let page = copy_of(&tera, &sources, "en:page.html");
        // Plain texts, and texts with variables, are written in.
        assert!(
            page.starts_with("{% extends \"en:base.html\" %}{% block content %}My learning|"),
            "{page}"
        );
        assert!(
            page.contains("|next: {{ t.title | fluent_arg }}, due {{ t.due | fluent_arg }}|"),
            "{page}"
        );
        assert!(page.contains("|{{ h | fluent_arg }} h|"), "{page}");
        // A key ending in a value is looked up in a table, with the call for anything else.
        assert!(page.contains("{% if s in {"), "{page}");
        assert!(page.contains("\"locked\": \"locked\""), "{page}");
        // A selector, a missing text and another language stay calls.
        assert!(page.contains("fluent(key=\"people-count\", lang=lang, count=n)"));
        assert!(page.contains("fluent(key=\"learn-progress\", lang=lang, passed=n, required=r)"));
        assert!(page.contains("fluent(key=\"no-such-text\""));
        assert!(page.contains("fluent(key=\"nav-program\", lang=other)"));
    }

    #[test]
    fn calls_are_replaced_only_where_a_text_is_known() {
        let calls = "{{ fluent(key=\"a\", lang=lang) }} {{ fluent(key=\"b\", lang=lang, n=1) }} {{ fluent(key=\"c\", lang=lang) }} {{ fluent(key=\"x";
        let written = write_in(calls, |call, original| match call.key {
            Key::Text("c") => None,
            Key::Text(key) => Some(format!("<{key}:{original}>")),
            Key::Prefixed { .. } => None,
        });
        assert_eq!(
            written,
            "<a:{{ fluent(key=\"a\", lang=lang) }}> {{ fluent(key=\"b\", lang=lang, n=1) }} {{ fluent(key=\"c\", lang=lang) }} {{ fluent(key=\"x"
        );
        assert_eq!(
            point_at_copies(
                "{% extends \"base.html\" %}{% include \"partials/csrf.html\" %}",
                Language::En
            ),
            "{% extends \"en:base.html\" %}{% include \"en:partials/csrf.html\" %}"
        );
    }

    #[test]
    fn a_message_with_braces_in_its_text_stays_a_call() {
        assert_eq!(template_text("a { b"), None);
        assert_eq!(template_text("fällig "), Some("fällig "));
    }
}
