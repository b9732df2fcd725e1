//! The scanner behind the glossary test: reads the texts people see (Fluent files, templates,
//! the curriculum, the docs), splits them into words by language and reports every ruled-out
//! word, wrong quotation mark and count without a plural selector as `path:line: …`.
//!
//! The rules themselves (which word, what to write instead) are tables in the test.

use std::fmt;
use std::path::Path;

use fluent_syntax::ast;

pub use super::glossary_sources::toml_texts;
use super::glossary_sources::{fluent_lines, markdown_lines, template_lines};

/// The language of a stretch of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// German.
    De,
    /// English.
    En,
}

/// Where a text is shown; a rule names the widest place it applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// Pages and mails: the Fluent files and the templates.
    Ui,
    /// The curriculum: lessons, briefs, rubrics, program description.
    Course,
    /// The documentation (English only; spelling rules only).
    Docs,
}

/// One ruled-out wording: `words` are alternatives separated by `|`; an alternative of
/// several words matches them in a row; `*` at the end of a word matches any ending. Case
/// does not matter.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// The language whose texts the rule reads.
    pub lang: Lang,
    /// The widest place it applies to (`Ui` < `Course` < `Docs`).
    pub up_to: Place,
    /// The ruled-out words.
    pub words: &'static str,
    /// What to write instead.
    pub write: &'static str,
}

/// A ruled-out word in the messages whose key has one of `key_parts` as a `-`/`_` part: the
/// word is right elsewhere (abmelden means signing out) but wrong in that sense.
#[derive(Debug, Clone, Copy)]
pub struct SenseRule {
    /// Key parts, separated by `|`.
    pub key_parts: &'static str,
    /// The ruled-out words (as in [`Rule`]).
    pub words: &'static str,
    /// What to write instead.
    pub write: &'static str,
}

/// The rules a scan applies.
pub struct Rules<'a> {
    /// Words by language and place.
    pub words: &'a [Rule],
    /// Words by the sense of a Fluent message.
    pub senses: &'a [SenseRule],
    /// Fluent variables that hold a count.
    pub counts: &'a [&'a str],
    /// Words that may follow a count without a plural selector (they do not change with it).
    pub after_count: &'a [&'a str],
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// File, relative to the repository.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong and what to write instead.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}

/// A text to read: where it is, its language(s) and place.
pub struct Source<'a> {
    /// File, relative to the repository.
    pub path: &'a str,
    /// Its text.
    pub text: &'a str,
    /// Languages of the text (templates are both).
    pub langs: &'a [Lang],
    /// Where it is shown.
    pub place: Place,
}

/// The words of a line: runs of letters and digits, joined by `-`, `:` or `_` inside a word
/// (`Co-Trainer:innen-Pool`, `E-Mail`, `pass_threshold` are one word each).
pub fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in line.chars() {
        if c.is_alphanumeric() || (matches!(c, '-' | ':' | '_') && !word.is_empty()) {
            word.push(c);
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    out.push(word);
    out.into_iter()
        .map(|w| w.trim_end_matches(['-', ':', '_']).to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

fn word_matches(pattern: &str, word: &str) -> bool {
    let word = word.to_lowercase();
    match pattern.strip_suffix('*') {
        Some(prefix) => word.starts_with(&prefix.to_lowercase()),
        None => word == pattern.to_lowercase(),
    }
}

/// The first alternative of `words` found in `line`'s words, as written there.
pub fn find(words_rule: &str, line: &str) -> Option<String> {
    let found = words(line);
    for alternative in words_rule.split('|') {
        let pattern: Vec<&str> = alternative.split_whitespace().collect();
        if pattern.is_empty() || pattern.len() > found.len() {
            continue;
        }
        for start in 0..=found.len() - pattern.len() {
            let run = &found[start..start + pattern.len()];
            if pattern.iter().zip(run).all(|(p, w)| word_matches(p, w)) {
                return Some(run.join(" "));
            }
        }
    }
    None
}

/// Checks one stretch of text in one language: ruled-out words and quotation marks.
pub fn check_text(rules: &Rules<'_>, lang: Lang, place: Place, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for rule in rules.words {
        if rule.lang == lang
            && place <= rule.up_to
            && let Some(w) = find(rule.words, text)
        {
            out.push(format!("„{w}“ is ruled out: write {}", rule.write));
        }
    }
    if place == Place::Docs {
        return out;
    }
    let wrong_quotes: &[(char, &str)] = match lang {
        Lang::De => &[
            ('”', "German quotes „…“"),
            ('"', "German quotes „…“, not \"…\""),
        ],
        Lang::En => &[
            ('„', "English quotes “…”, not „…“"),
            ('‚', "English quotes ‘…’, not ‚…‘"),
            ('"', "English quotes “…”, not \"…\""),
        ],
    };
    for (c, write) in wrong_quotes {
        if text.contains(*c) {
            out.push(format!(
                "the quotation mark {c} is wrong here: write {write}"
            ));
        }
    }
    out
}

/// Scans one source by its kind (Fluent, TOML, Markdown, template).
pub fn scan(rules: &Rules<'_>, source: &Source<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push = |line: usize, message: String| {
        out.push(Finding {
            path: source.path.to_string(),
            line,
            message,
        })
    };
    let ext = Path::new(source.path)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    match ext {
        "ftl" => {
            let lang = source.langs[0];
            for (n, key, text) in fluent_lines(source.text) {
                for m in check_text(rules, lang, source.place, &text) {
                    push(n, format!("{key}: {m}"));
                }
                for m in check_sense(rules, &key, &text) {
                    push(n, format!("{key}: {m}"));
                }
            }
            for (n, m) in check_counts(rules, source.text) {
                push(n, m);
            }
        }
        "toml" => {
            for (n, line) in source.text.lines().enumerate() {
                for (lang, text) in toml_texts(line) {
                    for m in check_text(rules, lang, source.place, &text) {
                        push(n + 1, m);
                    }
                }
            }
        }
        "md" => {
            for (n, text) in markdown_lines(source.text) {
                for lang in source.langs {
                    for m in check_text(rules, *lang, source.place, &text) {
                        push(n, m);
                    }
                }
            }
        }
        _ => {
            for (n, text) in template_lines(source.text) {
                for lang in source.langs {
                    for m in check_text(rules, *lang, source.place, &text) {
                        push(n, m);
                    }
                }
            }
        }
    }
    out
}

fn key_has_part(key: &str, parts: &str) -> bool {
    key.split(['-', '_'])
        .any(|p| parts.split('|').any(|want| want.trim() == p))
}

fn check_sense(rules: &Rules<'_>, key: &str, text: &str) -> Vec<String> {
    rules
        .senses
        .iter()
        .filter(|r| key_has_part(key, r.key_parts))
        .filter_map(|r| {
            find(r.words, text).map(|w| format!("„{w}“ is the wrong word here: write {}", r.write))
        })
        .collect()
}

/// Counts placed without a plural selector: a count variable followed by a word that changes
/// with the number ("{ $hours } Stunden" says "1 Stunden").
pub fn check_counts(rules: &Rules<'_>, source: &str) -> Vec<(usize, String)> {
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let mut out = Vec::new();
    for entry in &resource.body {
        let ast::Entry::Message(m) = entry else {
            continue;
        };
        let Some(pattern) = &m.value else { continue };
        let mut bad = Vec::new();
        unselected_counts(rules, pattern, &[], &mut bad);
        let key = m.id.name;
        let line = source
            .lines()
            .position(|l| l.starts_with(&format!("{key} =")))
            .map_or(0, |i| i + 1);
        for (var, word) in bad {
            out.push((
                line,
                format!(
                    "{key}: „{{ ${var} }} {word}“ needs a plural selector: \
                     {{ ${var} -> [one] … *[other] … }}"
                ),
            ));
        }
    }
    out
}

fn unselected_counts(
    rules: &Rules<'_>,
    pattern: &ast::Pattern<&str>,
    selected: &[&str],
    bad: &mut Vec<(String, String)>,
) {
    let elements = &pattern.elements;
    for (i, element) in elements.iter().enumerate() {
        let ast::PatternElement::Placeable { expression } = element else {
            continue;
        };
        match expression {
            ast::Expression::Inline(ast::InlineExpression::VariableReference { id }) => {
                let var = id.name;
                if !rules.counts.contains(&var) || selected.contains(&var) {
                    continue;
                }
                let next = match elements.get(i + 1) {
                    Some(ast::PatternElement::TextElement { value }) => *value,
                    _ => "",
                };
                let starts_with_word = next.starts_with(' ')
                    && next
                        .trim_start()
                        .chars()
                        .next()
                        .is_some_and(char::is_alphabetic);
                let word = words(next).into_iter().next().unwrap_or_default();
                if starts_with_word
                    && !rules
                        .after_count
                        .iter()
                        .any(|w| w.eq_ignore_ascii_case(&word))
                {
                    bad.push((var.to_string(), word));
                }
            }
            ast::Expression::Select { selector, variants } => {
                let mut inner = selected.to_vec();
                if let ast::InlineExpression::VariableReference { id } = selector {
                    inner.push(id.name);
                }
                for v in variants {
                    unselected_counts(rules, &v.value, &inner, bad);
                }
            }
            ast::Expression::Inline(_) => {}
        }
    }
}
