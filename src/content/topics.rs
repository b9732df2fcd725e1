//! The expert directory's topic vocabulary, `expert_topics.toml` beside the programs: ids with
//! their German and English labels, in the order the filter shows them.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::files::{Source, is_valid_id};
use super::loader::Problem;

/// The file's name in the curriculum folder.
pub const FILE: &str = "expert_topics.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopics {
    #[serde(default)]
    topics: Vec<RawTopic>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    id: Spanned<String>,
    de: Spanned<String>,
    en: Spanned<String>,
}

/// One topic.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Topic {
    /// Stable id.
    pub id: String,
    /// German label.
    pub de: String,
    /// English label.
    pub en: String,
}

/// Reads the vocabulary of the folder `dir` (none when it has no file), reporting what is
/// wrong at its line: a bad or repeated id, an empty label.
pub fn load(dir: &Path, problems: &mut Vec<Problem>) -> Vec<Topic> {
    let path = dir.join(FILE);
    if !path.is_file() {
        return Vec::new();
    }
    let src = match Source::read(&path) {
        Ok(src) => src,
        Err(problem) => {
            problems.push(problem);
            return Vec::new();
        }
    };
    let raw: RawTopics = match src.parse_toml() {
        Ok(raw) => raw,
        Err(problem) => {
            problems.push(problem);
            return Vec::new();
        }
    };
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for t in raw.topics {
        let id = t.id.get_ref().trim().to_string();
        if !is_valid_id(&id) {
            problems.push(src.problem(
                &t.id.span(),
                "id must be lowercase letters, digits and dashes",
            ));
        } else if !seen.insert(id.clone()) {
            problems.push(src.problem(&t.id.span(), format!("duplicate topic id '{id}'")));
        }
        for (label, code) in [(&t.de, "de"), (&t.en, "en")] {
            if label.get_ref().trim().is_empty() {
                problems.push(src.problem(&label.span(), format!("{code}: the label is empty")));
            }
        }
        out.push(Topic {
            id,
            de: t.de.get_ref().trim().to_string(),
            en: t.en.get_ref().trim().to_string(),
        });
    }
    out
}
