//! `event_registrations`: one row per person and event, registered, waitlisted in the order
//! they asked, or canceled. A waitlisted row is promoted with a conditional update, so two
//! freed places never go to the same person and one place never to two.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{event_registrations, events, people};
use crate::domain::ids::{EventId, EventRegistrationId, PersonId};
use crate::domain::states::{Attendance, RegistrationState};

/// A registration.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = event_registrations)]
pub struct EventRegistration {
    /// Id (UUIDv7).
    pub id: EventRegistrationId,
    /// The event.
    pub event_id: EventId,
    /// The person.
    pub person_id: PersonId,
    /// Registered, waitlisted or canceled.
    pub state: RegistrationState,
    /// When the person last asked for a place: the waitlist's order.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub requested_at: NaiveDateTime,
    /// Last change.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub updated_at: NaiveDateTime,
}

/// A registration with the person's name and address, for the event's list.
#[derive(Debug, Clone, Queryable, serde::Serialize)]
pub struct RegistrationRow {
    /// The person.
    pub person_id: PersonId,
    /// Their name.
    pub name: String,
    /// Their address.
    pub email: String,
    /// Registered or waitlisted.
    pub state: RegistrationState,
    /// Whether they took part, once known.
    pub attendance: Option<Attendance>,
}

impl EventRegistration {
    /// The person's registration for the event, in any state.
    pub fn find(
        conn: &mut DbConnection,
        event: &EventId,
        person: &PersonId,
    ) -> QueryResult<Option<EventRegistration>> {
        event_registrations::table
            .filter(event_registrations::event_id.eq(event))
            .filter(event_registrations::person_id.eq(person))
            .select(EventRegistration::as_select())
            .first(conn)
            .optional()
    }

    /// Stores a new registration, or asks again after a cancellation (the row is reused and
    /// joins the end of the waitlist).
    pub fn upsert(conn: &mut DbConnection, row: &EventRegistration) -> QueryResult<()> {
        let n = diesel::update(
            event_registrations::table
                .filter(event_registrations::event_id.eq(&row.event_id))
                .filter(event_registrations::person_id.eq(&row.person_id)),
        )
        .set((
            event_registrations::state.eq(row.state),
            event_registrations::requested_at.eq(row.requested_at),
            event_registrations::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
        if n == 0 {
            diesel::insert_into(event_registrations::table)
                .values(row)
                .execute(conn)?;
        }
        Ok(())
    }

    /// Moves the person from `from` to `to`. False: the row was not in `from` (someone else
    /// changed it first).
    pub fn change_state(
        conn: &mut DbConnection,
        event: &EventId,
        person: &PersonId,
        from: RegistrationState,
        to: RegistrationState,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let n = diesel::update(
            event_registrations::table
                .filter(event_registrations::event_id.eq(event))
                .filter(event_registrations::person_id.eq(person))
                .filter(event_registrations::state.eq(from)),
        )
        .set((
            event_registrations::state.eq(to),
            event_registrations::updated_at.eq(now),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }

    /// The person waiting longest, and since when.
    pub fn first_waiting(
        conn: &mut DbConnection,
        event: &EventId,
    ) -> QueryResult<Option<(PersonId, NaiveDateTime)>> {
        event_registrations::table
            .filter(event_registrations::event_id.eq(event))
            .filter(event_registrations::state.eq(RegistrationState::Waitlisted))
            .order((event_registrations::requested_at, event_registrations::id))
            .select((
                event_registrations::person_id,
                event_registrations::requested_at,
            ))
            .first::<(PersonId, crate::db::timestamp::Ts)>(conn)
            .optional()
            .map(|row| row.map(|(p, at)| (p, at.into())))
    }

    /// Everyone registered or waiting, by state then name, `limit` at most.
    pub fn list_by_event(
        conn: &mut DbConnection,
        event: &EventId,
        limit: i64,
    ) -> QueryResult<Vec<RegistrationRow>> {
        event_registrations::table
            .inner_join(people::table)
            .filter(event_registrations::event_id.eq(event))
            .filter(event_registrations::state.ne(RegistrationState::Canceled))
            .order((event_registrations::state, people::name, people::id))
            .select((
                people::id,
                people::name,
                people::email,
                event_registrations::state,
                event_registrations::attendance,
            ))
            .limit(limit)
            .load(conn)
    }

    /// How many live sessions of the cohort there are (not called off), and how many of them
    /// the person attended (present or late, and excused when `excused_counts`).
    pub fn cohort_attendance(
        conn: &mut DbConnection,
        cohort: &crate::domain::ids::CohortId,
        person: &PersonId,
        excused_counts: bool,
    ) -> QueryResult<(i64, i64)> {
        use crate::domain::states::EventState;
        let sessions: i64 = events::table
            .filter(events::cohort_id.eq(cohort))
            .filter(events::state.eq(EventState::Scheduled))
            .count()
            .get_result(conn)?;
        if sessions == 0 {
            return Ok((0, 0));
        }
        let mut counted = vec![Attendance::Present, Attendance::Late];
        if excused_counts {
            counted.push(Attendance::Excused);
        }
        let attended: i64 = event_registrations::table
            .inner_join(events::table)
            .filter(events::cohort_id.eq(cohort))
            .filter(events::state.eq(EventState::Scheduled))
            .filter(event_registrations::person_id.eq(person))
            .filter(event_registrations::attendance.eq_any(counted))
            .count()
            .get_result(conn)?;
        Ok((sessions, attended))
    }

    /// The people with a place at the event among these addresses (normalised): by address,
    /// their id and attendance so far.
    pub fn places_by_email(
        conn: &mut DbConnection,
        event: &EventId,
        emails: &[String],
    ) -> QueryResult<std::collections::HashMap<String, (PersonId, Option<Attendance>)>> {
        let mut out = std::collections::HashMap::new();
        for chunk in emails.chunks(500) {
            let rows: Vec<(String, PersonId, Option<Attendance>)> = event_registrations::table
                .inner_join(people::table)
                .filter(event_registrations::event_id.eq(event))
                .filter(event_registrations::state.eq(RegistrationState::Registered))
                .filter(people::email_normalized.eq_any(chunk))
                .select((
                    people::email_normalized,
                    people::id,
                    event_registrations::attendance,
                ))
                .load(conn)?;
            out.extend(rows.into_iter().map(|(e, p, a)| (e, (p, a))));
        }
        Ok(out)
    }

    /// The person's attendance at the event, once known.
    pub fn attendance_of(
        conn: &mut DbConnection,
        event: &EventId,
        person: &PersonId,
    ) -> QueryResult<Option<Attendance>> {
        Ok(event_registrations::table
            .filter(event_registrations::event_id.eq(event))
            .filter(event_registrations::person_id.eq(person))
            .select(event_registrations::attendance)
            .first::<Option<Attendance>>(conn)
            .optional()?
            .flatten())
    }

    /// Records whether a person with a place took part. False: they have no place.
    pub fn set_attendance(
        conn: &mut DbConnection,
        event: &EventId,
        person: &PersonId,
        attendance: Attendance,
        by: &PersonId,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let n = diesel::update(
            event_registrations::table
                .filter(event_registrations::event_id.eq(event))
                .filter(event_registrations::person_id.eq(person))
                .filter(event_registrations::state.eq(RegistrationState::Registered)),
        )
        .set((
            event_registrations::attendance.eq(Some(attendance)),
            event_registrations::attendance_by.eq(Some(by)),
            event_registrations::attendance_at.eq(Some(now)),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }

    /// A person with a place checks in: recorded unless a host already marked them present,
    /// late or excused. False: no place, or already marked.
    pub fn check_in(
        conn: &mut DbConnection,
        event: &EventId,
        person: &PersonId,
        attendance: Attendance,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let n = diesel::update(
            event_registrations::table
                .filter(event_registrations::event_id.eq(event))
                .filter(event_registrations::person_id.eq(person))
                .filter(event_registrations::state.eq(RegistrationState::Registered))
                .filter(
                    event_registrations::attendance
                        .is_null()
                        .or(event_registrations::attendance.eq(Attendance::Absent)),
                ),
        )
        .set((
            event_registrations::attendance.eq(Some(attendance)),
            event_registrations::attendance_by.eq(Some(person)),
            event_registrations::attendance_at.eq(Some(now)),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }

    /// The people with a place, for mailing a change or a cancellation.
    pub fn registered_people(
        conn: &mut DbConnection,
        event: &EventId,
    ) -> QueryResult<Vec<PersonId>> {
        event_registrations::table
            .filter(event_registrations::event_id.eq(event))
            .filter(event_registrations::state.eq(RegistrationState::Registered))
            .select(event_registrations::person_id)
            .load(conn)
    }

    /// The events the person has a place at that end after `from` and are not called off,
    /// soonest first, `limit` at most: their personal calendar feed.
    pub fn registered_events(
        conn: &mut DbConnection,
        person: &PersonId,
        from: NaiveDateTime,
        limit: i64,
    ) -> QueryResult<Vec<super::Event>> {
        event_registrations::table
            .inner_join(events::table)
            .filter(event_registrations::person_id.eq(person))
            .filter(event_registrations::state.eq(RegistrationState::Registered))
            .filter(events::ends_at.gt(from))
            .filter(events::state.eq(crate::domain::states::EventState::Scheduled))
            .order((events::starts_at, events::id))
            .select(super::Event::as_select())
            .limit(limit)
            .load(conn)
    }

    /// The person's states for these events.
    pub fn states_for(
        conn: &mut DbConnection,
        person: &PersonId,
        events: &[EventId],
    ) -> QueryResult<Vec<(EventId, RegistrationState)>> {
        event_registrations::table
            .filter(event_registrations::person_id.eq(person))
            .filter(event_registrations::event_id.eq_any(events.to_vec()))
            .select((event_registrations::event_id, event_registrations::state))
            .load(conn)
    }
}
