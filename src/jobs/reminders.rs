//! The daily reminder digest. Each tick asks the rules (`reminder_items`, timing from
//! [`Rules`]) for due items, drops items already sent (`reminder_log`) and those of people who
//! switched reminders off, and combines what is left into at most one digest per person and
//! day, in the person's language, sent only in working hours of the person's time zone.
//! Correctness comes from the keys, so every instance may run the tick.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::reminder_items::collect;
use crate::config::rules::Rules;
use crate::db::models::{OutboxMessage, Person, outbox_bulk};
use crate::db::schema::{mail_preferences, reminder_log};
use crate::db::{DbConnection, write_tx};
use crate::domain::ids::PersonId;
use crate::domain::schedule::to_local;
use crate::error::AppError;
use crate::mail::compose::{Composer, Email, compose};

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
    /// For an expiring certificate whose program has a refresher: the refresher's title
    /// (empty otherwise).
    pub refresher: String,
}

/// Whether `now` is in the person's working hours.
pub fn in_working_hours(rules: &Rules, person: &Person, now: NaiveDateTime) -> bool {
    rules.is_working_time(to_local(person.tz(), now))
}

/// What a tick would send (or sent): one digest per person.
#[derive(Debug, Clone, Serialize)]
pub struct Digest {
    /// Recipient.
    pub email: String,
    /// Their items.
    pub items: Vec<Item>,
}

/// The keys among these that were sent before (looked up in chunks).
fn already_sent(conn: &mut DbConnection, keys: &[&String]) -> QueryResult<HashSet<String>> {
    let mut sent = HashSet::new();
    for chunk in keys.chunks(5_000) {
        let found: Vec<String> = reminder_log::table
            .filter(reminder_log::key.eq_any(chunk))
            .select(reminder_log::key)
            .load(conn)?;
        sent.extend(found);
    }
    Ok(sent)
}

/// The people who switched reminders off.
fn opted_out(conn: &mut DbConnection) -> QueryResult<HashSet<PersonId>> {
    Ok(mail_preferences::table
        .filter(mail_preferences::kind.eq("reminders"))
        .filter(mail_preferences::enabled.eq(false))
        .select(mail_preferences::person_id)
        .load::<PersonId>(conn)?
        .into_iter()
        .collect())
}

/// Digests written in one transaction.
const DIGESTS_PER_TRANSACTION: usize = 1_000;

/// Reminder log rows in one SQLite insert (3 parameters a row).
const LOG_ROWS_PER_INSERT: usize = 2_000;

/// A digest to write: the person, its idempotency key, its items.
type Due<'a> = (&'a Person, String, Vec<Item>);

/// The digest mail of one person.
fn digest_mail(
    composer: &Composer,
    now: NaiveDateTime,
    (person, key, items): &Due<'_>,
) -> Result<OutboxMessage, AppError> {
    let mut context = tera::Context::new();
    context.insert("items", items);
    context.insert("link", &format!("{}/learn", composer.base_url));
    let email = Email {
        key: key.clone(),
        template: "reminder_digest",
        to: person,
        context,
    };
    compose(composer, now, email, false)
}

/// Renders the digests on every core (templates are most of a morning tick's work).
fn render(
    composer: &Composer,
    now: NaiveDateTime,
    due: &[Due<'_>],
) -> Result<Vec<OutboxMessage>, AppError> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per_thread = due.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let parts: Vec<_> = due
            .chunks(per_thread)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|d| digest_mail(composer, now, d))
                        .collect::<Result<Vec<_>, AppError>>()
                })
            })
            .collect();
        let mut mails = Vec::with_capacity(due.len());
        for part in parts {
            mails.extend(part.join().expect("a rendering thread panicked")?);
        }
        Ok(mails)
    })
}

/// Runs the rules; with `dry_run` nothing is written and the digests are only returned.
pub fn tick(
    conn: &mut DbConnection,
    composer: &Composer,
    rules: &Rules,
    now: NaiveDateTime,
    dry_run: bool,
) -> Result<Vec<Digest>, AppError> {
    let started = std::time::Instant::now();
    let found = collect(conn, composer, rules, now)?;
    let collected = started.elapsed();
    let off = opted_out(conn)?;
    let keys: Vec<&String> = found
        .items
        .iter()
        .filter(|(p, _)| !off.contains(*p))
        .flat_map(|(_, items)| items.iter().map(|i| &i.key))
        .collect();
    let sent = already_sent(conn, &keys)?;
    let (checked, item_count) = (started.elapsed(), keys.len());
    let mut due = Vec::new();
    for (person_id, items) in found.items {
        let Some(person) = found.people.get(&person_id) else {
            continue;
        };
        if off.contains(&person_id) {
            continue;
        }
        let fresh: Vec<Item> = items
            .into_iter()
            .filter(|i| !sent.contains(&i.key))
            .collect();
        if fresh.is_empty() {
            continue;
        }
        let day = to_local(person.tz(), now).date();
        let digest_key = format!("digest:{}:{day}", person.id);
        if dry_run && OutboxMessage::key_exists(conn, &digest_key)? {
            continue;
        }
        due.push((person, digest_key, fresh));
    }
    if dry_run {
        return Ok(due
            .into_iter()
            .map(|(person, _, items)| Digest {
                email: person.email.clone(),
                items,
            })
            .collect());
    }
    let (digests, writing) = write_digests(conn, composer, now, &due)?;
    tracing::info!(
        items = item_count,
        digests = digests.len(),
        collect_ms = collected.as_millis() as u64,
        dedup_ms = (checked - collected).as_millis() as u64,
        write_ms = writing.as_millis() as u64,
        total_ms = started.elapsed().as_millis() as u64,
        "reminder tick"
    );
    Ok(digests)
}

/// Writes the due digests, a few hundred at a time: rendered on every core outside any
/// transaction (the next batch while the last one is being stored), then stored in one
/// transaction, each with its reminder log or not at all (a multi-row insert per table, so the
/// first tick of a morning does not pay a round trip per mail). People come in the same order
/// in every instance, so concurrent ticks cannot deadlock. Returns the digests that were new
/// and the time spent storing.
fn write_digests(
    conn: &mut DbConnection,
    composer: &Composer,
    now: NaiveDateTime,
    due: &[Due<'_>],
) -> Result<(Vec<Digest>, std::time::Duration), AppError> {
    let mut digests = Vec::new();
    let mut writing = std::time::Duration::ZERO;
    std::thread::scope(|scope| -> Result<(), AppError> {
        let (rendered, batches) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || {
            for batch in due.chunks(DIGESTS_PER_TRANSACTION) {
                if rendered.send(render(composer, now, batch)).is_err() {
                    break; // the writer stopped on an error
                }
            }
        });
        for (batch, mails) in due.chunks(DIGESTS_PER_TRANSACTION).zip(batches) {
            let mails = mails?;
            let started = std::time::Instant::now();
            digests.extend(store(conn, now, batch, &mails)?);
            writing += started.elapsed();
        }
        Ok(())
    })?;
    Ok((digests, writing))
}

/// Stores one batch of rendered digests with their reminder log, in one transaction; returns
/// those that were new (a digest already in the outbox went out today: the rest waits for
/// tomorrow's).
fn store(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    batch: &[Due<'_>],
    mails: &[OutboxMessage],
) -> Result<Vec<Digest>, AppError> {
    write_tx(conn, |conn| -> Result<Vec<Digest>, AppError> {
        let new = OutboxMessage::insert_many_if_absent(conn, mails)?;
        let stored: Vec<&Due> = batch.iter().filter(|d| new.contains(&d.1)).collect();
        let logs = stored.iter().flat_map(|(person, _, items)| {
            items.iter().map(|i| (i.key.clone(), person.id.0.clone()))
        });
        match conn {
            DbConnection::Postgresql(c) => {
                let (keys, people) = logs.unzip();
                outbox_bulk::insert_reminder_log(c, keys, people, now)?;
            }
            DbConnection::Sqlite(c) => {
                let rows: Vec<_> = logs
                    .map(|(key, person)| {
                        (
                            reminder_log::key.eq(key),
                            reminder_log::person_id.eq(person),
                            reminder_log::created_at.eq(now),
                        )
                    })
                    .collect();
                for chunk in rows.chunks(LOG_ROWS_PER_INSERT) {
                    diesel::insert_into(reminder_log::table)
                        .values(chunk)
                        .on_conflict_do_nothing()
                        .execute(c)?;
                }
            }
        }
        Ok(stored
            .into_iter()
            .map(|(person, _, items)| Digest {
                email: person.email.clone(),
                items: items.clone(),
            })
            .collect())
    })
}
