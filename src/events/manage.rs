//! The owner plans, changes and calls off events. A change that calendars must learn of is
//! mailed to everyone with a place, under a higher `SEQUENCE`; calling an event off mails a
//! cancellation to everyone with a place and tells those waiting.

use chrono::NaiveDateTime;

use super::EventRefusal;
use super::input::EventInput;
use super::invitations::{self, Cancellation, Occasion};
use crate::accounts::Identity;
use crate::db::models::{AuditEntry, Cohort, Event, EventRegistration, Person};
use crate::db::{DbConnection, refusable_tx};
use crate::domain::ids::{CohortId, EventId};
use crate::domain::states::EventState;
use crate::error::{AppError, FieldError, Outcome, Refusal};
use crate::mail::compose::Composer;

fn cohort_of(conn: &mut DbConnection, input: &EventInput) -> Outcome<Option<CohortId>> {
    match input.cohort_id.trim() {
        "" => Ok(Ok(None)),
        id => match Cohort::find(conn, &CohortId(id.to_string()))? {
            Some(c) => Ok(Ok(Some(c.id))),
            None => Ok(Err(Refusal::invalid(vec![FieldError::new(
                "cohort_id",
                "event-error-cohort",
            )]))),
        },
    }
}

/// Plans an event (owner only). Every trainee of its cohort, if it has one, gets a place.
pub fn create(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    input: &EventInput,
    now: NaiveDateTime,
) -> Outcome<Event> {
    if !actor.is_owner {
        return Err(AppError::Forbidden);
    }
    let values = match input.check(now) {
        Ok(v) => v,
        Err(fields) => return Ok(Err(Refusal::invalid(fields))),
    };
    refusable_tx(conn, |conn| {
        let cohort_id = crate::error::proceed!(cohort_of(conn, input));
        let event = Event {
            id: EventId(uuid::Uuid::now_v7().to_string()),
            cohort_id,
            title_de: values.title_de.clone(),
            title_en: values.title_en.clone(),
            description_de: values.description_de.clone(),
            description_en: values.description_en.clone(),
            starts_at: values.starts_at,
            ends_at: values.ends_at,
            time_zone: values.time_zone.clone(),
            mode: values.mode,
            join_url: values.join_url.clone(),
            room: values.room.clone(),
            address: values.address.clone(),
            capacity: values.capacity,
            registered: 0,
            registration_closes_at: values.registration_closes_at,
            waitlist: values.waitlist,
            state: EventState::Scheduled,
            sequence: 0,
            lock_version: 1,
            created_by: Some(actor.person.id.clone()),
            created_at: now,
            updated_at: now,
            guests_allowed: values.guests_allowed,
            plan_slot: None,
        };
        Event::create(conn, &event)?;
        super::cohort_sessions::register_cohort(conn, composer, &event, now)?;
        let event = Event::find(conn, &event.id)?.ok_or(AppError::NotFound)?;
        AuditEntry::new(
            now,
            Some(&actor.person.id),
            "event_created",
            "event",
            Some(event.id.as_str()),
        )
        .record(conn)?;
        Ok(Ok(event))
    })
}

/// Changes an event under the lock version read (owner only). Everyone with a place gets the
/// invitation again; places freed by a larger capacity go to those waiting.
pub fn update(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    id: &EventId,
    input: &EventInput,
    lock_version: i32,
    now: NaiveDateTime,
) -> Outcome<Event> {
    if !actor.is_owner {
        return Err(AppError::Forbidden);
    }
    refusable_tx(conn, |conn| {
        let before = Event::find(conn, id)?.ok_or(AppError::NotFound)?;
        let values = match input.check(now) {
            Ok(v) => v,
            Err(fields) => return Ok(Err(Refusal::invalid(fields))),
        };
        if before.state == EventState::Canceled {
            return Ok(Err(EventRefusal::Canceled.into()));
        }
        if values.guests_allowed && before.cohort_id.is_some() {
            return Ok(Err(Refusal::invalid(vec![FieldError::new(
                "guests",
                "event-error-guests-cohort",
            )])));
        }
        if values.capacity.is_some_and(|c| c < before.registered) {
            return Ok(Err(Refusal::invalid(vec![FieldError::new(
                "capacity",
                "event-error-capacity-taken",
            )])));
        }
        if !Event::update(conn, id, lock_version, &values, now)? {
            return Ok(Err(EventRefusal::Stale.into()));
        }
        let event = Event::find(conn, id)?.ok_or(AppError::NotFound)?;
        for person_id in EventRegistration::registered_people(conn, id)? {
            if let Some(person) = Person::find(conn, &person_id)? {
                invitations::invite(conn, composer, &event, &person, Occasion::Changed, now)?;
            }
        }
        super::guests::tell_guests(conn, composer, &event, now)?;
        super::registration::promote(conn, composer, &event, now)?;
        AuditEntry::new(
            now,
            Some(&actor.person.id),
            "event_changed",
            "event",
            Some(id.as_str()),
        )
        .details(serde_json::json!({ "sequence": event.sequence }))
        .record(conn)?;
        Ok(Ok(event))
    })
}

/// Calls an event off (owner only): everyone with a place gets a cancellation.
pub fn cancel(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    id: &EventId,
    lock_version: i32,
    now: NaiveDateTime,
) -> Outcome<()> {
    if !actor.is_owner {
        return Err(AppError::Forbidden);
    }
    refusable_tx(conn, |conn| {
        Event::find(conn, id)?.ok_or(AppError::NotFound)?;
        if !Event::cancel(conn, id, lock_version, now)? {
            return Ok(Err(EventRefusal::Stale.into()));
        }
        let event = Event::find(conn, id)?.ok_or(AppError::NotFound)?;
        for person_id in EventRegistration::registered_people(conn, id)? {
            if let Some(person) = Person::find(conn, &person_id)? {
                invitations::cancel(
                    conn,
                    composer,
                    &event,
                    &person,
                    Cancellation::EventCanceled,
                    now,
                )?;
            }
        }
        super::guests::tell_guests(conn, composer, &event, now)?;
        AuditEntry::new(
            now,
            Some(&actor.person.id),
            "event_canceled",
            "event",
            Some(id.as_str()),
        )
        .record(conn)?;
        Ok(Ok(()))
    })
}
