//! The manager's step of an application: the page only the manager named on the application
//! finds (everyone else gets 404), and their answer (approve or decline, with a comment),
//! which is audited and mailed to the applicant.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::applications::{ApplicationRefusal, audit, notify, stale};
use crate::accounts::Identity;
use crate::db::models::{Application, CurriculumVersion, Person};
use crate::db::{DbConnection, refusable_tx};
use crate::domain::ids::ApplicationId;
use crate::domain::language::Language;
use crate::domain::states::{ApplicationState, ManagerDecision};
use crate::error::{AppError, FieldError, Outcome, Refusal};
use crate::mail::Composer;

/// What the manager's page shows.
#[derive(Debug, Serialize)]
pub struct ManagerView {
    /// The application.
    pub application: Application,
    /// The applicant's name.
    pub applicant: String,
    /// The applicant's email.
    pub applicant_email: String,
    /// The program's title.
    pub program: String,
}

/// The application as its manager sees it: nobody else finds it.
pub fn manager_view(
    conn: &mut DbConnection,
    actor: &Identity,
    id: &ApplicationId,
    lang: Language,
) -> Result<ManagerView, AppError> {
    let application = Application::find(conn, id)?
        .filter(|a| a.manager_id.as_ref() == Some(&actor.person.id))
        .ok_or(AppError::NotFound)?;
    let applicant = Person::find(conn, &application.person_id)?.ok_or(AppError::NotFound)?;
    let program = match CurriculumVersion::find_current(conn, &application.program_id)? {
        Some(v) => lang.pick(&v.title_de, &v.title_en).to_string(),
        None => String::new(),
    };
    Ok(ManagerView {
        application,
        applicant: applicant.name,
        applicant_email: applicant.email,
        program,
    })
}

/// The manager's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ManagerVerdict {
    /// Approve the application.
    Approved,
    /// Decline it.
    Declined,
}

impl From<ManagerVerdict> for ManagerDecision {
    fn from(v: ManagerVerdict) -> Self {
        match v {
            ManagerVerdict::Approved => ManagerDecision::Approved,
            ManagerVerdict::Declined => ManagerDecision::Declined,
        }
    }
}

/// The manager's answer: approve or decline, with a comment.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ManagerInput {
    /// `approved` or `declined`.
    pub decision: ManagerVerdict,
    /// A comment for the applicant and the program lead (up to 2,000 characters).
    #[serde(default)]
    pub comment: String,
    /// The version you read (optimistic locking).
    pub lock_version: i32,
}

/// Records the manager's answer (only the manager named on the application; nobody else
/// finds it) and tells the applicant.
pub fn manager_decide(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    id: &ApplicationId,
    input: &ManagerInput,
    now: NaiveDateTime,
) -> Outcome<Application> {
    refusable_tx(conn, |conn| {
        let application = Application::find(conn, id)?
            .filter(|a| a.manager_id.as_ref() == Some(&actor.person.id))
            .ok_or(AppError::NotFound)?;
        if input.comment.chars().count() > 2000 || input.comment.contains('\0') {
            let field = FieldError::new("comment", "application-error-comment");
            return Ok(Err(Refusal::invalid(vec![field])));
        }
        if application.state != ApplicationState::ManagerPending {
            return Ok(Err(ApplicationRefusal::NotDecidable.into()));
        }
        let (comment, decision) = (input.comment.trim(), input.decision.into());
        if !Application::set_manager_decision(conn, id, input.lock_version, decision, comment, now)?
        {
            return Ok(Err(stale(&application)));
        }
        let application = Application::find(conn, id)?.ok_or(AppError::NotFound)?;
        let action = match decision {
            ManagerDecision::Approved => "application_manager_approved",
            ManagerDecision::Declined => "application_manager_declined",
        };
        audit(conn, actor, &application, action, now)?;
        let applicant = Person::find(conn, &application.person_id)?.ok_or(AppError::NotFound)?;
        notify(
            conn,
            composer,
            now,
            "application_manager_decided",
            &applicant,
            &application,
        )?;
        Ok(Ok(application))
    })
}
