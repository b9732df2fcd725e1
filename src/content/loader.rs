//! Loads `course_content/` and validates all of it, collecting every problem with its file and
//! line instead of stopping at the first.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::files::{Source, subfolders};
use super::model::{Curriculum, Module, ProgramKind, Text};
use super::modules::load_module;
use super::program::{RawProgram, build};
use super::self_paced::{RawSelfPaced, load_self_paced};

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

/// Loads and validates one program folder (`program.toml` and its modules or lessons);
/// returns every problem found, sorted by file and line, when anything is wrong.
pub fn load(dir: &Path) -> Result<Curriculum, Vec<Problem>> {
    if !dir.is_dir() {
        return Err(vec![missing_folder(dir)]);
    }
    let mut problems = Vec::new();
    let curriculum = load_program(dir, &mut problems);
    match curriculum {
        Some(c) if problems.is_empty() => Ok(c),
        _ => Err(sorted(problems)),
    }
}

/// Loads every program under `dir`: the folder itself when it holds a `program.toml`,
/// otherwise each subfolder that does. Program ids must be unique, a program's
/// `application.requires` must name a self-paced program beside it, and its `renews` another
/// cohort program beside it.
pub fn load_all(dir: &Path) -> Result<Vec<Curriculum>, Vec<Problem>> {
    load_all_with(dir, &|| {})
}

/// How many programs [`load_all`] reads under `dir` (for a progress count).
pub fn program_count(dir: &Path) -> u64 {
    if dir.join("program.toml").is_file() {
        1
    } else {
        program_folders(dir).len() as u64
    }
}

fn program_folders(dir: &Path) -> Vec<String> {
    subfolders(dir)
        .into_iter()
        .filter(|n| dir.join(n).join("program.toml").is_file())
        .collect()
}

/// [`load_all`], calling `on_program` after each program is read.
pub fn load_all_with(dir: &Path, on_program: &dyn Fn()) -> Result<Vec<Curriculum>, Vec<Problem>> {
    if !dir.is_dir() {
        return Err(vec![missing_folder(dir)]);
    }
    if dir.join("program.toml").is_file() {
        let one = load(dir).map(|c| vec![c]);
        on_program();
        return one;
    }
    let mut problems = Vec::new();
    let folders = program_folders(dir);
    if folders.is_empty() {
        problems.push(Problem::new(
            dir,
            1,
            "no program: the folder holds neither program.toml nor folders with one",
        ));
    }
    let mut programs: Vec<Curriculum> = Vec::new();
    for name in &folders {
        if let Some(c) = load_program(&dir.join(name), &mut problems) {
            programs.push(c);
        }
        on_program();
    }
    across_programs(dir, &folders, &programs, &mut problems);
    super::topics::load(dir, &mut problems);
    if problems.is_empty() {
        Ok(programs)
    } else {
        Err(sorted(problems))
    }
}

fn missing_folder(dir: &Path) -> Problem {
    Problem::new(
        dir,
        1,
        "the curriculum folder does not exist (set QUALIFY_CONTENT_DIR or pass the folder)",
    )
}

fn sorted(mut problems: Vec<Problem>) -> Vec<Problem> {
    problems.sort();
    problems.dedup();
    problems
}

/// Unique ids, applications that require a self-paced program that exists, and refreshers
/// that renew another cohort program that exists.
fn across_programs(
    dir: &Path,
    folders: &[String],
    programs: &[Curriculum],
    problems: &mut Vec<Problem>,
) {
    let mut seen = HashSet::new();
    for (folder, c) in folders.iter().zip(programs) {
        let path = dir.join(folder).join("program.toml");
        if !seen.insert(c.slug.as_str()) {
            problems.push(Problem::new(
                &path,
                1,
                format!("duplicate program id '{}'", c.slug),
            ));
        }
        if let Some(renewed) = &c.renewal.renews
            && let Some(message) = super::renewal::problem(&c.slug, renewed, programs)
        {
            problems.push(Problem::new(&path, line_of_key(&path, "renews"), message));
        }
        let Some(required) = &c.application.requires else {
            continue;
        };
        let ok = programs
            .iter()
            .any(|p| &p.slug == required && p.kind == ProgramKind::SelfPaced);
        if !ok {
            problems.push(Problem::new(
                &path,
                line_of_key(&path, "requires"),
                format!(
                    "application.requires: '{required}' is not a self-paced program in this folder"
                ),
            ));
        }
    }
}

/// The 1-based line of a file where `key = …` is written (1 when it cannot be found).
fn line_of_key(path: &Path, key: &str) -> usize {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| {
            t.lines().position(|l| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
        })
        .map_or(1, |i| i + 1)
}

/// Reads `program.toml` of one folder and loads it by its kind.
fn load_program(dir: &Path, problems: &mut Vec<Problem>) -> Option<Curriculum> {
    let src = Source::read(&dir.join("program.toml"))
        .map_err(|p| problems.push(p))
        .ok()?;
    let kind = src
        .parse_toml::<RawKind>()
        .map_err(|p| problems.push(p))
        .ok()?;
    match kind.kind.as_ref().map(|k| k.get_ref().as_str()) {
        None | Some("cohort") => load_cohort(dir, src, problems),
        Some("self_paced") => {
            let raw = src
                .parse_toml::<RawSelfPaced>()
                .map_err(|p| problems.push(p))
                .ok()?;
            load_self_paced(dir, &src, raw, problems)
        }
        Some(other) => {
            let span = kind.kind.as_ref().map(|k| k.span()).unwrap_or(0..0);
            problems.push(src.problem(
                &span,
                format!("kind '{other}': use \"cohort\" or \"self_paced\""),
            ));
            None
        }
    }
}

/// Only the `kind` of a `program.toml`.
#[derive(Deserialize)]
struct RawKind {
    kind: Option<Spanned<String>>,
}

/// A cohort program: `program.toml` and its module folders.
fn load_cohort(dir: &Path, src: Source, problems: &mut Vec<Problem>) -> Option<Curriculum> {
    let program = src
        .parse_toml::<RawProgram>()
        .map(|raw| (src, raw))
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
        if let Some(module) = load_module(&modules_dir.join(&name), &name, problems) {
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

    program.and_then(|(src, raw)| build(&src, raw, folders, &on_disk, problems))
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
