//! The layout of this test suite, checked on its sources: every file says what it holds, test
//! modules take shared code only from `support/` (and the `qualify` crate) and never from each
//! other, and no test is longer than 150 lines (a longer story is told in named steps).

use crate::support::sources::rust_files;

/// The most lines a test function may have, from `fn` to its closing brace.
const LONGEST_TEST: usize = 150;

/// Every `.rs` file under `tests/api`, as (path relative to it, text).
fn sources() -> Vec<(String, String)> {
    let sources = rust_files("tests/api");
    assert!(sources.len() > 40, "the test sources were not found");
    sources
}

/// Whether a file holds tests (everything but `main.rs` and `support/`).
fn is_test_module(rel: &str) -> bool {
    rel != "main.rs" && !rel.starts_with("support/")
}

#[test]
fn every_file_says_what_it_holds() {
    let undocumented: Vec<String> = sources()
        .into_iter()
        .filter(|(_, text)| !text.starts_with("//! "))
        .map(|(rel, _)| rel)
        .collect();
    assert!(
        undocumented.is_empty(),
        "these files do not start with a `//!` comment saying what they hold: {undocumented:?}"
    );
}

/// The text with every string and character literal and every comment left out (line breaks
/// stay, so lines keep their numbers).
fn code_of(text: &str) -> String {
    let mut code = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let (skipped, after) = if rest.starts_with("//") {
            rest.split_at(rest.find('\n').unwrap_or(rest.len()))
        } else if rest.starts_with("r#\"") {
            rest.split_at(rest.find("\"#").expect("raw string ends") + 2)
        } else if c == '"' {
            let mut chars = rest.char_indices().skip(1);
            let end = loop {
                match chars.next().expect("string ends") {
                    (_, '\\') => {
                        chars.next();
                    }
                    (i, '"') => break i,
                    _ => {}
                }
            };
            rest.split_at(end + 1)
        } else if rest.starts_with("'\"'") || rest.starts_with("'\\\"'") {
            rest.split_at(rest[1..].find('\'').unwrap() + 2)
        } else {
            code.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        };
        code.extend(skipped.chars().filter(|c| *c == '\n'));
        rest = after;
    }
    code
}

#[test]
fn test_modules_import_only_from_support() {
    let mut found = Vec::new();
    for (rel, text) in sources().into_iter().filter(|(r, _)| is_test_module(r)) {
        for (n, (code, line)) in code_of(&text).lines().zip(text.lines()).enumerate() {
            let other_module = code.match_indices("crate::").any(|(at, _)| {
                let target = &code[at + "crate::".len()..];
                !(target.starts_with("support::") || target.starts_with("support;"))
            });
            if other_module || code.contains("super::") {
                found.push(format!("{rel}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "test modules may use only `crate::support::…` (shared code belongs in support/), not \
         each other:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_test_is_longer_than_150_lines() {
    let mut long = Vec::new();
    for (rel, text) in sources().into_iter().filter(|(r, _)| is_test_module(r)) {
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let attribute = lines[i].trim();
            i += 1;
            if attribute != "#[test]" && attribute != "#[actix_web::test]" {
                continue;
            }
            while !lines[i].trim_start().starts_with("async fn ")
                && !lines[i].trim_start().starts_with("fn ")
            {
                i += 1;
            }
            let start = i;
            let indent = lines[start].len() - lines[start].trim_start().len();
            let closing = format!("{}}}", " ".repeat(indent));
            while lines[i] != closing {
                i += 1;
            }
            let length = i - start + 1;
            if length > LONGEST_TEST {
                let name = lines[start].trim_start().trim_start_matches("async ");
                long.push(format!("{rel}:{}: {length} lines: {name}", start + 1));
            }
        }
    }
    assert!(
        long.is_empty(),
        "tests over {LONGEST_TEST} lines: tell the story in named steps (helper functions named \
         for what happens, called in order by the test):\n{}",
        long.join("\n")
    );
}
