//! Loads `course_content/` and validates all of it, collecting every problem with its file and
//! line instead of stopping at the first.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::files::{Source, subfolders};
use super::model::{Curriculum, Module, Text};
use super::modules::load_module;
use super::program::{RawProgram, build};

/// One thing wrong in the curriculum, shown as `path:line: message`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// The file, as reached from the content folder given to [`load`].
    pub path: PathBuf,
    /// 1-based line in that file.
    pub line: usize,
    /// What is wrong, and what would be right.
    pub message: String,
}

impl Problem {
    /// A problem at a file and line.
    pub fn new(path: &Path, line: usize, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

/// A bilingual text as written in TOML: `{ de = "…", en = "…" }`.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawText {
    pub(super) de: Option<Spanned<String>>,
    pub(super) en: Option<Spanned<String>>,
}

/// Turns a raw text into a [`Text`], reporting a missing or empty language.
pub(super) fn bilingual(
    src: &Source,
    raw: &Spanned<RawText>,
    field: &str,
    problems: &mut Vec<Problem>,
) -> Text {
    let mut pick = |value: &Option<Spanned<String>>, code: &str, name: &str| match value {
        Some(v) if !v.get_ref().trim().is_empty() => v.get_ref().trim().to_string(),
        Some(v) => {
            problems.push(src.problem(
                &v.span(),
                format!("{field}: the {name} text ({code}) is empty"),
            ));
            String::new()
        }
        None => {
            problems.push(src.problem(
                &raw.span(),
                format!("{field}: the {name} translation is missing (add {code} = \"…\")"),
            ));
            String::new()
        }
    };
    let de = pick(&raw.get_ref().de, "de", "German");
    let en = pick(&raw.get_ref().en, "en", "English");
    Text { de, en }
}

/// Loads and validates the curriculum in `dir`; returns every problem found, sorted by file
/// and line, when anything is wrong.
pub fn load(dir: &Path) -> Result<Curriculum, Vec<Problem>> {
    if !dir.is_dir() {
        return Err(vec![Problem::new(
            dir,
            1,
            "the curriculum folder does not exist (set QUALIFY_CONTENT_DIR or pass the folder)",
        )]);
    }
    let mut problems = Vec::new();
    let program_path = dir.join("program.toml");
    let program = Source::read(&program_path)
        .and_then(|src| src.parse_toml::<RawProgram>().map(|raw| (src, raw)))
        .map_err(|p| problems.push(p))
        .ok();

    let modules_dir = dir.join("modules");
    let mut folders: BTreeMap<String, Module> = BTreeMap::new();
    let mut assignment_homes: BTreeMap<String, String> = BTreeMap::new();
    // Names that exist on disk, even where their files are broken: problems inside a folder
    // are reported there, not again as "unknown" wherever the folder is named.
    let mut on_disk = OnDisk::default();
    for name in subfolders(&modules_dir) {
        on_disk
            .assignments
            .extend(subfolders(&modules_dir.join(&name).join("assignments")));
        on_disk.modules.insert(name.clone());
        if let Some(module) = load_module(&modules_dir.join(&name), &name, &mut problems) {
            for a in &module.assignments {
                if let Some(first) = assignment_homes.get(&a.slug) {
                    let path = modules_dir
                        .join(&name)
                        .join("assignments")
                        .join(&a.slug)
                        .join("assignment.toml");
                    problems.push(Problem::new(
                        &path,
                        1,
                        format!(
                            "duplicate assignment id '{}': module '{first}' already has it",
                            a.slug
                        ),
                    ));
                } else {
                    assignment_homes.insert(a.slug.clone(), name.clone());
                }
            }
            folders.insert(name, module);
        }
    }

    let curriculum =
        program.and_then(|(src, raw)| build(&src, raw, folders, &on_disk, &mut problems));
    match curriculum {
        Some(c) if problems.is_empty() => Ok(c),
        _ => {
            problems.sort();
            problems.dedup();
            Err(problems)
        }
    }
}

/// Module and assignment folder names found on disk.
#[derive(Default)]
pub(super) struct OnDisk {
    /// Module folders.
    pub(super) modules: HashSet<String>,
    /// Assignment folders of every module.
    pub(super) assignments: HashSet<String>,
}

/// Checks that a number lies in `min..=max`, reporting it otherwise.
pub(super) fn in_range(
    src: &Source,
    value: &Spanned<i64>,
    field: &str,
    min: i64,
    max: i64,
    problems: &mut Vec<Problem>,
) -> i32 {
    let v = *value.get_ref();
    if v < min || v > max {
        problems.push(src.problem(
            &value.span(),
            format!("{field} must be between {min} and {max}, not {v}"),
        ));
    }
    v.clamp(min, max) as i32
}
