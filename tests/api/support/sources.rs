//! Reading the repository's own Rust sources, for the tests that check their layout.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir` (relative to the repository), sorted, as (path relative to
/// `dir`, text).
pub fn rust_files(dir: &str) -> Vec<(String, String)> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    files
        .iter()
        .map(|path| {
            let rel = path.strip_prefix(&root).unwrap().display().to_string();
            (rel, std::fs::read_to_string(path).unwrap())
        })
        .collect()
}
