//! Applying for a cohort program: the form's facts (required self-study certificate, the
//! manager step, the cohorts to wish for), handing in, the manager's decision, and what the
//! applicant sees of their applications. The program lead's decisions are in
//! `application_decisions`, the owner's list in `application_list`, the manager's page in
//! `application_manager`.
//!
//! States: submitted → (manager_pending → manager_approved | manager_declined) → admitted |
//! waitlisted | declined; a wait-listed application may still be admitted or declined. The
//! manager step happens when the program asks for it and the HR data names a manager who has
//! an account; otherwise it is skipped. Every change is audited, and every mail goes through
//! the outbox in the same transaction.

use chrono::NaiveDateTime;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::accounts::Identity;
use crate::db::models::{
    Application, AuditEntry, Certificate, Cohort, CurriculumVersion, Person, Program,
};
use crate::db::{DbConnection, refusable_tx};
use crate::domain::ids::{ApplicationId, CohortId, PersonId, ProgramId};
use crate::domain::states::{ApplicationState, CohortState, ProgramKind};
use crate::error::{AppError, FieldError, Outcome, Refusal, proceed, reasons};
use crate::mail::Composer;

pub use super::application_form::{ApplyForm, CohortChoice, apply_form};
pub use super::application_manager::{
    ManagerInput, ManagerVerdict, ManagerView, manager_decide, manager_view,
};
pub use super::application_status::{ApplicantStatus, status_of};

reasons! {
    /// Why an application or a decision about one was refused, besides fields to correct.
    pub enum ApplicationRefusal {
        /// The program asks for a self-study certificate the person does not hold.
        SelfStudyMissing = "self_study_missing" => ("application-error-self-study", CONFLICT),
        /// The person already has an open application for the program.
        AlreadyOpen = "already_applied" => ("application-error-open", CONFLICT),
        /// Someone changed the application since it was read.
        Stale = "stale" => ("error-changed-meanwhile", CONFLICT),
        /// The application is not in a state that allows this decision.
        NotDecidable = "not_decidable" => ("application-error-state", CONFLICT),
        /// A dry run: nothing was changed.
        DryRun = "dry_run" => ("application-bulk-dry-run", OK),
    }
}

/// What a person hands in.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplyInput {
    /// Why the person applies (up to 2,000 characters).
    pub motivation: String,
    /// The community the person runs.
    pub community_name: String,
    /// The community's intranet address (http or https).
    pub community_url: String,
    /// The id of one of the program's planned cohorts; empty or `next`: the next possible.
    #[serde(default)]
    pub preferred_cohort_id: Option<String>,
}

/// A cohort program one applies for and its current version, or not found (a refresher is
/// not applied for: the program lead enrolls the holders it renews).
pub(super) fn cohort_program(
    conn: &mut DbConnection,
    slug: &str,
) -> Result<(Program, CurriculumVersion), AppError> {
    let program = Program::find_by_slug(conn, slug)?
        .filter(|p| p.kind == ProgramKind::Cohort)
        .ok_or(AppError::NotFound)?;
    let version = CurriculumVersion::find_current(conn, &program.id)?
        .filter(|v| v.renews_program.is_none())
        .ok_or(AppError::NotFound)?;
    Ok((program, version))
}

/// The manager the HR data names for the person (by employee id, else by email), if they
/// have an active account.
pub fn manager_of(conn: &mut DbConnection, person: &Person) -> Result<Option<Person>, AppError> {
    let mut found = None;
    if let Some(id) = person
        .manager_employee_id
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        found = Person::find_by_employee_id(conn, id)?;
    }
    if found.is_none()
        && let Some(email) = person.manager_email.as_deref().filter(|s| !s.is_empty())
    {
        found = Person::find_by_email(conn, email)?;
    }
    Ok(found.filter(|m| m.is_active() && m.id != person.id))
}

/// Whether the version requires a self-study certificate, and whether the person holds one
/// (the required one, or else any).
pub(super) fn self_study(
    conn: &mut DbConnection,
    version: &CurriculumVersion,
    person: &PersonId,
) -> Result<(Option<Program>, bool), AppError> {
    if let Some(slug) = &version.requires_program {
        let required = Program::find_by_slug(conn, slug)?;
        let done = match &required {
            Some(p) => Certificate::has_active(conn, person, &p.id)?,
            None => false,
        };
        return Ok((required, done));
    }
    for p in Program::list_of_kind(conn, ProgramKind::SelfPaced)? {
        if Certificate::has_active(conn, person, &p.id)? {
            return Ok((None, true));
        }
    }
    Ok((None, false))
}

/// The program's planned cohorts, earliest start first.
pub(super) fn planned_cohorts(
    conn: &mut DbConnection,
    program: &ProgramId,
) -> Result<Vec<Cohort>, AppError> {
    let mut cohorts: Vec<Cohort> = Cohort::list_by_program(conn, program)?
        .into_iter()
        .filter(|c| c.state == CohortState::Planned)
        .collect();
    cohorts.sort_by(|a, b| a.starts_on.cmp(&b.starts_on));
    Ok(cohorts)
}

fn is_url(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.chars().any(|c| c.is_whitespace() || c.is_control()))
}

/// The fields to correct in the input, and the wished cohort.
fn check_input(
    conn: &mut DbConnection,
    program: &ProgramId,
    input: &ApplyInput,
) -> Result<Result<Option<CohortId>, Vec<FieldError>>, AppError> {
    let mut fields = Vec::new();
    let motivation = input.motivation.trim().chars().count();
    if motivation == 0 || motivation > 2000 || input.motivation.contains('\0') {
        fields.push(FieldError::new(
            "motivation",
            "application-error-motivation",
        ));
    }
    let name = input.community_name.trim().chars().count();
    if name == 0 || name > 200 || input.community_name.contains('\0') {
        fields.push(FieldError::new(
            "community_name",
            "application-error-community-name",
        ));
    }
    let url = input.community_url.trim();
    if url.len() > 500 || !is_url(url) {
        fields.push(FieldError::new(
            "community_url",
            "application-error-community-url",
        ));
    }
    let wish = match input.preferred_cohort_id.as_deref().map(str::trim) {
        None | Some("") | Some("next") => None,
        Some(id) => {
            let ok = planned_cohorts(conn, program)?.iter().any(|c| c.id.0 == id);
            if !ok {
                fields.push(FieldError::new(
                    "preferred_cohort_id",
                    "application-error-start",
                ));
            }
            Some(CohortId(id.to_string()))
        }
    };
    Ok(if fields.is_empty() {
        Ok(wish)
    } else {
        Err(fields)
    })
}

/// Hands in an application for the cohort program `slug`. Refused without the required
/// self-study certificate and while another application for the program is open. With a
/// manager step, the manager is mailed a link to decide.
pub fn apply(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    slug: &str,
    input: &ApplyInput,
    now: NaiveDateTime,
) -> Outcome<Application> {
    refusable_tx(conn, |conn| {
        let (program, version) = cohort_program(conn, slug)?;
        let wish = match check_input(conn, &program.id, input)? {
            Ok(wish) => wish,
            Err(fields) => return Ok(Err(Refusal::invalid(fields))),
        };
        let person = &actor.person;
        let (_, done) = self_study(conn, &version, &person.id)?;
        if version.requires_program.is_some() && !done {
            return Ok(Err(ApplicationRefusal::SelfStudyMissing.into()));
        }
        if Application::find_open(conn, &person.id, &program.id)?.is_some() {
            return Ok(Err(ApplicationRefusal::AlreadyOpen.into()));
        }
        let manager = match version.manager_approval {
            true => manager_of(conn, person)?,
            false => None,
        };
        let application = Application {
            id: ApplicationId(uuid::Uuid::now_v7().to_string()),
            program_id: program.id.clone(),
            person_id: person.id.clone(),
            state: match manager {
                Some(_) => ApplicationState::ManagerPending,
                None => ApplicationState::Submitted,
            },
            motivation: input.motivation.trim().to_string(),
            community_name: input.community_name.trim().to_string(),
            community_url: input.community_url.trim().to_string(),
            preferred_cohort_id: wish,
            org_unit: person.org_unit.clone(),
            self_study_done: done,
            manager_id: manager.as_ref().map(|m| m.id.clone()),
            manager_decision: None,
            manager_comment: None,
            manager_decided_at: None,
            cohort_id: None,
            decision_reason: None,
            decided_by: None,
            decided_at: None,
            lock_version: 1,
            created_at: now,
            updated_at: now,
        };
        proceed!(insert(conn, &application));
        audit(conn, actor, &application, "application_submitted", now)?;
        if let Some(manager) = &manager {
            notify(
                conn,
                composer,
                now,
                "application_manager_request",
                manager,
                &application,
            )?;
        }
        Ok(Ok(application))
    })
}

/// Inserts the application; a concurrent second one is refused like any other.
fn insert(conn: &mut DbConnection, application: &Application) -> Outcome<()> {
    match Application::create(conn, application) {
        Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
            Ok(Err(ApplicationRefusal::AlreadyOpen.into()))
        }
        other => Ok(Ok(other?)),
    }
}

/// Writes the audit entry of a change to an application.
pub(super) fn audit(
    conn: &mut DbConnection,
    actor: &Identity,
    application: &Application,
    action: &str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    AuditEntry::new(
        now,
        Some(&actor.person.id),
        action,
        "application",
        Some(application.id.as_str()),
    )
    .details(json!({
        "program": application.program_id,
        "person": application.person_id,
        "cohort": application.cohort_id,
        "reason": application.decision_reason,
        "manager_comment": application.manager_comment,
    }))
    .record(conn)?;
    Ok(())
}

/// Mails `to` about the application through the outbox (once per template and change).
pub(super) fn notify(
    conn: &mut DbConnection,
    composer: &Composer,
    now: NaiveDateTime,
    template: &'static str,
    to: &Person,
    application: &Application,
) -> Result<(), AppError> {
    let mut context = tera::Context::new();
    if let Some(v) = CurriculumVersion::find_current(conn, &application.program_id)? {
        let title = if to.language == "en" {
            v.title_en
        } else {
            v.title_de
        };
        context.insert("program", &title);
    }
    if let Some(applicant) = Person::find(conn, &application.person_id)? {
        context.insert("applicant", &applicant.name);
    }
    if let Some(id) = &application.cohort_id
        && let Some(cohort) = Cohort::find(conn, id)?
    {
        context.insert("cohort", &cohort.name);
        context.insert("starts_on", &cohort.starts_on);
    }
    context.insert("application", application);
    crate::mail::enqueue(
        conn,
        composer,
        now,
        crate::mail::Email {
            key: format!("{template}:{}:{}", application.id, application.lock_version),
            template,
            to,
            context,
        },
    )?;
    Ok(())
}

/// An application as the API answers it after a change.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApplicationView {
    /// Id.
    pub id: String,
    /// `submitted`, `manager_pending`, `manager_approved`, `manager_declined`, `admitted`,
    /// `waitlisted` or `declined`.
    pub state: String,
    /// The cohort admitted to.
    pub cohort_id: Option<String>,
    /// The manager's answer: `approved` or `declined`.
    pub manager_decision: Option<String>,
    /// The version to send with the next decision.
    pub lock_version: i32,
}

impl From<Application> for ApplicationView {
    fn from(a: Application) -> Self {
        Self {
            id: a.id.0,
            state: a.state.as_str().to_string(),
            cohort_id: a.cohort_id.map(|c| c.0),
            manager_decision: a.manager_decision.map(|d| d.as_str().to_string()),
            lock_version: a.lock_version,
        }
    }
}

/// A lost optimistic lock, with the application's state and version as they are now.
pub(super) fn stale(application: &Application) -> Refusal {
    Refusal::from(ApplicationRefusal::Stale).with_current(json!({
        "state": application.state,
        "lock_version": application.lock_version,
    }))
}
