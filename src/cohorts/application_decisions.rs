//! The program lead's decisions about applications: admit to a cohort (the person is
//! enrolled through the enrollment use case), wait-list, or decline with a reason; one at a
//! time with optimistic locking, or many at once after a dry run. Every decision is audited
//! and mailed to the applicant through the outbox in the same transaction.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::applications::{ApplicationRefusal, audit, notify, stale};
use crate::accounts::Identity;
use crate::db::models::{Application, Cohort, DecisionChange, Person};
use crate::db::{DbConnection, refusable_tx};
use crate::domain::ids::{ApplicationId, CohortId};
use crate::domain::states::ApplicationState;
use crate::error::{AppError, FieldError, Outcome, Refusal, proceed};
use crate::mail::Composer;

/// The program lead's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Admit to a cohort (enrolls the person).
    Admit,
    /// Put on the waiting list.
    Waitlist,
    /// Decline, with a reason.
    Decline,
}

/// A decision with what it needs.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    /// What to do.
    pub decision: Verdict,
    /// The cohort to admit to (admit only; default: the cohort the applicant wished for).
    #[serde(default)]
    pub cohort_id: Option<String>,
    /// The reason (required to decline; up to 2,000 characters).
    #[serde(default)]
    pub reason: Option<String>,
}

/// Whether the program lead may decide about an application in `state` in this way.
pub fn may_decide(state: ApplicationState, verdict: Verdict) -> bool {
    use ApplicationState::*;
    match state {
        Submitted | ManagerApproved | ManagerDeclined => true,
        Waitlisted => verdict != Verdict::Waitlist,
        ManagerPending | Admitted | Declined => false,
    }
}

fn invalid(field: &'static str, key: &'static str) -> Refusal {
    Refusal::invalid(vec![FieldError::new(field, key)])
}

/// The cohort to admit to: named, else the wished one; it must belong to the program.
fn admit_cohort(
    conn: &mut DbConnection,
    application: &Application,
    input: &DecisionInput,
) -> Outcome<Cohort> {
    let id = match input.cohort_id.as_deref().filter(|s| !s.is_empty()) {
        Some(id) => Some(CohortId(id.to_string())),
        None => application.preferred_cohort_id.clone(),
    };
    let cohort = match id {
        Some(id) => Cohort::find(conn, &id)?,
        None => None,
    };
    match cohort {
        Some(c) if c.program_id == application.program_id => Ok(Ok(c)),
        _ => Ok(Err(invalid("cohort_id", "application-error-cohort"))),
    }
}

/// Decides about one application inside the caller's transaction.
fn decide_in_tx(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    application: &Application,
    input: &DecisionInput,
    lock_version: i32,
    now: NaiveDateTime,
) -> Outcome<Application> {
    if !may_decide(application.state, input.decision) {
        return Ok(Err(ApplicationRefusal::NotDecidable.into()));
    }
    let reason = input
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if reason.is_some_and(|r| r.chars().count() > 2000 || r.contains('\0'))
        || (input.decision == Verdict::Decline && reason.is_none())
    {
        return Ok(Err(invalid("reason", "application-error-reason")));
    }
    let (state, cohort) = match input.decision {
        Verdict::Admit => (
            ApplicationState::Admitted,
            Some(proceed!(admit_cohort(conn, application, input))),
        ),
        Verdict::Waitlist => (ApplicationState::Waitlisted, None),
        Verdict::Decline => (ApplicationState::Declined, None),
    };
    let change = DecisionChange {
        state,
        cohort: cohort.as_ref().map(|c| &c.id),
        reason,
        by: &actor.person.id,
    };
    if !Application::set_decision(conn, &application.id, lock_version, &change, now)? {
        return Ok(Err(stale(application)));
    }
    if let Some(cohort) = &cohort {
        proceed!(super::enrollment::enroll_person_in_tx(
            conn,
            composer,
            actor,
            &cohort.id,
            &application.person_id,
            now
        ));
    }
    let decided = Application::find(conn, &application.id)?.ok_or(AppError::NotFound)?;
    let (action, template) = match input.decision {
        Verdict::Admit => ("application_admitted", "application_admitted"),
        Verdict::Waitlist => ("application_waitlisted", "application_waitlisted"),
        Verdict::Decline => ("application_declined", "application_declined"),
    };
    audit(conn, actor, &decided, action, now)?;
    let applicant = Person::find(conn, &decided.person_id)?.ok_or(AppError::NotFound)?;
    notify(conn, composer, now, template, &applicant, &decided)?;
    Ok(Ok(decided))
}

/// The program lead decides about one application, if it is still at `lock_version`.
pub fn decide(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    id: &ApplicationId,
    input: &DecisionInput,
    lock_version: i32,
    now: NaiveDateTime,
) -> Outcome<Application> {
    if !actor.is_owner {
        return Err(AppError::Forbidden);
    }
    refusable_tx(conn, |conn| {
        let application = Application::find(conn, id)?.ok_or(AppError::NotFound)?;
        decide_in_tx(
            conn,
            composer,
            actor,
            &application,
            input,
            lock_version,
            now,
        )
    })
}

/// One line of a bulk decision: what happened (or would happen) to one application.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BulkLine {
    /// The application.
    pub id: String,
    /// The applicant's name.
    pub applicant: String,
    /// The state after the decision (or before it, when refused).
    #[schema(value_type = String)]
    pub state: ApplicationState,
    /// Why this one was refused, if it was: the refusal's name, as the single decision
    /// answers it (`stale`, `not_decidable`, `invalid`).
    pub refusal: Option<String>,
    /// The text key of that reason, which the pages show.
    pub refused: Option<String>,
}

/// What a bulk decision did, or would do in a dry run.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct BulkPlan {
    /// One line per application, in the order given.
    pub lines: Vec<BulkLine>,
    /// How many would be (or were) decided.
    pub decided: usize,
    /// Whether the decisions were carried out (false: a dry run).
    pub applied: bool,
}

/// Decides one line of a bulk decision in a savepoint of its own, so a refused line leaves
/// nothing behind and the others go on.
fn bulk_line(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    item: &(ApplicationId, i32),
    input: &DecisionInput,
    now: NaiveDateTime,
) -> Result<BulkLine, AppError> {
    use diesel::Connection;
    let application = Application::find(conn, &item.0)?.ok_or(AppError::NotFound)?;
    let applicant = Person::find(conn, &application.person_id)?
        .map(|p| p.name)
        .unwrap_or_default();
    let result = conn.transaction::<_, BulkAbort, _>(|conn| {
        match decide_in_tx(conn, composer, actor, &application, input, item.1, now) {
            Ok(Ok(decided)) => Ok(decided),
            Ok(Err(refusal)) => Err(BulkAbort::Refused(refusal)),
            Err(error) => Err(BulkAbort::Failed(error)),
        }
    });
    let (state, refusal, refused) = match result {
        Ok(decided) => (decided.state, None, None),
        Err(BulkAbort::Refused(r)) => (
            application.state,
            Some(r.reason.to_string()),
            Some(r.key.to_string()),
        ),
        Err(BulkAbort::Failed(e)) => return Err(e),
    };
    Ok(BulkLine {
        id: application.id.0,
        applicant,
        state,
        refusal,
        refused,
    })
}

enum BulkAbort {
    Refused(Refusal),
    Failed(AppError),
}

impl From<diesel::result::Error> for BulkAbort {
    fn from(e: diesel::result::Error) -> Self {
        Self::Failed(e.into())
    }
}

/// The same decision for many applications (each with the version read). A dry run does all
/// of it in a transaction that is rolled back, so it reports exactly what would happen and
/// changes nothing; otherwise the decided lines stay and refused lines are reported.
#[allow(clippy::too_many_arguments)]
pub fn decide_many(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    items: &[(ApplicationId, i32)],
    input: &DecisionInput,
    dry_run: bool,
    now: NaiveDateTime,
) -> Outcome<BulkPlan> {
    if !actor.is_owner {
        return Err(AppError::Forbidden);
    }
    let mut tried = None;
    let done = refusable_tx(conn, |conn| {
        let mut plan = BulkPlan::default();
        for item in items {
            plan.lines
                .push(bulk_line(conn, composer, actor, item, input, now)?);
        }
        plan.decided = plan.lines.iter().filter(|l| l.refused.is_none()).count();
        if dry_run {
            tried = Some(plan);
            return Ok(Err(ApplicationRefusal::DryRun.into()));
        }
        plan.applied = true;
        Ok(Ok(plan))
    })?;
    match (done, tried) {
        (Ok(plan), _) => Ok(Ok(plan)),
        (Err(_), Some(plan)) => Ok(Ok(plan)),
        (Err(refusal), None) => Ok(Err(refusal)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ApplicationState::*;

    #[test]
    fn the_program_lead_decides_after_the_manager_and_a_waitlist_only_once() {
        for state in [Submitted, ManagerApproved, ManagerDeclined] {
            assert!(may_decide(state, Verdict::Admit) && may_decide(state, Verdict::Waitlist));
        }
        assert!(may_decide(Waitlisted, Verdict::Admit) && may_decide(Waitlisted, Verdict::Decline));
        assert!(!may_decide(Waitlisted, Verdict::Waitlist));
        for state in [ManagerPending, Admitted, Declined] {
            assert!(!may_decide(state, Verdict::Admit) && !may_decide(state, Verdict::Decline));
        }
    }
}
