//! Many outbox and reminder-log rows in one PostgreSQL statement: each column travels as one
//! array parameter and `unnest` turns them back into rows. Unlike a multi-row `VALUES`, the
//! statement text and its parameter count do not grow with the batch (no parameter limit, a
//! short parse), and PostgreSQL decodes a handful of arrays instead of thousands of values.

use chrono::NaiveDateTime;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::{Array, Integer, Nullable, Text, Timestamp};

use super::OutboxMessage;

#[derive(QueryableByName)]
struct Key {
    #[diesel(sql_type = Text)]
    idempotency_key: String,
}

/// Inserts the mails whose keys are not there yet; returns the keys that were new.
pub fn insert_outbox(
    c: &mut PgConnection,
    mails: &[OutboxMessage],
) -> QueryResult<std::collections::HashSet<String>> {
    fn col<'a, T>(mails: &'a [OutboxMessage], f: impl Fn(&'a OutboxMessage) -> T) -> Vec<T> {
        mails.iter().map(f).collect()
    }
    let person = col(mails, |m| m.person_id.as_ref().map(|p| p.0.as_str()));
    diesel::sql_query(
        "INSERT INTO outbox (id, idempotency_key, kind, person_id, to_address, subject, \
         body_text, body_html, message_id, headers, context, status, attempts, \
         next_attempt_at, lease_owner, lease_expires_at, last_error, created_at, sent_at) \
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], \
         $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], \
         $12::text[], $13::int4[], $14::timestamp[], $15::text[], $16::timestamp[], \
         $17::text[], $18::timestamp[], $19::timestamp[]) \
         ON CONFLICT DO NOTHING RETURNING idempotency_key",
    )
    .bind::<Array<Text>, _>(col(mails, |m| m.id.as_str()))
    .bind::<Array<Text>, _>(col(mails, |m| &m.idempotency_key))
    .bind::<Array<Text>, _>(col(mails, |m| &m.kind))
    .bind::<Array<Nullable<Text>>, _>(person)
    .bind::<Array<Text>, _>(col(mails, |m| &m.to_address))
    .bind::<Array<Text>, _>(col(mails, |m| &m.subject))
    .bind::<Array<Text>, _>(col(mails, |m| &m.body_text))
    .bind::<Array<Text>, _>(col(mails, |m| &m.body_html))
    .bind::<Array<Text>, _>(col(mails, |m| &m.message_id))
    .bind::<Array<Text>, _>(col(mails, |m| &m.headers))
    .bind::<Array<Text>, _>(col(mails, |m| &m.context))
    .bind::<Array<Text>, _>(col(mails, |m| m.status.as_str()))
    .bind::<Array<Integer>, _>(col(mails, |m| &m.attempts))
    .bind::<Array<Timestamp>, _>(col(mails, |m| &m.next_attempt_at))
    .bind::<Array<Nullable<Text>>, _>(col(mails, |m| &m.lease_owner))
    .bind::<Array<Nullable<Timestamp>>, _>(col(mails, |m| &m.lease_expires_at))
    .bind::<Array<Nullable<Text>>, _>(col(mails, |m| &m.last_error))
    .bind::<Array<Timestamp>, _>(col(mails, |m| &m.created_at))
    .bind::<Array<Nullable<Timestamp>>, _>(col(mails, |m| &m.sent_at))
    .load::<Key>(c)
    .map(|keys| keys.into_iter().map(|k| k.idempotency_key).collect())
}

/// Records reminder items as sent (keys already there stay as they are).
pub fn insert_reminder_log(
    c: &mut PgConnection,
    keys: Vec<String>,
    people: Vec<String>,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::sql_query(
        "INSERT INTO reminder_log (key, person_id, created_at) \
         SELECT k, p, $3 FROM unnest($1::text[], $2::text[]) AS r(k, p) \
         ON CONFLICT DO NOTHING",
    )
    .bind::<Array<Text>, _>(keys)
    .bind::<Array<Text>, _>(people)
    .bind::<Timestamp, _>(at)
    .execute(c)
}
