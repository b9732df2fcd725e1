//! The impact report's one grouped query: people with a certificate, by org unit, kind of
//! certificate and month of their first one, with how many of them hold one that is valid,
//! expiring or expired. Each person counts once per kind; people who left the company
//! (suspended by the HR directory) do not count. The months are folded into quarters in Rust
//! (a few hundred rows, not one per person).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};

use crate::db::DbConnection;
use crate::error::AppError;

/// One group: an org unit (none: people without one), a kind and a first month.
#[derive(Debug, Clone, QueryableByName)]
pub(super) struct Group {
    #[diesel(sql_type = Nullable<Text>)]
    pub(super) unit: Option<String>,
    #[diesel(sql_type = Text)]
    pub(super) kind: String,
    #[diesel(sql_type = Text)]
    pub(super) month: String,
    /// Valid for more than the expiring window (or without expiry).
    #[diesel(sql_type = BigInt)]
    pub(super) active: i64,
    /// Valid, expiring within the window.
    #[diesel(sql_type = BigInt)]
    pub(super) expiring: i64,
    /// People in the group.
    #[diesel(sql_type = BigInt)]
    pub(super) n: i64,
}

/// Per person and kind: the first certificate (a reissued one counts from the original), and
/// the latest expiry of those still valid (`active` ones; an expired status has no expiry
/// left). Revoked certificates do not count.
const SQL: &str = "SELECT p.org_unit AS unit, b.kind AS kind, {MONTH} AS month, \
  CAST(SUM(CASE WHEN b.forever = 1 OR b.last_expiry > $2 THEN 1 ELSE 0 END) AS BIGINT) AS active, \
  CAST(SUM(CASE WHEN b.forever = 0 AND b.last_expiry > $1 AND b.last_expiry <= $2 \
    THEN 1 ELSE 0 END) AS BIGINT) AS expiring, \
  COUNT(*) AS n \
  FROM (SELECT x.person_id AS person_id, x.kind AS kind, MIN(x.issued_at) AS first_at, \
      MAX(CASE WHEN x.status = 'active' THEN x.expires_at END) AS last_expiry, \
      MAX(CASE WHEN x.status = 'active' AND x.expires_at IS NULL THEN 1 ELSE 0 END) AS forever, \
      MAX(CASE WHEN x.status IN ('active', 'expired') THEN 1 ELSE 0 END) AS held \
    FROM certificates x WHERE x.status IN ('active', 'expired', 'superseded') \
    GROUP BY x.person_id, x.kind) b \
  JOIN people p ON p.id = b.person_id \
  WHERE b.held = 1 AND p.status <> 'suspended' \
  GROUP BY p.org_unit, b.kind, {MONTH}";

/// The groups as of `now`, with `soon` the end of the expiring window.
pub(super) fn groups(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    soon: NaiveDateTime,
) -> Result<Vec<Group>, AppError> {
    let started = std::time::Instant::now();
    // SQLite keeps timestamps as ISO text and binds `?1`; PostgreSQL formats its own.
    let rows = match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(
            SQL.replace("{MONTH}", "SUBSTR(b.first_at, 1, 7)")
                .replace('$', "?"),
        )
        .bind::<Timestamp, _>(now)
        .bind::<Timestamp, _>(soon)
        .load::<Group>(c)?,
        DbConnection::Postgresql(c) => {
            diesel::sql_query(SQL.replace("{MONTH}", "to_char(b.first_at, 'YYYY-MM')"))
                .bind::<Timestamp, _>(now)
                .bind::<Timestamp, _>(soon)
                .load::<Group>(c)?
        }
    };
    tracing::debug!(
        ms = started.elapsed().as_millis() as u64,
        groups = rows.len(),
        "impact query"
    );
    Ok(rows)
}
