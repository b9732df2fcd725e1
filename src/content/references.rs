//! Reference submissions of an assignment (`references/<id>/`): the submission in both
//! languages (`submission.de.md`, `submission.en.md`, plain Markdown) and the lead trainer's
//! gold grading (`gold.toml`: one `[[criteria]]` per rubric criterion with `id`, `points` and
//! a bilingual `rationale`). Co-trainers grade them to calibrate.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::files::{Source, is_valid_id, subfolders};
use super::loader::{Problem, RawText, bilingual};
use super::model::{Criterion, Gold, Reference, Text};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGold {
    #[serde(default)]
    criteria: Vec<Spanned<RawGoldCriterion>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGoldCriterion {
    id: Spanned<String>,
    points: Spanned<i64>,
    rationale: Spanned<RawText>,
}

/// Loads every reference of the assignment in `dir`, checked against its rubric.
pub(super) fn load(
    dir: &Path,
    rubric: &[Criterion],
    problems: &mut Vec<Problem>,
) -> Vec<Reference> {
    let root = dir.join("references");
    subfolders(&root)
        .into_iter()
        .filter_map(|slug| load_one(&root.join(&slug), &slug, rubric, problems))
        .collect()
}

fn load_one(
    dir: &Path,
    slug: &str,
    rubric: &[Criterion],
    problems: &mut Vec<Problem>,
) -> Option<Reference> {
    let before = problems.len();
    let gold_path = dir.join("gold.toml");
    if !is_valid_id(slug) {
        problems.push(Problem::new(
            &gold_path,
            1,
            format!("reference id '{slug}': use lowercase letters, digits and dashes"),
        ));
    }
    let de = submission(dir, "de", "German", problems);
    let en = submission(dir, "en", "English", problems);
    let gold = Source::read(&gold_path)
        .and_then(|src| src.parse_toml::<RawGold>().map(|raw| (src, raw)))
        .map_err(|p| problems.push(p))
        .ok()
        .map(|(src, raw)| gold(&src, &raw, rubric, problems));
    let reference = Reference {
        slug: slug.to_string(),
        body: Text { de: de?, en: en? },
        gold: gold?,
    };
    (problems.len() == before).then_some(reference)
}

/// `submission.<code>.md`, which must exist and not be empty.
fn submission(dir: &Path, code: &str, name: &str, problems: &mut Vec<Problem>) -> Option<String> {
    let path = dir.join(format!("submission.{code}.md"));
    if !path.exists() {
        problems.push(Problem::new(
            &path,
            1,
            format!("the {name} translation submission.{code}.md is missing"),
        ));
        return None;
    }
    let src = Source::read(&path).map_err(|p| problems.push(p)).ok()?;
    if src.text.trim().is_empty() {
        problems.push(src.problem_at(1, "the submission is empty"));
        return None;
    }
    Some(src.text.trim().to_string())
}

/// The gold grading in rubric order: every criterion once, at one of its levels.
fn gold(
    src: &Source,
    raw: &RawGold,
    rubric: &[Criterion],
    problems: &mut Vec<Problem>,
) -> Vec<Gold> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for entry in &raw.criteria {
        let g = entry.get_ref();
        let id = g.id.get_ref();
        let Some(criterion) = rubric.iter().find(|c| &c.slug == id) else {
            problems.push(src.problem(
                &g.id.span(),
                format!("unknown criterion '{id}': the rubric has no such criterion"),
            ));
            continue;
        };
        if !seen.insert(id.clone()) {
            problems.push(src.problem(&g.id.span(), format!("criterion '{id}' is graded twice")));
        }
        let points = *g.points.get_ref();
        if !criterion
            .levels
            .iter()
            .any(|l| i64::from(l.points) == points)
        {
            problems.push(src.problem(
                &g.points.span(),
                format!("points {points} is not one of the levels of criterion '{id}'"),
            ));
        }
        let rationale = bilingual(
            src,
            &g.rationale,
            &format!("criterion '{id}' rationale"),
            problems,
        );
        out.push(Gold {
            criterion: id.clone(),
            points: points.clamp(0, 1000) as i32,
            rationale,
        });
    }
    for c in rubric.iter().filter(|c| !seen.contains(&c.slug)) {
        problems.push(src.problem_at(
            1,
            format!(
                "criterion '{}' has no gold level: add a [[criteria]] entry for it",
                c.slug
            ),
        ));
    }
    let order = |slug: &str| rubric.iter().position(|c| c.slug == slug);
    out.sort_by_key(|g| order(&g.criterion));
    out
}
