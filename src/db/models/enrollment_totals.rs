//! Running totals on each enrollment, for the program dashboard: how many required assignments
//! it has passed (where trainees stall), how many assignments it handed in and how many of
//! those late (on-time rate), and when its first certificate that was not revoked was issued
//! (certified, time to certificate). The model functions that change submissions
//! and certificates recount the enrollment concerned in the same transaction; bulk writers (the
//! demo) recount everything at the end. Both are one indexed statement.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::db::{DbConnection, per_backend};

/// Each total: its column and its value for `enrollments.id`, as SQL.
const TOTALS: [(&str, &str); 4] = [
    (
        "passed_required",
        "(SELECT COUNT(*) FROM submissions s JOIN assignments a ON a.id = s.assignment_id \
         WHERE s.enrollment_id = enrollments.id AND s.state = 'passed' AND a.required)",
    ),
    (
        "handed_in",
        "(SELECT COUNT(*) FROM submission_versions v JOIN submissions s ON s.id = v.submission_id \
         WHERE s.enrollment_id = enrollments.id AND v.number = 1)",
    ),
    (
        "handed_in_late",
        "(SELECT COUNT(*) FROM submission_versions v JOIN submissions s ON s.id = v.submission_id \
         WHERE s.enrollment_id = enrollments.id AND v.number = 1 AND v.late)",
    ),
    (
        "certified_at",
        "(SELECT MIN(x.issued_at) FROM certificates x \
         WHERE x.enrollment_id = enrollments.id AND x.status <> 'revoked')",
    ),
];

/// `UPDATE … SET` the totals, for the enrollments `which` selects and only where a total
/// changed: a save that changes nothing does not write (or lock) the enrollment row.
fn update(which: &str) -> String {
    let set: Vec<String> = TOTALS.iter().map(|(c, v)| format!("{c} = {v}")).collect();
    let changed: Vec<String> = TOTALS
        .iter()
        .map(|(c, v)| format!("{c} IS DISTINCT FROM {v}"))
        .collect();
    format!(
        "UPDATE enrollments SET {} WHERE {which} AND ({})",
        set.join(", "),
        changed.join(" OR ")
    )
}

/// Recounts the enrollment `which` picks (SQL with one `?` for `id`), if any.
fn recount_where(conn: &mut DbConnection, which: &str, id: &str) -> QueryResult<()> {
    let sql = match conn {
        DbConnection::Sqlite(_) => update(which),
        DbConnection::Postgresql(_) => update(&which.replace('?', "$1")),
    };
    per_backend!(conn, c => diesel::sql_query(&sql).bind::<Text, _>(id).execute(c))?;
    Ok(())
}

/// Recounts one enrollment.
pub fn recount(conn: &mut DbConnection, enrollment: &str) -> QueryResult<()> {
    recount_where(conn, "id = ?", enrollment)
}

/// Recounts the enrollment a certificate belongs to (if it belongs to one).
pub fn recount_for_certificate(conn: &mut DbConnection, certificate: &str) -> QueryResult<()> {
    let which = "id = (SELECT enrollment_id FROM certificates WHERE id = ?)";
    recount_where(conn, which, certificate)
}

/// Recounts the enrollment a submission belongs to (a version was handed in).
pub fn recount_for_submission(conn: &mut DbConnection, submission: &str) -> QueryResult<()> {
    let which = "id = (SELECT enrollment_id FROM submissions WHERE id = ?)";
    recount_where(conn, which, submission)
}

/// Recounts every enrollment (after a bulk load): three set-based statements, not a subquery
/// per enrollment.
pub fn recount_all(conn: &mut DbConnection) -> QueryResult<()> {
    per_backend!(conn, c => c.batch_execute(RECOUNT_ALL))
}

/// The whole table at once (also the migration's backfill).
const RECOUNT_ALL: &str = "UPDATE enrollments SET passed_required = 0, handed_in = 0,
    handed_in_late = 0, certified_at = NULL;
UPDATE enrollments SET passed_required = p.n FROM (SELECT s.enrollment_id AS id, COUNT(*) AS n
    FROM submissions s JOIN assignments a ON a.id = s.assignment_id
    WHERE s.state = 'passed' AND a.required GROUP BY s.enrollment_id) AS p
  WHERE p.id = enrollments.id;
UPDATE enrollments SET handed_in = h.n, handed_in_late = h.late FROM (SELECT s.enrollment_id AS id,
    COUNT(*) AS n, SUM(CASE WHEN v.late THEN 1 ELSE 0 END) AS late
    FROM submission_versions v JOIN submissions s ON s.id = v.submission_id
    WHERE v.number = 1 GROUP BY s.enrollment_id) AS h
  WHERE h.id = enrollments.id;
UPDATE enrollments SET certified_at = x.first FROM (SELECT enrollment_id AS id,
    MIN(issued_at) AS first FROM certificates
    WHERE status <> 'revoked' AND enrollment_id IS NOT NULL GROUP BY enrollment_id) AS x
  WHERE x.id = enrollments.id;";
