//! The apply form's facts: the program's title, the self-study certificate it requires and
//! whether the person holds it, whether a manager will be asked (and who), the planned cohorts
//! to wish for, and the person's open application if there is one.

use serde::Serialize;

use super::applications::{cohort_program, manager_of, planned_cohorts, self_study};
use crate::accounts::Identity;
use crate::db::DbConnection;
use crate::db::models::{Application, CurriculumVersion};
use crate::domain::language::Language;
use crate::domain::states::ApplicationState;
use crate::error::AppError;

/// A cohort one may wish to start in.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CohortChoice {
    /// Cohort id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its start date.
    pub starts_on: String,
}

/// What the apply form shows besides its fields.
#[derive(Debug, Serialize)]
pub struct ApplyForm {
    /// The program's slug.
    pub slug: String,
    /// The program's title.
    pub title: String,
    /// The self-paced program whose certificate is required (slug, title), if any.
    pub requires: Option<(String, String)>,
    /// Whether the person holds that certificate.
    pub self_study_done: bool,
    /// Whether the program asks managers to approve.
    pub manager_step: bool,
    /// The manager who will be asked (none: the step is skipped).
    pub manager_name: Option<String>,
    /// The planned cohorts to wish for.
    pub cohorts: Vec<CohortChoice>,
    /// The state of the person's open application, if there is one.
    pub open_state: Option<ApplicationState>,
}

/// The apply form's facts for the person.
pub fn apply_form(
    conn: &mut DbConnection,
    actor: &Identity,
    slug: &str,
    lang: Language,
) -> Result<ApplyForm, AppError> {
    let (program, version) = cohort_program(conn, slug)?;
    let (required, done) = self_study(conn, &version, &actor.person.id)?;
    let requires = match (&version.requires_program, required) {
        (Some(_), Some(p)) => {
            let title = match CurriculumVersion::find_current(conn, &p.id)? {
                Some(v) => lang.pick(&v.title_de, &v.title_en).to_string(),
                None => p.slug.clone(),
            };
            Some((p.slug, title))
        }
        (Some(slug), None) => Some((slug.clone(), slug.clone())),
        _ => None,
    };
    let manager = if version.manager_approval {
        manager_of(conn, &actor.person)?
    } else {
        None
    };
    let cohorts = planned_cohorts(conn, &program.id)?
        .into_iter()
        .map(|c| CohortChoice {
            id: c.id.0,
            name: c.name,
            starts_on: c.starts_on,
        })
        .collect();
    let open_state = Application::find_open(conn, &actor.person.id, &program.id)?.map(|a| a.state);
    Ok(ApplyForm {
        slug: program.slug,
        title: lang.pick(&version.title_de, &version.title_en).to_string(),
        requires,
        self_study_done: done,
        manager_step: version.manager_approval,
        manager_name: manager.map(|m| m.name),
        cohorts,
        open_state,
    })
}
