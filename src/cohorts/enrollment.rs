//! Enrolling trainees from a pasted list or CSV (always planned as a dry run first; applying
//! the same text again changes nothing), and moving, deferring and withdrawing enrollments.
//! An enrollment carries its work, so moving it moves the work.

use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::json;

use super::{CohortRefusal, for_change, is_editable};
use crate::accounts::Identity;
use crate::accounts::invitations::{self, InviteRow, RowError};
use crate::certificates::renewal::Gate;
use crate::db::models::{AuditEntry, Cohort, Enrollment, Person, Submission};
use crate::db::{DbConnection, refusable_tx};
use crate::domain::ids::{CohortId, EnrollmentId, PersonId};
use crate::domain::states::EnrollmentState;
use crate::error::{AppError, Outcome, Refusal, proceed};
use crate::mail::Composer;

/// What an import would do (dry run) or did.
#[derive(Debug, Default, Serialize, utoipa::ToSchema)]
pub struct EnrollPlan {
    /// People without an account: an account is created, they are invited and enrolled.
    #[schema(value_type = Vec<Object>)]
    pub new_people: Vec<InviteRow>,
    /// People with an account who are enrolled.
    #[schema(value_type = Vec<Object>)]
    pub existing_people: Vec<InviteRow>,
    /// People already in this cohort (nothing changes).
    #[schema(value_type = Vec<Object>)]
    pub already_enrolled: Vec<InviteRow>,
    /// Lines that cannot be used.
    #[schema(value_type = Vec<Object>)]
    pub errors: Vec<RowError>,
    /// Whether the plan was carried out.
    pub applied: bool,
}

/// A plan and the addresses a refresher cohort refuses (no certificate it can renew).
struct Planned {
    plan: EnrollPlan,
    not_renewable: Vec<String>,
}

fn plan_rows(
    conn: &mut DbConnection,
    cohort: &Cohort,
    text: &str,
    now: NaiveDateTime,
) -> Result<Planned, AppError> {
    let (rows, errors) = invitations::parse(text);
    let mut plan = EnrollPlan {
        errors,
        ..Default::default()
    };
    let gate = Gate::of_version(conn, &cohort.curriculum_version_id)?;
    let mut not_renewable = Vec::new();
    for row in rows {
        let person = Person::find_by_email(conn, &row.email)?;
        let renewable = match (&gate, &person) {
            (None, _) => true,
            (Some(gate), Some(p)) => gate.admits(conn, &p.id, now)?,
            (Some(_), None) => false,
        };
        match person {
            Some(p) if Enrollment::find_in(conn, &cohort.id, &p.id)?.is_some() => {
                plan.already_enrolled.push(row)
            }
            Some(p) if !p.is_active() => plan.errors.push(RowError {
                line: row.line,
                key: "enroll-error-disabled",
                value: row.email,
            }),
            _ if !renewable => {
                not_renewable.push(row.email.clone());
                plan.errors.push(RowError {
                    line: row.line,
                    key: "enroll-error-no-certificate",
                    value: row.email,
                });
            }
            None => plan.new_people.push(row),
            Some(_) => plan.existing_people.push(row),
        }
    }
    plan.errors.sort_by_key(|e| e.line);
    Ok(Planned {
        plan,
        not_renewable,
    })
}

/// Plans an import without changing anything. In a refresher's cohort, people without a
/// certificate it can renew are listed as errors.
pub fn plan(
    conn: &mut DbConnection,
    actor: &Identity,
    cohort: &CohortId,
    text: &str,
    now: NaiveDateTime,
) -> Outcome<EnrollPlan> {
    let cohort = proceed!(for_change(conn, actor, cohort));
    Ok(Ok(plan_rows(conn, &cohort, text, now)?.plan))
}

/// Carries out the import in one transaction: new people get an account and an invitation,
/// everyone valid is enrolled; bad lines are reported and skipped. In a refresher's cohort,
/// people without a certificate it can renew refuse the whole import, naming them, and
/// nobody is enrolled.
pub fn apply(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    cohort: &CohortId,
    text: &str,
    now: NaiveDateTime,
) -> Outcome<EnrollPlan> {
    refusable_tx(conn, |conn| {
        let cohort = proceed!(for_change(conn, actor, cohort));
        let Planned {
            mut plan,
            not_renewable,
        } = plan_rows(conn, &cohort, text, now)?;
        if !not_renewable.is_empty() {
            let refusal = Refusal::from(CohortRefusal::NotRenewable)
                .with_detail(not_renewable.join(", "))
                .with_current(json!({ "not_renewable": not_renewable }));
            return Ok(Err(refusal));
        }
        let outcome = crate::accounts::people::invite_in_tx(
            conn,
            composer,
            actor,
            plan.new_people.clone(),
            Vec::new(),
            now,
        )?;
        debug_assert!(outcome.existing.is_empty());
        for row in plan.new_people.iter().chain(plan.existing_people.iter()) {
            let person = Person::find_by_email(conn, &row.email)?.ok_or(AppError::NotFound)?;
            enroll_one(conn, composer, actor, &cohort.id, &person.id, now)?;
        }
        plan.applied = true;
        Ok(Ok(plan))
    })
}

/// Enrolls one existing person in a cohort inside the caller's transaction, with the same
/// checks and audit entry as an import by the owner (the cohort must still take trainees, the
/// person must not be in it already, and a refresher's cohort takes only people with a
/// certificate it can renew). Admitting an application uses it.
pub fn enroll_person_in_tx(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    cohort: &CohortId,
    person: &PersonId,
    now: NaiveDateTime,
) -> Outcome<()> {
    let cohort = proceed!(for_change(conn, actor, cohort));
    if Enrollment::find_in(conn, &cohort.id, person)?.is_some() {
        return Ok(Err(CohortRefusal::AlreadyEnrolled.into()));
    }
    if let Some(gate) = Gate::of_version(conn, &cohort.curriculum_version_id)?
        && !gate.admits(conn, person, now)?
    {
        return Ok(Err(CohortRefusal::NotRenewable.into()));
    }
    enroll_one(conn, composer, actor, &cohort.id, person, now)?;
    Ok(Ok(()))
}

fn enroll_one(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    cohort: &CohortId,
    person: &PersonId,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let enrollment = Enrollment::active(cohort, person, now);
    Enrollment::create(conn, &enrollment)?;
    AuditEntry::new(
        now,
        Some(&actor.person.id),
        "trainee_enrolled",
        "enrollment",
        Some(enrollment.id.as_str()),
    )
    .details(json!({ "cohort": cohort, "person": person }))
    .record(conn)?;
    crate::events::cohort_sessions::register_trainee(conn, composer, cohort, person, now)?;
    Ok(())
}

/// Moves an enrollment with its work to another cohort of the same curriculum version. With
/// `defer`, the target must start later (the trainee continues in a later cohort).
pub fn move_to(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    id: &EnrollmentId,
    target: &CohortId,
    defer: bool,
    now: NaiveDateTime,
) -> Outcome<()> {
    refusable_tx(conn, |conn| {
        let enrollment = Enrollment::find(conn, id)?.ok_or(AppError::NotFound)?;
        let source = proceed!(for_change(conn, actor, &enrollment.cohort_id));
        let destination = Cohort::find(conn, target)?.ok_or(AppError::NotFound)?;
        let refused = if !is_editable(destination.state) {
            Some(CohortRefusal::TargetClosed)
        } else if destination.id == source.id {
            Some(CohortRefusal::SameCohort)
        } else if destination.curriculum_version_id != source.curriculum_version_id {
            Some(CohortRefusal::OtherVersion)
        } else if defer && destination.starts_on <= source.starts_on {
            Some(CohortRefusal::DeferLater)
        } else if Enrollment::find_in(conn, &destination.id, &enrollment.person_id)?.is_some() {
            Some(CohortRefusal::AlreadyEnrolled)
        } else {
            None
        };
        if let Some(reason) = refused {
            return Ok(Err(reason.into()));
        }
        if !Enrollment::update(
            conn,
            id,
            enrollment.lock_version,
            &destination.id,
            EnrollmentState::Active,
            now,
        )? {
            return Ok(Err(CohortRefusal::Stale.into()));
        }
        Submission::move_to_cohort(conn, id, &destination.id)?;
        let person = &enrollment.person_id;
        crate::events::cohort_sessions::release_trainee(conn, composer, &source.id, person, now)?;
        crate::events::cohort_sessions::register_trainee(
            conn,
            composer,
            &destination.id,
            person,
            now,
        )?;
        let action = if defer {
            "enrollment_deferred"
        } else {
            "enrollment_moved"
        };
        AuditEntry::new(
            now,
            Some(&actor.person.id),
            action,
            "enrollment",
            Some(id.as_str()),
        )
        .details(json!({ "from": source.id, "to": destination.id }))
        .record(conn)?;
        Ok(Ok(()))
    })
}

/// Withdraws a trainee; their work stays on record. Returns the enrollment's cohort.
pub fn withdraw(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    id: &EnrollmentId,
    now: NaiveDateTime,
) -> Outcome<CohortId> {
    refusable_tx(conn, |conn| {
        let enrollment = Enrollment::find(conn, id)?.ok_or(AppError::NotFound)?;
        proceed!(for_change(conn, actor, &enrollment.cohort_id));
        if enrollment.state == EnrollmentState::Withdrawn {
            return Ok(Ok(enrollment.cohort_id));
        }
        if !Enrollment::update(
            conn,
            id,
            enrollment.lock_version,
            &enrollment.cohort_id,
            EnrollmentState::Withdrawn,
            now,
        )? {
            return Ok(Err(CohortRefusal::Stale.into()));
        }
        crate::events::cohort_sessions::release_trainee(
            conn,
            composer,
            &enrollment.cohort_id,
            &enrollment.person_id,
            now,
        )?;
        AuditEntry::new(
            now,
            Some(&actor.person.id),
            "enrollment_withdrawn",
            "enrollment",
            Some(id.as_str()),
        )
        .record(conn)?;
        Ok(Ok(enrollment.cohort_id))
    })
}
