//! Everything allocation and grading need about submitted versions, loaded in bulk (a handful
//! of queries for any number of versions).

use std::collections::HashMap;
use std::sync::Arc;

use crate::db::DbConnection;
use crate::db::models::{
    Assignment, Cohort, CurriculumVersion, Enrollment, Person, Submission, SubmissionVersion,
};
use crate::domain::ids::{
    AssignmentId, CohortId, CurriculumVersionId, EnrollmentId, PersonId, SubmissionId,
    SubmissionVersionId,
};
use crate::error::AppError;

/// One submitted version with its submission, trainee, cohort, assignment and curriculum.
#[derive(Debug, Clone)]
pub struct WorkItem {
    /// The version.
    pub version: SubmissionVersion,
    /// Its submission.
    pub submission: Submission,
    /// The enrollment.
    pub enrollment: Enrollment,
    /// The trainee.
    pub trainee: Person,
    /// The cohort (shared between the items of one load).
    pub cohort: Arc<Cohort>,
    /// The assignment (shared: its briefs are long).
    pub assignment: Arc<Assignment>,
    /// The cohort's curriculum version (grading policy).
    pub curriculum: Arc<CurriculumVersion>,
}

impl WorkItem {
    /// How many independent reviews the version needs.
    pub fn slots(&self) -> i32 {
        if self.assignment.double_review { 2 } else { 1 }
    }

    /// The assignment title in a language.
    pub fn title(&self, lang: &str) -> &str {
        if lang == "de" {
            &self.assignment.title_de
        } else {
            &self.assignment.title_en
        }
    }
}

const CHUNK: usize = 5_000;

fn by_chunks<I: Clone, T>(
    ids: &[I],
    mut load: impl FnMut(&[I]) -> diesel::QueryResult<Vec<T>>,
) -> diesel::QueryResult<Vec<T>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        out.extend(load(chunk)?);
    }
    Ok(out)
}

fn unique<T: Clone + Eq + std::hash::Hash>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut seen = std::collections::HashSet::new();
    items.filter(|i| seen.insert(i.clone())).collect()
}

/// Loads the work items of these versions (missing ones are skipped), in the given order.
pub fn load(
    conn: &mut DbConnection,
    version_ids: &[SubmissionVersionId],
) -> Result<Vec<WorkItem>, AppError> {
    load_with(conn, version_ids, false)
}

/// Like [`load`], without the texts of versions and drafts (for allocation, queues, figures).
/// Never save these rows back: their texts are empty.
pub fn load_lean(
    conn: &mut DbConnection,
    version_ids: &[SubmissionVersionId],
) -> Result<Vec<WorkItem>, AppError> {
    load_with(conn, version_ids, true)
}

fn load_with(
    conn: &mut DbConnection,
    version_ids: &[SubmissionVersionId],
    lean: bool,
) -> Result<Vec<WorkItem>, AppError> {
    let versions = by_chunks(version_ids, |c| {
        if lean {
            SubmissionVersion::list_meta_by_ids(conn, c)
        } else {
            SubmissionVersion::list_by_ids(conn, c)
        }
    })?;
    let sub_ids = unique(versions.iter().map(|v| v.submission_id.clone()));
    let submissions: HashMap<SubmissionId, Submission> = by_chunks(&sub_ids, |c| {
        if lean {
            Submission::list_meta_by_ids(conn, c)
        } else {
            Submission::list_by_ids(conn, c)
        }
    })?
    .into_iter()
    .map(|s| (s.id.clone(), s))
    .collect();
    let enr_ids: Vec<EnrollmentId> = unique(submissions.values().map(|s| s.enrollment_id.clone()));
    let enrollments: HashMap<EnrollmentId, Enrollment> =
        by_chunks(&enr_ids, |c| Enrollment::list_by_ids(conn, c))?
            .into_iter()
            .map(|e| (e.id.clone(), e))
            .collect();
    let person_ids: Vec<PersonId> = unique(enrollments.values().map(|e| e.person_id.clone()));
    let people: HashMap<PersonId, Person> =
        by_chunks(&person_ids, |c| Person::list_by_ids(conn, c))?
            .into_iter()
            .map(|p| (p.id.clone(), p))
            .collect();
    let cohort_ids: Vec<CohortId> = unique(enrollments.values().map(|e| e.cohort_id.clone()));
    let cohorts: HashMap<CohortId, Arc<Cohort>> = Cohort::list_by_ids(conn, &cohort_ids)?
        .into_iter()
        .map(|c| (c.id.clone(), Arc::new(c)))
        .collect();
    let assignment_ids: Vec<AssignmentId> =
        unique(submissions.values().map(|s| s.assignment_id.clone()));
    let assignments: HashMap<AssignmentId, Arc<Assignment>> =
        Assignment::list_by_ids(conn, &assignment_ids)?
            .into_iter()
            .map(|a| (a.id.clone(), Arc::new(a)))
            .collect();
    let mut curricula: HashMap<CurriculumVersionId, Arc<CurriculumVersion>> = HashMap::new();
    for c in cohorts.values() {
        if !curricula.contains_key(&c.curriculum_version_id)
            && let Some(v) = CurriculumVersion::find(conn, &c.curriculum_version_id)?
        {
            curricula.insert(v.id.clone(), Arc::new(v));
        }
    }
    let by_id: HashMap<SubmissionVersionId, SubmissionVersion> =
        versions.into_iter().map(|v| (v.id.clone(), v)).collect();
    let mut out = Vec::with_capacity(version_ids.len());
    for id in version_ids {
        let Some(version) = by_id.get(id) else {
            continue;
        };
        let item = (|| {
            let submission = submissions.get(&version.submission_id)?;
            let enrollment = enrollments.get(&submission.enrollment_id)?;
            let cohort = cohorts.get(&enrollment.cohort_id)?;
            Some(WorkItem {
                version: version.clone(),
                submission: submission.clone(),
                enrollment: enrollment.clone(),
                trainee: people.get(&enrollment.person_id)?.clone(),
                cohort: cohort.clone(),
                assignment: assignments.get(&submission.assignment_id)?.clone(),
                curriculum: curricula.get(&cohort.curriculum_version_id)?.clone(),
            })
        })();
        out.extend(item);
    }
    Ok(out)
}

/// The work item of one version.
pub fn load_one(
    conn: &mut DbConnection,
    version_id: &SubmissionVersionId,
) -> Result<WorkItem, AppError> {
    load(conn, std::slice::from_ref(version_id))?
        .pop()
        .ok_or(AppError::NotFound)
}
