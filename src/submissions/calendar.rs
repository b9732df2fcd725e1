//! The personal iCalendar feed: every deadline that applies to the person (extensions
//! included) and every live session they have a place at, as UTC times with stable UIDs, at a
//! secret, revocable URL.

use chrono::{Duration, NaiveDateTime};
use icalendar::{Calendar, Component, Event, EventLike};

use crate::accounts::tokens::{hash_token, random_token};
use crate::cohorts::context::EnrollmentContext;
use crate::db::models::{AuditEntry, CalendarFeed, Enrollment, EventRegistration, Person};
use crate::db::{DbConnection, write_tx};
use crate::domain::ids::PersonId;
use crate::domain::states::EnrollmentState;
use crate::error::AppError;

/// Whether the person has a calendar feed URL.
pub fn exists(conn: &mut DbConnection, person: &PersonId) -> Result<bool, AppError> {
    Ok(CalendarFeed::exists(conn, person)?)
}

/// Creates or replaces the person's feed; returns the new token (shown once).
pub fn rotate(
    conn: &mut DbConnection,
    person: &PersonId,
    now: NaiveDateTime,
) -> Result<String, AppError> {
    let token = random_token();
    write_tx(conn, |conn| {
        CalendarFeed::replace(
            conn,
            &CalendarFeed {
                person_id: person.clone(),
                token_hash: hash_token(&token),
                created_at: now,
            },
        )?;
        AuditEntry::new(
            now,
            Some(person),
            "calendar_feed_created",
            "person",
            Some(person.as_str()),
        )
        .record(conn)?;
        Ok::<_, AppError>(())
    })?;
    Ok(token)
}

/// Revokes the person's feed.
pub fn revoke(
    conn: &mut DbConnection,
    person: &PersonId,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    write_tx(conn, |conn| {
        CalendarFeed::delete(conn, person)?;
        AuditEntry::new(
            now,
            Some(person),
            "calendar_feed_revoked",
            "person",
            Some(person.as_str()),
        )
        .record(conn)?;
        Ok(())
    })
}

/// The feed behind a token, or `None` for an unknown or revoked token.
pub fn feed(
    conn: &mut DbConnection,
    token: &str,
    base_url: &str,
    domain: &str,
    now: NaiveDateTime,
) -> Result<Option<String>, AppError> {
    let Some(feed) = CalendarFeed::find_by_hash(conn, &hash_token(token))? else {
        return Ok(None);
    };
    let Some(person) = Person::find(conn, &feed.person_id)?.filter(Person::is_active) else {
        return Ok(None);
    };
    let de = person.language == "de";
    let mut calendar = Calendar::new();
    calendar.name(if de {
        "qualify: Fristen und Live-Termine"
    } else {
        "qualify: deadlines and live sessions"
    });
    for enrollment in Enrollment::list_by_person(conn, &person.id)?
        .into_iter()
        .filter(|e| e.state == EnrollmentState::Active)
    {
        let ctx = EnrollmentContext::load(conn, &person.id, &enrollment.id)?;
        for assignment in ctx.assignments.iter() {
            let Some(due) = ctx.due(assignment) else {
                continue;
            };
            let title = if de {
                &assignment.title_de
            } else {
                &assignment.title_en
            };
            let label = if de { "Fällig" } else { "Due" };
            let url = format!(
                "{base_url}/learn/{}/assignments/{}",
                enrollment.id, assignment.slug
            );
            calendar.push(
                Event::new()
                    .uid(&format!("{}.{}@{domain}", enrollment.id, assignment.slug))
                    .timestamp(now.and_utc())
                    .summary(&format!("{label}: {title} ({})", ctx.cohort.name))
                    .description(&url)
                    .url(&url)
                    .starts((due - Duration::minutes(30)).and_utc())
                    .ends(due.and_utc())
                    .done(),
            );
        }
    }
    for event in EventRegistration::registered_events(conn, &person.id, now, 200)? {
        let url = format!("{base_url}/events/{}", event.id);
        let place = [&event.room, &event.address, &event.join_url]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        let mut entry = Event::new();
        entry
            .uid(&format!("{}@{domain}", event.id))
            .timestamp(now.and_utc())
            .summary(if de { &event.title_de } else { &event.title_en })
            .description(&url)
            .url(&url)
            .starts(event.starts_at.and_utc())
            .ends(event.ends_at.and_utc());
        if !place.is_empty() {
            entry.location(&place);
        }
        calendar.push(entry.done());
    }
    Ok(Some(calendar.done().to_string()))
}
