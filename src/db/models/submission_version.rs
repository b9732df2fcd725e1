//! `submission_versions`: every submitted version stays readable.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::submission_versions;
use crate::db::{DbConnection, per_backend};
use crate::domain::ids::{CohortId, EnrollmentId, SubmissionId, SubmissionVersionId};
use crate::domain::states::GradingDecision;

/// A submitted version.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = submission_versions)]
pub struct SubmissionVersion {
    /// Id.
    pub id: SubmissionVersionId,
    /// The submission.
    pub submission_id: SubmissionId,
    /// 1, 2, 3 …
    pub number: i32,
    /// The text as submitted.
    pub body: String,
    /// When.
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub submitted_at: NaiveDateTime,
    /// After the due moment.
    pub late: bool,
    /// The final decision (passed, revision_requested, failed) once graded.
    pub decision: Option<GradingDecision>,
    /// Points of that decision (the mean of two reviews when double reviewed).
    pub points: Option<i32>,
    /// When the decision was released to the trainee.
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    pub decided_at: Option<NaiveDateTime>,
    /// The owner's note from moderation, shown with the feedback.
    pub moderation_note: Option<String>,
    /// The enrollment's cohort (copied, for counting by cohort).
    pub cohort_id: CohortId,
}

impl SubmissionVersion {
    /// The submission's current version, handed in at `now` with this text (not decided yet).
    pub fn handed_in(
        submission: &super::Submission,
        body: &str,
        late: bool,
        now: NaiveDateTime,
    ) -> SubmissionVersion {
        SubmissionVersion {
            id: SubmissionVersionId::new(),
            submission_id: submission.id.clone(),
            number: submission.current_version,
            body: body.to_string(),
            submitted_at: now,
            late,
            decision: None,
            points: None,
            decided_at: None,
            moderation_note: None,
            cohort_id: submission.cohort_id.clone(),
        }
    }

    /// These versions.
    pub fn list_by_ids(
        conn: &mut DbConnection,
        ids: &[SubmissionVersionId],
    ) -> QueryResult<Vec<SubmissionVersion>> {
        submission_versions::table
            .filter(submission_versions::id.eq_any(ids))
            .select(SubmissionVersion::as_select())
            .load(conn)
    }

    /// Inserts a version (a first one counts on its enrollment as handed in, on time or late).
    pub fn create(conn: &mut DbConnection, row: &SubmissionVersion) -> QueryResult<()> {
        diesel::insert_into(submission_versions::table)
            .values(row)
            .execute(conn)?;
        if row.number == 1 {
            super::enrollment_totals::recount_for_submission(conn, row.submission_id.as_str())?;
        }
        Ok(())
    }

    /// Decisions released on an enrollment's work at or after `since`, newest first (the
    /// trainee dashboard's recent feedback, for a trainee in several cohorts). One statement
    /// shape whatever the enrollment, so the connection keeps it prepared.
    pub fn decided_since(
        conn: &mut DbConnection,
        enrollment: &EnrollmentId,
        since: NaiveDateTime,
    ) -> QueryResult<Vec<super::Decision>> {
        use crate::db::schema::submissions as s;
        use submission_versions as v;
        let rows: Vec<(SubmissionId, i32, GradingDecision, NaiveDateTime)> = per_backend!(conn, c => v::table
            .inner_join(s::table)
            .filter(s::enrollment_id.eq(enrollment))
            .filter(v::decided_at.ge(since))
            .order((v::decided_at.desc(), v::number.desc()))
            .select((
                v::submission_id,
                v::number,
                v::decision.assume_not_null(),
                v::decided_at.assume_not_null(),
            ))
            .load(c))?;
        Ok(rows
            .into_iter()
            .map(|(submission_id, number, decision, at)| super::Decision {
                submission_id,
                number,
                decision,
                at,
            })
            .collect())
    }

    /// A version by id.
    pub fn find(
        conn: &mut DbConnection,
        id: &SubmissionVersionId,
    ) -> QueryResult<Option<SubmissionVersion>> {
        submission_versions::table
            .find(id)
            .select(SubmissionVersion::as_select())
            .first(conn)
            .optional()
    }

    /// These versions without their text (for bulk work that does not show it).
    pub fn list_meta_by_ids(
        conn: &mut DbConnection,
        ids: &[SubmissionVersionId],
    ) -> QueryResult<Vec<SubmissionVersion>> {
        use submission_versions as v;
        v::table
            .filter(v::id.eq_any(ids))
            .select((
                v::id,
                v::submission_id,
                v::number,
                diesel::dsl::sql::<diesel::sql_types::Text>("''"),
                v::submitted_at,
                v::late,
                v::decision,
                v::points,
                v::decided_at,
                v::moderation_note,
                v::cohort_id,
            ))
            .load(conn)
    }

    /// Records the final decision of a version.
    pub fn decide(
        conn: &mut DbConnection,
        id: &SubmissionVersionId,
        decision: GradingDecision,
        points: Option<i32>,
        note: Option<&str>,
        now: NaiveDateTime,
    ) -> QueryResult<()> {
        diesel::update(submission_versions::table.find(id))
            .set((
                submission_versions::decision.eq(decision),
                submission_versions::points.eq(points),
                submission_versions::decided_at.eq(now),
                submission_versions::moderation_note.eq(note),
            ))
            .execute(conn)
            .map(|_| ())
    }

    /// Clears the decision (the version goes back to grading).
    pub fn undecide(conn: &mut DbConnection, id: &SubmissionVersionId) -> QueryResult<()> {
        diesel::update(submission_versions::table.find(id))
            .set((
                submission_versions::decision.eq(None::<GradingDecision>),
                submission_versions::points.eq(None::<i32>),
                submission_versions::decided_at.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)
            .map(|_| ())
    }

    /// The versions of a submission, newest first.
    pub fn list_by_submission(
        conn: &mut DbConnection,
        submission: &SubmissionId,
    ) -> QueryResult<Vec<SubmissionVersion>> {
        submission_versions::table
            .filter(submission_versions::submission_id.eq(submission))
            .order(submission_versions::number.desc())
            .select(SubmissionVersion::as_select())
            .load(conn)
    }
}
