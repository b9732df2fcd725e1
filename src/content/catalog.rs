//! The program as people see it: the current curriculum version in one language. Used by the
//! public program page and by the `getProgram` API operation.

use std::collections::HashMap;

use diesel::QueryResult;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::DbConnection;
use crate::db::models::{
    Assignment, CurriculumVersion, Module, Program, RubricCriterion, RubricLevel,
};
use crate::domain::ids::{AssignmentId, CriterionId, ModuleId};
use crate::domain::language::Language;

/// A program with its modules, assignments and rubrics, in one language.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgramView {
    /// Stable program id (from `program.toml`).
    pub id: String,
    /// Language of every text in this document.
    pub language: Language,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Curriculum version number.
    pub version: i32,
    /// Certificate validity in months (0: no expiry).
    pub validity_months: i32,
    /// `cohort` or `self_paced`.
    pub kind: String,
    /// Modules (of a self-paced program: lessons) in order.
    pub modules: Vec<ModuleView>,
}

/// A module in one language.
#[derive(Debug, Serialize, ToSchema)]
pub struct ModuleView {
    /// Stable module id.
    pub id: String,
    /// Title.
    pub title: String,
    /// One-sentence summary.
    pub summary: String,
    /// Estimated working time.
    pub minutes: i32,
    /// Opens this many days after the cohort starts.
    pub unlock_days: i32,
    /// Due this many days after the cohort starts.
    pub due_days: i32,
    /// Assignments.
    pub assignments: Vec<AssignmentView>,
}

/// An assignment in one language.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentView {
    /// Stable assignment id.
    pub id: String,
    /// Title.
    pub title: String,
    /// The brief, Markdown.
    pub brief: String,
    /// Points needed to pass.
    pub pass_threshold: i32,
    /// Most points the rubric gives.
    pub max_points: i32,
    /// Required for the certificate.
    pub required: bool,
    /// The rubric.
    pub criteria: Vec<CriterionView>,
}

/// A rubric criterion in one language.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CriterionView {
    /// Stable criterion id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Highest points.
    pub max_points: i32,
    /// Levels from lowest to highest.
    pub levels: Vec<LevelView>,
    /// For a required criterion, the points it must reach: below them the work fails
    /// whatever the total.
    pub minimum: Option<i32>,
}

/// A rubric level in one language.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LevelView {
    /// Points.
    pub points: i32,
    /// What work at this level looks like.
    pub description: String,
}

fn pick(lang: Language, de: String, en: String) -> String {
    if lang == Language::De { de } else { en }
}

/// The rubrics of these assignments in `lang`, by assignment.
pub fn rubrics(
    conn: &mut DbConnection,
    assignments: &[AssignmentId],
    lang: Language,
) -> QueryResult<HashMap<AssignmentId, Vec<CriterionView>>> {
    let criteria = RubricCriterion::list_by_assignments(conn, assignments)?;
    let criterion_ids: Vec<CriterionId> = criteria.iter().map(|c| c.id.clone()).collect();
    let mut levels: HashMap<CriterionId, Vec<LevelView>> = HashMap::new();
    for l in RubricLevel::list_by_criteria(conn, &criterion_ids)? {
        let description = pick(lang, l.description_de, l.description_en);
        levels.entry(l.criterion_id).or_default().push(LevelView {
            points: l.points,
            description,
        });
    }
    let mut by_assignment: HashMap<AssignmentId, Vec<CriterionView>> = HashMap::new();
    for c in criteria {
        let view = CriterionView {
            id: c.slug,
            title: pick(lang, c.title_de, c.title_en),
            max_points: c.max_points,
            levels: levels.remove(&c.id).unwrap_or_default(),
            minimum: c.min_points,
        };
        by_assignment.entry(c.assignment_id).or_default().push(view);
    }
    Ok(by_assignment)
}

/// The program this installation runs: the oldest cohort program that renews no other (a
/// refresher is run beside it), if any.
pub fn main_program(conn: &mut DbConnection) -> QueryResult<Option<Program>> {
    let cohort_programs = Program::list_of_kind(conn, crate::domain::states::ProgramKind::Cohort)?;
    for p in &cohort_programs {
        let renews = CurriculumVersion::find_current(conn, &p.id)?.and_then(|v| v.renews_program);
        if renews.is_none() {
            return Ok(Some(p.clone()));
        }
    }
    Ok(cohort_programs.into_iter().next())
}

/// The slug of the program this installation runs, if any.
pub fn default_program_slug(conn: &mut DbConnection) -> QueryResult<Option<String>> {
    Ok(main_program(conn)?.map(|p| p.slug))
}

/// The cohort program whose current version renews the program `slug` (its refresher), with
/// that version, if any.
pub fn refresher_of(
    conn: &mut DbConnection,
    slug: &str,
) -> QueryResult<Option<(Program, CurriculumVersion)>> {
    for p in Program::list_of_kind(conn, crate::domain::states::ProgramKind::Cohort)? {
        if let Some(v) = CurriculumVersion::find_current(conn, &p.id)?
            && v.renews_program.as_deref() == Some(slug)
        {
            return Ok(Some((p, v)));
        }
    }
    Ok(None)
}

/// The id of the current curriculum version of the program `slug`: one indexed read, the key
/// under which the program page is kept rendered.
pub fn current_version(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<String>> {
    use crate::db::schema::{curriculum_versions, programs};
    use diesel::prelude::*;
    curriculum_versions::table
        .inner_join(programs::table)
        .filter(programs::slug.eq(slug))
        .order(curriculum_versions::sequence.desc())
        .select(curriculum_versions::id)
        .first(conn)
        .optional()
}

/// The current curriculum of the program `slug`, in `lang`.
pub fn program_view(
    conn: &mut DbConnection,
    slug: &str,
    lang: Language,
) -> QueryResult<Option<ProgramView>> {
    let Some(program) = Program::find_by_slug(conn, slug)? else {
        return Ok(None);
    };
    let Some(version) = CurriculumVersion::find_current(conn, &program.id)? else {
        return Ok(None);
    };
    let modules = Module::list_by_version(conn, &version.id)?;
    let assignments = Assignment::list_by_version(conn, &version.id)?;
    let assignment_ids: Vec<AssignmentId> = assignments.iter().map(|a| a.id.clone()).collect();
    let mut criteria_by_assignment = rubrics(conn, &assignment_ids, lang)?;
    let mut assignments_by_module: HashMap<ModuleId, Vec<AssignmentView>> = HashMap::new();
    for a in assignments {
        let view = AssignmentView {
            id: a.slug,
            title: pick(lang, a.title_de, a.title_en),
            brief: pick(lang, a.brief_de, a.brief_en),
            pass_threshold: a.pass_threshold,
            max_points: a.max_points,
            required: a.required,
            criteria: criteria_by_assignment.remove(&a.id).unwrap_or_default(),
        };
        assignments_by_module
            .entry(a.module_id)
            .or_default()
            .push(view);
    }
    let modules = modules
        .into_iter()
        .map(|m| ModuleView {
            assignments: assignments_by_module.remove(&m.id).unwrap_or_default(),
            id: m.slug,
            title: pick(lang, m.title_de, m.title_en),
            summary: pick(lang, m.summary_de, m.summary_en),
            minutes: m.minutes,
            unlock_days: m.unlock_days,
            due_days: m.due_days,
        })
        .collect();
    Ok(Some(ProgramView {
        id: program.slug,
        language: lang,
        title: pick(lang, version.title_de, version.title_en),
        description: pick(lang, version.description_de, version.description_en),
        version: version.sequence,
        validity_months: version.validity_months,
        kind: program.kind.to_string(),
        modules,
    }))
}
