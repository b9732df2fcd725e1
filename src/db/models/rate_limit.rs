//! `rate_limits`: fixed-window counters kept in the database, so every instance shares them.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::rate_limits;
use crate::db::{DbConnection, per_backend};

/// A counter row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = rate_limits)]
pub struct RateLimit {
    /// What is counted, e.g. `signin-link:email:<hash>`.
    pub bucket: String,
    /// Start of the current window.
    pub window_start: NaiveDateTime,
    /// Hits in the window.
    pub hits: i32,
}

impl RateLimit {
    /// The bucket's counter, if it has one.
    fn find(conn: &mut DbConnection, bucket: &str) -> QueryResult<Option<RateLimit>> {
        rate_limits::table
            .find(bucket)
            .select(RateLimit::as_select())
            .first(conn)
            .optional()
    }

    /// Counts one hit; `Err(seconds)` when the limit is reached (retry after that many seconds).
    /// Call inside a write transaction.
    pub fn hit(
        conn: &mut DbConnection,
        bucket: &str,
        limit: i32,
        window: Duration,
        now: NaiveDateTime,
    ) -> QueryResult<Result<(), i64>> {
        let row = Self::find(conn, bucket)?;
        match row {
            None => {
                let new = RateLimit {
                    bucket: bucket.to_string(),
                    window_start: now,
                    hits: 1,
                };
                per_backend!(conn, c => diesel::insert_into(rate_limits::table).values(&new).on_conflict_do_nothing().execute(c))?;
                Ok(Ok(()))
            }
            Some(r) if r.window_start + window <= now => {
                diesel::update(rate_limits::table.find(bucket))
                    .set((rate_limits::window_start.eq(now), rate_limits::hits.eq(1)))
                    .execute(conn)?;
                Ok(Ok(()))
            }
            Some(r) if r.hits >= limit => {
                Ok(Err((r.window_start + window - now).num_seconds().max(1)))
            }
            Some(_) => {
                diesel::update(rate_limits::table.find(bucket))
                    .set(rate_limits::hits.eq(rate_limits::hits + 1))
                    .execute(conn)?;
                Ok(Ok(()))
            }
        }
    }

    /// Whether the bucket is under `limit` in its window, without counting anything; when not,
    /// the seconds until it is.
    pub fn peek(
        conn: &mut DbConnection,
        bucket: &str,
        limit: i32,
        window: Duration,
        now: NaiveDateTime,
    ) -> QueryResult<Result<(), i64>> {
        let row = Self::find(conn, bucket)?;
        Ok(match row {
            Some(r) if r.window_start + window > now && r.hits >= limit => {
                Err((r.window_start + window - now).num_seconds().max(1))
            }
            _ => Ok(()),
        })
    }

    /// Forgets counters whose window ended before `before`.
    pub fn delete_stale(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
        diesel::delete(rate_limits::table.filter(rate_limits::window_start.lt(before)))
            .execute(conn)
    }
}
