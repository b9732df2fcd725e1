//! `allocation_queue`: review slots nobody could take yet, allocated as soon as capacity frees.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::allocation_queue;
use crate::db::{DbConnection, per_backend};
use crate::domain::ids::{CohortId, SubmissionVersionId};

/// One waiting review slot.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = allocation_queue)]
pub struct QueuedSlot {
    /// The version to grade.
    pub submission_version_id: SubmissionVersionId,
    /// The slot (1 or 2).
    pub slot: i32,
    /// Its cohort.
    pub cohort_id: CohortId,
    /// Since when it waits.
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub queued_at: NaiveDateTime,
    /// Why nobody fitted (JSON, see `domain::allocation::Reason`).
    pub reason: String,
}

impl QueuedSlot {
    /// Queues a slot (no-op when queued already); returns whether it was new.
    pub fn enqueue(conn: &mut DbConnection, row: &QueuedSlot) -> QueryResult<bool> {
        let n = per_backend!(conn, c => diesel::insert_into(allocation_queue::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(c))?;
        Ok(n == 1)
    }

    /// Every waiting slot, oldest first (optionally of one cohort).
    pub fn list(
        conn: &mut DbConnection,
        cohort: Option<&CohortId>,
    ) -> QueryResult<Vec<QueuedSlot>> {
        let mut q = allocation_queue::table
            .order((
                allocation_queue::queued_at.asc(),
                allocation_queue::submission_version_id.asc(),
            ))
            .select(QueuedSlot::as_select())
            .into_boxed();
        if let Some(c) = cohort {
            q = q.filter(allocation_queue::cohort_id.eq(c.clone()));
        }
        q.load(conn)
    }

    /// A page of waiting slots, oldest first (then by version and slot), optionally of one
    /// cohort, at most `limit`, after the slot `after` (queued time, version, slot).
    pub fn page(
        conn: &mut DbConnection,
        cohort: Option<&CohortId>,
        after: Option<(NaiveDateTime, SubmissionVersionId, i32)>,
        limit: i64,
    ) -> QueryResult<Vec<QueuedSlot>> {
        use allocation_queue::{queued_at as at, slot, submission_version_id as version};
        let mut q = allocation_queue::table
            .order((at.asc(), version.asc(), slot.asc()))
            .limit(limit)
            .select(QueuedSlot::as_select())
            .into_boxed();
        if let Some(c) = cohort {
            q = q.filter(allocation_queue::cohort_id.eq(c.clone()));
        }
        if let Some((t, v, n)) = after {
            q = q.filter(
                at.gt(t).or(at
                    .eq(t)
                    .and(version.gt(v.clone()).or(version.eq(v).and(slot.gt(n))))),
            );
        }
        q.load(conn)
    }

    /// Waiting slots per cohort.
    pub fn per_cohort(conn: &mut DbConnection) -> QueryResult<Vec<(CohortId, i64)>> {
        allocation_queue::table
            .group_by(allocation_queue::cohort_id)
            .select((allocation_queue::cohort_id, diesel::dsl::count_star()))
            .load(conn)
    }

    /// Claims up to `limit` waiting slots for this transaction (PostgreSQL skips rows another
    /// instance holds; SQLite's write transaction is exclusive anyway).
    pub fn claim(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<QueuedSlot>> {
        let order = (
            allocation_queue::queued_at.asc(),
            allocation_queue::submission_version_id.asc(),
        );
        match conn {
            DbConnection::Postgresql(c) => allocation_queue::table
                .order(order)
                .limit(limit)
                .select(QueuedSlot::as_select())
                .for_update()
                .skip_locked()
                .load(c),
            DbConnection::Sqlite(c) => allocation_queue::table
                .order(order)
                .limit(limit)
                .select(QueuedSlot::as_select())
                .load(c),
        }
    }

    /// Removes these (version, slot) pairs from the queue.
    pub fn remove_many(
        conn: &mut DbConnection,
        slots: &[(SubmissionVersionId, i32)],
    ) -> QueryResult<()> {
        for slot in [1, 2] {
            let versions: Vec<&SubmissionVersionId> = slots
                .iter()
                .filter(|(_, s)| *s == slot)
                .map(|(v, _)| v)
                .collect();
            for chunk in versions.chunks(5_000) {
                diesel::delete(
                    allocation_queue::table
                        .filter(allocation_queue::slot.eq(slot))
                        .filter(allocation_queue::submission_version_id.eq_any(chunk)),
                )
                .execute(conn)?;
            }
        }
        Ok(())
    }

    /// Removes a slot from the queue.
    pub fn remove(
        conn: &mut DbConnection,
        version: &SubmissionVersionId,
        slot: i32,
    ) -> QueryResult<()> {
        diesel::delete(
            allocation_queue::table
                .filter(allocation_queue::submission_version_id.eq(version))
                .filter(allocation_queue::slot.eq(slot)),
        )
        .execute(conn)
        .map(|_| ())
    }
}
