//! `submission_versions`: every submitted version stays readable.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::submission_versions;

/// A submitted version.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = submission_versions)]
pub struct SubmissionVersion {
    /// Id.
    pub id: String,
    /// The submission.
    pub submission_id: String,
    /// 1, 2, 3 …
    pub number: i32,
    /// The text as submitted.
    pub body: String,
    /// When.
    pub submitted_at: NaiveDateTime,
    /// After the due moment.
    pub late: bool,
}

impl SubmissionVersion {
    /// Inserts a version.
    pub fn create(conn: &mut DbConnection, row: &SubmissionVersion) -> QueryResult<()> {
        diesel::insert_into(submission_versions::table)
            .values(row)
            .execute(conn)
            .map(|_| ())
    }

    /// The versions of a submission, newest first.
    pub fn list_by_submission(
        conn: &mut DbConnection,
        submission: &str,
    ) -> QueryResult<Vec<SubmissionVersion>> {
        submission_versions::table
            .filter(submission_versions::submission_id.eq(submission))
            .order(submission_versions::number.desc())
            .select(SubmissionVersion::as_select())
            .load(conn)
    }
}
