//! `events` and `event_hosts`: live sessions of a cohort and open community events. Ids are
//! UUIDv7 (unguessable in URLs, ordered by creation). `registered` counts the places taken;
//! [`Event::take_place`] and [`Event::free_place`] are the only writers, so the count never
//! passes the capacity however many people ask at once.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{event_hosts, events};
use crate::domain::ids::{CohortId, EventId, PersonId};
use crate::domain::states::{EventMode, EventState};

/// An event.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = events)]
#[diesel(treat_none_as_default_value = false)]
pub struct Event {
    /// Id (UUIDv7).
    pub id: EventId,
    /// The cohort whose live session it is; none: open to every signed-in employee.
    pub cohort_id: Option<CohortId>,
    /// Title in German.
    pub title_de: String,
    /// Title in English.
    pub title_en: String,
    /// Description in German (plain text).
    pub description_de: String,
    /// Description in English (plain text).
    pub description_en: String,
    /// Start (UTC).
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub starts_at: NaiveDateTime,
    /// End (UTC).
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub ends_at: NaiveDateTime,
    /// The time zone the event was planned in (IANA name), for showing its times.
    pub time_zone: String,
    /// Online, in person or both.
    pub mode: EventMode,
    /// Where to join online.
    pub join_url: Option<String>,
    /// The room.
    pub room: Option<String>,
    /// The address.
    pub address: Option<String>,
    /// Places; none: unlimited.
    pub capacity: Option<i32>,
    /// Places taken.
    pub registered: i32,
    /// Registration ends (UTC); none: at the start.
    #[diesel(deserialize_as = crate::db::timestamp::TsOpt)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    pub registration_closes_at: Option<NaiveDateTime>,
    /// Whether people may wait for a place when it is full.
    pub waitlist: bool,
    /// Scheduled or canceled.
    pub state: EventState,
    /// The iCalendar `SEQUENCE`: raised by every change calendars must learn of.
    pub sequence: i32,
    /// Optimistic lock.
    pub lock_version: i32,
    /// Who created it.
    pub created_by: Option<PersonId>,
    /// Created.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub created_at: NaiveDateTime,
    /// Last change.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub updated_at: NaiveDateTime,
    /// An open event that guests without an account may register for (confirmed by mail).
    pub guests_allowed: bool,
    /// Which session of its program's plan it is (`kickoff`, `module:<slug>`); none: planned
    /// by hand.
    pub plan_slot: Option<String>,
}

/// What an owner changes on an event (all at once, under the lock version read).
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = events)]
#[diesel(treat_none_as_null = true)]
pub struct EventChangeset {
    /// Title in German.
    pub title_de: String,
    /// Title in English.
    pub title_en: String,
    /// Description in German.
    pub description_de: String,
    /// Description in English.
    pub description_en: String,
    /// Start.
    pub starts_at: NaiveDateTime,
    /// End.
    pub ends_at: NaiveDateTime,
    /// Time zone.
    pub time_zone: String,
    /// Mode.
    pub mode: EventMode,
    /// Join address.
    pub join_url: Option<String>,
    /// Room.
    pub room: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// Places.
    pub capacity: Option<i32>,
    /// Registration end.
    pub registration_closes_at: Option<NaiveDateTime>,
    /// Waitlist.
    pub waitlist: bool,
    /// Guests may register.
    pub guests_allowed: bool,
}

impl Event {
    /// Stores a new event and its first host.
    pub fn create(conn: &mut DbConnection, event: &Event) -> QueryResult<()> {
        diesel::insert_into(events::table)
            .values(event)
            .execute(conn)?;
        if let Some(host) = &event.created_by {
            diesel::insert_into(event_hosts::table)
                .values((
                    event_hosts::event_id.eq(&event.id),
                    event_hosts::person_id.eq(host),
                ))
                .execute(conn)?;
        }
        Ok(())
    }

    /// The plan slots (`kickoff`, `module:<slug>`) the cohort's events already fill.
    pub fn plan_slots(conn: &mut DbConnection, cohort: &CohortId) -> QueryResult<Vec<String>> {
        events::table
            .filter(events::cohort_id.eq(cohort))
            .filter(events::plan_slot.is_not_null())
            .select(events::plan_slot.assume_not_null())
            .load(conn)
    }

    /// Every session of the cohort, soonest first.
    pub fn of_cohort(conn: &mut DbConnection, cohort: &CohortId) -> QueryResult<Vec<Event>> {
        events::table
            .filter(events::cohort_id.eq(cohort))
            .order((events::starts_at, events::id))
            .select(Event::as_select())
            .load(conn)
    }

    /// The cohort's sessions that have not begun and were not called off, soonest first.
    pub fn coming_of_cohort(
        conn: &mut DbConnection,
        cohort: &CohortId,
        now: NaiveDateTime,
    ) -> QueryResult<Vec<Event>> {
        events::table
            .filter(events::cohort_id.eq(cohort))
            .filter(events::starts_at.gt(now))
            .filter(events::state.eq(EventState::Scheduled))
            .order((events::starts_at, events::id))
            .select(Event::as_select())
            .load(conn)
    }

    /// The event with this id.
    pub fn find(conn: &mut DbConnection, id: &EventId) -> QueryResult<Option<Event>> {
        events::table
            .find(id)
            .select(Event::as_select())
            .first(conn)
            .optional()
    }

    /// Events ending after `from`, soonest first, `limit` at most: all of them (`cohorts`
    /// none) or the open ones and those of these cohorts.
    pub fn upcoming(
        conn: &mut DbConnection,
        from: NaiveDateTime,
        cohorts: Option<&[CohortId]>,
        limit: i64,
    ) -> QueryResult<Vec<Event>> {
        Self::upcoming_after(conn, from, cohorts, None, limit)
    }

    /// A page of the events ending after `from`, by start then id, after this start and id:
    /// all of them (`cohorts` none) or the open ones and those of these cohorts.
    pub fn upcoming_after(
        conn: &mut DbConnection,
        from: NaiveDateTime,
        cohorts: Option<&[CohortId]>,
        after: Option<(NaiveDateTime, &str)>,
        limit: i64,
    ) -> QueryResult<Vec<Event>> {
        let mut query = events::table
            .filter(events::ends_at.gt(from))
            .select(Event::as_select())
            .order((events::starts_at, events::id))
            .limit(limit)
            .into_boxed();
        if let Some(cohorts) = cohorts {
            query = query.filter(
                events::cohort_id
                    .is_null()
                    .or(events::cohort_id.eq_any(cohorts.to_vec())),
            );
        }
        if let Some((at, id)) = after {
            query = query.filter(
                events::starts_at
                    .gt(at)
                    .or(events::starts_at.eq(at).and(events::id.gt(id.to_string()))),
            );
        }
        query.load(conn)
    }

    /// Applies an owner's change when nobody changed the event since `lock_version`, raising
    /// the lock and the calendar sequence. False: changed meanwhile.
    pub fn update(
        conn: &mut DbConnection,
        id: &EventId,
        lock_version: i32,
        change: &EventChangeset,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let n = diesel::update(
            events::table
                .filter(events::id.eq(id))
                .filter(events::lock_version.eq(lock_version)),
        )
        .set((
            change,
            events::lock_version.eq(lock_version + 1),
            events::sequence.eq(events::sequence + 1),
            events::updated_at.eq(now),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }

    /// Calls the event off under the lock version read. False: changed meanwhile.
    pub fn cancel(
        conn: &mut DbConnection,
        id: &EventId,
        lock_version: i32,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let n = diesel::update(
            events::table
                .filter(events::id.eq(id))
                .filter(events::lock_version.eq(lock_version))
                .filter(events::state.eq(EventState::Scheduled)),
        )
        .set((
            events::state.eq(EventState::Canceled),
            events::lock_version.eq(lock_version + 1),
            events::sequence.eq(events::sequence + 1),
            events::updated_at.eq(now),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }

    /// Raises the calendar sequence by one and returns the event as it is now.
    pub fn bump_sequence(conn: &mut DbConnection, id: &EventId) -> QueryResult<Option<Event>> {
        diesel::update(events::table.filter(events::id.eq(id)))
            .set(events::sequence.eq(events::sequence + 1))
            .execute(conn)?;
        Self::find(conn, id)
    }

    /// Takes one place if one is free: one conditional update, so of several people asking
    /// for the last place at once exactly one gets it.
    pub fn take_place(conn: &mut DbConnection, id: &EventId) -> QueryResult<bool> {
        let n = diesel::update(
            events::table.filter(events::id.eq(id)).filter(
                events::capacity
                    .is_null()
                    .or(events::registered.lt(events::capacity.assume_not_null())),
            ),
        )
        .set(events::registered.eq(events::registered + 1))
        .execute(conn)?;
        Ok(n == 1)
    }

    /// Gives one place back.
    pub fn free_place(conn: &mut DbConnection, id: &EventId) -> QueryResult<()> {
        diesel::update(
            events::table
                .filter(events::id.eq(id))
                .filter(events::registered.gt(0)),
        )
        .set(events::registered.eq(events::registered - 1))
        .execute(conn)?;
        Ok(())
    }

    /// Whether the person hosts the event.
    pub fn is_host(conn: &mut DbConnection, id: &EventId, person: &PersonId) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            event_hosts::table
                .filter(event_hosts::event_id.eq(id))
                .filter(event_hosts::person_id.eq(person)),
        ))
        .get_result(conn)
    }
}
