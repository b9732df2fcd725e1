//! `event_guests`: people without an account registered for a public event. A row is pending
//! until its mailed link is followed; the link is signed over `link_nonce`, so a new nonce ends
//! the old links. Like
//! a person's registration, a guest's place is taken through the event's count, and moving up
//! from the waitlist is a conditional update.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::event_guests;
use crate::domain::ids::{EventGuestId, EventId};
use crate::domain::states::GuestState;

/// A guest's registration.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = event_guests)]
pub struct EventGuest {
    /// Id (UUIDv7).
    pub id: EventGuestId,
    /// The event.
    pub event_id: EventId,
    /// Name as typed.
    pub name: String,
    /// Address as typed.
    pub email: String,
    /// Address in lower case (one row per address and event).
    #[serde(skip)]
    pub email_normalized: String,
    /// `de` or `en`: the language of their mails.
    pub language: String,
    /// Pending, registered, waitlisted or canceled.
    pub state: GuestState,
    /// What their link is signed over; replaced when a new link is mailed.
    #[serde(skip)]
    pub link_nonce: String,
    /// When they asked (pending) or confirmed: the waitlist's order.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub requested_at: NaiveDateTime,
    /// When they followed the link.
    #[diesel(deserialize_as = crate::db::timestamp::TsOpt)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    pub confirmed_at: Option<NaiveDateTime>,
    /// Last change.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub updated_at: NaiveDateTime,
    /// Their attendance, once known.
    pub attendance: Option<String>,
}

impl EventGuest {
    /// The guest with this address at the event, in any state.
    pub fn find_by_email(
        conn: &mut DbConnection,
        event: &EventId,
        email_normalized: &str,
    ) -> QueryResult<Option<EventGuest>> {
        event_guests::table
            .filter(event_guests::event_id.eq(event))
            .filter(event_guests::email_normalized.eq(email_normalized))
            .select(EventGuest::as_select())
            .first(conn)
            .optional()
    }

    /// The guest with this id.
    pub fn find(conn: &mut DbConnection, id: &EventGuestId) -> QueryResult<Option<EventGuest>> {
        event_guests::table
            .find(id)
            .select(EventGuest::as_select())
            .first(conn)
            .optional()
    }

    /// Stores a new guest.
    pub fn create(conn: &mut DbConnection, row: &EventGuest) -> QueryResult<()> {
        diesel::insert_into(event_guests::table)
            .values(row)
            .execute(conn)
            .map(|_| ())
    }

    /// Asks again with a new link: name, language, token and time, and the state (pending for
    /// someone who had given up, unchanged otherwise).
    pub fn renew(
        conn: &mut DbConnection,
        id: &EventGuestId,
        name: &str,
        language: &str,
        state: GuestState,
        link_nonce: &str,
        now: NaiveDateTime,
    ) -> QueryResult<()> {
        diesel::update(event_guests::table.find(id))
            .set((
                event_guests::name.eq(name),
                event_guests::language.eq(language),
                event_guests::state.eq(state),
                event_guests::link_nonce.eq(link_nonce),
                event_guests::requested_at.eq(now),
                event_guests::updated_at.eq(now),
            ))
            .execute(conn)
            .map(|_| ())
    }

    /// Moves the guest from `from` to `to` (setting when they confirmed, if they just did).
    /// False: the row was not in `from`.
    pub fn change_state(
        conn: &mut DbConnection,
        id: &EventGuestId,
        from: GuestState,
        to: GuestState,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let row = event_guests::table
            .filter(event_guests::id.eq(id))
            .filter(event_guests::state.eq(from));
        let n = if from == GuestState::Pending {
            diesel::update(row)
                .set((
                    event_guests::state.eq(to),
                    event_guests::confirmed_at.eq(now),
                    event_guests::requested_at.eq(now),
                    event_guests::updated_at.eq(now),
                ))
                .execute(conn)?
        } else {
            diesel::update(row)
                .set((event_guests::state.eq(to), event_guests::updated_at.eq(now)))
                .execute(conn)?
        };
        Ok(n == 1)
    }

    /// Marks the guest with a place and this address present unless their attendance is known:
    /// true when marked now, false when it was known, none when no such guest has a place.
    pub fn mark_present(
        conn: &mut DbConnection,
        event: &EventId,
        email_normalized: &str,
    ) -> QueryResult<Option<bool>> {
        let Some(guest) = Self::find_by_email(conn, event, email_normalized)?
            .filter(|g| g.state == GuestState::Registered)
        else {
            return Ok(None);
        };
        let n = diesel::update(
            event_guests::table
                .filter(event_guests::id.eq(&guest.id))
                .filter(event_guests::attendance.is_null()),
        )
        .set(event_guests::attendance.eq("present"))
        .execute(conn)?;
        Ok(Some(n == 1))
    }

    /// The first guest waiting, in the order they confirmed.
    pub fn first_waiting(
        conn: &mut DbConnection,
        event: &EventId,
    ) -> QueryResult<Option<EventGuest>> {
        event_guests::table
            .filter(event_guests::event_id.eq(event))
            .filter(event_guests::state.eq(GuestState::Waitlisted))
            .order((event_guests::requested_at, event_guests::id))
            .select(EventGuest::as_select())
            .first(conn)
            .optional()
    }

    /// The event's guests who confirmed (registered or waiting), by state then name.
    pub fn confirmed(conn: &mut DbConnection, event: &EventId) -> QueryResult<Vec<EventGuest>> {
        event_guests::table
            .filter(event_guests::event_id.eq(event))
            .filter(event_guests::state.eq_any([GuestState::Registered, GuestState::Waitlisted]))
            .order((event_guests::state, event_guests::name, event_guests::id))
            .select(EventGuest::as_select())
            .limit(1000)
            .load(conn)
    }
}
