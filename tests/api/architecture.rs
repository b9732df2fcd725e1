//! The layout of the service's sources, checked on the sources themselves: the two front doors
//! (`src/routes`, `src/api`) never import each other and never reach the database themselves
//! (only the health checks test the connection), `src/` keeps at most eight files at its top,
//! and no import cycle runs between its top-level modules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::support::sources::rust_files;

/// What a front door must not name: the database layer below the areas.
const BELOW_THE_AREAS: [&str; 6] = [
    "db::models",
    "db::schema",
    "diesel",
    "write_tx",
    "per_backend",
    "sql_query",
];

/// The one front-door file that may ask the database directly: it tests the connection.
const HEALTH_CHECK: &str = "routes/health.rs";

/// Every `.rs` file under `src/`, as (path relative to it, text without comments and tests).
fn sources() -> Vec<(String, String)> {
    let sources: Vec<_> = rust_files("src")
        .into_iter()
        .map(|(rel, text)| (rel, code_of(&text)))
        .collect();
    assert!(sources.len() > 100, "the service's sources were not found");
    sources
}

/// The code of a file: comments dropped, and its unit tests (`#[cfg(test)] mod tests`) too.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level module a file belongs to (`grading/review.rs` → `grading`).
fn module_of(rel: &str) -> String {
    rel.split('/')
        .next()
        .unwrap()
        .trim_end_matches(".rs")
        .to_string()
}

/// The top-level modules a file's code names through `crate::`.
fn names(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            for part in inner.split(',') {
                let name = part.trim().split("::").next().unwrap_or("").trim();
                if !name.is_empty() {
                    found.insert(name.to_string());
                }
            }
        } else {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            found.insert(rest[..end].to_string());
        }
    }
    found
}

/// Which top-level module names which other ones.
fn graph(sources: &[(String, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (rel, code) in sources {
        let from = module_of(rel);
        let to: BTreeSet<String> = names(code).into_iter().filter(|n| *n != from).collect();
        graph.entry(from).or_default().extend(to);
    }
    graph
}

/// A cycle through `start`, if there is one: the modules along it.
fn cycle_through(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in graph.get(&node).into_iter().flatten() {
            if next == start {
                return Some([path.clone(), vec![start.to_string()]].concat());
            }
            if seen.insert(next.clone()) {
                stack.push((next.clone(), [path.clone(), vec![next.clone()]].concat()));
            }
        }
    }
    None
}

#[test]
fn the_front_doors_call_the_areas_and_never_each_other_or_the_database() {
    let mut crossings = Vec::new();
    for (rel, code) in sources() {
        let door = module_of(&rel);
        if door != "routes" && door != "api" {
            continue;
        }
        let other = if door == "routes" { "api" } else { "routes" };
        if names(&code).contains(other) {
            crossings.push(format!("{rel} imports crate::{other}"));
        }
        if rel == HEALTH_CHECK {
            continue;
        }
        for word in BELOW_THE_AREAS {
            if code.contains(word) {
                crossings.push(format!("{rel} names {word}"));
            }
        }
    }
    assert!(
        crossings.is_empty(),
        "front doors parse, authorize, call an area function and render:\n{}",
        crossings.join("\n")
    );
}

#[test]
fn no_import_cycle_runs_between_the_top_level_modules() {
    let graph = graph(&sources());
    assert!(graph.contains_key("grading") && graph.contains_key("routes"));
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|module| cycle_through(&graph, module))
        .map(|cycle| cycle.join(" → "))
        .collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn src_keeps_at_most_eight_files_at_its_top() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(files.contains(&"lib.rs".to_string()));
    assert!(files.len() <= 8, "files at the top of src/: {files:?}");
}

#[test]
fn the_checks_see_a_crossing_and_a_cycle() {
    let code = code_of("use crate::api::x; // crate::db\nfn f() { crate::{db, web::y}; }");
    assert_eq!(
        names(&code),
        ["api", "db", "web"].iter().map(|s| s.to_string()).collect()
    );
    let sources = vec![
        ("a/x.rs".to_string(), "use crate::b::y;".to_string()),
        ("b.rs".to_string(), "use crate::c::z;".to_string()),
        (
            "c/mod.rs".to_string(),
            "fn f() { crate::a::x(); }".to_string(),
        ),
    ];
    let found = cycle_through(&graph(&sources), "a").expect("a cycle");
    assert_eq!(found, ["a", "b", "c", "a"]);
    assert!(code_of("let s = \"http://x\";").contains("http://x"));
}
