//! A co-trainer's queue of open reviews in one joined read: each line needs only the review,
//! the version number, the trainee's name, the cohort and the assignment's title (the title and
//! the grading policy come from the pinned curriculum in memory), so the page costs one index
//! range and a few lookups per line however large the program is. The review row carries
//! copies of what its line shows of the graded version (number, enrollment, assignment,
//! trainee), which never change for a version: each line then costs two primary-key lookups
//! instead of five joins through version, submission and enrollment.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::views::{QueueEntry, TraineeLabel};
use crate::db::DbConnection;
use crate::db::models::trainee_pseudonym::label_for;
use crate::domain::ids::{AssignmentId, CurriculumVersionId, EnrollmentId, PersonId};
use crate::domain::language::Language;
use crate::error::AppError;
use diesel::sql_types::{BigInt, Integer, Text, Timestamp};

/// One line of the queue as read.
pub type Line = (
    String,        // review id
    String,        // review state
    NaiveDateTime, // grading deadline
    i32,           // version number
    String,        // trainee name
    String,        // enrollment id
    String,        // cohort name
    String,        // curriculum version id
    String,        // assignment id
);

/// The page of open reviews is taken from the partial index `reviews_open` (co-trainer,
/// deadline) first, and only its rows are joined: the review carries what the line shows of
/// the graded version (number, enrollment, assignment, trainee; migration 000014), so each line
/// costs two primary-key lookups, the trainee's name and the cohort. (Joined through the
/// version, submission and enrollment it was five, and the queue was the heaviest statement of
/// the load test on PostgreSQL.) The open states are written in, as in
/// [`crate::db::models::review::ReviewIsOpen`]. Diesel has no `WITH`, so the statement is a
/// query type of its own, with a fixed id so that each connection keeps it prepared
/// (`sql_query` would be planned again on every call).
const OPEN_LINES: [&str; 4] = [
    "WITH page AS (
    SELECT r.id, r.state, r.due_at, r.version_number, r.trainee_id, r.enrollment_id,
        r.cohort_id, r.assignment_id
    FROM reviews r
    WHERE r.reviewer_id = ",
    " AND r.state IN ('allocated', 'started')
    ORDER BY r.due_at, r.id LIMIT ",
    " OFFSET ",
    ")
SELECT page.id, page.state, page.due_at, page.version_number, p.name, page.enrollment_id,
    c.name, c.curriculum_version_id, page.assignment_id
FROM page
JOIN people p ON p.id = page.trainee_id
JOIN cohorts c ON c.id = page.cohort_id
ORDER BY page.due_at, page.id",
];

/// [`OPEN_LINES`] with its three values.
#[derive(Debug, Clone, diesel::query_builder::QueryId)]
struct OpenLines {
    reviewer: String,
    limit: i64,
    offset: i64,
}

impl diesel::query_builder::Query for OpenLines {
    type SqlType = (Text, Text, Timestamp, Integer, Text, Text, Text, Text, Text);
}

impl<DB> diesel::query_builder::QueryFragment<DB> for OpenLines
where
    DB: diesel::backend::Backend + diesel::sql_types::HasSqlType<Text>,
    DB: diesel::sql_types::HasSqlType<BigInt>,
    String: diesel::serialize::ToSql<Text, DB>,
    i64: diesel::serialize::ToSql<BigInt, DB>,
{
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> QueryResult<()> {
        out.push_sql(OPEN_LINES[0]);
        out.push_bind_param::<Text, _>(&self.reviewer)?;
        out.push_sql(OPEN_LINES[1]);
        out.push_bind_param::<BigInt, _>(&self.limit)?;
        out.push_sql(OPEN_LINES[2]);
        out.push_bind_param::<BigInt, _>(&self.offset)?;
        out.push_sql(OPEN_LINES[3]);
        Ok(())
    }
}

impl<Conn> RunQueryDsl<Conn> for OpenLines {}

/// The reviewer's open reviews, soonest deadline first; `page` is (limit, offset), all of them
/// without one.
pub fn open_lines(
    conn: &mut DbConnection,
    reviewer: &PersonId,
    page: Option<(i64, i64)>,
) -> QueryResult<Vec<Line>> {
    use crate::db::timestamp::Ts;
    let (limit, offset) = page.unwrap_or((i64::MAX, 0));
    let query = OpenLines {
        reviewer: reviewer.0.clone(),
        limit,
        offset,
    };
    type Row = (
        String,
        String,
        Ts,
        i32,
        String,
        String,
        String,
        String,
        String,
    );
    let rows: Vec<Row> = crate::db::per_backend!(conn, c => query.load(c))?;
    Ok(rows
        .into_iter()
        .map(
            |(id, state, due, number, name, enrollment, cohort, version, assignment)| {
                (
                    id, state, due.0, number, name, enrollment, cohort, version, assignment,
                )
            },
        )
        .collect())
}

/// Queue entries for these lines, as `viewer` (a co-trainer, never the owner view) sees them.
pub fn entries(
    conn: &mut DbConnection,
    lines: Vec<Line>,
    tz: chrono_tz::Tz,
    lang: Language,
    now: NaiveDateTime,
) -> Result<Vec<QueueEntry>, AppError> {
    let mut out = Vec::with_capacity(lines.len());
    for (id, state, due_at, version, name, enrollment, cohort, curriculum, assignment) in lines {
        let Some(pinned) = crate::content::pinned::load(conn, &CurriculumVersionId(curriculum))?
        else {
            continue;
        };
        let assignment = AssignmentId(assignment);
        let Some(a) = pinned.assignments.iter().find(|a| a.id == assignment) else {
            continue;
        };
        let trainee = if pinned.version.anonymous_grading {
            TraineeLabel {
                name: None,
                pseudonym: Some(label_for(conn, &EnrollmentId(enrollment))?),
            }
        } else {
            TraineeLabel {
                name: Some(name),
                pseudonym: None,
            }
        };
        out.push(QueueEntry {
            id,
            trainee,
            cohort,
            assignment: lang.pick(&a.title_de, &a.title_en).to_string(),
            version,
            state,
            due_local: super::views::local(tz, due_at),
            due_utc: crate::domain::timestamp::rfc3339(&due_at),
            hours_left: (due_at - now).num_hours(),
            overdue: due_at < now,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::OPEN_LINES;
    use crate::db::models::review::{OPEN_STATES, ReviewIsOpen};

    #[test]
    fn the_queue_reads_the_open_states_the_partial_index_holds() {
        let open: Vec<&str> = OPEN_STATES.iter().map(|s| s.as_str()).collect();
        let list = format!("IN ('{}')", open.join("', '"));
        assert!(OPEN_LINES[1].contains(&format!("r.state {list}")), "{list}");
        assert!(ReviewIsOpen::SQL.ends_with(&list), "{list}");
    }
}
