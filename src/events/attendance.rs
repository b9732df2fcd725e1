//! Who took part. A host (the owner, a host of the session, or a co-trainer of the session's
//! cohort) marks each person with a place present, late, excused or absent once the session
//! has begun; a person with a place checks in with the session's code while it runs (from a
//! quarter of an hour before the start to the end), counted late after the first ten minutes.

use chrono::{Duration, NaiveDateTime};

use super::EventRefusal;
use super::check_in;
use crate::accounts::Identity;
use crate::db::models::{AuditEntry, CohortCotrainer, Enrollment, Event, EventRegistration};
use crate::db::{DbConnection, refusable_tx};
use crate::domain::ids::{EventId, PersonId};
use crate::domain::states::{Attendance, EventState};
use crate::error::{AppError, FieldError, Outcome, Refusal};
use crate::mail::compose::Composer;

/// How long before the start checking in opens.
pub const OPENS_BEFORE_MINUTES: i64 = 15;
/// How long after the start a check-in still counts as present (later: late).
pub const LATE_AFTER_MINUTES: i64 = 10;

/// Whether the person may take the roll call and show the check-in code.
pub fn may_host(conn: &mut DbConnection, me: &Identity, event: &Event) -> Result<bool, AppError> {
    if me.is_owner || Event::is_host(conn, &event.id, &me.person.id)? {
        return Ok(true);
    }
    Ok(match &event.cohort_id {
        Some(cohort) => CohortCotrainer::is_assigned(conn, cohort, &me.person.id)?,
        None => false,
    })
}

/// Whether checking in is open at `now`.
pub fn check_in_open(event: &Event, now: NaiveDateTime) -> bool {
    event.state == EventState::Scheduled
        && now >= event.starts_at - Duration::minutes(OPENS_BEFORE_MINUTES)
        && now <= event.ends_at
}

/// The current check-in code, for a host while checking in is open.
pub fn current_code(
    conn: &mut DbConnection,
    me: &Identity,
    id: &EventId,
    secret: &[u8],
    now: NaiveDateTime,
) -> Outcome<String> {
    let event = super::view::visible(conn, me, id)?;
    if !may_host(conn, me, &event)? {
        return Err(AppError::Forbidden);
    }
    if !check_in_open(&event, now) {
        return Ok(Err(EventRefusal::CheckInClosed.into()));
    }
    Ok(Ok(check_in::code(secret, event.id.as_str(), now)))
}

/// After attendance changed at a cohort's session: a trainee who now meets the certification
/// rule (attendance being what was missing) gets the certificate, as after a passing grade.
pub(super) fn certify_if_met(
    conn: &mut DbConnection,
    composer: &Composer,
    event: &Event,
    person: &PersonId,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let Some(cohort) = &event.cohort_id else {
        return Ok(());
    };
    if let Some(enrollment) = Enrollment::find_in(conn, cohort, person)?
        && enrollment.state == crate::domain::states::EnrollmentState::Active
    {
        crate::certificates::issue::on_decision(conn, composer, &enrollment.id, now)?;
    }
    Ok(())
}

/// Records the roll call: each person with a place and their attendance. Returns how many
/// were recorded (people without a place are skipped).
pub fn roll_call(
    conn: &mut DbConnection,
    composer: &Composer,
    me: &Identity,
    id: &EventId,
    marks: &[(PersonId, Attendance)],
    now: NaiveDateTime,
) -> Outcome<usize> {
    refusable_tx(conn, |conn| {
        let event = super::view::visible(conn, me, id)?;
        if !may_host(conn, me, &event)? {
            return Err(AppError::Forbidden);
        }
        if event.state == EventState::Canceled {
            return Ok(Err(EventRefusal::Canceled.into()));
        }
        if now < event.starts_at {
            return Ok(Err(EventRefusal::NotStarted.into()));
        }
        let mut recorded = 0;
        for (person, attendance) in marks {
            if EventRegistration::set_attendance(conn, id, person, *attendance, &me.person.id, now)?
            {
                recorded += 1;
                certify_if_met(conn, composer, &event, person, now)?;
            }
        }
        AuditEntry::new(
            now,
            Some(&me.person.id),
            "event_roll_call",
            "event",
            Some(id.as_str()),
        )
        .details(serde_json::json!({ "recorded": recorded }))
        .record(conn)?;
        Ok(Ok(recorded))
    })
}

/// Checks the signed-in person in with the code shown in the session.
pub fn check_in(
    conn: &mut DbConnection,
    composer: &Composer,
    me: &Identity,
    id: &EventId,
    code: &str,
    secret: &[u8],
    now: NaiveDateTime,
) -> Outcome<Attendance> {
    refusable_tx(conn, |conn| {
        let event = super::view::visible(conn, me, id)?;
        if !check_in_open(&event, now) {
            return Ok(Err(EventRefusal::CheckInClosed.into()));
        }
        if !check_in::matches(secret, event.id.as_str(), code, now) {
            return Ok(Err(Refusal::invalid(vec![FieldError::new(
                "code",
                "event-error-code",
            )])));
        }
        let attendance = if now <= event.starts_at + Duration::minutes(LATE_AFTER_MINUTES) {
            Attendance::Present
        } else {
            Attendance::Late
        };
        let registered = EventRegistration::find(conn, id, &me.person.id)?
            .is_some_and(|r| r.state == crate::domain::states::RegistrationState::Registered);
        if !registered {
            return Ok(Err(EventRefusal::NotRegistered.into()));
        }
        if !EventRegistration::check_in(conn, id, &me.person.id, attendance, now)? {
            return Ok(Ok(attendance));
        }
        certify_if_met(conn, composer, &event, &me.person.id, now)?;
        AuditEntry::new(
            now,
            Some(&me.person.id),
            "event_checked_in",
            "event",
            Some(id.as_str()),
        )
        .details(serde_json::json!({ "attendance": attendance }))
        .record(conn)?;
        Ok(Ok(attendance))
    })
}
