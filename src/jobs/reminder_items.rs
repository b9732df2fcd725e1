//! The reminder rules as set-based queries: only schedule entries whose opening or deadline
//! falls in a rule's window are looked at, and for each such cohort the active trainees, the
//! work already handed in and the extensions are read in one query each. People outside their
//! working hours are skipped before anything is built for them, so a tick over a program of
//! 100,000 trainees costs a few dozen queries, not one per trainee. The trainee rules are in
//! `reminder_trainees`, the live-session rule in `reminder_events`; the review and certificate
//! rules are here.

use std::collections::{BTreeMap, HashMap};

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::reminders::Item;
use crate::config::rules::Rules;
use crate::db::DbConnection;
use crate::db::models::Person;
use crate::db::schema::{certificates, people, programs, reviews};
use crate::domain::ids::PersonId;
use crate::domain::schedule::to_local;
use crate::domain::states::CertificateStatus;
use crate::error::AppError;
use crate::mail::compose::Composer;

/// What the rules found: the people concerned (in working hours) and their items.
#[derive(Debug, Default)]
pub struct Found {
    /// People by id.
    pub people: HashMap<PersonId, Person>,
    /// Items per person, in a stable order.
    pub items: BTreeMap<PersonId, Vec<Item>>,
}

impl Found {
    /// Adds an item for a person, keeping the person once.
    pub(super) fn push(&mut self, person: &Person, item: Item) {
        self.people
            .entry(person.id.clone())
            .or_insert_with(|| person.clone());
        self.items.entry(person.id.clone()).or_default().push(item);
    }
}

/// A moment as the person reads it, in their time zone.
pub(super) fn local(person: &Person, at: NaiveDateTime) -> String {
    crate::domain::schedule::local_text(person.tz(), at)
}

/// The text in the person's language.
pub(super) fn title(person: &Person, de: &str, en: &str) -> String {
    if person.language == "de" {
        de.to_string()
    } else {
        en.to_string()
    }
}

/// Whether the person may get a digest now (active, and in working time where they are).
pub(super) fn reachable(rules: &Rules, person: &Person, now: NaiveDateTime) -> bool {
    person.is_active() && rules.is_working_time(to_local(person.tz(), now))
}

/// Every item due at `now` for people in their working hours (not yet filtered by what was
/// sent or by preferences).
pub fn collect(
    conn: &mut DbConnection,
    composer: &Composer,
    rules: &Rules,
    now: NaiveDateTime,
) -> Result<Found, AppError> {
    let mut found = Found::default();
    super::reminder_trainees::trainee_items(conn, composer, rules, now, &mut found)?;
    review_items(conn, composer, rules, now, &mut found)?;
    expiry_items(conn, composer, rules, now, &mut found)?;
    super::reminder_events::event_items(conn, composer, rules, now, &mut found)?;
    Ok(found)
}

fn review_items(
    conn: &mut DbConnection,
    composer: &Composer,
    rules: &Rules,
    now: NaiveDateTime,
    found: &mut Found,
) -> Result<(), AppError> {
    let open: Vec<(String, NaiveDateTime, Person)> = reviews::table
        .inner_join(people::table.on(people::id.eq(reviews::reviewer_id)))
        .filter(crate::db::models::review::is_open())
        .filter(reviews::due_at.le(now + Duration::hours(rules.review_due_hours)))
        .select((reviews::id, reviews::due_at, Person::as_select()))
        .load(conn)?;
    for (id, due, person) in open {
        if !reachable(rules, &person, now) {
            continue;
        }
        let (rule, message) = if due < now {
            ("review-overdue", "reminder-review-overdue")
        } else {
            ("review-due1", "reminder-review-due-1")
        };
        found.push(
            &person,
            Item {
                key: format!("{rule}:{id}"),
                message,
                title: String::new(),
                when: local(&person, due),
                link: format!("{}/reviews/{id}", composer.base_url),
                refresher: String::new(),
            },
        );
    }
    Ok(())
}

fn expiry_items(
    conn: &mut DbConnection,
    composer: &Composer,
    rules: &Rules,
    now: NaiveDateTime,
    found: &mut Found,
) -> Result<(), AppError> {
    let Some(furthest) = rules.expiry_days.iter().copied().max() else {
        return Ok(());
    };
    type Line = (
        String,
        String,
        String,
        String,
        Option<NaiveDateTime>,
        Person,
    );
    let expiring: Vec<Line> = certificates::table
        .inner_join(people::table)
        .inner_join(programs::table.on(programs::id.eq(certificates::program_id)))
        .filter(certificates::status.eq(CertificateStatus::Active))
        .filter(certificates::expires_at.gt(now))
        .filter(certificates::expires_at.le(now + Duration::days(furthest)))
        .select((
            certificates::id,
            programs::slug,
            certificates::program_title_de,
            certificates::program_title_en,
            certificates::expires_at,
            Person::as_select(),
        ))
        .load(conn)?;
    let mut refreshers = HashMap::new();
    for (id, program, title_de, title_en, expires, person) in expiring {
        let Some(expires) = expires else { continue };
        if !reachable(rules, &person, now) {
            continue;
        }
        let Some(days) = rules
            .expiry_days
            .iter()
            .copied()
            .filter(|d| expires <= now + Duration::days(*d))
            .min()
        else {
            continue;
        };
        if !refreshers.contains_key(&program) {
            let refresher = crate::content::catalog::refresher_of(conn, &program)?;
            refreshers.insert(
                program.clone(),
                refresher.map(|(_, v)| (v.title_de, v.title_en)),
            );
        }
        let (message, refresher) = match refreshers.get(&program).and_then(Option::as_ref) {
            Some((de, en)) => (
                "reminder-certificate-expires-refresher",
                title(&person, de, en),
            ),
            None => ("reminder-certificate-expires", String::new()),
        };
        found.push(
            &person,
            Item {
                key: format!("expiry{days}:{id}"),
                message,
                title: title(&person, &title_de, &title_en),
                when: local(&person, expires),
                link: format!("{}/certificates/{id}", composer.base_url),
                refresher,
            },
        );
    }
    Ok(())
}
