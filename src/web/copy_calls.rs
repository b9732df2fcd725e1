//! The `fluent(…)` calls a page template makes, read from its source, and the shape of the
//! Fluent messages they name. With both, a language's copy of a page (see
//! `language_copies`) can hold a call as plain template text: a message of text and
//! variables becomes its text with `{{ value | fluent_arg }}` in place of each variable, and a
//! call whose key ends in a value (`"module-state-" ~ m.state`) becomes a lookup in a table of
//! that language's texts. Anything else (selectors, terms, functions, a key or value the reader
//! does not understand) stays a call.

use std::collections::HashMap;

use fluent_syntax::ast;
use rust_embed::RustEmbed;

use crate::domain::language::Language;

#[derive(RustEmbed)]
#[folder = "locales/"]
#[include = "*.ftl"]
struct FluentFiles;

/// How a call names its text.
#[derive(Debug, PartialEq, Eq)]
pub enum Key<'a> {
    /// `key="learn-due"`.
    Text(&'a str),
    /// `key="module-state-" ~ m.state`.
    Prefixed {
        /// The literal part.
        prefix: &'a str,
        /// The value appended to it.
        value: &'a str,
    },
}

/// A call `{{ fluent(key=…, lang=lang, name=value, …) }}` in a template's source.
#[derive(Debug, PartialEq, Eq)]
pub struct Call<'a> {
    /// The key.
    pub key: Key<'a>,
    /// The arguments besides key and language: name and the value's path (`c.passed`).
    pub args: Vec<(&'a str, &'a str)>,
    /// The call's length in the source.
    pub len: usize,
}

/// Where every call starts.
pub const START: &str = "{{ fluent(key=";

/// Reads the call at the start of `source`; `None` unless it is one this module understands:
/// the page's own language (`lang=lang`) and values that are plain paths.
pub fn parse(source: &str) -> Option<Call<'_>> {
    let mut rest = source.strip_prefix(START)?;
    let (key_text, after) = quoted(rest)?;
    rest = after;
    let key = match rest.strip_prefix(" ~ ") {
        Some(after) => {
            let (value, after) = path(after)?;
            rest = after;
            Key::Prefixed {
                prefix: key_text,
                value,
            }
        }
        None => Key::Text(key_text),
    };
    rest = rest.strip_prefix(", lang=lang")?;
    let mut args = Vec::new();
    while let Some(after) = rest.strip_prefix(", ") {
        let eq = after.find('=')?;
        let name = &after[..eq];
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            return None;
        }
        let (value, after) = path(&after[eq + 1..])?;
        args.push((name, value));
        rest = after;
    }
    rest = rest.strip_prefix(") }}")?;
    Some(Call {
        key,
        args,
        len: source.len() - rest.len(),
    })
}

/// A quoted message id (letters, digits, `-`, `_`) and what follows it.
fn quoted(s: &str) -> Option<(&str, &str)> {
    let s = s.strip_prefix('"')?;
    let end = s.find('"')?;
    let id = &s[..end];
    let fine = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    fine.then(|| (id, &s[end + 1..]))
}

/// A value path (`c.next_deadline`) and what follows it.
fn path(s: &str) -> Option<(&str, &str)> {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .unwrap_or(s.len());
    let p = &s[..end];
    let fine = p.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && !p.ends_with('.')
        && !p.contains("..");
    fine.then(|| (p, &s[end..]))
}

/// The shape of a message in one language.
#[derive(Debug, PartialEq, Eq)]
pub enum Shape {
    /// Text only.
    Text,
    /// Text and these variables (Fluent names, `due`, `max-points`), nothing else.
    Variables(Vec<String>),
    /// Anything else: selectors, terms, functions, other messages, literals in braces.
    Other,
}

/// The shape of every message of `lang`'s Fluent files.
pub fn shapes(lang: Language) -> HashMap<String, Shape> {
    let folder = format!("{}/", lang.code());
    let mut out = HashMap::new();
    for name in FluentFiles::iter().filter(|n| n.starts_with(&folder)) {
        let Some(file) = FluentFiles::get(&name) else {
            continue;
        };
        let Ok(source) = std::str::from_utf8(&file.data) else {
            continue;
        };
        // A file with a syntax error keeps its good entries; static_loader does the same.
        let resource = match fluent_syntax::parser::parse(source) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        for entry in resource.body {
            if let ast::Entry::Message(m) = entry {
                let shape = m.value.as_ref().map_or(Shape::Other, shape_of);
                out.insert(m.id.name.to_string(), shape);
            }
        }
    }
    out
}

fn shape_of(pattern: &ast::Pattern<&str>) -> Shape {
    let mut variables = Vec::new();
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { .. } => {}
            ast::PatternElement::Placeable {
                expression: ast::Expression::Inline(ast::InlineExpression::VariableReference { id }),
            } => variables.push(id.name.to_string()),
            ast::PatternElement::Placeable { .. } => return Shape::Other,
        }
    }
    if variables.is_empty() {
        Shape::Text
    } else {
        Shape::Variables(variables)
    }
}

/// The Fluent name of a template argument (fluent-templates writes names in kebab case).
pub fn fluent_name(arg: &str) -> String {
    arg.replace('_', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_are_read_with_their_key_and_arguments() {
        let s =
            "{{ fluent(key=\"learn-due\", lang=lang, due=a.due_local, max_points=r.max) }} tail";
        let call = parse(s).unwrap();
        assert_eq!(call.key, Key::Text("learn-due"));
        assert_eq!(
            call.args,
            vec![("due", "a.due_local"), ("max_points", "r.max")]
        );
        assert_eq!(&s[call.len..], " tail");
        let s = "{{ fluent(key=\"module-state-\" ~ m.state, lang=lang) }}";
        let call = parse(s).unwrap();
        assert_eq!(
            call.key,
            Key::Prefixed {
                prefix: "module-state-",
                value: "m.state"
            }
        );
        assert_eq!(call.len, s.len());
        for other in [
            "{{ fluent(key=error, lang=lang) }}",
            "{{ fluent(key=\"a\", lang=\"de\") }}",
            "{{ fluent(key=\"a\", lang=other) }}",
            "{{ fluent(key=\"a\", lang=lang, shown=rows | length) }}",
            "{{ fluent(key=\"a\", lang=lang, from=week[0]) }}",
            "{{ fluent(key=\"a b\", lang=lang) }}",
            "{{ fluent(key=\"a\", lang=lang",
        ] {
            assert_eq!(parse(other), None, "{other}");
        }
    }

    #[test]
    fn messages_are_told_apart_by_shape() {
        let de = shapes(Language::De);
        assert_eq!(de.get("module-state-locked"), Some(&Shape::Text));
        assert_eq!(
            de.get("learn-next-deadline"),
            Some(&Shape::Variables(vec!["title".into(), "due".into()]))
        );
        let en = shapes(Language::En);
        assert!(en.len() > 300, "every English file is read: {}", en.len());
        // A message with a selector is neither text nor text with variables.
        let selecting = en.values().filter(|s| matches!(s, Shape::Other)).count();
        assert!(selecting > 0);
        assert_eq!(fluent_name("max_points"), "max-points");
    }
}
