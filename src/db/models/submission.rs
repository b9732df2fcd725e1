//! `submissions`: a trainee's work on one assignment (draft, state, current version).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::enrollment_totals;
use crate::db::DbConnection;
use crate::db::per_backend;
use crate::db::schema::submissions;
use crate::domain::ids::{AssignmentId, CohortId, EnrollmentId, SubmissionId};
use crate::domain::states::{GradingDecision, SubmissionState};

/// A submission.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = submissions)]
pub struct Submission {
    /// Id.
    pub id: SubmissionId,
    /// Whose (through the enrollment).
    pub enrollment_id: EnrollmentId,
    /// For which assignment.
    pub assignment_id: AssignmentId,
    /// Where the work stands.
    pub state: SubmissionState,
    /// The text being written (Markdown).
    pub draft_body: String,
    /// Language of the work.
    pub language: String,
    /// Number of the latest submitted version (0: none yet).
    pub current_version: i32,
    /// Optimistic lock.
    pub lock_version: i32,
    /// Created.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub created_at: NaiveDateTime,
    /// Last change.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub updated_at: NaiveDateTime,
    /// The enrollment's cohort (copied, for counting by cohort).
    pub cohort_id: CohortId,
}

impl Submission {
    /// An empty draft of an enrollment's work on an assignment, begun at `now`.
    pub fn draft(
        enrollment: &EnrollmentId,
        assignment: &AssignmentId,
        cohort: &CohortId,
        language: &str,
        now: NaiveDateTime,
    ) -> Submission {
        Submission {
            id: SubmissionId::new(),
            enrollment_id: enrollment.clone(),
            assignment_id: assignment.clone(),
            state: SubmissionState::Draft,
            draft_body: String::new(),
            language: language.to_string(),
            current_version: 0,
            lock_version: 1,
            created_at: now,
            updated_at: now,
            cohort_id: cohort.clone(),
        }
    }

    /// A submission by id.
    pub fn find(conn: &mut DbConnection, id: &SubmissionId) -> QueryResult<Option<Submission>> {
        submissions::table
            .find(id)
            .select(Submission::as_select())
            .first(conn)
            .optional()
    }

    /// These submissions.
    pub fn list_by_ids(
        conn: &mut DbConnection,
        ids: &[SubmissionId],
    ) -> QueryResult<Vec<Submission>> {
        submissions::table
            .filter(submissions::id.eq_any(ids))
            .select(Submission::as_select())
            .load(conn)
    }

    /// The submission of an enrollment for an assignment.
    pub fn find_for(
        conn: &mut DbConnection,
        enrollment: &EnrollmentId,
        assignment: &AssignmentId,
    ) -> QueryResult<Option<Submission>> {
        submissions::table
            .filter(submissions::enrollment_id.eq(enrollment))
            .filter(submissions::assignment_id.eq(assignment))
            .select(Submission::as_select())
            .first(conn)
            .optional()
    }

    /// These submissions without their draft text.
    pub fn list_meta_by_ids(
        conn: &mut DbConnection,
        ids: &[SubmissionId],
    ) -> QueryResult<Vec<Submission>> {
        use submissions as s;
        s::table
            .filter(s::id.eq_any(ids))
            .select((
                s::id,
                s::enrollment_id,
                s::assignment_id,
                s::state,
                diesel::dsl::sql::<diesel::sql_types::Text>("''"),
                s::language,
                s::current_version,
                s::lock_version,
                s::created_at,
                s::updated_at,
                s::cohort_id,
            ))
            .load(conn)
    }

    /// Every submission of an enrollment.
    pub fn list_by_enrollment(
        conn: &mut DbConnection,
        enrollment: &EnrollmentId,
    ) -> QueryResult<Vec<Submission>> {
        per_backend!(conn, c => submissions::table
            .filter(submissions::enrollment_id.eq(enrollment))
            .select(Submission::as_select())
            .load(c))
    }

    /// Every submission of an enrollment, each with the decisions on its versions made since
    /// `since` (number, decision, when): the trainee dashboard's work and new feedback in one
    /// statement. A submission appears once per such decision, once with `None` if none.
    pub fn list_with_decisions_since(
        conn: &mut DbConnection,
        enrollment: &EnrollmentId,
        since: NaiveDateTime,
    ) -> QueryResult<Vec<(Submission, Option<Decision>)>> {
        use crate::db::schema::submission_versions as v;
        type Row = (
            Submission,
            Option<i32>,
            Option<GradingDecision>,
            Option<NaiveDateTime>,
        );
        let rows: Vec<Row> = per_backend!(conn, c => submissions::table
            .left_join(
                v::table.on(v::submission_id
                    .eq(submissions::id)
                    .and(v::decided_at.ge(since))),
            )
            .filter(submissions::enrollment_id.eq(enrollment))
            .select((
                Submission::as_select(),
                v::number.nullable(),
                v::decision.nullable(),
                v::decided_at.nullable(),
            ))
            .load(c))?;
        Ok(rows
            .into_iter()
            .map(|(s, number, decision, at)| {
                let decided = match (number, decision, at) {
                    (Some(number), Some(decision), Some(at)) => Some(Decision {
                        submission_id: s.id.clone(),
                        number,
                        decision,
                        at,
                    }),
                    _ => None,
                };
                (s, decided)
            })
            .collect())
    }

    /// Keeps the cohort copied onto an enrollment's work (and its versions) in step when the
    /// enrollment moves to another cohort.
    pub fn move_to_cohort(
        conn: &mut DbConnection,
        enrollment: &EnrollmentId,
        cohort: &CohortId,
    ) -> QueryResult<()> {
        use crate::db::schema::submission_versions as v;
        let work = submissions::table
            .filter(submissions::enrollment_id.eq(enrollment))
            .select(submissions::id);
        diesel::update(v::table.filter(v::submission_id.eq_any(work)))
            .set(v::cohort_id.eq(cohort.as_str()))
            .execute(conn)?;
        diesel::update(submissions::table.filter(submissions::enrollment_id.eq(enrollment)))
            .set(submissions::cohort_id.eq(cohort.as_str()))
            .execute(conn)?;
        Ok(())
    }

    /// Inserts a submission (and recounts its enrollment's passed work).
    pub fn create(conn: &mut DbConnection, row: &Submission) -> QueryResult<()> {
        diesel::insert_into(submissions::table)
            .values(row)
            .execute(conn)?;
        enrollment_totals::recount(conn, &row.enrollment_id.0)?;
        Ok(())
    }

    /// Saves state, draft and version if unchanged since `lock_version`; returns whether it was.
    pub fn save(conn: &mut DbConnection, row: &Submission, lock_version: i32) -> QueryResult<bool> {
        let n = diesel::update(
            submissions::table
                .filter(submissions::id.eq(&row.id))
                .filter(submissions::lock_version.eq(lock_version)),
        )
        .set((
            submissions::state.eq(&row.state),
            submissions::draft_body.eq(&row.draft_body),
            submissions::current_version.eq(row.current_version),
            submissions::updated_at.eq(row.updated_at),
            submissions::lock_version.eq(lock_version + 1),
        ))
        .execute(conn)?;
        if n == 1 {
            // A pass given, or taken back by moderation or a dispute.
            enrollment_totals::recount(conn, &row.enrollment_id.0)?;
        }
        Ok(n == 1)
    }
}

/// A decision on one version of a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The submission.
    pub submission_id: SubmissionId,
    /// The version's number.
    pub number: i32,
    /// The decision.
    pub decision: GradingDecision,
    /// When it was released.
    pub at: NaiveDateTime,
}
