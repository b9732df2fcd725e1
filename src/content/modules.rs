//! Loads one module folder: its lesson in both languages and its assignments with rubrics.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;

use super::files::{Document, Source, is_valid_id, read_document, subfolders};
use super::loader::{Problem, RawText, bilingual, in_range};
use super::model::{Assignment, Criterion, Level, Module, Text};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LessonFront {
    title: Spanned<String>,
    summary: Spanned<String>,
    minutes: Spanned<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BriefFront {
    title: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAssignment {
    #[serde(default)]
    position: i64,
    pass_threshold: Spanned<i64>,
    #[serde(default)]
    criteria: Vec<Spanned<RawCriterion>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCriterion {
    pub(super) id: Spanned<String>,
    title: Spanned<RawText>,
    /// The work fails below this criterion's minimum, whatever the total.
    #[serde(default)]
    pub(super) required: bool,
    /// The minimum level's points; implies `required`. Defaults to the lowest level above zero.
    #[serde(default)]
    pub(super) min_points: Option<Spanned<i64>>,
    #[serde(default)]
    pub(super) levels: Vec<Spanned<RawLevel>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLevel {
    pub(super) points: Spanned<i64>,
    pub(super) description: Spanned<RawText>,
}

/// A parsed Markdown file: front matter fields and body.
pub(super) struct Parsed<F> {
    pub(super) front: F,
    pub(super) source: Source,
    pub(super) body: String,
}

/// Reads `<stem>.de.md` and `<stem>.en.md`; a missing translation is reported on the file that
/// exists.
pub(super) fn read_pair<F: DeserializeOwned>(
    dir: &Path,
    stem: &str,
    problems: &mut Vec<Problem>,
) -> Option<(Parsed<F>, Parsed<F>)> {
    let de_path = dir.join(format!("{stem}.de.md"));
    let en_path = dir.join(format!("{stem}.en.md"));
    let (de_exists, en_exists) = (de_path.exists(), en_path.exists());
    match (de_exists, en_exists) {
        (false, false) => {
            problems.push(Problem::new(
                &de_path,
                1,
                format!("missing file: {stem}.de.md and {stem}.en.md are required"),
            ));
            return None;
        }
        (true, false) => problems.push(Problem::new(
            &de_path,
            1,
            format!("the English translation {stem}.en.md is missing"),
        )),
        (false, true) => problems.push(Problem::new(
            &en_path,
            1,
            format!("the German translation {stem}.de.md is missing"),
        )),
        (true, true) => {}
    }
    let mut parse = |path: &Path| -> Option<Parsed<F>> {
        let Document { front, body } = read_document(path).map_err(|p| problems.push(p)).ok()?;
        let fields = front.parse_toml::<F>().map_err(|p| problems.push(p)).ok()?;
        if body.is_empty() {
            problems.push(Problem::new(
                path,
                front.first_line,
                "the text after the front matter is empty",
            ));
        }
        Some(Parsed {
            front: fields,
            source: front,
            body,
        })
    };
    let de = if de_exists { parse(&de_path) } else { None };
    let en = if en_exists { parse(&en_path) } else { None };
    Some((de?, en?))
}

pub(super) fn non_empty(
    src: &Source,
    value: &Spanned<String>,
    field: &str,
    problems: &mut Vec<Problem>,
) -> String {
    let text = value.get_ref().trim().to_string();
    if text.is_empty() {
        problems.push(src.problem(&value.span(), format!("{field} is empty")));
    }
    text
}

/// Loads `modules/<name>/`; returns `None` when it is too broken to use (problems recorded).
pub(super) fn load_module(dir: &Path, name: &str, problems: &mut Vec<Problem>) -> Option<Module> {
    let before = problems.len();
    if !is_valid_id(name) {
        problems.push(Problem::new(
            dir,
            1,
            format!("module folder '{name}': use lowercase letters, digits and dashes"),
        ));
    }
    let lesson = read_pair::<LessonFront>(dir, "lesson", problems);
    let mut assignments = Vec::new();
    let assignments_dir = dir.join("assignments");
    for slug in subfolders(&assignments_dir) {
        if let Some(a) = load_assignment(&assignments_dir.join(&slug), &slug, problems) {
            assignments.push(a);
        }
    }
    let (de, en) = lesson?;
    if assignments.is_empty() && problems.len() == before {
        problems.push(Problem::new(
            &de.source.path,
            1,
            "the module has no assignment: add one under assignments/<id>/",
        ));
    }
    let minutes = in_range(&de.source, &de.front.minutes, "minutes", 1, 6000, problems);
    let minutes_en = *en.front.minutes.get_ref();
    if i64::from(minutes) != minutes_en {
        problems.push(en.source.problem(
            &en.front.minutes.span(),
            format!("minutes ({minutes_en}) differs from lesson.de.md ({minutes})"),
        ));
    }
    assignments.sort_by(|a: &(i64, Assignment), b| (a.0, &a.1.slug).cmp(&(b.0, &b.1.slug)));
    let module = Module {
        slug: name.to_string(),
        unlock_days: 0,
        due_days: 0,
        minutes,
        title: Text {
            de: non_empty(&de.source, &de.front.title, "title", problems),
            en: non_empty(&en.source, &en.front.title, "title", problems),
        },
        summary: Text {
            de: non_empty(&de.source, &de.front.summary, "summary", problems),
            en: non_empty(&en.source, &en.front.summary, "summary", problems),
        },
        lesson: Text {
            de: de.body,
            en: en.body,
        },
        assignments: assignments.into_iter().map(|(_, a)| a).collect(),
    };
    (problems.len() == before).then_some(module)
}

fn load_assignment(
    dir: &Path,
    slug: &str,
    problems: &mut Vec<Problem>,
) -> Option<(i64, Assignment)> {
    let before = problems.len();
    let toml_path = dir.join("assignment.toml");
    if !is_valid_id(slug) {
        problems.push(Problem::new(
            &toml_path,
            1,
            format!("assignment id '{slug}': use lowercase letters, digits and dashes"),
        ));
    }
    let rubric = Source::read(&toml_path)
        .and_then(|src| src.parse_toml::<RawAssignment>().map(|raw| (src, raw)))
        .map_err(|p| problems.push(p))
        .ok();
    let briefs = read_pair::<BriefFront>(dir, "brief", problems);
    let (src, raw) = rubric?;
    let (de, en) = briefs?;
    let criteria = criteria(&src, &raw.criteria, problems);
    super::rubric_rules::check(&src, &raw.criteria, problems);
    let references = super::references::load(dir, &criteria, problems);
    let max: i32 = criteria.iter().map(Criterion::max_points).sum();
    let threshold = *raw.pass_threshold.get_ref();
    if threshold < 1 {
        problems.push(src.problem(
            &raw.pass_threshold.span(),
            format!("pass_threshold must be at least 1, not {threshold}"),
        ));
    } else if threshold > i64::from(max) && !criteria.is_empty() {
        problems.push(src.problem(
            &raw.pass_threshold.span(),
            format!("pass_threshold {threshold} is above the rubric maximum of {max} points"),
        ));
    }
    let assignment = Assignment {
        slug: slug.to_string(),
        title: Text {
            de: non_empty(&de.source, &de.front.title, "title", problems),
            en: non_empty(&en.source, &en.front.title, "title", problems),
        },
        brief: Text {
            de: de.body,
            en: en.body,
        },
        pass_threshold: threshold.clamp(0, i64::from(i32::MAX)) as i32,
        required: false,
        double_review: false,
        criteria,
        references,
    };
    (problems.len() == before).then_some((raw.position, assignment))
}

fn criteria(
    src: &Source,
    raw: &[Spanned<RawCriterion>],
    problems: &mut Vec<Problem>,
) -> Vec<Criterion> {
    if raw.is_empty() {
        problems.push(src.problem_at(
            1,
            "the rubric has no criteria: add [[criteria]] with id, title and levels",
        ));
    }
    let mut ids = HashSet::new();
    let mut out = Vec::new();
    for c in raw {
        let c_span = c.span();
        let c = c.get_ref();
        let id = c.id.get_ref();
        if !is_valid_id(id) {
            problems.push(src.problem(
                &c.id.span(),
                format!("criterion id '{id}': use lowercase letters, digits and dashes"),
            ));
        }
        if !ids.insert(id.clone()) {
            problems.push(src.problem(&c.id.span(), format!("duplicate criterion id '{id}'")));
        }
        let title = bilingual(src, &c.title, &format!("criterion '{id}' title"), problems);
        if c.levels.len() < 2 {
            problems.push(src.problem(
                &c_span,
                format!("criterion '{id}' needs at least two levels"),
            ));
        }
        let mut points_seen = HashSet::new();
        let mut levels = Vec::new();
        for level in &c.levels {
            let level = level.get_ref();
            let points = *level.points.get_ref();
            if !(0..=1000).contains(&points) {
                problems.push(src.problem(
                    &level.points.span(),
                    format!("points must be between 0 and 1000, not {points}"),
                ));
            }
            if !points_seen.insert(points) {
                problems.push(src.problem(
                    &level.points.span(),
                    format!("duplicate level: {points} points appear twice in criterion '{id}'"),
                ));
            }
            let description = bilingual(
                src,
                &level.description,
                &format!("criterion '{id}' level {points}"),
                problems,
            );
            levels.push(Level {
                points: points.clamp(0, 1000) as i32,
                description,
            });
        }
        levels.sort_by_key(|l| l.points);
        let minimum = required_minimum(src, c, &levels, problems);
        out.push(Criterion {
            slug: id.clone(),
            title,
            levels,
            minimum,
        });
    }
    out
}

/// The points a required criterion must reach: `min_points` when given (it must be one of the
/// levels), else the lowest level above zero; `None` for a criterion that is not required.
fn required_minimum(
    src: &Source,
    c: &RawCriterion,
    levels: &[Level],
    problems: &mut Vec<Problem>,
) -> Option<i32> {
    if let Some(min) = &c.min_points {
        let points = *min.get_ref();
        if !levels.iter().any(|l| i64::from(l.points) == points) {
            problems.push(src.problem(
                &min.span(),
                format!(
                    "min_points {points} is not one of the levels of criterion '{}'",
                    c.id.get_ref()
                ),
            ));
            return None;
        }
        return Some(points as i32);
    }
    if !c.required {
        return None;
    }
    levels.iter().map(|l| l.points).find(|p| *p > 0)
}
