//! Running totals on each enrollment, for the program dashboard: how many required assignments
//! it has passed (where trainees stall) and when its first certificate that was not revoked
//! was issued (certified, time to certificate). The model functions that change submissions
//! and certificates recount the enrollment concerned in the same transaction; bulk writers (the
//! demo) recount everything at the end. Both are one indexed statement.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::db::{DbConnection, per_backend};

/// The passed required work of `enrollments.id`, as SQL.
const PASSED: &str = "(SELECT COUNT(*) FROM submissions s JOIN assignments a ON a.id = s.assignment_id \
     WHERE s.enrollment_id = enrollments.id AND s.state = 'passed' AND a.required)";

/// When `enrollments.id` was first certified, as SQL.
const CERTIFIED: &str = "(SELECT MIN(x.issued_at) FROM certificates x \
     WHERE x.enrollment_id = enrollments.id AND x.status <> 'revoked')";

/// `UPDATE … SET` both totals, for the enrollments `which` selects and only where a total
/// changed: a save that changes nothing does not write (or lock) the enrollment row.
fn update(which: &str) -> String {
    format!(
        "UPDATE enrollments SET passed_required = {PASSED}, certified_at = {CERTIFIED} \
         WHERE {which} AND (passed_required <> {PASSED} OR certified_at IS DISTINCT FROM {CERTIFIED})"
    )
}

/// Recounts one enrollment.
pub fn recount(conn: &mut DbConnection, enrollment: &str) -> QueryResult<()> {
    let sql = match conn {
        DbConnection::Sqlite(_) => update("id = ?"),
        DbConnection::Postgresql(_) => update("id = $1"),
    };
    per_backend!(conn, c => diesel::sql_query(&sql).bind::<Text, _>(enrollment).execute(c))?;
    Ok(())
}

/// Recounts the enrollment a certificate belongs to (if it belongs to one).
pub fn recount_for_certificate(conn: &mut DbConnection, certificate: &str) -> QueryResult<()> {
    let sql = match conn {
        DbConnection::Sqlite(_) => {
            update("id = (SELECT enrollment_id FROM certificates WHERE id = ?)")
        }
        DbConnection::Postgresql(_) => {
            update("id = (SELECT enrollment_id FROM certificates WHERE id = $1)")
        }
    };
    per_backend!(conn, c => diesel::sql_query(&sql).bind::<Text, _>(certificate).execute(c))?;
    Ok(())
}

/// Recounts every enrollment (after a bulk load): three set-based statements, not a subquery
/// per enrollment.
pub fn recount_all(conn: &mut DbConnection) -> QueryResult<()> {
    per_backend!(conn, c => c.batch_execute(RECOUNT_ALL))
}

/// The whole table at once (also the migration's backfill).
const RECOUNT_ALL: &str = "UPDATE enrollments SET passed_required = 0, certified_at = NULL;
UPDATE enrollments SET passed_required = p.n FROM (SELECT s.enrollment_id AS id, COUNT(*) AS n
    FROM submissions s JOIN assignments a ON a.id = s.assignment_id
    WHERE s.state = 'passed' AND a.required GROUP BY s.enrollment_id) AS p
  WHERE p.id = enrollments.id;
UPDATE enrollments SET certified_at = x.first FROM (SELECT enrollment_id AS id,
    MIN(issued_at) AS first FROM certificates
    WHERE status <> 'revoked' AND enrollment_id IS NOT NULL GROUP BY enrollment_id) AS x
  WHERE x.id = enrollments.id;";
