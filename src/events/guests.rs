//! Guests of a public event: people without an account register with their name and address
//! and confirm by the link mailed to them (double opt-in): until then they hold no place. The
//! link is their registration's page, where they confirm and later give their place up; it is
//! the row's id signed with the installation's key over a nonce, so asking again mails a new
//! link and ends the old one. Asking answers the same whatever is known of the address.

use chrono::{Duration, NaiveDateTime};
use serde::Deserialize;

use super::EventRefusal;
use super::invitations::{self, Cancellation, Occasion, To};
use super::registration::open_for_registration;
use crate::accounts::invitations::valid_email;
use crate::accounts::tokens::{constant_time_eq, random_token, sign};
use crate::db::models::{AuditEntry, Event, EventGuest, Person, RateLimit};
use crate::db::{DbConnection, refusable_tx};
use crate::domain::ids::{EventGuestId, EventId};
use crate::domain::states::{EventState, GuestState};
use crate::error::{AppError, FieldError, Outcome, Refusal};
use crate::mail::compose::{Composer, Email, enqueue_to_guest};

/// How long a confirmation link of a pending guest works.
pub const CONFIRM_HOURS: i64 = 48;
/// Requests per address and event, and per client address, in an hour.
const PER_ADDRESS: i32 = 3;
const PER_CLIENT: i32 = 20;

/// The guest form, as typed.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
pub struct GuestInput {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Address.
    #[serde(default)]
    pub email: String,
    /// `de` or `en`.
    #[serde(default)]
    pub language: String,
}

/// The link of a guest's registration page: `<id>.<signature>`.
pub fn link_token(key: &[u8], guest: &EventGuest) -> String {
    let signature = sign(
        key,
        &format!("event-guest:{}:{}", guest.id, guest.link_nonce),
    );
    format!("{}.{signature}", guest.id)
}

/// The guest whose link this is; not found for a changed, old or made-up link.
fn by_link(conn: &mut DbConnection, key: &[u8], token: &str) -> Result<EventGuest, AppError> {
    let (id, _) = token.split_once('.').ok_or(AppError::NotFound)?;
    let guest = EventGuest::find(conn, &EventGuestId(id.to_string()))?.ok_or(AppError::NotFound)?;
    if !constant_time_eq(&link_token(key, &guest), token) {
        return Err(AppError::NotFound);
    }
    Ok(guest)
}

fn page_url(composer: &Composer, guest: &EventGuest) -> String {
    let token = link_token(&composer.unsubscribe_key, guest);
    format!("{}/events/guests/{token}", composer.base_url)
}

/// A public event: open, not a cohort's, taking guests. Anything else is not found.
pub fn public_event(conn: &mut DbConnection, id: &EventId) -> Result<Event, AppError> {
    Event::find(conn, id)?
        .filter(|e| e.guests_allowed && e.cohort_id.is_none())
        .ok_or(AppError::NotFound)
}

fn checked(input: &GuestInput) -> Result<(String, String, String), Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 200 || name.contains(char::is_control) {
        errors.push(FieldError::new("name", "event-guest-error-name"));
    }
    let email = input.email.trim();
    if !valid_email(email) {
        errors.push(FieldError::new("email", "event-guest-error-email"));
    }
    let language = if input.language == "en" { "en" } else { "de" };
    match errors.is_empty() {
        true => Ok((name.to_string(), email.to_string(), language.to_string())),
        false => Err(errors),
    }
}

/// A guest asks for a place: the link to confirm is mailed (or, to someone who has a place or
/// waits already, the link to their registration). The answer is the same either way.
pub fn ask(
    conn: &mut DbConnection,
    composer: &Composer,
    id: &EventId,
    input: &GuestInput,
    client: Option<&str>,
    now: NaiveDateTime,
) -> Outcome<()> {
    let (name, email, language) = match checked(input) {
        Ok(v) => v,
        Err(fields) => return Ok(Err(Refusal::invalid(fields))),
    };
    let normalized = email.to_lowercase();
    refusable_tx(conn, |conn| {
        let event = public_event(conn, id)?;
        if let Err(refusal) = open_for_registration(&event, now) {
            return Ok(Err(refusal.into()));
        }
        let hour = Duration::hours(1);
        let by_address = format!(
            "event-guest:{id}:{}",
            crate::accounts::tokens::hash_token(&normalized)
        );
        RateLimit::hit(conn, &by_address, PER_ADDRESS, hour, now)?
            .map_err(AppError::TooManyRequests)?;
        if let Some(client) = client {
            RateLimit::hit(
                conn,
                &format!("event-guest-client:{client}"),
                PER_CLIENT,
                hour,
                now,
            )?
            .map_err(AppError::TooManyRequests)?;
        }
        let nonce = random_token();
        let guest = match EventGuest::find_by_email(conn, id, &normalized)? {
            Some(g) => {
                let state = match g.state {
                    GuestState::Canceled => GuestState::Pending,
                    s => s,
                };
                EventGuest::renew(conn, &g.id, &name, &language, state, &nonce, now)?;
                EventGuest::find(conn, &g.id)?.ok_or(AppError::NotFound)?
            }
            None => {
                let guest = EventGuest {
                    id: EventGuestId(uuid::Uuid::now_v7().to_string()),
                    event_id: id.clone(),
                    name,
                    email,
                    email_normalized: normalized,
                    language,
                    state: GuestState::Pending,
                    link_nonce: nonce,
                    requested_at: now,
                    confirmed_at: None,
                    updated_at: now,
                    attendance: None,
                };
                EventGuest::create(conn, &guest)?;
                guest
            }
        };
        mail_link(conn, composer, &event, &guest, now)?;
        Ok(Ok(()))
    })
}

fn as_person(guest: &EventGuest, now: NaiveDateTime) -> Person {
    Person::new_active(&guest.email, &guest.name, &guest.language, now)
}

fn mail_link(
    conn: &mut DbConnection,
    composer: &Composer,
    event: &Event,
    guest: &EventGuest,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let to = as_person(guest, now);
    let de = guest.language != "en";
    let mut context = tera::Context::new();
    context.insert("title", if de { &event.title_de } else { &event.title_en });
    context.insert("url", &page_url(composer, guest));
    context.insert("hours", &CONFIRM_HOURS);
    context.insert("confirmed", &(guest.state != GuestState::Pending));
    let email = Email {
        key: format!("event-guest-link:{}:{}", guest.id, guest.link_nonce),
        template: "event_guest_link",
        to: &to,
        context,
    };
    enqueue_to_guest(conn, composer, now, email, Vec::new())?;
    Ok(())
}

/// The guest and their event, by their link.
pub fn of_link(
    conn: &mut DbConnection,
    key: &[u8],
    token: &str,
) -> Result<(EventGuest, Event), AppError> {
    let guest = by_link(conn, key, token)?;
    let event = Event::find(conn, &guest.event_id)?.ok_or(AppError::NotFound)?;
    Ok((guest, event))
}

/// The guest confirms from their link: a place if one is free, else the waitlist (or refused
/// when there is none); the invitation, or the note that they wait, is mailed. Confirming again
/// changes nothing.
pub fn confirm(
    conn: &mut DbConnection,
    composer: &Composer,
    token: &str,
    now: NaiveDateTime,
) -> Outcome<GuestState> {
    refusable_tx(conn, |conn| {
        let guest = by_link(conn, &composer.unsubscribe_key, token)?;
        if guest.state != GuestState::Pending {
            return Ok(Ok(guest.state));
        }
        if guest.requested_at + Duration::hours(CONFIRM_HOURS) < now {
            return Ok(Err(EventRefusal::GuestLinkExpired.into()));
        }
        let event = Event::find(conn, &guest.event_id)?.ok_or(AppError::NotFound)?;
        if let Err(refusal) = open_for_registration(&event, now) {
            return Ok(Err(refusal.into()));
        }
        let state = if Event::take_place(conn, &event.id)? {
            GuestState::Registered
        } else if event.waitlist {
            GuestState::Waitlisted
        } else {
            return Ok(Err(EventRefusal::Full.into()));
        };
        if !EventGuest::change_state(conn, &guest.id, GuestState::Pending, state, now)? {
            return Err(AppError::Conflict("error-changed-meanwhile".into()));
        }
        let (person, url) = (as_person(&guest, now), page_url(composer, &guest));
        let to = To::Guest(&person, &url);
        match state {
            GuestState::Registered => {
                invitations::invite_to(conn, composer, &event, to, Occasion::Registered, now)?
            }
            _ => invitations::waitlisted_to(conn, composer, &event, to, now)?,
        }
        AuditEntry::new(
            now,
            None,
            "event_guest_confirmed",
            "event",
            Some(event.id.as_str()),
        )
        .details(serde_json::json!({ "guest": guest.id, "state": state }))
        .record(conn)?;
        Ok(Ok(state))
    })
}

/// The guest gives up their place or spot on the waitlist, until the start; a freed place goes
/// to the first one waiting.
pub fn give_up(
    conn: &mut DbConnection,
    composer: &Composer,
    token: &str,
    now: NaiveDateTime,
) -> Outcome<()> {
    refusable_tx(conn, |conn| {
        let guest = by_link(conn, &composer.unsubscribe_key, token)?;
        let event = Event::find(conn, &guest.event_id)?.ok_or(AppError::NotFound)?;
        let event_id = event.id.clone();
        if now >= event.starts_at {
            return Ok(Err(EventRefusal::Started.into()));
        }
        let from = guest.state;
        if from == GuestState::Canceled
            || !EventGuest::change_state(conn, &guest.id, from, GuestState::Canceled, now)?
        {
            return Ok(Ok(()));
        }
        if from == GuestState::Registered {
            let event = Event::bump_sequence(conn, &event.id)?.unwrap_or(event);
            let (person, url) = (as_person(&guest, now), page_url(composer, &guest));
            let to = To::Guest(&person, &url);
            invitations::cancel_to(conn, composer, &event, to, Cancellation::TheirOwn, now)?;
            Event::free_place(conn, &event.id)?;
            super::registration::promote(conn, composer, &event, now)?;
        }
        AuditEntry::new(
            now,
            None,
            "event_guest_canceled",
            "event",
            Some(event_id.as_str()),
        )
        .details(serde_json::json!({ "guest": guest.id }))
        .record(conn)?;
        Ok(Ok(()))
    })
}

/// Moves the guest who waited longest up into a taken place (the caller took it): true when
/// there was one, who is mailed their invitation.
pub(super) fn promote_one(
    conn: &mut DbConnection,
    composer: &Composer,
    event: &Event,
    guest: &EventGuest,
    now: NaiveDateTime,
) -> Result<bool, AppError> {
    let (from, to) = (GuestState::Waitlisted, GuestState::Registered);
    if !EventGuest::change_state(conn, &guest.id, from, to, now)? {
        return Ok(false);
    }
    let (person, url) = (as_person(guest, now), page_url(composer, guest));
    invitations::invite_to(
        conn,
        composer,
        event,
        To::Guest(&person, &url),
        Occasion::Promoted,
        now,
    )?;
    Ok(true)
}

/// Every guest with a place gets the invitation again after a change, or a cancellation when
/// the event is called off.
pub(super) fn tell_guests(
    conn: &mut DbConnection,
    composer: &Composer,
    event: &Event,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    for guest in EventGuest::confirmed(conn, &event.id)? {
        if guest.state != GuestState::Registered {
            continue;
        }
        let (person, url) = (as_person(&guest, now), page_url(composer, &guest));
        let to = To::Guest(&person, &url);
        match event.state {
            EventState::Canceled => {
                invitations::cancel_to(conn, composer, event, to, Cancellation::EventCanceled, now)?
            }
            _ => invitations::invite_to(conn, composer, event, to, Occasion::Changed, now)?,
        }
    }
    Ok(())
}

/// A public event as its guest page shows it (no join address).
pub fn public_card(
    conn: &mut DbConnection,
    id: &EventId,
    lang: crate::domain::language::Language,
    now: NaiveDateTime,
) -> Result<super::view::EventCard, AppError> {
    let event = public_event(conn, id)?;
    Ok(super::view::card(event, None, None, lang, now))
}

/// A guest's registration as their page shows it.
#[derive(Debug, serde::Serialize)]
pub struct GuestPage {
    /// The event (its join address once they have a place).
    pub event: super::view::EventCard,
    /// Their name.
    pub name: String,
    /// Pending, registered, waitlisted or canceled.
    pub state: GuestState,
    /// A pending guest's link is too old to confirm with.
    pub expired: bool,
}

/// The guest's page, by their link.
pub fn page(
    conn: &mut DbConnection,
    key: &[u8],
    token: &str,
    lang: crate::domain::language::Language,
    now: NaiveDateTime,
) -> Result<GuestPage, AppError> {
    let (guest, event) = of_link(conn, key, token)?;
    let mine = match guest.state {
        GuestState::Registered => Some(crate::domain::states::RegistrationState::Registered),
        GuestState::Waitlisted => Some(crate::domain::states::RegistrationState::Waitlisted),
        _ => None,
    };
    Ok(GuestPage {
        event: super::view::card(event, None, mine, lang, now),
        expired: guest.state == GuestState::Pending
            && guest.requested_at + Duration::hours(CONFIRM_HOURS) < now,
        name: guest.name,
        state: guest.state,
    })
}
