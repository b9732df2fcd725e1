//! Everything one assignment of one enrollment needs, loaded with the ownership check: an
//! enrollment that is not the caller's is "not found".

use std::sync::Arc;

use chrono::NaiveDateTime;

use crate::db::DbConnection;
use crate::db::models::{
    Assignment, Cohort, CurriculumVersion, Decision, Enrollment, Extension, Module, ScheduleEntry,
    Submission,
};
use crate::domain::deadline::{Window, effective_due, window};
use crate::domain::ids::{EnrollmentId, PersonId};
use crate::error::AppError;

/// One enrollment of the caller with its cohort and curriculum.
pub struct EnrollmentContext {
    /// The enrollment.
    pub enrollment: Enrollment,
    /// Its cohort.
    pub cohort: Cohort,
    /// The pinned version.
    pub version: Arc<CurriculumVersion>,
    /// Modules in order.
    pub modules: Arc<Vec<Module>>,
    /// Assignments of the version.
    pub assignments: Arc<Vec<Assignment>>,
    /// The cohort's schedule (shared by its trainees: `cohorts::schedule_cache`).
    pub schedule: Arc<Vec<ScheduleEntry>>,
    /// The trainee's extensions.
    pub extensions: Vec<Extension>,
    /// The trainee's submissions.
    pub submissions: Vec<Submission>,
    /// Decisions on them since a moment, newest first, when read together with them
    /// ([`EnrollmentContext::all_of`] for one enrollment).
    pub decisions: Option<Vec<Decision>>,
    /// The pinned version with its rendered lessons, briefs and rubrics.
    pub pinned: Arc<crate::content::pinned::Pinned>,
}

impl EnrollmentContext {
    /// Loads an enrollment of `person`; someone else's is "not found".
    pub fn load(
        conn: &mut DbConnection,
        person: &PersonId,
        id: &EnrollmentId,
    ) -> Result<Self, AppError> {
        use crate::db::schema::{cohorts, enrollments};
        use diesel::prelude::*;
        // Enrollment and cohort in one read (a round trip fewer on PostgreSQL).
        let row: Option<(Enrollment, Cohort)> = crate::db::per_backend!(conn, c => enrollments::table
            .inner_join(cohorts::table)
            .filter(enrollments::id.eq(id))
            .select((Enrollment::as_select(), Cohort::as_select()))
            .first(c)
            .optional())?;
        let (enrollment, cohort) = row
            .filter(|(e, _)| &e.person_id == person)
            .ok_or(AppError::NotFound)?;
        Self::assemble(conn, enrollment, cohort, None)
    }

    /// The context of one enrollment of its cohort: two reads by equality (statements the
    /// connection keeps prepared), the schedule and the curriculum from memory. With
    /// `decisions_since`, the decisions since then are read with the submissions.
    fn assemble(
        conn: &mut DbConnection,
        enrollment: Enrollment,
        cohort: Cohort,
        decisions_since: Option<NaiveDateTime>,
    ) -> Result<Self, AppError> {
        let pinned = crate::content::pinned::load(conn, &cohort.curriculum_version_id)?
            .ok_or(AppError::NotFound)?;
        let (submissions, decisions) = match decisions_since {
            Some(since) => {
                let (submissions, decisions) = split(Submission::list_with_decisions_since(
                    conn,
                    &enrollment.id,
                    since,
                )?);
                (submissions, Some(decisions))
            }
            None => (Submission::list_by_enrollment(conn, &enrollment.id)?, None),
        };
        Ok(Self {
            modules: pinned.modules.clone(),
            assignments: pinned.assignments.clone(),
            version: pinned.version.clone(),
            schedule: crate::cohorts::schedule_cache::schedule_of(conn, &cohort)?,
            extensions: Extension::list_by_enrollment(conn, &enrollment.id)?,
            submissions,
            decisions,
            enrollment,
            cohort,
            pinned,
        })
    }

    /// Every enrollment of `person` with what its pages need, in three queries however many
    /// there are (the trainee dashboard), and the schedules of their cohorts. For a single
    /// enrollment (most trainees) the decisions since `decisions_since` come along.
    pub fn all_of(
        conn: &mut DbConnection,
        person: &PersonId,
        decisions_since: NaiveDateTime,
    ) -> Result<Vec<Self>, AppError> {
        use crate::db::schema::{cohorts, enrollments, extensions, submissions};
        use diesel::prelude::*;
        let rows: Vec<(Enrollment, Cohort)> = crate::db::per_backend!(conn, c => enrollments::table
            .inner_join(cohorts::table)
            .filter(enrollments::person_id.eq(person))
            .select((Enrollment::as_select(), Cohort::as_select()))
            .load(c))?;
        if rows.len() <= 1 {
            // Most trainees have one enrollment: its reads by equality are prepared once per
            // connection, where lists of ids make a new statement each time.
            return rows
                .into_iter()
                .map(|(enrollment, cohort)| {
                    Self::assemble(conn, enrollment, cohort, Some(decisions_since))
                })
                .collect();
        }
        let enrollment_ids: Vec<&str> = rows.iter().map(|(e, _)| e.id.0.as_str()).collect();
        let extensions: Vec<Extension> = extensions::table
            .filter(extensions::enrollment_id.eq_any(&enrollment_ids))
            .select(Extension::as_select())
            .load(conn)?;
        let submissions: Vec<Submission> = submissions::table
            .filter(submissions::enrollment_id.eq_any(&enrollment_ids))
            .select(Submission::as_select())
            .load(conn)?;
        let mut out = Vec::with_capacity(rows.len());
        for (enrollment, cohort) in rows {
            let pinned = crate::content::pinned::load(conn, &cohort.curriculum_version_id)?
                .ok_or(AppError::NotFound)?;
            out.push(Self {
                modules: pinned.modules.clone(),
                assignments: pinned.assignments.clone(),
                version: pinned.version.clone(),
                schedule: crate::cohorts::schedule_cache::schedule_of(conn, &cohort)?,
                extensions: extensions
                    .iter()
                    .filter(|x| x.enrollment_id == enrollment.id)
                    .cloned()
                    .collect(),
                submissions: submissions
                    .iter()
                    .filter(|x| x.enrollment_id == enrollment.id)
                    .cloned()
                    .collect(),
                decisions: None,
                enrollment,
                cohort,
                pinned,
            });
        }
        Ok(out)
    }

    /// The module with this slug.
    pub fn module(&self, slug: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.slug == slug)
    }

    /// The assignment with this slug.
    pub fn assignment(&self, slug: &str) -> Option<&Assignment> {
        self.assignments.iter().find(|a| a.slug == slug)
    }

    /// A module's schedule entry.
    pub fn entry(&self, module: &Module) -> Option<&ScheduleEntry> {
        self.schedule.iter().find(|s| s.module_id == module.id)
    }

    /// The due moment that applies to an assignment (the extension, if any).
    pub fn due(&self, assignment: &Assignment) -> Option<NaiveDateTime> {
        let module = self.modules.iter().find(|m| m.id == assignment.module_id)?;
        let entry = self.entry(module)?;
        let extension = self
            .extensions
            .iter()
            .find(|e| e.assignment_id == assignment.id)
            .map(|e| e.due_at);
        Some(effective_due(entry.due_at, extension))
    }

    /// Whether work on an assignment can be handed in at `now`.
    pub fn window(&self, assignment: &Assignment, now: NaiveDateTime) -> Window {
        let module = self.modules.iter().find(|m| m.id == assignment.module_id);
        let Some(entry) = module.and_then(|m| self.entry(m)) else {
            return Window::Locked;
        };
        let extension = self
            .extensions
            .iter()
            .find(|e| e.assignment_id == assignment.id)
            .map(|e| e.due_at);
        window(
            now,
            entry.unlock_at,
            entry.due_at,
            extension,
            self.version.hard_cutoff,
        )
    }

    /// The trainee's submission for an assignment.
    pub fn submission(&self, assignment: &Assignment) -> Option<&Submission> {
        self.submissions
            .iter()
            .find(|s| s.assignment_id == assignment.id)
    }
}

/// Submissions and decisions from rows of both: each submission once, the decisions newest
/// first (then the higher version first).
fn split(rows: Vec<(Submission, Option<Decision>)>) -> (Vec<Submission>, Vec<Decision>) {
    let mut submissions: Vec<Submission> = Vec::with_capacity(rows.len());
    let mut decisions = Vec::new();
    for (submission, decision) in rows {
        decisions.extend(decision);
        if !submissions.iter().any(|s| s.id == submission.id) {
            submissions.push(submission);
        }
    }
    decisions.sort_by(|a, b| b.at.cmp(&a.at).then(b.number.cmp(&a.number)));
    (submissions, decisions)
}
