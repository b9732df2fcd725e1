//! Stores a validated curriculum as a new curriculum version, unless that exact content is
//! already stored. Versions are never changed afterwards, so cohorts that pinned an older
//! version keep it.

use chrono::NaiveDateTime;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use super::model::Curriculum;
use crate::db::models::{
    Assignment, CalibrationReference, CurriculumVersion, Module, NewProgram, Program,
    RubricCriterion, RubricLevel,
};
use crate::db::{DbConnection, write_tx};
use crate::domain::calibration::GoldRow;
use crate::domain::ids::{
    AssignmentId, CriterionId, CurriculumVersionId, LevelId, ModuleId, ProgramId, ReferenceId,
};

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncOutcome {
    /// The content was already stored as this version.
    Unchanged {
        /// The program.
        program_id: ProgramId,
        /// The existing version's sequence number.
        sequence: i32,
    },
    /// A new version was stored.
    Created {
        /// The program.
        program_id: ProgramId,
        /// The new version's sequence number.
        sequence: i32,
        /// Its content hash.
        content_hash: String,
    },
}

/// Syncs `curriculum` into the database. Safe to run from several instances at once: the
/// unique (program, content hash) index decides, and the loser sees `Unchanged`.
pub fn sync(
    conn: &mut DbConnection,
    curriculum: &Curriculum,
    now: NaiveDateTime,
) -> anyhow::Result<SyncOutcome> {
    match write_tx(conn, |conn| sync_in_tx(conn, curriculum, now)) {
        Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
            Ok(write_tx(conn, |conn| sync_in_tx(conn, curriculum, now))?)
        }
        other => Ok(other?),
    }
}

fn sync_in_tx(
    conn: &mut DbConnection,
    c: &Curriculum,
    now: NaiveDateTime,
) -> Result<SyncOutcome, DieselError> {
    let program = match Program::find_by_slug(conn, &c.slug)? {
        Some(p) => p,
        None => Program::create(
            conn,
            &NewProgram {
                id: &ProgramId::new(),
                slug: &c.slug,
                created_at: now,
                kind: c.kind,
            },
        )?,
    };
    if program.kind != c.kind {
        Program::set_kind(conn, &program.id, c.kind)?;
    }
    let hash = c.content_hash();
    if let Some(existing) = CurriculumVersion::find_by_hash(conn, &program.id, &hash)? {
        return Ok(SyncOutcome::Unchanged {
            program_id: program.id,
            sequence: existing.sequence,
        });
    }
    let sequence = CurriculumVersion::max_sequence(conn, &program.id)? + 1;
    let version_id = CurriculumVersionId::new();
    CurriculumVersion::create(
        conn,
        &CurriculumVersion {
            id: version_id.clone(),
            program_id: program.id.clone(),
            sequence,
            content_hash: hash.clone(),
            title_de: c.title.de.clone(),
            title_en: c.title.en.clone(),
            description_de: c.description.de.clone(),
            description_en: c.description.en.clone(),
            validity_months: c.validity_months,
            min_total_points: c.min_total_points,
            min_attendance_percent: c.min_attendance_percent,
            excused_counts: c.excused_counts,
            grading_days: c.grading_days,
            hard_cutoff: c.hard_cutoff,
            created_at: now,
            anonymous_grading: c.grading.anonymous,
            reveal_reviewer: c.grading.reveal_reviewer,
            moderation_sample_percent: c.grading.moderation_sample_percent,
            reallocate_overdue: c.grading.reallocate_overdue,
            calibration_references: c.calibration.references,
            calibration_hidden_percent: c.calibration.hidden_percent,
            community_de: c.community.as_ref().map(|t| t.de.clone()),
            community_en: c.community.as_ref().map(|t| t.en.clone()),
            pass_percent: c.pass_percent,
            requires_program: c.application.requires.clone(),
            manager_approval: c.application.manager_approval,
            renews_program: c.renewal.renews.clone(),
            renewal_grace_months: c.renewal.grace_months,
            live_sessions: (!c.live_sessions.is_empty())
                .then(|| serde_json::to_string(&c.live_sessions).unwrap_or_default()),
        },
    )?;
    store_modules(conn, c, &version_id)?;
    super::sync_lessons::store_lessons(conn, c, &version_id)?;
    Ok(SyncOutcome::Created {
        program_id: program.id,
        sequence,
        content_hash: hash,
    })
}

fn store_modules(
    conn: &mut DbConnection,
    c: &Curriculum,
    version: &CurriculumVersionId,
) -> Result<(), DieselError> {
    let (mut modules, mut assignments, mut criteria, mut levels) = (vec![], vec![], vec![], vec![]);
    let mut references = vec![];
    for (m_pos, m) in c.modules.iter().enumerate() {
        let module_id = ModuleId::new();
        modules.push(Module {
            id: module_id.clone(),
            curriculum_version_id: version.clone(),
            slug: m.slug.clone(),
            position: m_pos as i32,
            unlock_days: m.unlock_days,
            due_days: m.due_days,
            minutes: m.minutes,
            title_de: m.title.de.clone(),
            title_en: m.title.en.clone(),
            summary_de: m.summary.de.clone(),
            summary_en: m.summary.en.clone(),
            lesson_de: m.lesson.de.clone(),
            lesson_en: m.lesson.en.clone(),
        });
        for (a_pos, a) in m.assignments.iter().enumerate() {
            let assignment_id = AssignmentId::new();
            assignments.push(Assignment {
                id: assignment_id.clone(),
                module_id: module_id.clone(),
                curriculum_version_id: version.clone(),
                slug: a.slug.clone(),
                position: a_pos as i32,
                title_de: a.title.de.clone(),
                title_en: a.title.en.clone(),
                brief_de: a.brief.de.clone(),
                brief_en: a.brief.en.clone(),
                pass_threshold: a.pass_threshold,
                max_points: a.max_points(),
                required: a.required,
                double_review: a.double_review,
            });
            references.extend(reference_rows(a, &assignment_id));
            for (c_pos, crit) in a.criteria.iter().enumerate() {
                let criterion_id = CriterionId::new();
                criteria.push(RubricCriterion {
                    id: criterion_id.clone(),
                    assignment_id: assignment_id.clone(),
                    slug: crit.slug.clone(),
                    position: c_pos as i32,
                    title_de: crit.title.de.clone(),
                    title_en: crit.title.en.clone(),
                    max_points: crit.max_points(),
                    min_points: crit.minimum,
                });
                for (l_pos, level) in crit.levels.iter().enumerate() {
                    levels.push(RubricLevel {
                        id: LevelId::new(),
                        criterion_id: criterion_id.clone(),
                        position: l_pos as i32,
                        points: level.points,
                        description_de: level.description.de.clone(),
                        description_en: level.description.en.clone(),
                    });
                }
            }
        }
    }
    Module::create_many(conn, &modules)?;
    Assignment::create_many(conn, &assignments)?;
    RubricCriterion::create_many(conn, &criteria)?;
    RubricLevel::create_many(conn, &levels)?;
    CalibrationReference::create_many(conn, &references)
}

/// The assignment's reference submissions as rows, their gold grading as JSON.
fn reference_rows(
    a: &crate::content::model::Assignment,
    assignment: &AssignmentId,
) -> Vec<CalibrationReference> {
    a.references
        .iter()
        .enumerate()
        .map(|(pos, r)| CalibrationReference {
            id: ReferenceId::new(),
            assignment_id: assignment.clone(),
            slug: r.slug.clone(),
            position: pos as i32,
            body_de: r.body.de.clone(),
            body_en: r.body.en.clone(),
            gold: serde_json::to_string(&gold_rows(&r.gold)).expect("gold serialises"),
        })
        .collect()
}

/// A reference's gold grading as stored.
fn gold_rows(gold: &[crate::content::model::Gold]) -> Vec<GoldRow> {
    gold.iter()
        .map(|g| GoldRow {
            criterion: g.criterion.clone(),
            points: g.points,
            rationale_de: g.rationale.de.clone(),
            rationale_en: g.rationale.en.clone(),
        })
        .collect()
}
