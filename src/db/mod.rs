//! The database: one connection type over SQLite and PostgreSQL, the pool, migrations, the
//! blocking-call helper, and the models that own each table's queries.
//!
//! Per-backend code lives only here (connection set-up, immediate transactions) and in the few
//! queries that the portable subset cannot express, each marked with a `match` on
//! [`DbConnection`]. The reads every page makes run on the backend's own connection too
//! (`per_backend!`): the multi-backend connection writes a statement's SQL text out again on
//! every execution. A hot statement that diesel's DSL cannot build is a query type of its own
//! with a fixed id (see `grading::queue`), never `sql_query`, which diesel does not keep
//! prepared.

pub mod after_response;
pub mod backup;
pub mod keyset;
pub mod migrations;
pub mod models;
pub mod pool;
pub mod schema;
pub mod search;
pub mod sql;
pub mod timestamp;
pub mod versioned_cache;

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::prelude::*;

pub use pool::{DbPool, build_pool};

/// The backend type of [`DbConnection`], for queries built in one place and run later.
pub type DbBackend = multi_connection_impl::MultiBackend;

/// A connection to either backend; the variant is chosen from the database URL's scheme.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    /// The embedded default.
    Sqlite(diesel::SqliteConnection),
    /// The production and scale-out backend.
    Postgresql(diesel::PgConnection),
}

impl DbConnection {
    /// True on PostgreSQL, for the few places where SQL differs.
    pub fn is_postgres(&self) -> bool {
        matches!(self, Self::Postgresql(_))
    }
}

/// Runs the same diesel expression on the concrete connection of either backend: for the few
/// statements the multi-backend connection cannot express (upserts, `SKIP LOCKED`), and for the
/// reads every page makes (the session lookup, the trainee's enrollment context). diesel's
/// multi-backend connection writes a statement's SQL text out again on every execution (twice:
/// to check it is cacheable and to collect its binds), even when the statement is prepared
/// already: 9 % of the trainee dashboard's time went into the session lookup's SQL text alone.
macro_rules! per_backend {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::db::DbConnection::Sqlite($c) => $body,
            $crate::db::DbConnection::Postgresql($c) => $body,
        }
    };
}
pub(crate) use per_backend;

/// Whether the connection answers a trivial statement (for the health check).
pub fn ping(conn: &mut DbConnection) -> bool {
    use diesel::RunQueryDsl;
    diesel::sql_query("SELECT 1").execute(conn).is_ok()
}

/// Runs `f` in a write transaction: `BEGIN IMMEDIATE` on SQLite (so the busy handler applies
/// and a read never has to be upgraded), a plain transaction on PostgreSQL. Rolls back on error.
pub fn write_tx<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    match conn {
        DbConnection::Sqlite(c) => {
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?
        }
        DbConnection::Postgresql(c) => {
            <diesel::PgConnection as Connection>::TransactionManager::begin_transaction(c)?
        }
    }
    match f(conn) {
        Ok(value) => {
            <DbConnection as Connection>::TransactionManager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(error) => {
            // The original error matters more than a failed rollback.
            let _ = <DbConnection as Connection>::TransactionManager::rollback_transaction(conn);
            Err(error)
        }
    }
}

/// Runs a use case in a write transaction like [`write_tx`]; a refusal rolls back too, so a
/// use case may refuse after it has written (a lost optimistic lock) and leave nothing behind.
pub fn refusable_tx<T, F>(conn: &mut DbConnection, f: F) -> crate::error::Outcome<T>
where
    F: FnOnce(&mut DbConnection) -> crate::error::Outcome<T>,
{
    use crate::error::{AppError, Refusal};
    enum Abort {
        Refused(Refusal),
        Failed(AppError),
    }
    impl From<diesel::result::Error> for Abort {
        fn from(e: diesel::result::Error) -> Self {
            Self::Failed(e.into())
        }
    }
    let done = write_tx(conn, |conn| match f(conn) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(refusal)) => Err(Abort::Refused(refusal)),
        Err(error) => Err(Abort::Failed(error)),
    });
    match done {
        Ok(value) => Ok(Ok(value)),
        Err(Abort::Refused(refusal)) => Ok(Err(refusal)),
        Err(Abort::Failed(error)) => Err(error),
    }
}

/// Runs `f` with PostgreSQL's parallel workers off on this connection, then back to the
/// server's setting. Exports read page after page of a few thousand rows in index order; the
/// planner starts workers for each page, which costs more than it saves (a register page of
/// 2,000: 53 → 34 ms on 2 cores) and takes cores from the requests being served. No effect on
/// SQLite.
pub fn without_parallel_workers<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    use diesel::connection::SimpleConnection;
    let postgres = conn.is_postgres();
    if postgres {
        conn.batch_execute("SET max_parallel_workers_per_gather = 0")?;
    }
    let out = f(conn);
    if postgres {
        // A failure here leaves only a setting that is right for this service anyway.
        let _ = conn.batch_execute("RESET max_parallel_workers_per_gather");
    }
    out
}

/// Runs blocking diesel work on the blocking thread pool with a pooled connection.
pub async fn run<T, F>(pool: &DbPool, f: F) -> Result<T, crate::error::AppError>
where
    F: FnOnce(&mut DbConnection) -> Result<T, crate::error::AppError> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    actix_web::web::block(move || {
        let mut conn = pool.get().map_err(crate::error::AppError::from)?;
        let out = f(&mut conn);
        if out.is_ok() {
            conn.mark_ok();
        }
        out
    })
    .await
    .map_err(|e| crate::error::AppError::Internal(anyhow::anyhow!("blocking task failed: {e}")))?
}

/// [`run`] for a short read on a page request. On SQLite, when a pooled connection is free, the
/// read runs right here on the request's thread: a local read of well under a millisecond costs
/// less than handing it to a blocking thread and back. Otherwise, and always on PostgreSQL (a
/// network round trip must not hold the request's thread), it goes to the blocking pool. Never
/// for writes, which may wait for SQLite's lock.
pub async fn run_read<T, F>(pool: &DbPool, sqlite: bool, f: F) -> Result<T, crate::error::AppError>
where
    F: FnOnce(&mut DbConnection) -> Result<T, crate::error::AppError> + Send + 'static,
    T: Send + 'static,
{
    if sqlite && let Some(mut conn) = pool.try_get() {
        return f(&mut conn);
    }
    run(pool, f).await
}
