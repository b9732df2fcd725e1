//! The lines of each kind of source as people read them, for the glossary scanner: Fluent
//! messages by key, TOML string values by language, Markdown without code, templates without
//! tera blocks and tags.

use super::glossary::Lang;

/// Removes inline code (between backticks) from a Markdown line.
pub(super) fn without_code(line: &str) -> String {
    line.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

/// The string values of a TOML line, by language (`de = "…"` / `en = "…"`, also in inline
/// tables). Other values are not texts people read.
pub fn toml_texts(line: &str) -> Vec<(Lang, String)> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i + 2 < bytes.len() {
        let lang = match line.get(i..i + 2) {
            Some("de") => Lang::De,
            Some("en") => Lang::En,
            _ => {
                i += 1;
                continue;
            }
        };
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let rest = line[i + 2..].trim_start();
        let Some(value) = rest.strip_prefix('=').map(str::trim_start) else {
            i += 1;
            continue;
        };
        let Some(quote) = value.chars().next().filter(|q| *q == '"' || *q == '\'') else {
            i += 1;
            continue;
        };
        if !before_ok {
            i += 1;
            continue;
        }
        let (text, len) = toml_string(&value[1..], quote);
        out.push((lang, text));
        i = line.len() - value.len() + 1 + len;
    }
    out
}

/// A TOML string's text after its opening quote, and how many bytes it took.
pub(super) fn toml_string(s: &str, quote: char) -> (String, usize) {
    let mut text = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '\\' && quote == '"' {
            if let Some((_, next)) = chars.next() {
                text.push(next);
            }
        } else if c == quote {
            return (text, i + 1);
        } else {
            text.push(c);
        }
    }
    (text, s.len())
}

/// The text of each line of a Fluent file with the key it belongs to; comments, variable
/// references and variant keys are left out.
pub(super) fn fluent_lines(source: &str) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    let mut key = String::new();
    for (n, line) in source.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let value = match line.split_once(" = ") {
            Some((k, v)) if !line.starts_with(' ') => {
                key = k.trim().to_string();
                v
            }
            _ => line,
        };
        out.push((n + 1, key.clone(), fluent_words_only(value)));
    }
    out
}

/// A Fluent line without `{ … }` placeables and `[one]` / `*[other]` variant keys.
pub(super) fn fluent_words_only(value: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    let trimmed = value.trim_start();
    let value = match trimmed
        .strip_prefix('*')
        .unwrap_or(trimmed)
        .strip_prefix('[')
    {
        Some(rest) => rest.split_once(']').map_or("", |(_, after)| after),
        None => value,
    };
    for c in value.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Markdown lines to read: the body without fenced code and inline code; in the front
/// matter only the string values.
pub(super) fn markdown_lines(source: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut front_matter = false;
    let mut fence = false;
    for (n, line) in source.lines().enumerate() {
        if line.trim() == "+++" {
            front_matter = !front_matter;
            continue;
        }
        if line.trim_start().starts_with("```") {
            fence = !fence;
            continue;
        }
        if fence {
            continue;
        }
        if front_matter {
            if let Some((_, value)) = line.split_once('=') {
                let value = value.trim();
                let quote = value.chars().next().unwrap_or('"');
                let (text, _) = toml_string(value.get(1..).unwrap_or(""), quote);
                out.push((n + 1, text));
            }
            continue;
        }
        out.push((n + 1, without_code(line)));
    }
    out
}

/// Template lines as people read them: without tera blocks and tags.
pub(super) fn template_lines(source: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut inside: Option<&str> = None;
    for (n, line) in source.lines().enumerate() {
        let mut text = String::new();
        let mut rest = line;
        while !rest.is_empty() {
            if let Some(end) = inside {
                match rest.find(end) {
                    Some(i) => {
                        rest = &rest[i + end.len()..];
                        inside = None;
                    }
                    None => rest = "",
                }
                continue;
            }
            let opens = [("{{", "}}"), ("{%", "%}"), ("{#", "#}"), ("<", ">")];
            let next = opens
                .iter()
                .filter_map(|(open, end)| rest.find(open).map(|i| (i, *open, *end)))
                .min_by_key(|(i, _, _)| *i);
            match next {
                Some((i, open, end)) => {
                    text.push_str(&rest[..i]);
                    text.push(' ');
                    rest = &rest[i + open.len()..];
                    inside = Some(end);
                }
                None => {
                    text.push_str(rest);
                    rest = "";
                }
            }
        }
        out.push((n + 1, text));
    }
    out
}
