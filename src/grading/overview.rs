//! The owner's view of grading, per cohort and per co-trainer: open and overdue reviews, median
//! turnaround (last 90 days), agreement with the owner's moderation, the trainees' feedback rating, the work
//! waiting for a co-trainer, and the open reviews (to reassign).

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::Serialize;

use super::items::{WorkItem, load_lean};
use super::review_stats;
use crate::accounts::Identity;
use crate::db::DbConnection;
use crate::db::keyset::{self, After, Paged};
use crate::db::models::{Cohort, Person, QueuedSlot, Review};
use crate::domain::ids::{CohortId, PersonId, SubmissionVersionId};
use crate::error::AppError;

/// One co-trainer's figures.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CotrainerFigures {
    /// Person id.
    pub person_id: String,
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
    /// In the pool and taking reviews.
    pub active: bool,
    /// Capacity.
    pub capacity: i32,
    /// Languages.
    pub languages: String,
    /// Pool entry lock version (to change it).
    pub lock_version: i32,
    /// Open reviews.
    pub open: usize,
    /// Of those, overdue.
    pub overdue: usize,
    /// Completed reviews.
    pub completed: usize,
    /// Median hours from allocation to completion.
    pub median_turnaround_hours: Option<i64>,
    /// Share of moderated reviews where the owner agreed (percent).
    pub agreement_percent: Option<i64>,
    /// How many of their reviews were moderated.
    pub moderated: usize,
    /// Mean feedback rating (1-5), one decimal.
    pub rating: Option<f64>,
    /// How many ratings.
    pub ratings: usize,
}

/// One cohort's grading figures.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CohortFigures {
    /// Cohort id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Open reviews.
    pub open: usize,
    /// Overdue reviews.
    pub overdue: usize,
    /// Completed reviews (read for one cohort at a time).
    pub completed: Option<usize>,
    /// Slots waiting for a co-trainer.
    pub unallocated: usize,
    /// Median hours from allocation to completion.
    pub median_turnaround_hours: Option<i64>,
}

/// Work waiting for a co-trainer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UnallocatedView {
    /// The version id.
    pub version_id: String,
    /// The slot (2: the second of a double review).
    pub slot: i32,
    /// Trainee.
    pub trainee: String,
    /// Cohort.
    pub cohort: String,
    /// Assignment title.
    pub assignment: String,
    /// Version number.
    pub version: i32,
    /// Waiting since (owner's time zone).
    pub since_local: String,
    /// Why nobody fitted (see `domain::allocation::Reason`).
    pub reason: serde_json::Value,
}

/// An open review in the owner's list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OpenReview {
    /// Review id.
    pub id: String,
    /// Co-trainer.
    pub reviewer: String,
    /// Trainee.
    pub trainee: String,
    /// Cohort.
    pub cohort: String,
    /// Assignment.
    pub assignment: String,
    /// allocated or started.
    pub state: String,
    /// Deadline (owner's time zone).
    pub due_local: String,
    /// Past the deadline.
    pub overdue: bool,
    /// Why this co-trainer.
    pub reason: serde_json::Value,
}

/// The program's grading totals.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// Open reviews.
    pub open: i64,
    /// Of those, past their deadline.
    pub overdue: i64,
    /// Slots waiting for a co-trainer.
    pub waiting: i64,
    /// Moderation items to decide.
    pub moderation: i64,
    /// Co-trainers taking reviews.
    pub active: i64,
    /// Their capacity together.
    pub capacity: i64,
}

/// The whole overview.
#[derive(Debug, Serialize)]
pub struct Overview {
    /// The totals.
    pub summary: Summary,
    /// A page of the pool.
    pub cotrainers: Paged<CotrainerFigures>,
    /// Per cohort (with work).
    pub cohorts: Vec<CohortFigures>,
    /// A page of the waiting work.
    pub unallocated: Paged<UnallocatedView>,
    /// A page of the open reviews, soonest first.
    pub open_reviews: Paged<OpenReview>,
}

/// The middle value (upper median), none for no values.
pub fn median(mut hours: Vec<i64>) -> Option<i64> {
    if hours.is_empty() {
        return None;
    }
    hours.sort_unstable();
    Some(hours[hours.len() / 2])
}

/// The list's name in its cursors.
const UNALLOCATED: &str = "unallocated";

/// One page of the work waiting for a co-trainer, oldest first (owner only).
pub fn unallocated_page(
    conn: &mut DbConnection,
    actor: &Identity,
    cohort: Option<&CohortId>,
    lang: &str,
    cursor: Option<&str>,
    limit: i64,
) -> Result<Paged<UnallocatedView>, AppError> {
    if !actor.is_owner {
        return Err(AppError::NotFound);
    }
    let after = match keyset::decode(UNALLOCATED, "queued", cursor)? {
        None => None,
        Some(a) => {
            let (version, slot) = a.id.rsplit_once('/').ok_or_else(keyset::bad_cursor)?;
            let slot: i32 = slot.parse().map_err(|_| keyset::bad_cursor())?;
            Some((a.time()?, SubmissionVersionId(version.to_string()), slot))
        }
    };
    let rows = QueuedSlot::page(conn, cohort, after, limit + 1)?;
    let key = |w: &QueuedSlot| After {
        key: keyset::key_of_time(w.queued_at),
        id: format!("{}/{}", w.submission_version_id.0, w.slot),
    };
    let page = keyset::page(UNALLOCATED, "queued", rows, limit, key);
    let views = unallocated_views(conn, actor, page.items, lang)?;
    Ok(Paged {
        items: views,
        next_cursor: page.next_cursor,
    })
}

/// The work waiting for a co-trainer (owner only), the first of it.
pub fn unallocated(
    conn: &mut DbConnection,
    actor: &Identity,
    cohort: Option<&CohortId>,
    lang: &str,
) -> Result<Vec<UnallocatedView>, AppError> {
    Ok(unallocated_page(conn, actor, cohort, lang, None, 50)?.items)
}

fn unallocated_views(
    conn: &mut DbConnection,
    actor: &Identity,
    waiting: Vec<QueuedSlot>,
    lang: &str,
) -> Result<Vec<UnallocatedView>, AppError> {
    let ids: Vec<SubmissionVersionId> = waiting
        .iter()
        .map(|w| w.submission_version_id.clone())
        .collect();
    let items: HashMap<SubmissionVersionId, WorkItem> = load_lean(conn, &ids)?
        .into_iter()
        .map(|i| (i.version.id.clone(), i))
        .collect();
    let tz = actor.person.tz();
    Ok(waiting
        .into_iter()
        .filter_map(|w| {
            let item = items.get(&w.submission_version_id)?;
            Some(UnallocatedView {
                version_id: w.submission_version_id.0.clone(),
                slot: w.slot,
                trainee: item.trainee.name.clone(),
                cohort: item.cohort.name.clone(),
                assignment: item.title(lang).to_string(),
                version: item.version.number,
                since_local: crate::domain::schedule::local_text(tz, w.queued_at),
                reason: serde_json::from_str(&w.reason).unwrap_or_default(),
            })
        })
        .collect())
}

/// Where each of the page's lists starts, and the pool's search.
#[derive(Debug, Clone, Default)]
pub struct OverviewCursors {
    /// The pool's page.
    pub pool: Option<String>,
    /// Text in a co-trainer's name or email.
    pub pool_search: String,
    /// The waiting work's page.
    pub waiting: Option<String>,
    /// The open reviews' page.
    pub open: Option<String>,
}

/// Rows per list on the page.
pub const PAGE_ROWS: i64 = 25;

/// The owner's overview, for all cohorts or one: the totals, the cohorts with work, and a page
/// of each list (co-trainers, waiting work, open reviews). Every part reads index ranges of
/// what it shows, so the page costs the same with 30 co-trainers as with 3,000.
pub fn overview(
    conn: &mut DbConnection,
    actor: &Identity,
    cohort: Option<&CohortId>,
    lang: &str,
    now: NaiveDateTime,
    cursors: &OverviewCursors,
) -> Result<Overview, AppError> {
    if !actor.is_owner {
        return Err(AppError::NotFound);
    }
    let program = super::pool::program(conn)?;
    let cotrainers = super::pool_page::page(
        conn,
        &program.id,
        cohort,
        &cursors.pool_search,
        cursors.pool.as_deref(),
        PAGE_ROWS,
        now,
    )?;
    let unallocated = unallocated_page(
        conn,
        actor,
        cohort,
        lang,
        cursors.waiting.as_deref(),
        PAGE_ROWS,
    )?;
    let open_reviews = open_reviews(conn, actor, cohort, cursors.open.as_deref(), lang, now)?;
    let cohorts = cohort_figures(conn, cohort, now)?;
    let summary = super::pool_page::summary(conn, &program.id, cohort, now)?;
    Ok(Overview {
        summary,
        cotrainers,
        cohorts,
        unallocated,
        open_reviews,
    })
}

/// The figures of the cohort asked for, or of the cohorts with open or waiting work (those
/// with the most first, at most 50).
fn cohort_figures(
    conn: &mut DbConnection,
    cohort: Option<&CohortId>,
    now: NaiveDateTime,
) -> Result<Vec<CohortFigures>, AppError> {
    let waiting: HashMap<CohortId, i64> = QueuedSlot::per_cohort(conn)?.into_iter().collect();
    let ids: Vec<CohortId> = match cohort {
        Some(c) => vec![c.clone()],
        None => {
            let mut busy: HashMap<CohortId, i64> =
                review_stats::cohorts_with_open(conn)?.into_iter().collect();
            for (c, n) in &waiting {
                *busy.entry(c.clone()).or_default() += n;
            }
            let mut busy: Vec<(CohortId, i64)> = busy.into_iter().collect();
            busy.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            busy.into_iter().take(50).map(|(c, _)| c).collect()
        }
    };
    // Completed work and turnaround per cohort read every review of the cohort: only for the
    // one cohort asked for, never for the program-wide table.
    let stats = match cohort {
        Some(_) => review_stats::for_cohorts(conn, &ids, now)?,
        None => review_stats::open_of_cohorts(conn, &ids, now)?,
    };
    let whole = cohort.is_some();
    let none = review_stats::Stat::default();
    Ok(Cohort::list_by_ids(conn, &ids)?
        .iter()
        .map(|c| {
            let stat = stats.by_cohort.get(&c.id).unwrap_or(&none);
            CohortFigures {
                id: c.id.0.clone(),
                name: c.name.clone(),
                open: stat.open,
                overdue: stat.overdue,
                completed: whole.then_some(stat.completed),
                unallocated: usize::try_from(waiting.get(&c.id).copied().unwrap_or(0)).unwrap_or(0),
                median_turnaround_hours: whole.then(|| median(stat.hours.clone())).flatten(),
            }
        })
        .collect())
}

/// The list's name in its cursors.
const OPEN: &str = "open-reviews";

/// A page of open reviews, soonest deadline first, as the owner's list shows them.
fn open_reviews(
    conn: &mut DbConnection,
    actor: &Identity,
    cohort: Option<&CohortId>,
    cursor: Option<&str>,
    lang: &str,
    now: NaiveDateTime,
) -> Result<Paged<OpenReview>, AppError> {
    let after = match keyset::decode(OPEN, "due", cursor)? {
        Some(a) => Some((a.time()?, a.id)),
        None => None,
    };
    let rows = review_stats::open_page(conn, cohort, after, PAGE_ROWS + 1)?;
    let key = |r: &Review| After {
        key: keyset::key_of_time(r.due_at),
        id: r.id.0.clone(),
    };
    let page = keyset::page(OPEN, "due", rows, PAGE_ROWS, key);
    let ids: Vec<SubmissionVersionId> = page
        .items
        .iter()
        .map(|r| r.submission_version_id.clone())
        .collect();
    let items: HashMap<SubmissionVersionId, WorkItem> = load_lean(conn, &ids)?
        .into_iter()
        .map(|i| (i.version.id.clone(), i))
        .collect();
    let reviewer_ids: Vec<PersonId> = page.items.iter().map(|r| r.reviewer_id.clone()).collect();
    let people: HashMap<PersonId, String> = Person::list_by_ids(conn, &reviewer_ids)?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let tz = actor.person.tz();
    let items = page
        .items
        .iter()
        .filter_map(|r| {
            let item = items.get(&r.submission_version_id)?;
            Some(OpenReview {
                id: r.id.0.clone(),
                reviewer: people.get(&r.reviewer_id).cloned().unwrap_or_default(),
                trainee: item.trainee.name.clone(),
                cohort: item.cohort.name.clone(),
                assignment: item.title(lang).to_string(),
                state: r.state.to_string(),
                due_local: crate::domain::schedule::local_text(tz, r.due_at),
                overdue: r.due_at < now,
                reason: serde_json::from_str(&r.allocation_reason).unwrap_or_default(),
            })
        })
        .collect();
    Ok(Paged {
        items,
        next_cursor: page.next_cursor,
    })
}
