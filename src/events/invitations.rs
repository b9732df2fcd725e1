//! The mails about an event, each put into the outbox inside the transaction of the change it
//! reports: an invitation (`METHOD:REQUEST`, sent again with a higher `SEQUENCE` on every
//! change), a cancellation (`METHOD:CANCEL`), and the note that someone waits for a place.

use chrono::NaiveDateTime;
use chrono_tz::Tz;

use super::ical::{Invitation, Method};
use crate::db::DbConnection;
use crate::db::models::{Event, Person};
use crate::domain::schedule::local_text;
use crate::error::AppError;
use crate::mail::compose::{Composer, Email, enqueue, enqueue_with_files};

/// Why the person gets this invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occasion {
    /// They registered.
    Registered,
    /// They moved up from the waitlist.
    Promoted,
    /// The event changed.
    Changed,
}

/// Why the person gets a cancellation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cancellation {
    /// They gave up their place.
    TheirOwn,
    /// The event was called off.
    EventCanceled,
}

fn context(composer: &Composer, event: &Event, to: &Person) -> tera::Context {
    let de = to.language != "en";
    let tz: Tz = event.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let mut ctx = tera::Context::new();
    ctx.insert("title", if de { &event.title_de } else { &event.title_en });
    ctx.insert("starts", &local_text(tz, event.starts_at));
    ctx.insert("ends", &local_text(tz, event.ends_at));
    ctx.insert("time_zone", &event.time_zone);
    ctx.insert("place", &place(event));
    ctx.insert("url", &format!("{}/events/{}", composer.base_url, event.id));
    ctx
}

/// Where to go: the room and address, the join address, or both.
fn place(event: &Event) -> String {
    [&event.room, &event.address, &event.join_url]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `.ics` file for one person.
pub fn ics(
    composer: &Composer,
    event: &Event,
    to: &Person,
    method: Method,
    now: NaiveDateTime,
) -> String {
    let de = to.language != "en";
    let url = format!("{}/events/{}", composer.base_url, event.id);
    let uid = format!("{}@{}", event.id, composer.domain);
    let place = place(event);
    let organizer = format!("noreply@{}", composer.domain);
    Invitation {
        method,
        uid: &uid,
        sequence: event.sequence,
        stamp: now,
        starts_at: event.starts_at,
        ends_at: event.ends_at,
        summary: if de { &event.title_de } else { &event.title_en },
        description: if de {
            &event.description_de
        } else {
            &event.description_en
        },
        location: (!place.is_empty()).then_some(place.as_str()),
        url: &url,
        organizer: (&composer.organization, &organizer),
        attendee: (&to.name, &to.email),
    }
    .to_ics()
}

fn key(kind: &str, event: &Event, to: &Person) -> String {
    // A fresh part: the same person may register, give up and register again at one sequence.
    let once = uuid::Uuid::new_v4().simple();
    format!("{kind}:{}:{}:{}:{once}", event.id, to.id, event.sequence)
}

/// Mails the invitation with its calendar file.
pub fn invite(
    conn: &mut DbConnection,
    composer: &Composer,
    event: &Event,
    to: &Person,
    occasion: Occasion,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let mut context = context(composer, event, to);
    context.insert(
        "occasion",
        match occasion {
            Occasion::Registered => "registered",
            Occasion::Promoted => "promoted",
            Occasion::Changed => "changed",
        },
    );
    let file = (
        "invite.ics".to_string(),
        Method::Request.content_type().to_string(),
        ics(composer, event, to, Method::Request, now).into_bytes(),
    );
    let email = Email {
        key: key("event-invitation", event, to),
        template: "event_invitation",
        to,
        context,
    };
    enqueue_with_files(conn, composer, now, email, vec![file])?;
    Ok(())
}

/// Mails the cancellation with its calendar file.
pub fn cancel(
    conn: &mut DbConnection,
    composer: &Composer,
    event: &Event,
    to: &Person,
    why: Cancellation,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let mut context = context(composer, event, to);
    let called_off = if why == Cancellation::EventCanceled {
        "yes"
    } else {
        "no"
    };
    context.insert("called_off", called_off);
    let file = (
        "cancel.ics".to_string(),
        Method::Cancel.content_type().to_string(),
        ics(composer, event, to, Method::Cancel, now).into_bytes(),
    );
    let email = Email {
        key: key("event-cancellation", event, to),
        template: "event_cancellation",
        to,
        context,
    };
    enqueue_with_files(conn, composer, now, email, vec![file])?;
    Ok(())
}

/// Tells the person they wait for a place (no calendar entry yet).
pub fn waitlisted(
    conn: &mut DbConnection,
    composer: &Composer,
    event: &Event,
    to: &Person,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let email = Email {
        key: key("event-waitlisted", event, to),
        template: "event_waitlisted",
        to,
        context: context(composer, event, to),
    };
    enqueue(conn, composer, now, email)?;
    Ok(())
}
