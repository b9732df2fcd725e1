//! What the event pages show: the events a person may see, and one event with their place and,
//! for the owner, who registered. A cohort's sessions are seen by its trainees and co-trainers
//! and the owner; an event that is not theirs to see does not exist for them.

use chrono::NaiveDateTime;
use chrono_tz::Tz;
use serde::Serialize;

use crate::accounts::Identity;
use crate::db::DbConnection;
use crate::db::models::{
    Cohort, CohortCotrainer, Enrollment, Event, EventRegistration, RegistrationRow,
};
use crate::domain::ids::{CohortId, EventId};
use crate::domain::language::Language;
use crate::domain::schedule::local_text;
use crate::domain::states::{EnrollmentState, EventMode, EventState, RegistrationState};
use crate::error::AppError;

/// Events listed at most on the page.
pub const LISTED: i64 = 50;
/// Registrations listed at most on an event's page.
pub const PEOPLE_LISTED: i64 = 500;

/// The cohorts whose sessions the person sees (none: all, for the owner).
fn cohorts_of(conn: &mut DbConnection, me: &Identity) -> Result<Option<Vec<CohortId>>, AppError> {
    if me.is_owner {
        return Ok(None);
    }
    let mut ids: Vec<CohortId> = Enrollment::list_by_person(conn, &me.person.id)?
        .into_iter()
        .filter(|e| {
            matches!(
                e.state,
                EnrollmentState::Active | EnrollmentState::Completed
            )
        })
        .map(|e| e.cohort_id)
        .collect();
    ids.extend(CohortCotrainer::cohorts_of(conn, &me.person.id)?);
    Ok(Some(ids))
}

/// The event, when the person may see it; otherwise not found.
pub fn visible(conn: &mut DbConnection, me: &Identity, id: &EventId) -> Result<Event, AppError> {
    let event = Event::find(conn, id)?.ok_or(AppError::NotFound)?;
    let Some(cohort) = &event.cohort_id else {
        return Ok(event);
    };
    match cohorts_of(conn, me)? {
        None => Ok(event),
        Some(mine) if mine.contains(cohort) => Ok(event),
        Some(_) => Err(AppError::NotFound),
    }
}

/// One event as a page or a list shows it, in the reader's language and the event's time zone.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EventCard {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description (plain text).
    pub description: String,
    /// Start, local (`2027-03-28 09:00`).
    pub starts: String,
    /// End, local.
    pub ends: String,
    /// The time zone of those times.
    pub time_zone: String,
    /// Online, in person or hybrid.
    #[schema(value_type = String)]
    pub mode: EventMode,
    /// Where to join (shown to people with a place, and to hosts on the session's page).
    pub join_url: Option<String>,
    /// Room.
    pub room: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// The cohort's name, for a cohort's session.
    pub cohort: Option<String>,
    /// Places; none: unlimited.
    pub capacity: Option<i32>,
    /// Places taken.
    pub registered: i32,
    /// Registration ends, local; none: at the start.
    pub registration_closes: Option<String>,
    /// Whether people may wait for a place.
    pub waitlist: bool,
    /// Scheduled or canceled.
    #[schema(value_type = String)]
    pub state: EventState,
    /// The reader's place: registered, waitlisted, canceled or none.
    #[schema(value_type = Option<String>)]
    pub mine: Option<RegistrationState>,
    /// Whether registration is open now.
    pub open: bool,
    /// Whether the event has begun.
    pub started: bool,
    /// Optimistic lock, for the owner's forms.
    pub lock_version: i32,
    /// Guests without an account may register (public events).
    pub guests_allowed: bool,
}

pub(super) fn card(
    event: Event,
    cohort: Option<String>,
    mine: Option<RegistrationState>,
    lang: Language,
    now: NaiveDateTime,
) -> EventCard {
    let tz: Tz = event.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let de = lang == Language::De;
    let closes = event
        .registration_closes_at
        .unwrap_or(event.starts_at)
        .min(event.starts_at);
    let has_place = mine == Some(RegistrationState::Registered);
    EventCard {
        id: event.id.0,
        title: if de { event.title_de } else { event.title_en },
        description: if de {
            event.description_de
        } else {
            event.description_en
        },
        starts: local_text(tz, event.starts_at),
        ends: local_text(tz, event.ends_at),
        time_zone: event.time_zone,
        mode: event.mode,
        join_url: event.join_url.filter(|_| has_place),
        room: event.room,
        address: event.address,
        cohort,
        capacity: event.capacity,
        registered: event.registered,
        registration_closes: event.registration_closes_at.map(|c| local_text(tz, c)),
        waitlist: event.waitlist,
        open: event.state == EventState::Scheduled && now < closes,
        started: now >= event.starts_at,
        state: event.state,
        mine,
        lock_version: event.lock_version,
        guests_allowed: event.guests_allowed,
    }
}

fn cohort_name(conn: &mut DbConnection, id: &Option<CohortId>) -> Result<Option<String>, AppError> {
    Ok(match id {
        Some(id) => Cohort::find(conn, id)?.map(|c| c.name),
        None => None,
    })
}

/// A page of the upcoming events the person may see, soonest first, with their place at each.
pub fn upcoming_page(
    conn: &mut DbConnection,
    me: &Identity,
    lang: Language,
    now: NaiveDateTime,
    cursor: Option<&str>,
    limit: i64,
) -> Result<crate::db::keyset::Paged<EventCard>, AppError> {
    use crate::db::keyset;
    let after = keyset::decode("events", "start", cursor)?;
    let after = match &after {
        Some(a) => Some((a.time()?, a.id.as_str())),
        None => None,
    };
    let cohorts = cohorts_of(conn, me)?;
    let events = Event::upcoming_after(conn, now, cohorts.as_deref(), after, limit + 1)?;
    let page = keyset::page("events", "start", events, limit, |e| keyset::After {
        key: keyset::key_of_time(e.starts_at),
        id: e.id.0.clone(),
    });
    let ids: Vec<EventId> = page.items.iter().map(|e| e.id.clone()).collect();
    let mine: std::collections::HashMap<EventId, RegistrationState> =
        EventRegistration::states_for(conn, &me.person.id, &ids)?
            .into_iter()
            .collect();
    let mut names: std::collections::HashMap<CohortId, Option<String>> = Default::default();
    let mut out = Vec::with_capacity(page.items.len());
    for event in page.items {
        let cohort = match &event.cohort_id {
            Some(id) => match names.get(id) {
                Some(name) => name.clone(),
                None => {
                    let name = cohort_name(conn, &event.cohort_id)?;
                    names.insert(id.clone(), name.clone());
                    name
                }
            },
            None => None,
        };
        let state = mine.get(&event.id).copied();
        out.push(card(event, cohort, state, lang, now));
    }
    Ok(keyset::Paged {
        items: out,
        next_cursor: page.next_cursor,
    })
}

/// One event as the API shows it to a person who may see it.
pub fn card_of(
    conn: &mut DbConnection,
    me: &Identity,
    id: &EventId,
    lang: Language,
    now: NaiveDateTime,
) -> Result<EventCard, AppError> {
    let event = visible(conn, me, id)?;
    let mine = EventRegistration::find(conn, id, &me.person.id)?.map(|r| r.state);
    let cohort = cohort_name(conn, &event.cohort_id)?;
    Ok(card(event, cohort, mine, lang, now))
}

/// Everyone with a place or waiting and their attendance, for a host.
pub fn attendance_list(
    conn: &mut DbConnection,
    me: &Identity,
    id: &EventId,
) -> Result<Vec<RegistrationRow>, AppError> {
    let event = visible(conn, me, id)?;
    if !super::attendance::may_host(conn, me, &event)? {
        return Err(AppError::Forbidden);
    }
    Ok(EventRegistration::list_by_event(conn, id, PEOPLE_LISTED)?)
}

/// Everyone with a place or waiting, guests of a public event after the people, for the
/// hosts' attendance file.
pub fn attendance_file_rows(
    conn: &mut DbConnection,
    me: &Identity,
    id: &EventId,
) -> Result<Vec<RegistrationRow>, AppError> {
    use crate::domain::states::{Attendance, GuestState};
    let mut rows = attendance_list(conn, me, id)?;
    for guest in crate::db::models::EventGuest::confirmed(conn, id)? {
        rows.push(RegistrationRow {
            person_id: crate::domain::ids::PersonId(guest.id.0),
            name: guest.name,
            email: guest.email,
            state: match guest.state {
                GuestState::Registered => RegistrationState::Registered,
                _ => RegistrationState::Waitlisted,
            },
            attendance: guest.attendance.as_deref().and_then(Attendance::parse),
        });
    }
    Ok(rows)
}

/// One event's page.
#[derive(Debug, Serialize)]
pub struct EventPage {
    /// The event.
    pub event: EventCard,
    /// Whether the reader hosts it: takes the roll call and shows the check-in code.
    pub host: bool,
    /// Whether checking in is open now.
    pub check_in_open: bool,
    /// The reader's attendance, once known.
    pub my_attendance: Option<crate::domain::states::Attendance>,
    /// Who registered or waits, with their attendance (hosts only; empty for everyone else).
    pub people: Vec<RegistrationRow>,
    /// The values as stored, for the owner's form (local times).
    pub form: Option<serde_json::Value>,
    /// Guests who confirmed (hosts of a public event only).
    pub guests: Vec<crate::db::models::EventGuest>,
}

/// The event as the person sees it.
pub fn page(
    conn: &mut DbConnection,
    me: &Identity,
    id: &EventId,
    lang: Language,
    now: NaiveDateTime,
) -> Result<EventPage, AppError> {
    let event = visible(conn, me, id)?;
    let registration = EventRegistration::find(conn, id, &me.person.id)?;
    let mine = registration.as_ref().map(|r| r.state);
    let host = super::attendance::may_host(conn, me, &event)?;
    let people = if host {
        EventRegistration::list_by_event(conn, id, PEOPLE_LISTED)?
    } else {
        Vec::new()
    };
    let my_attendance = match mine {
        Some(RegistrationState::Registered) => {
            EventRegistration::attendance_of(conn, id, &me.person.id)?
        }
        _ => None,
    };
    let form = me.is_owner.then(|| form_values(&event));
    let guests = if host && event.guests_allowed {
        crate::db::models::EventGuest::confirmed(conn, id)?
    } else {
        Vec::new()
    };
    let check_in_open = super::attendance::check_in_open(&event, now);
    let cohort = cohort_name(conn, &event.cohort_id)?;
    // Hosts see where to join without a place of their own.
    let join = event.join_url.clone().filter(|_| host);
    let mut event = card(event, cohort, mine, lang, now);
    event.join_url = event.join_url.or(join);
    Ok(EventPage {
        event,
        host,
        check_in_open,
        my_attendance,
        people,
        form,
        guests,
    })
}

/// The stored event as the form's fields.
pub fn form_values(event: &Event) -> serde_json::Value {
    let tz: Tz = event.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let local = |t: NaiveDateTime| {
        crate::domain::schedule::to_local(tz, t)
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    serde_json::json!({
        "title_de": event.title_de, "title_en": event.title_en,
        "description_de": event.description_de, "description_en": event.description_en,
        "starts_at": local(event.starts_at), "ends_at": local(event.ends_at),
        "time_zone": event.time_zone, "mode": event.mode,
        "join_url": event.join_url.clone().unwrap_or_default(),
        "room": event.room.clone().unwrap_or_default(),
        "address": event.address.clone().unwrap_or_default(),
        "capacity": event.capacity.map(|c| c.to_string()).unwrap_or_default(),
        "registration_closes_at": event.registration_closes_at.map(local).unwrap_or_default(),
        "waitlist": if event.waitlist { "on" } else { "" },
        "guests": if event.guests_allowed { "on" } else { "" },
        "cohort_id": event.cohort_id.as_ref().map(|c| c.0.clone()).unwrap_or_default(),
    })
}

/// The cohorts a session can belong to (planned or running), by start: id and name.
pub fn cohort_choices(
    conn: &mut DbConnection,
    me: &Identity,
) -> Result<Vec<(String, String)>, AppError> {
    if !me.is_owner {
        return Err(AppError::Forbidden);
    }
    let mut cohorts: Vec<Cohort> = Cohort::list_all(conn)?
        .into_iter()
        .filter(|c| {
            use crate::domain::states::CohortState;
            matches!(c.state, CohortState::Planned | CohortState::Running)
        })
        .collect();
    cohorts.sort_by(|a, b| a.starts_on.cmp(&b.starts_on));
    Ok(cohorts.into_iter().map(|c| (c.id.0, c.name)).collect())
}

/// A person with a place or waiting, as the API lists them for a host.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Attendee {
    /// The person's id.
    pub person_id: String,
    /// Their name.
    pub name: String,
    /// Their address.
    pub email: String,
    /// `registered` or `waitlisted`.
    pub state: String,
    /// `present`, `late`, `excused` or `absent`, once recorded.
    pub attendance: Option<String>,
}

impl From<RegistrationRow> for Attendee {
    fn from(r: RegistrationRow) -> Self {
        Self {
            person_id: r.person_id.0,
            name: r.name,
            email: r.email,
            state: r.state.to_string(),
            attendance: r.attendance.map(|a| a.to_string()),
        }
    }
}
