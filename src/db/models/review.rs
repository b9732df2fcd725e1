//! `reviews`: one co-trainer's review of one submitted version (a slot: 1, or 1 and 2 for a
//! double review). A reassigned review keeps its row with state `reassigned`; at most one
//! other review holds each slot (a partial unique index). A review also keeps copies of the
//! graded version's number, enrollment, assignment and trainee (they never change for a
//! version), so the co-trainer's queue reads its lines from the review alone.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{Submission, SubmissionVersion};
use crate::db::DbConnection;
use crate::db::schema::reviews;
use crate::domain::ids::{
    AssignmentId, CohortId, EnrollmentId, PersonId, ReviewId, SubmissionId, SubmissionVersionId,
};
use crate::domain::states::{GradingDecision, ReviewState};

/// States in which a review counts against the co-trainer's capacity.
pub const OPEN_STATES: [ReviewState; 2] = [ReviewState::Allocated, ReviewState::Started];

pub use super::review_open::{PageIsOpen, ReviewIsOpen};

/// `state` is one of [`OPEN_STATES`], with the states written into the statement (see
/// [`ReviewIsOpen`]).
pub fn is_open() -> ReviewIsOpen {
    ReviewIsOpen
}

/// A review.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = reviews)]
#[diesel(treat_none_as_default_value = false)]
pub struct Review {
    /// Id.
    pub id: ReviewId,
    /// The version graded.
    pub submission_version_id: SubmissionVersionId,
    /// Its submission.
    pub submission_id: SubmissionId,
    /// Its cohort.
    pub cohort_id: CohortId,
    /// The co-trainer.
    pub reviewer_id: PersonId,
    /// 1, or 2 for the second of a double review.
    pub slot: i32,
    /// Where the review stands.
    pub state: ReviewState,
    /// Why this co-trainer (JSON, see `domain::allocation::Reason`).
    pub allocation_reason: String,
    /// When allocated.
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub allocated_at: NaiveDateTime,
    /// Grading deadline.
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub due_at: NaiveDateTime,
    /// First draft saved.
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    pub started_at: Option<NaiveDateTime>,
    /// Submitted.
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    pub completed_at: Option<NaiveDateTime>,
    /// The decision, once completed.
    pub decision: Option<GradingDecision>,
    /// Sum of the rubric levels.
    pub total_points: Option<i32>,
    /// Overall feedback (Markdown).
    pub feedback: String,
    /// Why the decision differs from what the pass threshold suggests.
    pub override_reason: String,
    /// When the owner was told it is overdue.
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    pub escalated_at: Option<NaiveDateTime>,
    /// The trainee's rating of the feedback's usefulness (1-5).
    pub rating: Option<i32>,
    /// When rated.
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    pub rated_at: Option<NaiveDateTime>,
    /// Optimistic lock.
    pub lock_version: i32,
    /// The graded version's number (a copy: it never changes).
    pub version_number: i32,
    /// The submission's enrollment (a copy, as the next two).
    pub enrollment_id: EnrollmentId,
    /// The submission's assignment.
    pub assignment_id: AssignmentId,
    /// The trainee whose work it is.
    pub trainee_id: PersonId,
}

impl Review {
    /// A review of `version` (of `submission`, the `trainee`'s work) given to `reviewer` for
    /// `slot`, allocated and due at the two moments; `reason` says why this co-trainer (JSON).
    /// It copies what the grading queue shows of the work, which never changes. Its id is
    /// time-ordered, so inserts append to the primary key instead of scattering.
    pub fn allocated(
        submission: &Submission,
        version: &SubmissionVersion,
        trainee: &PersonId,
        reviewer: &PersonId,
        slot: i32,
        reason: String,
        (allocated_at, due_at): (NaiveDateTime, NaiveDateTime),
    ) -> Review {
        Review {
            id: ReviewId(uuid::Uuid::now_v7().to_string()),
            submission_version_id: version.id.clone(),
            submission_id: submission.id.clone(),
            cohort_id: submission.cohort_id.clone(),
            reviewer_id: reviewer.clone(),
            slot,
            state: ReviewState::Allocated,
            allocation_reason: reason,
            allocated_at,
            due_at,
            started_at: None,
            completed_at: None,
            decision: None,
            total_points: None,
            feedback: String::new(),
            override_reason: String::new(),
            escalated_at: None,
            rating: None,
            rated_at: None,
            lock_version: 1,
            version_number: version.number,
            enrollment_id: submission.enrollment_id.clone(),
            assignment_id: submission.assignment_id.clone(),
            trainee_id: trainee.clone(),
        }
    }

    /// Whether it counts against capacity.
    pub fn is_open(&self) -> bool {
        OPEN_STATES.contains(&self.state)
    }

    /// A review by id.
    pub fn find(conn: &mut DbConnection, id: &ReviewId) -> QueryResult<Option<Review>> {
        reviews::table
            .find(id)
            .select(Review::as_select())
            .first(conn)
            .optional()
    }

    /// The open reviews of a co-trainer, soonest deadline first.
    pub fn list_open_by_reviewer(
        conn: &mut DbConnection,
        reviewer: &PersonId,
    ) -> QueryResult<Vec<Review>> {
        reviews::table
            .filter(reviews::reviewer_id.eq(reviewer))
            .filter(is_open())
            .order((reviews::due_at.asc(), reviews::id.asc()))
            .select(Review::as_select())
            .load(conn)
    }

    /// How many open reviews a reviewer has.
    pub fn count_open_by_reviewer(
        conn: &mut DbConnection,
        reviewer: &PersonId,
    ) -> QueryResult<i64> {
        reviews::table
            .filter(reviews::reviewer_id.eq(reviewer))
            .filter(is_open())
            .count()
            .get_result(conn)
    }

    /// Every review (any state) of these submissions.
    pub fn list_by_submissions(
        conn: &mut DbConnection,
        submissions: &[SubmissionId],
    ) -> QueryResult<Vec<Review>> {
        reviews::table
            .filter(reviews::submission_id.eq_any(submissions))
            .order(reviews::allocated_at.asc())
            .select(Review::as_select())
            .load(conn)
    }

    /// The reviews (not reassigned) of one version.
    pub fn list_active_by_version(
        conn: &mut DbConnection,
        version: &SubmissionVersionId,
    ) -> QueryResult<Vec<Review>> {
        reviews::table
            .filter(reviews::submission_version_id.eq(version))
            .filter(reviews::state.ne(ReviewState::Reassigned))
            .order(reviews::slot.asc())
            .select(Review::as_select())
            .load(conn)
    }

    /// Open reviews per co-trainer, for these people.
    pub fn open_load(
        conn: &mut DbConnection,
        people: &[PersonId],
    ) -> QueryResult<Vec<(PersonId, i64)>> {
        reviews::table
            .filter(reviews::reviewer_id.eq_any(people))
            .filter(is_open())
            .group_by(reviews::reviewer_id)
            .select((reviews::reviewer_id, diesel::dsl::count_star()))
            .load(conn)
    }

    /// Open reviews past their deadline that nobody has escalated yet.
    pub fn list_overdue_unescalated(
        conn: &mut DbConnection,
        now: NaiveDateTime,
    ) -> QueryResult<Vec<Review>> {
        reviews::table
            .filter(is_open())
            .filter(reviews::due_at.lt(now))
            .filter(reviews::escalated_at.is_null())
            .order(reviews::due_at.asc())
            .select(Review::as_select())
            .load(conn)
    }

    /// Every review of a cohort (or all cohorts), for the owner's figures.
    pub fn list_for_overview(
        conn: &mut DbConnection,
        cohort: Option<&CohortId>,
    ) -> QueryResult<Vec<Review>> {
        let mut q = reviews::table.select(Review::as_select()).into_boxed();
        if let Some(c) = cohort {
            q = q.filter(reviews::cohort_id.eq(c.clone()));
        }
        q.load(conn)
    }

    /// Minutes from allocation to completion, once completed (kept in `turnaround_minutes` for
    /// the dashboard's median).
    pub fn turnaround_minutes(&self) -> Option<i32> {
        self.completed_at.map(|done| {
            (done - self.allocated_at)
                .num_minutes()
                .clamp(0, i32::MAX as i64) as i32
        })
    }

    /// Inserts reviews.
    pub fn create_all(conn: &mut DbConnection, rows: &[Review]) -> QueryResult<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let done: Vec<(&str, i32)> = rows
            .iter()
            .filter_map(|r| Some((r.id.as_str(), r.turnaround_minutes()?)))
            .collect();
        match conn {
            // COPY: one round trip, no parameter limit, several times faster than INSERT.
            DbConnection::Postgresql(c) => {
                diesel::copy_from(reviews::table)
                    .from_insertable(rows)
                    .execute(c)?;
                if !done.is_empty() {
                    let (ids, minutes): (Vec<&str>, Vec<i32>) = done.into_iter().unzip();
                    diesel::sql_query(
                        "UPDATE reviews SET turnaround_minutes = t.m \
                         FROM unnest($1::text[], $2::int4[]) AS t(id, m) WHERE reviews.id = t.id",
                    )
                    .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(ids)
                    .bind::<diesel::sql_types::Array<diesel::sql_types::Integer>, _>(minutes)
                    .execute(c)?;
                }
                Ok(())
            }
            DbConnection::Sqlite(c) => {
                for chunk in rows.chunks(1_000) {
                    diesel::insert_into(reviews::table)
                        .values(chunk)
                        .execute(c)?;
                }
                for (id, minutes) in done {
                    diesel::update(reviews::table.find(id))
                        .set(reviews::turnaround_minutes.eq(minutes))
                        .execute(c)?;
                }
                Ok(())
            }
        }
    }

    /// Saves the mutable fields if unchanged since `lock_version`; returns whether it was.
    pub fn save(conn: &mut DbConnection, row: &Review, lock_version: i32) -> QueryResult<bool> {
        let n = diesel::update(
            reviews::table
                .filter(reviews::id.eq(&row.id))
                .filter(reviews::lock_version.eq(lock_version)),
        )
        .set((
            reviews::reviewer_id.eq(&row.reviewer_id),
            reviews::state.eq(&row.state),
            reviews::due_at.eq(row.due_at),
            reviews::started_at.eq(row.started_at),
            reviews::completed_at.eq(row.completed_at),
            reviews::decision.eq(&row.decision),
            reviews::total_points.eq(row.total_points),
            reviews::feedback.eq(&row.feedback),
            reviews::override_reason.eq(&row.override_reason),
            reviews::escalated_at.eq(row.escalated_at),
            reviews::rating.eq(row.rating),
            reviews::rated_at.eq(row.rated_at),
            reviews::turnaround_minutes.eq(row.turnaround_minutes()),
            reviews::lock_version.eq(lock_version + 1),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }
}
