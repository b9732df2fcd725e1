//! The live-session rule: a person with a place at a session that begins within the next 24
//! hours finds it in their digest, once per session and start time (a moved session is
//! reminded of again). One query over the sessions starting in the window.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::reminder_items::{Found, local, reachable, title};
use super::reminders::Item;
use crate::config::rules::Rules;
use crate::db::DbConnection;
use crate::db::models::Person;
use crate::db::schema::{event_registrations, events, people};
use crate::domain::states::{EventState, RegistrationState};
use crate::error::AppError;
use crate::mail::compose::Composer;

/// How long before the start the reminder is due.
pub const BEFORE_HOURS: i64 = 24;

/// Adds the sessions beginning within [`BEFORE_HOURS`] for the people with a place.
pub fn event_items(
    conn: &mut DbConnection,
    composer: &Composer,
    rules: &Rules,
    now: NaiveDateTime,
    found: &mut Found,
) -> Result<(), AppError> {
    type Line = (String, String, String, NaiveDateTime, Person);
    let soon: Vec<Line> = event_registrations::table
        .inner_join(events::table)
        .inner_join(people::table)
        .filter(event_registrations::state.eq(RegistrationState::Registered))
        .filter(events::state.eq(EventState::Scheduled))
        .filter(events::starts_at.gt(now))
        .filter(events::starts_at.le(now + Duration::hours(BEFORE_HOURS)))
        .select((
            events::id,
            events::title_de,
            events::title_en,
            events::starts_at,
            Person::as_select(),
        ))
        .load(conn)?;
    for (id, title_de, title_en, starts, person) in soon {
        if !reachable(rules, &person, now) {
            continue;
        }
        let item = Item {
            key: format!("event-24h:{id}:{}", starts.and_utc().timestamp()),
            message: "reminder-event-soon",
            title: title(&person, &title_de, &title_en),
            when: local(&person, starts),
            link: format!("{}/events/{id}", composer.base_url),
            refresher: String::new(),
        };
        found.push(&person, item);
    }
    Ok(())
}
