//! Reminder rules and the daily digest. Each tick turns the rules into items (a module opened;
//! an assignment due within 3 days, within 1 day, or overdue and not handed in; a review due
//! within a day or overdue; a certificate that expires within 60 and within 30 days), drops items already sent (`reminder_log`), and combines what is
//! left into at most one digest per person and day, in the person's language, sent only in
//! working hours of the person's time zone. Correctness comes from the keys, so every instance
//! may run the tick.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDateTime, Timelike, Weekday};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::models::{
    Assignment, Cohort, Enrollment, Extension, Module, Person, Review, ScheduleEntry, Submission,
    mail_preference,
};
use crate::db::schema::{reminder_log, reviews};
use crate::db::{DbConnection, per_backend, write_tx};
use crate::domain::ids::PersonId;
use crate::domain::schedule::to_local;
use crate::error::AppError;
use crate::mail::compose::{Composer, Email, enqueue};
use crate::submissions::journey::person_tz;

/// Working hours (local) in which digests go out, Monday to Friday.
pub const WORK_START: u32 = 8;
/// End of working hours (exclusive).
pub const WORK_END: u32 = 18;

/// One thing to remind someone of.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// Unique per reminder (dedup across ticks and instances).
    pub key: String,
    /// The message key (`reminder-*`).
    pub message: &'static str,
    /// The assignment, module or review title.
    pub title: String,
    /// The moment, in the person's time zone.
    pub when: String,
    /// Where to go.
    pub link: String,
}

/// The items due for each person at `now` (not yet filtered by what was sent).
pub fn collect(
    conn: &mut DbConnection,
    composer: &Composer,
    now: NaiveDateTime,
) -> Result<BTreeMap<PersonId, Vec<Item>>, AppError> {
    let mut out: BTreeMap<PersonId, Vec<Item>> = BTreeMap::new();
    for cohort in Cohort::list_all(conn)?
        .into_iter()
        .filter(|c| c.state == "running")
    {
        trainee_items(conn, composer, &cohort, now, &mut out)?;
    }
    review_items(conn, composer, now, &mut out)?;
    expiry_items(conn, composer, now, &mut out)?;
    Ok(out)
}

/// Holders of certificates that expire within 60 and within 30 days.
fn expiry_items(
    conn: &mut DbConnection,
    composer: &Composer,
    now: NaiveDateTime,
    out: &mut BTreeMap<PersonId, Vec<Item>>,
) -> Result<(), AppError> {
    use crate::db::schema::certificates;
    let expiring: Vec<crate::db::models::Certificate> = certificates::table
        .filter(certificates::status.eq("active"))
        .filter(certificates::expires_at.gt(now))
        .filter(certificates::expires_at.le(now + Duration::days(60)))
        .select(crate::db::models::Certificate::as_select())
        .load(conn)?;
    for c in expiring {
        let Some(person) = Person::find(conn, &c.person_id)?.filter(Person::is_active) else {
            continue;
        };
        let Some(expires) = c.expires_at else {
            continue;
        };
        let days = if expires <= now + Duration::days(30) {
            30
        } else {
            60
        };
        out.entry(person.id.clone()).or_default().push(Item {
            key: format!("expiry{days}:{}", c.id),
            message: "reminder-certificate-expires",
            title: if person.language == "de" {
                c.program_title_de.clone()
            } else {
                c.program_title_en.clone()
            },
            when: local(&person, expires),
            link: format!("{}/certificates/{}", composer.base_url, c.id),
        });
    }
    Ok(())
}

fn local(person: &Person, at: NaiveDateTime) -> String {
    to_local(person_tz(person), at)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn trainee_items(
    conn: &mut DbConnection,
    composer: &Composer,
    cohort: &Cohort,
    now: NaiveDateTime,
    out: &mut BTreeMap<PersonId, Vec<Item>>,
) -> Result<(), AppError> {
    let schedule = ScheduleEntry::list_by_cohort(conn, &cohort.id)?;
    let modules = Module::list_by_version(conn, &cohort.curriculum_version_id)?;
    let assignments = Assignment::list_by_version(conn, &cohort.curriculum_version_id)?;
    let enrollments: Vec<Enrollment> = Enrollment::list_by_cohort(conn, &cohort.id)?
        .into_iter()
        .filter(|e| e.state == "active")
        .collect();
    for e in enrollments {
        let Some(person) = Person::find(conn, &e.person_id)?.filter(Person::is_active) else {
            continue;
        };
        let lang = person.language.clone();
        let submissions = Submission::list_by_enrollment(conn, &e.id)?;
        let extensions = Extension::list_by_enrollment(conn, &e.id)?;
        for entry in &schedule {
            let Some(module) = modules.iter().find(|m| m.id == entry.module_id) else {
                continue;
            };
            let title = |de: &str, en: &str| {
                if lang == "de" {
                    de.to_string()
                } else {
                    en.to_string()
                }
            };
            if entry.unlock_at <= now && entry.unlock_at > now - Duration::days(2) {
                out.entry(person.id.clone()).or_default().push(Item {
                    key: format!("open:{}:{}", e.id, module.slug),
                    message: "reminder-module-open",
                    title: title(&module.title_de, &module.title_en),
                    when: local(&person, entry.unlock_at),
                    link: format!(
                        "{}/learn/{}/modules/{}",
                        composer.base_url, e.id, module.slug
                    ),
                });
            }
            for a in assignments.iter().filter(|a| a.module_id == module.id) {
                let handed_in = submissions.iter().any(|s| {
                    s.assignment_id == a.id
                        && matches!(
                            s.state.as_str(),
                            "submitted" | "in_review" | "passed" | "failed"
                        )
                });
                if handed_in || entry.unlock_at > now {
                    continue;
                }
                let due = extensions
                    .iter()
                    .find(|x| x.assignment_id == a.id)
                    .map(|x| x.due_at)
                    .unwrap_or(entry.due_at);
                let (rule, message) = if due < now && due > now - Duration::days(7) {
                    ("overdue", "reminder-overdue")
                } else if due >= now && due <= now + Duration::days(1) {
                    ("due1", "reminder-due-1")
                } else if due > now + Duration::days(1) && due <= now + Duration::days(3) {
                    ("due3", "reminder-due-3")
                } else {
                    continue;
                };
                out.entry(person.id.clone()).or_default().push(Item {
                    key: format!("{rule}:{}:{}", e.id, a.slug),
                    message,
                    title: title(&a.title_de, &a.title_en),
                    when: local(&person, due),
                    link: format!(
                        "{}/learn/{}/assignments/{}",
                        composer.base_url, e.id, a.slug
                    ),
                });
            }
        }
    }
    Ok(())
}

fn review_items(
    conn: &mut DbConnection,
    composer: &Composer,
    now: NaiveDateTime,
    out: &mut BTreeMap<PersonId, Vec<Item>>,
) -> Result<(), AppError> {
    let open: Vec<Review> = reviews::table
        .filter(reviews::state.eq_any(crate::db::models::review::OPEN_STATES))
        .filter(reviews::due_at.le(now + Duration::days(1)))
        .select(Review::as_select())
        .load(conn)?;
    for r in open {
        let Some(person) = Person::find(conn, &r.reviewer_id)?.filter(Person::is_active) else {
            continue;
        };
        let (rule, message) = if r.due_at < now {
            ("review-overdue", "reminder-review-overdue")
        } else {
            ("review-due1", "reminder-review-due-1")
        };
        out.entry(person.id.clone()).or_default().push(Item {
            key: format!("{rule}:{}", r.id),
            message,
            title: String::new(),
            when: local(&person, r.due_at),
            link: format!("{}/reviews/{}", composer.base_url, r.id),
        });
    }
    Ok(())
}

/// Whether `now` is in the person's working hours.
pub fn in_working_hours(person: &Person, now: NaiveDateTime) -> bool {
    let local = to_local(person_tz(person), now);
    !matches!(local.weekday(), Weekday::Sat | Weekday::Sun)
        && (WORK_START..WORK_END).contains(&local.hour())
}

/// What a tick would send (or sent): one digest per person.
#[derive(Debug, Clone, Serialize)]
pub struct Digest {
    /// Recipient.
    pub email: String,
    /// Their items.
    pub items: Vec<Item>,
}

fn already_sent(conn: &mut DbConnection, keys: &[String]) -> QueryResult<Vec<String>> {
    reminder_log::table
        .filter(reminder_log::key.eq_any(keys))
        .select(reminder_log::key)
        .load(conn)
}

/// Runs the rules; with `dry_run` nothing is written and the digests are only returned.
pub fn tick(
    conn: &mut DbConnection,
    composer: &Composer,
    now: NaiveDateTime,
    dry_run: bool,
) -> Result<Vec<Digest>, AppError> {
    let all = collect(conn, composer, now)?;
    let mut digests = Vec::new();
    for (person_id, items) in all {
        let Some(person) = Person::find(conn, &person_id)? else {
            continue;
        };
        if !in_working_hours(&person, now)
            || !mail_preference::is_enabled(conn, &person.id, "reminders")?
        {
            continue;
        }
        let keys: Vec<String> = items.iter().map(|i| i.key.clone()).collect();
        let sent = already_sent(conn, &keys)?;
        let fresh: Vec<Item> = items
            .into_iter()
            .filter(|i| !sent.contains(&i.key))
            .collect();
        if fresh.is_empty() {
            continue;
        }
        let day = to_local(person_tz(&person), now).date();
        let digest_key = format!("digest:{}:{day}", person.id);
        if dry_run && crate::db::models::OutboxMessage::key_exists(conn, &digest_key)? {
            continue;
        }
        if !dry_run {
            let written = write_tx(conn, |conn| -> Result<bool, AppError> {
                let mut context = tera::Context::new();
                context.insert("items", &fresh);
                context.insert("link", &format!("{}/learn", composer.base_url));
                let new = enqueue(
                    conn,
                    composer,
                    now,
                    Email {
                        key: digest_key.clone(),
                        template: "reminder_digest",
                        to: &person,
                        context,
                    },
                )?;
                if new {
                    for i in &fresh {
                        per_backend!(conn, c => diesel::insert_into(reminder_log::table)
                            .values((
                                reminder_log::key.eq(&i.key),
                                reminder_log::person_id.eq(&person.id),
                                reminder_log::created_at.eq(now),
                            ))
                            .on_conflict_do_nothing()
                            .execute(c))?;
                    }
                }
                Ok(new)
            })?;
            if !written {
                // Today's digest went out already: the rest waits for tomorrow's.
                continue;
            }
        }
        digests.push(Digest {
            email: person.email.clone(),
            items: fresh,
        });
    }
    Ok(digests)
}
