//! Registering for an event and giving the place up. A place is taken with one conditional
//! update of the event's count ([`Event::take_place`]); when none is free the person waits,
//! if the event keeps a waitlist. A freed place goes to the first person waiting, who is
//! mailed their invitation; promoting is a conditional update too, so under any number of
//! simultaneous cancellations each place goes to exactly one person.

use chrono::NaiveDateTime;

use super::EventRefusal;
use super::invitations::{self, Cancellation, Occasion};
use crate::accounts::Identity;
use crate::db::models::{AuditEntry, Event, EventRegistration, Person};
use crate::db::{DbConnection, refusable_tx};
use crate::domain::ids::{EventId, EventRegistrationId};
use crate::domain::states::{EventState, RegistrationState};
use crate::error::{AppError, Outcome};
use crate::mail::compose::Composer;

/// Whether registration is open at `now`.
pub(super) fn open_for_registration(event: &Event, now: NaiveDateTime) -> Result<(), EventRefusal> {
    if event.state == EventState::Canceled {
        return Err(EventRefusal::Canceled);
    }
    let closes = event.registration_closes_at.unwrap_or(event.starts_at);
    if now >= closes.min(event.starts_at) {
        return Err(EventRefusal::Closed);
    }
    Ok(())
}

/// Registers the signed-in person: a place if one is free, else the waitlist (or refused when
/// there is none). Registering again while registered or waiting changes nothing.
pub fn register(
    conn: &mut DbConnection,
    composer: &Composer,
    me: &Identity,
    id: &EventId,
    now: NaiveDateTime,
) -> Outcome<RegistrationState> {
    refusable_tx(conn, |conn| {
        let event = super::view::visible(conn, me, id)?;
        if let Err(refusal) = open_for_registration(&event, now) {
            return Ok(Err(refusal.into()));
        }
        let person = &me.person;
        if let Some(row) = EventRegistration::find(conn, id, &person.id)?
            && row.state != RegistrationState::Canceled
        {
            return Ok(Ok(row.state));
        }
        let state = if Event::take_place(conn, id)? {
            RegistrationState::Registered
        } else if event.waitlist {
            RegistrationState::Waitlisted
        } else {
            return Ok(Err(EventRefusal::Full.into()));
        };
        let row = EventRegistration {
            id: EventRegistrationId(uuid::Uuid::now_v7().to_string()),
            event_id: id.clone(),
            person_id: person.id.clone(),
            state,
            requested_at: now,
            updated_at: now,
        };
        EventRegistration::upsert(conn, &row)?;
        match state {
            RegistrationState::Registered => {
                invitations::invite(conn, composer, &event, person, Occasion::Registered, now)?;
            }
            _ => invitations::waitlisted(conn, composer, &event, person, now)?,
        }
        AuditEntry::new(
            now,
            Some(&person.id),
            "event_registered",
            "event",
            Some(id.as_str()),
        )
        .details(serde_json::json!({ "state": state }))
        .record(conn)?;
        Ok(Ok(state))
    })
}

/// Gives up the signed-in person's place or their spot on the waitlist, until the event
/// starts. A freed place goes to the first person waiting.
pub fn give_up(
    conn: &mut DbConnection,
    composer: &Composer,
    me: &Identity,
    id: &EventId,
    now: NaiveDateTime,
) -> Outcome<()> {
    refusable_tx(conn, |conn| {
        let event = super::view::visible(conn, me, id)?;
        if now >= event.starts_at {
            return Ok(Err(EventRefusal::Started.into()));
        }
        let person = &me.person;
        let Some(row) = EventRegistration::find(conn, id, &person.id)? else {
            return Ok(Ok(()));
        };
        let from = row.state;
        if from == RegistrationState::Canceled
            || !EventRegistration::change_state(
                conn,
                id,
                &person.id,
                from,
                RegistrationState::Canceled,
                now,
            )?
        {
            return Ok(Ok(()));
        }
        if from == RegistrationState::Registered {
            // A higher sequence, so a later registration's invitation outranks this cancellation.
            let event = Event::bump_sequence(conn, id)?.unwrap_or(event);
            invitations::cancel(conn, composer, &event, person, Cancellation::TheirOwn, now)?;
            Event::free_place(conn, id)?;
            promote(conn, composer, &event, now)?;
        }
        AuditEntry::new(
            now,
            Some(&person.id),
            "event_registration_canceled",
            "event",
            Some(id.as_str()),
        )
        .record(conn)?;
        Ok(Ok(()))
    })
}

/// Fills free places from the waitlist, first come first served among people and guests,
/// each one promoted mailed their invitation. Returns how many moved up.
pub fn promote(
    conn: &mut DbConnection,
    composer: &Composer,
    event: &Event,
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    let mut moved = 0;
    if event.state == EventState::Canceled || now >= event.starts_at {
        return Ok(0);
    }
    loop {
        let person = EventRegistration::first_waiting(conn, &event.id)?;
        let guest = crate::db::models::EventGuest::first_waiting(conn, &event.id)?;
        let guest = match (&person, guest) {
            (None, None) => return Ok(moved),
            (Some((_, since)), Some(g)) if g.requested_at >= *since => None,
            (_, g) => g,
        };
        if !Event::take_place(conn, &event.id)? {
            return Ok(moved);
        }
        let promoted = match (&guest, &person) {
            (Some(g), _) => super::guests::promote_one(conn, composer, event, g, now)?,
            (None, Some((person_id, _))) => {
                let (from, to) = (RegistrationState::Waitlisted, RegistrationState::Registered);
                let moved_up =
                    EventRegistration::change_state(conn, &event.id, person_id, from, to, now)?;
                if moved_up && let Some(person) = Person::find(conn, person_id)? {
                    invitations::invite(conn, composer, event, &person, Occasion::Promoted, now)?;
                }
                moved_up
            }
            (None, None) => false,
        };
        if promoted {
            moved += 1;
        } else {
            // Someone else moved or left first: the place is given back and the next tried.
            Event::free_place(conn, &event.id)?;
        }
    }
}
