//! Everything one assignment of one enrollment needs, loaded with the ownership check: an
//! enrollment that is not the caller's is "not found".

use std::sync::Arc;

use chrono::NaiveDateTime;

use crate::db::DbConnection;
use crate::db::models::{
    Assignment, Cohort, CurriculumVersion, Enrollment, Extension, Module, ScheduleEntry, Submission,
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
    /// The cohort's schedule.
    pub schedule: Vec<ScheduleEntry>,
    /// The trainee's extensions.
    pub extensions: Vec<Extension>,
    /// The trainee's submissions.
    pub submissions: Vec<Submission>,
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
        let enrollment = Enrollment::find(conn, id)?
            .filter(|e| &e.person_id == person)
            .ok_or(AppError::NotFound)?;
        let cohort = Cohort::find(conn, &enrollment.cohort_id)?.ok_or(AppError::NotFound)?;
        Self::assemble(conn, enrollment, cohort)
    }

    /// The context of one enrollment of its cohort: three reads by equality (statements the
    /// connection keeps prepared).
    fn assemble(
        conn: &mut DbConnection,
        enrollment: Enrollment,
        cohort: Cohort,
    ) -> Result<Self, AppError> {
        let pinned = crate::content::pinned::load(conn, &cohort.curriculum_version_id)?
            .ok_or(AppError::NotFound)?;
        Ok(Self {
            modules: pinned.modules.clone(),
            assignments: pinned.assignments.clone(),
            version: pinned.version.clone(),
            schedule: ScheduleEntry::list_by_cohort(conn, &cohort.id)?,
            extensions: Extension::list_by_enrollment(conn, &enrollment.id)?,
            submissions: Submission::list_by_enrollment(conn, &enrollment.id)?,
            enrollment,
            cohort,
            pinned,
        })
    }

    /// Every enrollment of `person` with what its pages need, in four queries however many
    /// there are (the trainee dashboard).
    pub fn all_of(conn: &mut DbConnection, person: &PersonId) -> Result<Vec<Self>, AppError> {
        use crate::db::schema::{cohort_schedule, cohorts, enrollments, extensions, submissions};
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
                .map(|(enrollment, cohort)| Self::assemble(conn, enrollment, cohort))
                .collect();
        }
        let cohort_ids: Vec<&str> = rows.iter().map(|(_, c)| c.id.0.as_str()).collect();
        let enrollment_ids: Vec<&str> = rows.iter().map(|(e, _)| e.id.0.as_str()).collect();
        let schedule: Vec<ScheduleEntry> = cohort_schedule::table
            .filter(cohort_schedule::cohort_id.eq_any(&cohort_ids))
            .order((
                cohort_schedule::unlock_at.asc(),
                cohort_schedule::due_at.asc(),
            ))
            .select(ScheduleEntry::as_select())
            .load(conn)?;
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
                schedule: schedule
                    .iter()
                    .filter(|s| s.cohort_id == cohort.id)
                    .cloned()
                    .collect(),
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
