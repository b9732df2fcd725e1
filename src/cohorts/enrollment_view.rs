//! One trainee's enrollment as the owner manages it on a page of its own: move or defer to
//! another cohort of the program, grant an extension, withdraw. The cohort's roster links
//! here from each row, so the roster stays one line per trainee however many cohorts and
//! assignments there are.

use serde::Serialize;

use super::view::{CohortSummary, move_targets};
use crate::accounts::Identity;
use crate::db::DbConnection;
use crate::db::models::{Assignment, Cohort, Enrollment, Person};
use crate::domain::ids::EnrollmentId;
use crate::error::AppError;

/// What the page shows.
#[derive(Debug, Serialize)]
pub struct EnrollmentActions {
    /// The enrollment.
    pub id: String,
    /// Its state.
    pub state: String,
    /// Whether the cohort can still be changed.
    pub editable: bool,
    /// The cohort's id and name.
    pub cohort_id: String,
    /// The cohort's name.
    pub cohort: String,
    /// The trainee's name.
    pub name: String,
    /// The trainee's address.
    pub email: String,
    /// The cohorts to move or defer to.
    pub others: Vec<CohortSummary>,
    /// The assignments an extension can be granted for.
    pub assignments: Vec<AssignmentChoice>,
}

/// An assignment in the extension form.
#[derive(Debug, Serialize)]
pub struct AssignmentChoice {
    /// Its slug, the form's value.
    pub slug: String,
    /// Its title in German.
    pub title_de: String,
    /// Its title in English.
    pub title_en: String,
}

/// The page's content (owner only; an unknown enrollment is not found).
pub fn actions(
    conn: &mut DbConnection,
    actor: &Identity,
    id: &EnrollmentId,
) -> Result<EnrollmentActions, AppError> {
    if !actor.is_owner {
        return Err(AppError::Forbidden);
    }
    let enrollment = Enrollment::find(conn, id)?.ok_or(AppError::NotFound)?;
    let cohort = Cohort::find(conn, &enrollment.cohort_id)?.ok_or(AppError::NotFound)?;
    let person = Person::find(conn, &enrollment.person_id)?.ok_or(AppError::NotFound)?;
    let assignments = Assignment::list_by_version(conn, &cohort.curriculum_version_id)?
        .into_iter()
        .map(|a| AssignmentChoice {
            slug: a.slug,
            title_de: a.title_de,
            title_en: a.title_en,
        })
        .collect();
    Ok(EnrollmentActions {
        id: enrollment.id.0,
        state: enrollment.state.to_string(),
        editable: super::is_editable(cohort.state),
        others: move_targets(conn, actor, &cohort.id)?,
        cohort_id: cohort.id.0,
        cohort: cohort.name,
        name: person.name,
        email: person.email,
        assignments,
    })
}
