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
use crate::db::models::{Cohort, Cotrainer, ModerationItem, Person, QueuedSlot, Review};
use crate::domain::ids::{CohortId, PersonId, SubmissionVersionId};
use crate::domain::states::{ModerationAction, ModerationState};
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
    /// Completed reviews.
    pub completed: usize,
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

/// The whole overview.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Overview {
    /// Per co-trainer.
    pub cotrainers: Vec<CotrainerFigures>,
    /// Per cohort.
    pub cohorts: Vec<CohortFigures>,
    /// Waiting work.
    pub unallocated: Vec<UnallocatedView>,
    /// Open reviews, overdue and soonest first.
    pub open_reviews: Vec<OpenReview>,
}

fn median(mut hours: Vec<i64>) -> Option<i64> {
    if hours.is_empty() {
        return None;
    }
    hours.sort_unstable();
    Some(hours[hours.len() / 2])
}

/// The work waiting for a co-trainer (owner only).
pub fn unallocated(
    conn: &mut DbConnection,
    actor: &Identity,
    cohort: Option<&CohortId>,
    lang: &str,
) -> Result<Vec<UnallocatedView>, AppError> {
    if !actor.is_owner {
        return Err(AppError::NotFound);
    }
    let waiting = QueuedSlot::list(conn, cohort)?;
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

/// The owner's overview, for all cohorts or one.
pub fn overview(
    conn: &mut DbConnection,
    actor: &Identity,
    cohort: Option<&CohortId>,
    lang: &str,
    now: NaiveDateTime,
) -> Result<Overview, AppError> {
    if !actor.is_owner {
        return Err(AppError::NotFound);
    }
    let stats = review_stats::load(conn, cohort, now)?;
    let moderated = ModerationItem::list(conn, false, cohort)?;
    let closed: Vec<&ModerationItem> = moderated
        .iter()
        .filter(|m| m.state == ModerationState::Closed)
        .collect();
    let versions: Vec<SubmissionVersionId> = closed
        .iter()
        .map(|m| m.submission_version_id.clone())
        .collect();
    let moderated_reviews = review_stats::of_versions(conn, &versions)?;
    let unallocated = unallocated(conn, actor, cohort, lang)?;
    let program = super::pool::program(conn)?;
    let pool = Cotrainer::list_by_program(conn, &program.id)?;
    let open = review_stats::open_first(conn, cohort, 500)?;
    let people = people_of(conn, &pool, &open)?;
    let none = review_stats::Stat::default();
    let cotrainers = pool
        .iter()
        .filter_map(|entry| {
            let person = people.get(&entry.person_id)?;
            let stat = stats.by_reviewer.get(&person.id).unwrap_or(&none);
            Some(cotrainer_figures(
                entry,
                person,
                stat,
                &closed,
                &moderated_reviews,
            ))
        })
        .collect();
    let cohorts = cohort_figures(conn, cohort, &stats, &unallocated)?;
    let open_reviews = open_reviews(conn, actor, &open, &people, lang, now)?;
    Ok(Overview {
        cotrainers,
        cohorts,
        unallocated,
        open_reviews,
    })
}

/// The co-trainers of the pool and the reviewers of the open reviews, by id.
fn people_of(
    conn: &mut DbConnection,
    pool: &[Cotrainer],
    open: &[Review],
) -> Result<HashMap<PersonId, Person>, AppError> {
    let mut people_ids: Vec<PersonId> = pool.iter().map(|c| c.person_id.clone()).collect();
    people_ids.extend(open.iter().map(|r| r.reviewer_id.clone()));
    people_ids.sort();
    people_ids.dedup();
    let mut people: HashMap<PersonId, Person> = HashMap::new();
    for chunk in people_ids.chunks(5_000) {
        people.extend(
            Person::list_by_ids(conn, chunk)?
                .into_iter()
                .map(|p| (p.id.clone(), p)),
        );
    }
    Ok(people)
}

/// One co-trainer's figures: load, turnaround, agreement with the owner's moderation of
/// their reviews, and the trainees' rating.
fn cotrainer_figures(
    entry: &Cotrainer,
    person: &Person,
    stat: &review_stats::Stat,
    closed: &[&ModerationItem],
    moderated_reviews: &[Review],
) -> CotrainerFigures {
    let touched: Vec<(&ModerationItem, &Review)> = closed
        .iter()
        .flat_map(|m| {
            moderated_reviews
                .iter()
                .filter(move |r| {
                    r.reviewer_id == person.id && r.submission_version_id == m.submission_version_id
                })
                .map(move |r| (*m, r))
        })
        .collect();
    let agreed = touched
        .iter()
        .filter(|(m, r)| {
            m.action == Some(ModerationAction::Confirmed)
                || (m.action == Some(ModerationAction::Changed) && m.decision == r.decision)
        })
        .count();
    CotrainerFigures {
        person_id: person.id.0.clone(),
        name: person.name.clone(),
        email: person.email.clone(),
        active: entry.active,
        capacity: entry.capacity,
        languages: entry.languages.clone(),
        lock_version: entry.lock_version,
        open: stat.open,
        overdue: stat.overdue,
        completed: stat.completed,
        median_turnaround_hours: median(stat.hours.clone()),
        agreement_percent: (!touched.is_empty()).then(|| (agreed * 100 / touched.len()) as i64),
        moderated: touched.len(),
        rating: (stat.ratings > 0).then(|| {
            let mean = stat.rating_sum as f64 / stat.ratings as f64;
            (mean * 10.0).round() / 10.0
        }),
        ratings: stat.ratings,
    }
}

/// Each cohort's figures (all cohorts, or the one asked for), with its waiting work.
fn cohort_figures(
    conn: &mut DbConnection,
    cohort: Option<&CohortId>,
    stats: &review_stats::Stats,
    unallocated: &[UnallocatedView],
) -> Result<Vec<CohortFigures>, AppError> {
    let none = review_stats::Stat::default();
    let cohort_rows = match cohort {
        Some(c) => Cohort::list_by_ids(conn, std::slice::from_ref(c))?,
        None => Cohort::list_all(conn)?,
    };
    Ok(cohort_rows
        .iter()
        .map(|c| {
            let stat = stats.by_cohort.get(&c.id).unwrap_or(&none);
            CohortFigures {
                id: c.id.0.clone(),
                name: c.name.clone(),
                open: stat.open,
                overdue: stat.overdue,
                completed: stat.completed,
                unallocated: unallocated.iter().filter(|u| u.cohort == c.name).count(),
                median_turnaround_hours: median(stat.hours.clone()),
            }
        })
        .collect())
}

/// The open reviews, soonest deadline first (at most 500), as the owner's list shows them.
fn open_reviews(
    conn: &mut DbConnection,
    actor: &Identity,
    reviews: &[Review],
    people: &HashMap<PersonId, Person>,
    lang: &str,
    now: NaiveDateTime,
) -> Result<Vec<OpenReview>, AppError> {
    let mut open: Vec<&Review> = reviews.iter().filter(|r| r.is_open()).collect();
    open.sort_by_key(|r| (r.due_at, r.id.0.clone()));
    open.truncate(500);
    let ids: Vec<SubmissionVersionId> = open
        .iter()
        .map(|r| r.submission_version_id.clone())
        .collect();
    let items: HashMap<SubmissionVersionId, WorkItem> = load_lean(conn, &ids)?
        .into_iter()
        .map(|i| (i.version.id.clone(), i))
        .collect();
    let tz = actor.person.tz();
    Ok(open
        .into_iter()
        .filter_map(|r| {
            let item = items.get(&r.submission_version_id)?;
            Some(OpenReview {
                id: r.id.0.clone(),
                reviewer: people
                    .get(&r.reviewer_id)
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
                trainee: item.trainee.name.clone(),
                cohort: item.cohort.name.clone(),
                assignment: item.title(lang).to_string(),
                state: r.state.to_string(),
                due_local: crate::domain::schedule::local_text(tz, r.due_at),
                overdue: r.due_at < now,
                reason: serde_json::from_str(&r.allocation_reason).unwrap_or_default(),
            })
        })
        .collect())
}
