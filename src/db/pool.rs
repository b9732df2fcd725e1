//! The r2d2 pool and the per-connection settings (SQLite pragmas, PostgreSQL guardrails).
//!
//! The bundled SQLite is built with `SQLITE_ENABLE_QPSG` (`.cargo/config.toml`), so it keeps
//! one plan per statement whatever the bound values: without it, a statement with a value bound
//! to `LIMIT ?` (every `.first()`) or compared with a partial index's condition is parsed and
//! planned again on every execution. On PostgreSQL the checkout check (`SELECT 1`) is skipped
//! for a connection whose last use ended well less than 500 ms ago ([`Pooled`]): on the
//! trainee dashboard it was one of every four round trips. Requests that wait for a
//! connection are not served in order of arrival; a fair queue in front of the pool measured
//! slower, so the pool is sized instead (about half the requests in flight).

use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};

use super::DbConnection;
use crate::config::DatabaseTarget;

/// The shared pool of database connections.
pub type DbPool = r2d2::Pool<Manager>;

/// How long after a successful use a PostgreSQL connection is handed out again without the
/// round trip that checks it (HikariCP's default window). Under load most checkouts fall in it:
/// on the trainee dashboard that check was one of every four round trips.
const TRUSTED_FOR: Duration = Duration::from_millis(500);

/// A pooled connection and when its last use ended well. Dereferences to the connection.
pub struct Pooled {
    conn: DbConnection,
    ok_at: Option<Instant>,
}

impl Pooled {
    /// Records that the work done with this connection just succeeded: for [`TRUSTED_FOR`] the
    /// next checkout skips the check. Only callers that saw every statement succeed may say so;
    /// a connection that failed (the server dropped it, say) is checked again before its next
    /// use and replaced if dead.
    pub fn mark_ok(&mut self) {
        self.ok_at = Some(Instant::now());
    }

    fn trusted(&self) -> bool {
        self.ok_at.is_some_and(|t| t.elapsed() < TRUSTED_FOR)
    }
}

impl std::ops::Deref for Pooled {
    type Target = DbConnection;
    fn deref(&self) -> &DbConnection {
        &self.conn
    }
}

impl std::ops::DerefMut for Pooled {
    fn deref_mut(&mut self) -> &mut DbConnection {
        // Any use may fail; only `mark_ok` after it trusts the connection again.
        self.ok_at = None;
        &mut self.conn
    }
}

/// Opens connections of the configured backend and applies its settings to each one.
#[derive(Debug, Clone)]
pub struct Manager {
    target: DatabaseTarget,
}

const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 5000;
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = ON;
PRAGMA wal_autocheckpoint = 1000;
PRAGMA cache_size = -16384;";

/// Guardrails, and the planner told that random reads are cheap (SSD or memory, as for any
/// current server) unless the operator chose a value: with the default of 4, made for spinning
/// disks, PostgreSQL reads all 100,000 people to join a thousand of them (reminder tick 7×
/// slower on that query).
const POSTGRES_SETTINGS: &str = "SET statement_timeout = '30s';
SET lock_timeout = '5s';
SET idle_in_transaction_session_timeout = '60s';
SET TIME ZONE 'UTC';
SELECT set_config('random_page_cost', '1.1', false) WHERE current_setting('random_page_cost') = '4';";

impl ManageConnection for Manager {
    type Connection = Pooled;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<Pooled, r2d2::Error> {
        match &self.target {
            DatabaseTarget::Sqlite(path) => {
                let mut conn = diesel::SqliteConnection::establish(path)
                    .map_err(r2d2::Error::ConnectionError)?;
                conn.batch_execute(SQLITE_PRAGMAS)
                    .map_err(r2d2::Error::QueryError)?;
                Ok(Pooled {
                    conn: DbConnection::Sqlite(conn),
                    ok_at: None,
                })
            }
            DatabaseTarget::Postgres(url) => {
                let mut conn =
                    diesel::PgConnection::establish(url).map_err(r2d2::Error::ConnectionError)?;
                conn.batch_execute(POSTGRES_SETTINGS)
                    .map_err(r2d2::Error::QueryError)?;
                Ok(Pooled {
                    conn: DbConnection::Postgresql(conn),
                    ok_at: None,
                })
            }
        }
    }

    /// Checked on checkout for PostgreSQL, so a connection the server dropped (restart,
    /// failover) is replaced instead of failing a request; with diesel's own `SELECT 1`, which
    /// the connection keeps prepared. Skipped when the connection's last use ended well less
    /// than [`TRUSTED_FOR`] ago. A SQLite connection is a local file handle that cannot go away
    /// like that, and the check would cost a query per checkout.
    fn is_valid(&self, pooled: &mut Pooled) -> Result<(), r2d2::Error> {
        if pooled.trusted() {
            return Ok(());
        }
        match &mut pooled.conn {
            DbConnection::Sqlite(_) => Ok(()),
            DbConnection::Postgresql(c) => {
                diesel::r2d2::R2D2Connection::ping(c).map_err(r2d2::Error::QueryError)?;
                pooled.mark_ok();
                Ok(())
            }
        }
    }

    /// A connection whose transaction could not be ended (or given back by a panicking
    /// thread) is closed instead of being handed to the next request.
    fn has_broken(&self, pooled: &mut Pooled) -> bool {
        std::thread::panicking() || diesel::r2d2::R2D2Connection::is_broken(&mut pooled.conn)
    }
}

/// Builds the pool. For SQLite the file's folder is created first. Does not fail when the
/// database is down: connections are opened lazily and `/healthz` reports the state.
pub fn build_pool(target: &DatabaseTarget, size: u32) -> anyhow::Result<DbPool> {
    if let DatabaseTarget::Sqlite(path) = target
        && let Some(parent) = std::path::Path::new(path).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)?;
    }
    let pool = r2d2::Pool::builder()
        .max_size(size)
        .min_idle(Some(0))
        .connection_timeout(Duration::from_secs(10))
        .test_on_check_out(true)
        .build_unchecked(Manager {
            target: target.clone(),
        });
    Ok(pool)
}

#[cfg(test)]
mod tests {
    use diesel::connection::{Connection, TransactionManager};

    use super::*;

    #[test]
    fn a_connection_is_trusted_only_right_after_a_use_that_ended_well() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("trust.db").display().to_string();
        let manager = Manager {
            target: DatabaseTarget::Sqlite(path),
        };
        let mut pooled = manager.connect().expect("connection");
        assert!(!pooled.trusted(), "a new connection is not");
        pooled.mark_ok();
        assert!(pooled.trusted());
        let _in_use: &mut DbConnection = &mut pooled;
        assert!(!pooled.trusted(), "handing it out for use ends the trust");
        pooled.ok_at = Some(Instant::now() - TRUSTED_FOR);
        assert!(!pooled.trusted(), "and so does time");
    }

    #[test]
    fn a_connection_left_inside_a_transaction_is_not_handed_out_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("pool.db").display().to_string();
        let pool = build_pool(&DatabaseTarget::Sqlite(path), 2).expect("pool");
        {
            let mut conn = pool.get().expect("connection");
            <DbConnection as Connection>::TransactionManager::begin_transaction(&mut *conn)
                .expect("begin");
        }
        assert_eq!(
            pool.state().connections,
            0,
            "the broken connection was closed"
        );
        {
            let _fine = pool.get().expect("connection");
        }
        assert_eq!(pool.state().connections, 1, "a clean connection is kept");
    }
}
