//! What an applicant sees of their applications on the learning page: the newest application
//! per program with its state, and the cohort programs they may still apply for.

use std::collections::HashSet;

use serde::Serialize;

use crate::db::DbConnection;
use crate::db::models::{Application, Cohort, CurriculumVersion, Enrollment, Person, Program};
use crate::domain::ids::ProgramId;
use crate::domain::language::Language;
use crate::domain::states::{ApplicationState, ProgramKind};
use crate::error::AppError;

/// One application as its applicant sees it.
#[derive(Debug, Clone, Serialize)]
pub struct ApplicationLine {
    /// The program's title.
    pub program: String,
    /// Where it stands.
    pub state: ApplicationState,
    /// The cohort admitted to.
    pub cohort: Option<String>,
    /// The cohort's start date.
    pub starts_on: Option<String>,
    /// The program lead's reason (a decline's).
    pub reason: Option<String>,
    /// The manager's comment.
    pub manager_comment: Option<String>,
    /// The manager's name.
    pub manager: Option<String>,
}

/// A cohort program the person may apply for.
#[derive(Debug, Clone, Serialize)]
pub struct ProgramLink {
    /// Its slug (the apply form is `/apply/<slug>`).
    pub slug: String,
    /// Its title.
    pub title: String,
}

/// What the learning page shows about applications.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ApplicantStatus {
    /// The newest application per program, newest first.
    pub applications: Vec<ApplicationLine>,
    /// Cohort programs without an application or enrollment of the person.
    pub can_apply: Vec<ProgramLink>,
}

fn title(conn: &mut DbConnection, program: &ProgramId, lang: Language) -> Result<String, AppError> {
    Ok(match CurriculumVersion::find_current(conn, program)? {
        Some(v) => lang.pick(&v.title_de, &v.title_en).to_string(),
        None => String::new(),
    })
}

fn line(
    conn: &mut DbConnection,
    a: Application,
    lang: Language,
) -> Result<ApplicationLine, AppError> {
    let cohort = match &a.cohort_id {
        Some(id) => Cohort::find(conn, id)?,
        None => None,
    };
    let manager = match &a.manager_id {
        Some(id) => Person::find(conn, id)?.map(|p| p.name),
        None => None,
    };
    Ok(ApplicationLine {
        program: title(conn, &a.program_id, lang)?,
        state: a.state,
        starts_on: cohort.as_ref().map(|c| c.starts_on.clone()),
        cohort: cohort.map(|c| c.name),
        reason: a.decision_reason,
        manager_comment: a.manager_comment,
        manager,
    })
}

/// The person's applications and the cohort programs open to them, for the learning page.
pub fn status_of(
    conn: &mut DbConnection,
    person: &Person,
    lang: Language,
) -> Result<ApplicantStatus, AppError> {
    let mut seen = HashSet::new();
    let mut status = ApplicantStatus::default();
    for a in Application::list_by_person(conn, &person.id)? {
        if seen.insert(a.program_id.clone()) {
            status.applications.push(line(conn, a, lang)?);
        }
    }
    for e in Enrollment::list_by_person(conn, &person.id)? {
        if let Some(c) = Cohort::find(conn, &e.cohort_id)? {
            seen.insert(c.program_id);
        }
    }
    for p in Program::list_of_kind(conn, ProgramKind::Cohort)? {
        // A refresher is not applied for: the program lead enrolls the holders it renews.
        let refresher = CurriculumVersion::find_current(conn, &p.id)?
            .is_some_and(|v| v.renews_program.is_some());
        if !seen.contains(&p.id) && !refresher {
            status.can_apply.push(ProgramLink {
                title: title(conn, &p.id, lang)?,
                slug: p.slug,
            });
        }
    }
    Ok(status)
}
