//! `outbox`: every mail, rendered at enqueue, unique by idempotency key, claimed by workers
//! under a lease and finished only by the lease holder.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::outbox;
use crate::db::{DbConnection, per_backend, write_tx};
use crate::domain::ids::{OutboxMessageId, PersonId};
use crate::domain::states::OutboxStatus;

/// Which mails a list shows (every part optional).
#[derive(Debug, Clone, Copy, Default)]
pub struct OutboxQuery<'a> {
    /// Any of these statuses (none: all).
    pub statuses: &'a [OutboxStatus],
    /// Of this kind.
    pub kind: Option<&'a str>,
    /// To this person.
    pub person: Option<&'a PersonId>,
    /// Text in the address.
    pub search: Option<&'a str>,
}

/// A mail as lists show it: everything but its bodies, headers and lease.
#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize, utoipa::ToSchema)]
#[diesel(table_name = outbox)]
pub struct MailRow {
    /// Id.
    #[schema(value_type = String)]
    pub id: OutboxMessageId,
    /// The kind of mail, e.g. `sign_in_link`.
    pub kind: String,
    /// The recipient's account, if any.
    #[schema(value_type = Option<String>)]
    pub person_id: Option<PersonId>,
    /// Recipient address.
    pub to_address: String,
    /// Subject, rendered.
    pub subject: String,
    /// pending, sending, sent, failed, dead or cancelled.
    #[schema(value_type = String)]
    pub status: OutboxStatus,
    /// Attempts so far.
    pub attempts: i32,
    /// Not before (RFC 3339).
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    #[schema(value_type = String, format = DateTime)]
    pub next_attempt_at: NaiveDateTime,
    /// Last failure (no secrets).
    pub last_error: Option<String>,
    /// Enqueued (RFC 3339).
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
    /// Delivered to the relay (RFC 3339).
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub sent_at: Option<NaiveDateTime>,
}

/// A mail in the outbox.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = outbox)]
pub struct OutboxMessage {
    /// Id.
    pub id: OutboxMessageId,
    /// One logical mail, one key (e.g. `signin:<token hash>`).
    pub idempotency_key: String,
    /// The kind of mail, e.g. `sign_in_link`.
    pub kind: String,
    /// The recipient's account, if any.
    pub person_id: Option<PersonId>,
    /// Recipient address.
    pub to_address: String,
    /// Subject, rendered.
    pub subject: String,
    /// Plain-text body.
    #[serde(skip)]
    pub body_text: String,
    /// HTML body.
    #[serde(skip)]
    pub body_html: String,
    /// Fixed at enqueue and reused on every attempt.
    pub message_id: String,
    /// Extra headers as JSON (e.g. List-Unsubscribe).
    #[serde(skip)]
    pub headers: String,
    /// What the mail is about, for the send-time check (JSON).
    #[serde(skip)]
    pub context: String,
    /// Where the mail stands.
    pub status: OutboxStatus,
    /// Attempts so far.
    pub attempts: i32,
    /// Not before.
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub next_attempt_at: NaiveDateTime,
    /// The worker holding the lease.
    #[serde(skip)]
    pub lease_owner: Option<String>,
    /// Lease end.
    #[serde(skip)]
    pub lease_expires_at: Option<NaiveDateTime>,
    /// Last failure (no secrets).
    pub last_error: Option<String>,
    /// Enqueued.
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub created_at: NaiveDateTime,
    /// Delivered to the relay.
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    pub sent_at: Option<NaiveDateTime>,
}

impl OutboxMessage {
    /// Inserts the mail unless one with the same key exists; returns whether it was new.
    pub fn insert_if_absent(conn: &mut DbConnection, new: &OutboxMessage) -> QueryResult<bool> {
        let n = per_backend!(conn, c => diesel::insert_into(outbox::table).values(new).on_conflict_do_nothing().execute(c))?;
        Ok(n == 1)
    }

    /// Inserts the mails whose keys are not there yet; returns the keys that were new.
    /// PostgreSQL gets one statement whatever the number of mails (`outbox_bulk`: a round trip
    /// saved per mail); SQLite, in process, one insert per mail
    /// (its multi-row insert cannot report which rows a conflict skipped).
    pub fn insert_many_if_absent(
        conn: &mut DbConnection,
        new: &[OutboxMessage],
    ) -> QueryResult<std::collections::HashSet<String>> {
        if new.is_empty() {
            return Ok(Default::default());
        }
        match conn {
            DbConnection::Postgresql(c) => super::outbox_bulk::insert_outbox(c, new),
            DbConnection::Sqlite(_) => {
                let mut keys = std::collections::HashSet::new();
                for mail in new {
                    if Self::insert_if_absent(conn, mail)? {
                        keys.insert(mail.idempotency_key.clone());
                    }
                }
                Ok(keys)
            }
        }
    }

    /// Whether a mail with this idempotency key exists.
    pub fn key_exists(conn: &mut DbConnection, key: &str) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            outbox::table.filter(outbox::idempotency_key.eq(key)),
        ))
        .get_result(conn)
    }

    /// A mail by id.
    pub fn find(
        conn: &mut DbConnection,
        id: &OutboxMessageId,
    ) -> QueryResult<Option<OutboxMessage>> {
        outbox::table
            .find(id)
            .select(OutboxMessage::as_select())
            .first(conn)
            .optional()
    }

    /// Claims up to `limit` due mails for `worker` until `now + lease`; a mail whose lease ran
    /// out (its worker died) is due again. PostgreSQL skips rows other workers are claiming.
    pub fn claim(
        conn: &mut DbConnection,
        worker: &str,
        now: NaiveDateTime,
        lease: Duration,
        limit: i64,
    ) -> QueryResult<Vec<OutboxMessage>> {
        write_tx(conn, |conn| {
            let due = |q: outbox::table| {
                q.filter(
                    outbox::status
                        .eq(OutboxStatus::Pending)
                        .and(outbox::next_attempt_at.le(now))
                        .or(outbox::status
                            .eq(OutboxStatus::Sending)
                            .and(outbox::lease_expires_at.lt(now))),
                )
                .order(outbox::next_attempt_at.asc())
                .limit(limit)
                .select(outbox::id)
            };
            let ids: Vec<OutboxMessageId> = match conn {
                DbConnection::Sqlite(c) => due(outbox::table).load(c)?,
                DbConnection::Postgresql(c) => {
                    due(outbox::table).for_update().skip_locked().load(c)?
                }
            };
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            diesel::update(outbox::table.filter(outbox::id.eq_any(&ids)))
                .set((
                    outbox::status.eq(OutboxStatus::Sending),
                    outbox::lease_owner.eq(worker),
                    outbox::lease_expires_at.eq(now + lease),
                    outbox::attempts.eq(outbox::attempts + 1),
                ))
                .execute(conn)?;
            outbox::table
                .filter(outbox::id.eq_any(&ids))
                .select(OutboxMessage::as_select())
                .load(conn)
        })
    }

    /// Finishes a claimed mail with `status`, only if `worker` still holds its lease.
    pub fn finish(
        conn: &mut DbConnection,
        id: &OutboxMessageId,
        worker: &str,
        status: OutboxStatus,
        error: Option<&str>,
        next_attempt_at: Option<NaiveDateTime>,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let target = outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::lease_owner.eq(worker))
            .filter(outbox::status.eq(OutboxStatus::Sending));
        let n = diesel::update(target)
            .set((
                outbox::status.eq(status),
                outbox::lease_owner.eq(None::<String>),
                outbox::lease_expires_at.eq(None::<NaiveDateTime>),
                outbox::last_error.eq(error),
                outbox::next_attempt_at.eq(next_attempt_at.unwrap_or(now)),
                outbox::sent_at.eq((status == OutboxStatus::Sent).then_some(now)),
            ))
            .execute(conn)?;
        Ok(n == 1)
    }

    /// Replaces the text of a mail that is out (or given up) with `placeholder`: for mails
    /// whose text could sign someone in.
    pub fn forget_body(
        conn: &mut DbConnection,
        id: &OutboxMessageId,
        placeholder: &str,
    ) -> QueryResult<()> {
        diesel::update(outbox::table.filter(outbox::id.eq(id)))
            .set((
                outbox::body_text.eq(placeholder),
                outbox::body_html.eq(placeholder),
            ))
            .execute(conn)
            .map(|_| ())
    }

    /// The newest permanent refusal (a 5xx answer) of mail to each of these people, if their
    /// last mail was refused: `(person, error)`.
    pub fn refused_addresses(
        conn: &mut DbConnection,
        people: &[PersonId],
    ) -> QueryResult<Vec<(PersonId, String)>> {
        let rows: Vec<(Option<String>, String, Option<String>)> = outbox::table
            .filter(outbox::person_id.eq_any(people.iter().map(|p| p.0.as_str())))
            .filter(outbox::status.eq_any(vec![OutboxStatus::Failed, OutboxStatus::Sent]))
            .order((outbox::person_id, outbox::created_at.desc()))
            .select((outbox::person_id, outbox::status, outbox::last_error))
            .load(conn)?;
        let mut seen = std::collections::HashSet::new();
        Ok(rows
            .into_iter()
            .filter_map(|(person, status, error)| {
                let person = person?;
                // Only each person's newest delivered or refused mail counts.
                if !seen.insert(person.clone()) || status != OutboxStatus::Failed.as_str() {
                    return None;
                }
                Some((PersonId(person), error.unwrap_or_default()))
            })
            .collect())
    }

    /// How many mails each status holds.
    pub fn count_by_status(conn: &mut DbConnection) -> QueryResult<Vec<(String, i64)>> {
        outbox::table
            .group_by(outbox::status)
            .select((outbox::status, diesel::dsl::count_star()))
            .load(conn)
    }

    /// When the oldest mail still waiting to be sent was queued.
    pub fn oldest_pending(conn: &mut DbConnection) -> QueryResult<Option<NaiveDateTime>> {
        outbox::table
            .filter(outbox::status.eq("pending"))
            .select(diesel::dsl::min(outbox::created_at))
            .first(conn)
    }

    /// The mails passing the filter, newest first (by creation, then id), after `after`.
    fn filtered<'a>(
        statuses: &'a [OutboxStatus],
        kind: Option<&'a str>,
        person: Option<&'a PersonId>,
        search: Option<&'a str>,
    ) -> outbox::BoxedQuery<'a, crate::db::DbBackend> {
        let mut query = outbox::table.into_boxed();
        if !statuses.is_empty() {
            query = query.filter(outbox::status.eq_any(statuses.to_vec()));
        }
        if let Some(kind) = kind {
            query = query.filter(outbox::kind.eq(kind.to_string()));
        }
        if let Some(person) = person {
            query = query.filter(outbox::person_id.eq(person.clone()));
        }
        if let Some(text) = search.filter(|t| !t.trim().is_empty()) {
            query = query.filter(
                crate::db::sql::lower(outbox::to_address).like(crate::db::sql::contains(text)),
            );
        }
        query
    }

    /// Whole mails, newest first, at most `limit` (optionally of some statuses, one kind, one
    /// person).
    pub fn list(
        conn: &mut DbConnection,
        statuses: &[OutboxStatus],
        kind: Option<&str>,
        person: Option<&PersonId>,
        limit: i64,
    ) -> QueryResult<Vec<OutboxMessage>> {
        Self::filtered(statuses, kind, person, None)
            .order((outbox::created_at.desc(), outbox::id.desc()))
            .limit(limit)
            .select(OutboxMessage::as_select())
            .load(conn)
    }

    /// Mails passing the filter as lists show them, newest first, at most `limit`, after the
    /// mail `after` (creation time and id) when given.
    pub fn page(
        conn: &mut DbConnection,
        filter: &OutboxQuery<'_>,
        after: Option<(NaiveDateTime, OutboxMessageId)>,
        limit: i64,
    ) -> QueryResult<Vec<MailRow>> {
        let mut query = Self::filtered(filter.statuses, filter.kind, filter.person, filter.search);
        if let Some((at, id)) = after {
            query = query.filter(
                outbox::created_at
                    .lt(at)
                    .or(outbox::created_at.eq(at).and(outbox::id.lt(id))),
            );
        }
        query
            .order((outbox::created_at.desc(), outbox::id.desc()))
            .limit(limit)
            .select(MailRow::as_select())
            .load(conn)
    }

    /// How many mails pass the filter, counted up to the cap.
    pub fn count_capped(
        conn: &mut DbConnection,
        filter: &OutboxQuery<'_>,
    ) -> QueryResult<crate::db::keyset::Count> {
        let ids: Vec<OutboxMessageId> =
            Self::filtered(filter.statuses, filter.kind, filter.person, filter.search)
                .select(outbox::id)
                .limit(crate::db::keyset::COUNT_CAP + 1)
                .load(conn)?;
        Ok(crate::db::keyset::Count::of_fetched(ids.len()))
    }

    /// Puts a failed, given-up or cancelled mail back in the queue; returns whether it was one.
    pub fn retry(
        conn: &mut DbConnection,
        id: &OutboxMessageId,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let n = diesel::update(outbox::table.filter(outbox::id.eq(id)).filter(
            outbox::status.eq_any([
                OutboxStatus::Failed,
                OutboxStatus::Dead,
                OutboxStatus::Cancelled,
            ]),
        ))
        .set((
            outbox::status.eq(OutboxStatus::Pending),
            outbox::next_attempt_at.eq(now),
            outbox::last_error.eq(None::<String>),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }
}
