//! Review figures for the owner's grading page, as aggregate queries: counts per co-trainer and
//! per cohort by state, overdue counts, the feedback ratings, and the turnaround of the last
//! 90 days. A program with a million reviews costs a few grouped scans, not a million rows in
//! memory.

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};
use diesel::dsl::count_star;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::models::Review;
use crate::db::schema::reviews;
use crate::domain::ids::{CohortId, PersonId, SubmissionVersionId};
use crate::domain::states::ReviewState;

/// Turnaround is the median over reviews completed in this many days.
pub const TURNAROUND_DAYS: i64 = 90;

/// Figures of one co-trainer or cohort.
#[derive(Debug, Default, Clone)]
pub struct Stat {
    /// Open reviews.
    pub open: usize,
    /// Of those, past their deadline.
    pub overdue: usize,
    /// Completed reviews.
    pub completed: usize,
    /// Hours from allocation to completion, last 90 days.
    pub hours: Vec<i64>,
    /// Sum of the trainees' ratings.
    pub rating_sum: i64,
    /// Ratings given.
    pub ratings: usize,
}

/// Figures per reviewer and per cohort.
#[derive(Debug, Default)]
pub struct Stats {
    /// By co-trainer.
    pub by_reviewer: HashMap<PersonId, Stat>,
    /// By cohort.
    pub by_cohort: HashMap<CohortId, Stat>,
}

/// Runs `$body` on `$q`, the reviews of one cohort or of all (grouped queries cannot be boxed).
macro_rules! scoped {
    ($cohort:expr, |$q:ident| $body:expr) => {
        match $cohort {
            Some(c) => {
                let $q = reviews::table.filter(reviews::cohort_id.eq(c.clone()));
                $body
            }
            None => {
                let $q = reviews::table.filter(reviews::cohort_id.ne(""));
                $body
            }
        }
    };
}

/// The figures, for one cohort or all.
pub fn load(
    conn: &mut DbConnection,
    cohort: Option<&CohortId>,
    now: NaiveDateTime,
) -> QueryResult<Stats> {
    let mut stats = Stats::default();
    let counts: Vec<(PersonId, CohortId, ReviewState, i64)> = scoped!(cohort, |q| q
        .filter(reviews::state.eq_any([
            ReviewState::Allocated,
            ReviewState::Started,
            ReviewState::Completed,
        ]))
        .group_by((reviews::reviewer_id, reviews::cohort_id, reviews::state))
        .select((
            reviews::reviewer_id,
            reviews::cohort_id,
            reviews::state,
            count_star()
        ))
        .load(conn))?;
    for (person, cohort, state, n) in counts {
        for stat in [
            stats.by_reviewer.entry(person.clone()).or_default(),
            stats.by_cohort.entry(cohort).or_default(),
        ] {
            if state == ReviewState::Completed {
                stat.completed += n as usize;
            } else {
                stat.open += n as usize;
            }
        }
    }
    let overdue: Vec<(PersonId, CohortId, i64)> = scoped!(cohort, |q| q
        .filter(crate::db::models::review::is_open())
        .filter(reviews::due_at.lt(now))
        .group_by((reviews::reviewer_id, reviews::cohort_id))
        .select((reviews::reviewer_id, reviews::cohort_id, count_star()))
        .load(conn))?;
    for (person, cohort, n) in overdue {
        stats.by_reviewer.entry(person).or_default().overdue += n as usize;
        stats.by_cohort.entry(cohort).or_default().overdue += n as usize;
    }
    let ratings: Vec<(PersonId, i64, Option<i64>)> = scoped!(cohort, |q| q
        .filter(reviews::state.eq(ReviewState::Completed))
        .filter(reviews::rating.is_not_null())
        .group_by(reviews::reviewer_id)
        .select((
            reviews::reviewer_id,
            count_star(),
            diesel::dsl::sum(reviews::rating),
        ))
        .load(conn))?;
    for (person, n, sum) in ratings {
        let stat = stats.by_reviewer.entry(person).or_default();
        stat.rating_sum += sum.unwrap_or(0);
        stat.ratings += n as usize;
    }
    let timings: Vec<(PersonId, CohortId, NaiveDateTime, NaiveDateTime)> = scoped!(cohort, |q| q
        .filter(reviews::state.eq(ReviewState::Completed))
        .filter(reviews::completed_at.ge(now - Duration::days(TURNAROUND_DAYS)))
        .select((
            reviews::reviewer_id,
            reviews::cohort_id,
            reviews::allocated_at,
            reviews::completed_at.assume_not_null(),
        ))
        .load(conn))?;
    for (person, cohort, allocated, completed) in timings {
        let hours = (completed - allocated).num_hours();
        stats
            .by_reviewer
            .entry(person)
            .or_default()
            .hours
            .push(hours);
        stats.by_cohort.entry(cohort).or_default().hours.push(hours);
    }
    Ok(stats)
}

/// The open reviews due first (at most `limit`).
pub fn open_first(
    conn: &mut DbConnection,
    cohort: Option<&CohortId>,
    limit: i64,
) -> QueryResult<Vec<Review>> {
    scoped!(cohort, |q| q
        .filter(crate::db::models::review::is_open())
        .order((reviews::due_at, reviews::id))
        .limit(limit)
        .select(Review::as_select())
        .load(conn))
}

/// The reviews of these submission versions (moderated work), in chunks.
pub fn of_versions(
    conn: &mut DbConnection,
    versions: &[SubmissionVersionId],
) -> QueryResult<Vec<Review>> {
    let mut out = Vec::new();
    for chunk in versions.chunks(5_000) {
        out.extend(
            reviews::table
                .filter(reviews::submission_version_id.eq_any(chunk))
                .filter(reviews::state.eq(ReviewState::Completed))
                .select(Review::as_select())
                .load(conn)?,
        );
    }
    Ok(out)
}
