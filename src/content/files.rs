//! Reading curriculum files: TOML with positions, and Markdown with `+++` TOML front matter.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::loader::Problem;

/// One file's text, with the path shown in problem reports.
pub(super) struct Source {
    pub path: PathBuf,
    pub text: String,
    /// Line number of the first line of `text` within the file (front matter starts at 2).
    pub first_line: usize,
}

impl Source {
    /// Reads a file; a missing or unreadable file is a problem at line 1.
    pub fn read(path: &Path) -> Result<Self, Problem> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Problem::new(path, 1, format!("cannot read the file: {e}")))?;
        Ok(Self {
            path: path.to_path_buf(),
            text,
            first_line: 1,
        })
    }

    /// The file line of a byte offset into `text`.
    pub fn line_at(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.first_line
            + self.text.as_bytes()[..end]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
    }

    /// The file line of a span.
    pub fn line_of(&self, span: &Range<usize>) -> usize {
        self.line_at(span.start)
    }

    /// A problem at a span of this file.
    pub fn problem(&self, span: &Range<usize>, message: impl Into<String>) -> Problem {
        Problem::new(&self.path, self.line_of(span), message)
    }

    /// A problem at a given line of this file.
    pub fn problem_at(&self, line: usize, message: impl Into<String>) -> Problem {
        Problem::new(&self.path, line, message)
    }

    /// Parses the text as TOML into `T`; syntax and shape errors carry their line.
    pub fn parse_toml<T: DeserializeOwned>(&self) -> Result<T, Problem> {
        toml::from_str(&self.text).map_err(|e| {
            let line = e
                .span()
                .map(|s| self.line_of(&s))
                .unwrap_or(self.first_line);
            let message = e.message().trim().replace('\n', " ");
            self.problem_at(line, format!("invalid TOML: {message}"))
        })
    }
}

/// A Markdown file split into its front matter (as a [`Source`] with correct line numbers) and
/// its body.
pub(super) struct Document {
    pub front: Source,
    pub body: String,
}

/// Splits `+++`-delimited TOML front matter, which must start on line 1.
pub(super) fn read_document(path: &Path) -> Result<Document, Problem> {
    let source = Source::read(path)?;
    let text = source.text.replace("\r\n", "\n");
    let Some(rest) = text.strip_prefix("+++\n") else {
        return Err(source.problem_at(
            1,
            "front matter missing: the file must start with a line `+++`, then TOML fields, then `+++`",
        ));
    };
    let close = rest.find("\n+++\n").map(|i| (i, i + 5)).or_else(|| {
        rest.strip_suffix("\n+++")
            .map(|front| (front.len(), rest.len()))
    });
    let Some((front_end, body_start)) = close else {
        return Err(source.problem_at(
            1,
            "front matter is not closed: add a line `+++` after its fields",
        ));
    };
    let front = Source {
        path: source.path.clone(),
        text: rest[..front_end].to_string(),
        first_line: 2,
    };
    let body = rest[body_start..].trim().to_string();
    Ok(Document { front, body })
}

/// Folder names under `dir`, sorted; a missing folder gives an empty list.
pub(super) fn subfolders(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().map(|t| t.is_dir()).unwrap_or(false))
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

/// Whether an id is lowercase kebab-case (`a-z`, `0-9`, `-`), as ids appear in URLs.
pub(super) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}
