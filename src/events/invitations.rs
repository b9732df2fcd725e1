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
use crate::mail::compose::{Composer, Email, enqueue_to_guest, enqueue_with_files};

/// Whom an event mail goes to: a person with an account (their link is the event's page), or
/// a guest of a public event (their link is their own registration's page).
#[derive(Clone, Copy)]
pub enum To<'a> {
    /// A person.
    Person(&'a Person),
    /// A guest: their name, address and language as a person value (stored nowhere), and the
    /// address of their registration's page.
    Guest(&'a Person, &'a str),
}

impl<'a> To<'a> {
    fn person(self) -> &'a Person {
        match self {
            To::Person(p) | To::Guest(p, _) => p,
        }
    }

    fn url(self, composer: &Composer, event: &Event) -> String {
        match self {
            To::Person(_) => format!("{}/events/{}", composer.base_url, event.id),
            To::Guest(_, url) => url.to_string(),
        }
    }
}

fn send(
    conn: &mut DbConnection,
    composer: &Composer,
    now: NaiveDateTime,
    to: To<'_>,
    email: Email<'_>,
    files: Vec<crate::mail::compose::File>,
) -> Result<(), AppError> {
    match to {
        To::Person(_) => enqueue_with_files(conn, composer, now, email, files)?,
        To::Guest(..) => enqueue_to_guest(conn, composer, now, email, files)?,
    };
    Ok(())
}

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

fn context(composer: &Composer, event: &Event, to: To<'_>) -> tera::Context {
    let url = to.url(composer, event);
    let de = to.person().language != "en";
    let tz: Tz = event.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let mut ctx = tera::Context::new();
    ctx.insert("title", if de { &event.title_de } else { &event.title_en });
    ctx.insert("starts", &local_text(tz, event.starts_at));
    ctx.insert("ends", &local_text(tz, event.ends_at));
    ctx.insert("time_zone", &event.time_zone);
    ctx.insert("place", &place(event));
    ctx.insert("url", &url);
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

/// The `.ics` file for one person or guest.
pub fn ics(
    composer: &Composer,
    event: &Event,
    to: To<'_>,
    method: Method,
    now: NaiveDateTime,
) -> String {
    let url = to.url(composer, event);
    let to = to.person();
    let de = to.language != "en";
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
    invite_to(conn, composer, event, To::Person(to), occasion, now)
}

/// Mails the invitation with its calendar file to a person or a guest.
pub fn invite_to(
    conn: &mut DbConnection,
    composer: &Composer,
    event: &Event,
    to: To<'_>,
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
        key: key("event-invitation", event, to.person()),
        template: "event_invitation",
        to: to.person(),
        context,
    };
    send(conn, composer, now, to, email, vec![file])
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
    cancel_to(conn, composer, event, To::Person(to), why, now)
}

/// Mails the cancellation with its calendar file to a person or a guest.
pub fn cancel_to(
    conn: &mut DbConnection,
    composer: &Composer,
    event: &Event,
    to: To<'_>,
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
        key: key("event-cancellation", event, to.person()),
        template: "event_cancellation",
        to: to.person(),
        context,
    };
    send(conn, composer, now, to, email, vec![file])
}

/// Tells the person they wait for a place (no calendar entry yet).
pub fn waitlisted(
    conn: &mut DbConnection,
    composer: &Composer,
    event: &Event,
    to: &Person,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    waitlisted_to(conn, composer, event, To::Person(to), now)
}

/// Tells a person or a guest they wait for a place.
pub fn waitlisted_to(
    conn: &mut DbConnection,
    composer: &Composer,
    event: &Event,
    to: To<'_>,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let email = Email {
        key: key("event-waitlisted", event, to.person()),
        template: "event_waitlisted",
        to: to.person(),
        context: context(composer, event, to),
    };
    send(conn, composer, now, to, email, Vec::new())
}
