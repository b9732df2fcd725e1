//! The dashboard's aggregate queries: raw SQL over the cohorts in scope (a program, or one of
//! its cohorts), bound alike on SQLite and PostgreSQL, and the rows they return.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};

use crate::db::DbConnection;
use crate::error::AppError;

/// Which cohorts and languages the figures are for.
const SCOPE: &str = "c.program_id = $1 AND ($2 IS NULL OR c.id = $2)";

#[derive(QueryableByName)]
pub(super) struct Certified {
    #[diesel(sql_type = Text)]
    pub(super) cohort_id: String,
    #[diesel(sql_type = Text)]
    pub(super) starts_on: String,
    #[diesel(sql_type = Timestamp)]
    pub(super) issued_at: NaiveDateTime,
}

#[derive(QueryableByName)]
pub(super) struct OnTime {
    #[diesel(sql_type = BigInt)]
    pub(super) total: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub(super) late: Option<i64>,
}

#[derive(QueryableByName)]
pub(super) struct Stall {
    #[diesel(sql_type = Text)]
    pub(super) version: String,
    #[diesel(sql_type = BigInt)]
    pub(super) passed: i64,
    #[diesel(sql_type = BigInt)]
    pub(super) n: i64,
}

#[derive(QueryableByName)]
pub(super) struct Load {
    #[diesel(sql_type = Text)]
    pub(super) name: String,
    #[diesel(sql_type = BigInt)]
    pub(super) open: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub(super) overdue: Option<i64>,
}

#[derive(QueryableByName)]
pub(super) struct Count {
    #[diesel(sql_type = BigInt)]
    pub(super) n: i64,
}

#[derive(QueryableByName)]
pub(super) struct CohortMeta {
    #[diesel(sql_type = Text)]
    pub(super) id: String,
    #[diesel(sql_type = Text)]
    pub(super) name: String,
    #[diesel(sql_type = Text)]
    pub(super) state: String,
    #[diesel(sql_type = Text)]
    pub(super) starts_on: String,
}

#[derive(QueryableByName)]
pub(super) struct StateCount {
    #[diesel(sql_type = Text)]
    pub(super) cohort_id: String,
    #[diesel(sql_type = Text)]
    pub(super) state: String,
    #[diesel(sql_type = BigInt)]
    pub(super) n: i64,
}

/// A cohort and how many of its enrollments are in one state.
pub(super) struct CohortRow {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) state: String,
    pub(super) starts_on: String,
    /// None for a cohort without enrollments.
    pub(super) enrollment_state: Option<String>,
    pub(super) n: i64,
}

/// Runs `sql` with `$1` program, `$2` cohort (or null) and `$3`… the given moments.
pub(super) fn load<T>(
    conn: &mut DbConnection,
    sql: &str,
    program: &str,
    cohort: Option<&str>,
    times: &[NaiveDateTime],
) -> Result<Vec<T>, AppError>
where
    T: QueryableByName<diesel::sqlite::Sqlite> + QueryableByName<diesel::pg::Pg> + 'static,
{
    // SQLite reads `$1` as a named parameter numbered by first appearance; `?1` is its
    // positional form, so the same text binds alike on both backends.
    let text = sql.replace("{SCOPE}", SCOPE);
    let sqlite_text = text.replace('$', "?");
    macro_rules! bound {
        ($c:ident, $db:ty, $text:expr) => {{
            let mut q = diesel::sql_query($text)
                .into_boxed::<$db>()
                .bind::<Text, _>(program.to_string())
                .bind::<Nullable<Text>, _>(cohort.map(str::to_string));
            for t in times {
                q = q.bind::<Timestamp, _>(*t);
            }
            q.load::<T>($c)?
        }};
    }
    let started = std::time::Instant::now();
    let rows = match conn {
        DbConnection::Sqlite(c) => bound!(c, diesel::sqlite::Sqlite, sqlite_text),
        DbConnection::Postgresql(c) => bound!(c, diesel::pg::Pg, text),
    };
    tracing::debug!(
        query = sql.get(..60).unwrap_or(sql),
        ms = started.elapsed().as_millis() as u64,
        "dashboard query"
    );
    Ok(rows)
}
