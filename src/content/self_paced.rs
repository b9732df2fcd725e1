//! `program.toml` of a self-paced program (`kind = "self_paced"`) and its `lessons/` folder:
//! lessons in order, the pass mark of the knowledge checks, the community address, and an
//! expiry only where the program sets one.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::files::{Source, is_valid_id, subfolders};
use super::lessons::load_lesson;
use super::loader::{Problem, RawText, bilingual, in_range};
use super::model::{
    ApplicationPolicy, CalibrationPolicy, Curriculum, GradingPolicy, Lesson, ProgramKind,
};
use super::program::community;

/// `program.toml` of a self-paced program, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSelfPaced {
    id: Spanned<String>,
    #[allow(dead_code)]
    kind: String,
    #[serde(default)]
    validity_months: Option<Spanned<i64>>,
    title: Spanned<RawText>,
    description: Spanned<RawText>,
    self_study: RawSelfStudy,
    community: Option<Spanned<RawText>>,
    #[serde(default)]
    lessons: Vec<Spanned<RawLessonRef>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSelfStudy {
    pass_percent: Spanned<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLessonRef {
    id: Spanned<String>,
}

/// Loads a self-paced program from its parsed `program.toml` and its `lessons/` folder.
pub(super) fn load_self_paced(
    dir: &Path,
    src: &Source,
    raw: RawSelfPaced,
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
    let validity_months = raw
        .validity_months
        .as_ref()
        .map_or(0, |v| in_range(src, v, "validity_months", 0, 240, problems));
    let pass_percent = in_range(
        src,
        &raw.self_study.pass_percent,
        "self_study.pass_percent",
        1,
        100,
        problems,
    );
    if raw.community.is_none() {
        problems.push(src.problem_at(
            1,
            "[community] is missing: give the intranet address where learners ask questions (de = \"https://…\", en = \"https://…\")",
        ));
    }
    let community = community(src, raw.community.as_ref(), problems);
    let lessons = ordered_lessons(dir, src, &raw.lessons, problems);
    Some(Curriculum {
        slug: raw.id.into_inner(),
        title,
        description,
        validity_months,
        min_total_points: 0,
        min_attendance_percent: 0,
        excused_counts: true,
        grading_days: 0,
        hard_cutoff: false,
        grading: GradingPolicy::default(),
        calibration: CalibrationPolicy::default(),
        modules: Vec::new(),
        kind: ProgramKind::SelfPaced,
        community,
        application: ApplicationPolicy::default(),
        renewal: Default::default(),
        live_sessions: Default::default(),
        pass_percent,
        lessons,
    })
}

/// The lessons in the order `[[lessons]]` lists them; a listed lesson without a folder, a
/// duplicate and an unlisted folder are reported.
fn ordered_lessons(
    dir: &Path,
    src: &Source,
    entries: &[Spanned<RawLessonRef>],
    problems: &mut Vec<Problem>,
) -> Vec<Lesson> {
    if entries.is_empty() {
        problems.push(src.problem_at(1, "no lessons: add [[lessons]] entries with an id"));
    }
    let lessons_dir = dir.join("lessons");
    let on_disk: HashSet<String> = subfolders(&lessons_dir).into_iter().collect();
    let mut loaded: BTreeMap<String, Lesson> = BTreeMap::new();
    for name in &on_disk {
        if let Some(lesson) = load_lesson(&lessons_dir.join(name), name, problems) {
            loaded.insert(name.clone(), lesson);
        }
    }
    let mut lessons = Vec::new();
    let mut seen = HashSet::new();
    for entry in entries {
        let id = entry.get_ref().id.get_ref();
        if !seen.insert(id.clone()) {
            problems.push(src.problem(
                &entry.get_ref().id.span(),
                format!("duplicate lesson id '{id}' in the lesson order"),
            ));
        } else if let Some(lesson) = loaded.remove(id) {
            lessons.push(lesson);
        } else if !on_disk.contains(id) {
            problems.push(src.problem(
                &entry.get_ref().id.span(),
                format!("unknown lesson '{id}': there is no folder lessons/{id}/"),
            ));
        }
    }
    let mut unlisted: Vec<_> = on_disk.difference(&seen).collect();
    unlisted.sort();
    for name in unlisted {
        problems.push(src.problem_at(
            1,
            format!(
                "lesson folder lessons/{name}/ is not listed in the lesson order ([[lessons]])"
            ),
        ));
    }
    lessons
}
