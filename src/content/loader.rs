//! Loads `course_content/` and validates all of it, collecting every problem with its file and
//! line instead of stopping at the first.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::files::{Source, is_valid_id, subfolders};
use super::model::{Curriculum, GradingPolicy, Module, Text};
use super::modules::load_module;

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
    de: Option<Spanned<String>>,
    en: Option<Spanned<String>>,
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProgram {
    id: Spanned<String>,
    validity_months: Spanned<i64>,
    title: Spanned<RawText>,
    description: Spanned<RawText>,
    certification: RawCertification,
    #[serde(default)]
    grading: RawGrading,
    #[serde(default)]
    submissions: RawSubmissions,
    #[serde(default)]
    modules: Vec<Spanned<RawModuleRef>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCertification {
    #[serde(default)]
    required: Vec<Spanned<String>>,
    min_total_points: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawGrading {
    days: Option<Spanned<i64>>,
    #[serde(default)]
    double_review: Vec<Spanned<String>>,
    anonymous: Option<bool>,
    reveal_reviewer: Option<bool>,
    moderation_sample_percent: Option<Spanned<i64>>,
    reallocate_overdue: Option<bool>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSubmissions {
    #[serde(default)]
    hard_cutoff: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModuleRef {
    id: Spanned<String>,
    unlock_days: Spanned<i64>,
    due_days: Spanned<i64>,
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
struct OnDisk {
    modules: HashSet<String>,
    assignments: HashSet<String>,
}

fn build(
    src: &Source,
    raw: RawProgram,
    mut folders: BTreeMap<String, Module>,
    on_disk: &OnDisk,
    problems: &mut Vec<Problem>,
) -> Option<Curriculum> {
    if !is_valid_id(raw.id.get_ref()) {
        problems.push(src.problem(
            &raw.id.span(),
            "id must be lowercase letters, digits and dashes",
        ));
    }
    let title = bilingual(src, &raw.title, "title", problems);
    let description = bilingual(src, &raw.description, "description", problems);
    let validity_months = in_range(
        src,
        &raw.validity_months,
        "validity_months",
        1,
        240,
        problems,
    );
    let grading_days = match &raw.grading.days {
        Some(days) => in_range(src, days, "grading.days", 1, 60, problems),
        None => 5,
    };
    let defaults = GradingPolicy::default();
    let grading = GradingPolicy {
        anonymous: raw.grading.anonymous.unwrap_or(defaults.anonymous),
        reveal_reviewer: raw
            .grading
            .reveal_reviewer
            .unwrap_or(defaults.reveal_reviewer),
        moderation_sample_percent: match &raw.grading.moderation_sample_percent {
            Some(p) => in_range(
                src,
                p,
                "grading.moderation_sample_percent",
                0,
                100,
                problems,
            ),
            None => defaults.moderation_sample_percent,
        },
        reallocate_overdue: raw
            .grading
            .reallocate_overdue
            .unwrap_or(defaults.reallocate_overdue),
    };
    if raw.modules.is_empty() {
        problems.push(src.problem_at(
            1,
            "no modules: add [[modules]] entries with id, unlock_days, due_days",
        ));
    }
    let mut modules = Vec::new();
    let mut seen = HashSet::new();
    for entry in &raw.modules {
        let entry = entry.get_ref();
        let id = entry.id.get_ref();
        if !seen.insert(id.clone()) {
            problems.push(src.problem(
                &entry.id.span(),
                format!("duplicate module id '{id}' in the module order"),
            ));
            continue;
        }
        let unlock = in_range(src, &entry.unlock_days, "unlock_days", 0, 3650, problems);
        let due = in_range(src, &entry.due_days, "due_days", 0, 3650, problems);
        if due < unlock {
            problems.push(src.problem(
                &entry.due_days.span(),
                format!("module '{id}': due_days ({due}) is before unlock_days ({unlock})"),
            ));
        }
        match folders.remove(id) {
            Some(mut module) => {
                module.unlock_days = unlock;
                module.due_days = due;
                modules.push(module);
            }
            None if on_disk.modules.contains(id) => {}
            None => problems.push(src.problem(
                &entry.id.span(),
                format!("unknown module '{id}' in the module order: there is no valid folder modules/{id}/"),
            )),
        }
    }
    for unlisted in folders.keys() {
        problems.push(src.problem_at(
            1,
            format!(
                "module folder modules/{unlisted}/ is not listed in the module order ([[modules]])"
            ),
        ));
    }
    let all = &on_disk.assignments;
    let required = known_ids(
        src,
        &raw.certification.required,
        all,
        "certification.required",
        problems,
    );
    let double = known_ids(
        src,
        &raw.grading.double_review,
        all,
        "grading.double_review",
        problems,
    );
    for module in &mut modules {
        for a in &mut module.assignments {
            a.required = required.contains(&a.slug);
            a.double_review = double.contains(&a.slug);
        }
    }
    let required_max: i32 = modules
        .iter()
        .flat_map(|m| &m.assignments)
        .filter(|a| a.required)
        .map(|a| a.max_points())
        .sum();
    let min_total_points = match &raw.certification.min_total_points {
        Some(v) => in_range(
            src,
            v,
            "certification.min_total_points",
            0,
            i64::from(required_max.max(0)),
            problems,
        ),
        None => 0,
    };
    Some(Curriculum {
        slug: raw.id.into_inner(),
        title,
        description,
        validity_months,
        min_total_points,
        grading_days,
        hard_cutoff: raw.submissions.hard_cutoff,
        grading,
        modules,
    })
}

fn known_ids(
    src: &Source,
    ids: &[Spanned<String>],
    all: &HashSet<String>,
    field: &str,
    problems: &mut Vec<Problem>,
) -> HashSet<String> {
    let mut found = HashSet::new();
    for id in ids {
        if all.contains(id.get_ref()) {
            found.insert(id.get_ref().clone());
        } else {
            problems.push(src.problem(
                &id.span(),
                format!("{field}: unknown assignment '{}'", id.get_ref()),
            ));
        }
    }
    found
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
