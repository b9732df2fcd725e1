//! Review figures for the owner's grading page, as aggregate queries: counts per co-trainer and
//! per cohort by state, overdue counts, the feedback ratings, and the turnaround of the last
//! 90 days, for the co-trainers and cohorts a page shows: index ranges of their reviews, never
//! a scan of the program's reviews.

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

/// The figures of the reviews `$base` selects (an expression, evaluated for each of the four
/// grouped queries: grouped queries cannot be boxed).
macro_rules! figures {
    ($conn:expr, $now:expr, $base:expr) => {{
        let mut stats = Stats::default();
        let counts: Vec<(PersonId, CohortId, ReviewState, i64)> = $base
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
                count_star(),
            ))
            .load($conn)?;
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
        let overdue: Vec<(PersonId, CohortId, i64)> = $base
            .filter(crate::db::models::review::is_open())
            .filter(reviews::due_at.lt($now))
            .group_by((reviews::reviewer_id, reviews::cohort_id))
            .select((reviews::reviewer_id, reviews::cohort_id, count_star()))
            .load($conn)?;
        for (person, cohort, n) in overdue {
            stats.by_reviewer.entry(person).or_default().overdue += n as usize;
            stats.by_cohort.entry(cohort).or_default().overdue += n as usize;
        }
        let ratings: Vec<(PersonId, i64, Option<i64>)> = $base
            .filter(reviews::state.eq(ReviewState::Completed))
            .filter(reviews::rating.is_not_null())
            .group_by(reviews::reviewer_id)
            .select((
                reviews::reviewer_id,
                count_star(),
                diesel::dsl::sum(reviews::rating),
            ))
            .load($conn)?;
        for (person, n, sum) in ratings {
            let stat = stats.by_reviewer.entry(person).or_default();
            stat.rating_sum += sum.unwrap_or(0);
            stat.ratings += n as usize;
        }
        let timings: Vec<(PersonId, CohortId, NaiveDateTime, NaiveDateTime)> = $base
            .filter(reviews::state.eq(ReviewState::Completed))
            .filter(reviews::completed_at.ge($now - Duration::days(TURNAROUND_DAYS)))
            .select((
                reviews::reviewer_id,
                reviews::cohort_id,
                reviews::allocated_at,
                reviews::completed_at.assume_not_null(),
            ))
            .load($conn)?;
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
    }};
}

/// The figures of these co-trainers (a page of the pool), in one cohort or all: index
/// ranges of their reviews only, however large the program.
pub fn for_reviewers(
    conn: &mut DbConnection,
    cohort: Option<&CohortId>,
    reviewers: &[PersonId],
    now: NaiveDateTime,
) -> QueryResult<Stats> {
    match cohort {
        Some(c) => figures!(
            conn,
            now,
            reviews::table
                .filter(reviews::reviewer_id.eq_any(reviewers))
                .filter(reviews::cohort_id.eq(c.clone()))
        ),
        None => figures!(
            conn,
            now,
            reviews::table.filter(reviews::reviewer_id.eq_any(reviewers))
        ),
    }
}

/// The figures of these cohorts.
pub fn for_cohorts(
    conn: &mut DbConnection,
    cohorts: &[CohortId],
    now: NaiveDateTime,
) -> QueryResult<Stats> {
    figures!(
        conn,
        now,
        reviews::table.filter(reviews::cohort_id.eq_any(cohorts))
    )
}

/// Open and overdue reviews of these cohorts (the partial index of open reviews): the
/// figures of the program-wide cohort table, which leaves completed work to the view of one
/// cohort.
pub fn open_of_cohorts(
    conn: &mut DbConnection,
    cohorts: &[CohortId],
    now: NaiveDateTime,
) -> QueryResult<Stats> {
    let mut stats = Stats::default();
    let open: Vec<(CohortId, i64)> = reviews::table
        .filter(crate::db::models::review::is_open())
        .filter(reviews::cohort_id.eq_any(cohorts))
        .group_by(reviews::cohort_id)
        .select((reviews::cohort_id, count_star()))
        .load(conn)?;
    for (cohort, n) in open {
        stats.by_cohort.entry(cohort).or_default().open += n as usize;
    }
    let overdue: Vec<(CohortId, i64)> = reviews::table
        .filter(crate::db::models::review::is_open())
        .filter(reviews::due_at.lt(now))
        .filter(reviews::cohort_id.eq_any(cohorts))
        .group_by(reviews::cohort_id)
        .select((reviews::cohort_id, count_star()))
        .load(conn)?;
    for (cohort, n) in overdue {
        stats.by_cohort.entry(cohort).or_default().overdue += n as usize;
    }
    Ok(stats)
}

/// The next moment an open review turns overdue, if any (the partial index of open reviews):
/// until then the overdue figures computed now stay true.
pub fn next_deadline(
    conn: &mut DbConnection,
    now: NaiveDateTime,
) -> QueryResult<Option<NaiveDateTime>> {
    reviews::table
        .filter(crate::db::models::review::is_open())
        .filter(reviews::due_at.ge(now))
        .select(diesel::dsl::min(reviews::due_at))
        .first(conn)
}

/// The cohorts with open reviews, with how many (the partial index of open reviews).
pub fn cohorts_with_open(conn: &mut DbConnection) -> QueryResult<Vec<(CohortId, i64)>> {
    reviews::table
        .filter(crate::db::models::review::is_open())
        .group_by(reviews::cohort_id)
        .select((reviews::cohort_id, count_star()))
        .load(conn)
}

/// A page of open reviews, due first (then by id), in one cohort or all, after the review
/// `after` (deadline and id).
pub fn open_page(
    conn: &mut DbConnection,
    cohort: Option<&CohortId>,
    after: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<Review>> {
    let mut q = reviews::table
        .filter(crate::db::models::review::is_open())
        .order((reviews::due_at, reviews::id))
        .limit(limit)
        .select(Review::as_select())
        .into_boxed();
    if let Some(c) = cohort {
        q = q.filter(reviews::cohort_id.eq(c.clone()));
    }
    if let Some((due, id)) = after {
        q = q.filter(
            reviews::due_at
                .gt(due)
                .or(reviews::due_at.eq(due).and(reviews::id.gt(id))),
        );
    }
    q.load(conn)
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

/// How the owner's moderation went for these co-trainers' reviews: (co-trainer, whether the
/// owner agreed) per moderated, completed review (closed items only). Agreeing is confirming,
/// or changing to the decision the co-trainer had given.
pub fn agreement_of(
    conn: &mut DbConnection,
    reviewers: &[PersonId],
) -> QueryResult<Vec<(PersonId, bool)>> {
    use crate::db::schema::moderation_items as m;
    use crate::domain::states::{GradingDecision, ModerationAction, ModerationState};
    type Row = (
        PersonId,
        Option<ModerationAction>,
        Option<GradingDecision>,
        Option<GradingDecision>,
    );
    let rows: Vec<Row> = reviews::table
        .inner_join(m::table.on(m::submission_version_id.eq(reviews::submission_version_id)))
        .filter(reviews::reviewer_id.eq_any(reviewers))
        .filter(reviews::state.eq(ReviewState::Completed))
        .filter(m::state.eq(ModerationState::Closed))
        .select((
            reviews::reviewer_id,
            m::action,
            m::decision,
            reviews::decision,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(person, action, moderated, given)| {
            let agreed = action == Some(ModerationAction::Confirmed)
                || (action == Some(ModerationAction::Changed) && moderated == given);
            (person, agreed)
        })
        .collect())
}
