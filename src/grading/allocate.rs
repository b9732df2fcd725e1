//! Allocation: each review slot of a submitted version goes to one co-trainer of the cohort by
//! the rule in `domain::allocation`, or waits in the queue (and the owners are told) until
//! someone fits. Safe under concurrency: the pool rows of the candidates are locked on
//! PostgreSQL (SQLite's write transaction is exclusive), and a partial unique index keeps one
//! active review per slot, so no co-trainer goes over capacity and no slot is taken twice.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDateTime};

use super::alerts::{Alert, tell_owners, tell_reviewers};
use super::candidates::Pool;
use super::items::{WorkItem, load_lean, load_one};
use crate::db::DbConnection;
use crate::db::models::{Person, QueuedSlot, Review, ReviewEvent};
use crate::domain::allocation::{Candidate, Reason, Request, choose};
use crate::domain::ids::{PersonId, ReviewId, SubmissionId, SubmissionVersionId};
use crate::domain::states::{ReviewState, SubmissionState};
use crate::error::AppError;
use crate::mail::compose::Composer;

/// One slot to place.
pub struct SlotRequest<'a> {
    /// The version's work item.
    pub item: &'a WorkItem,
    /// The slot.
    pub slot: i32,
    /// Who may not take it (besides the rule's own exclusions).
    pub excluded: Vec<PersonId>,
    /// The co-trainer the owner picked by hand (`None`: by the rule).
    pub manual: Option<PersonId>,
    /// Queue the slot when nobody fits (otherwise leave it unplaced).
    pub queue_if_none: bool,
}

/// What placing did.
#[derive(Debug, Default)]
pub struct Placement {
    /// Reviews created.
    pub allocated: Vec<ReviewId>,
    /// Slots that wait in the queue.
    pub queued: usize,
}

/// The grading deadline of a review allocated at `now`.
pub fn grading_due(item: &WorkItem, now: NaiveDateTime) -> NaiveDateTime {
    now + Duration::days(i64::from(item.curriculum.grading_days))
}

/// Places slots: creates reviews, queues what nobody can take, tells the people concerned.
pub fn place(
    conn: &mut DbConnection,
    composer: &Composer,
    requests: &[SlotRequest<'_>],
    now: NaiveDateTime,
) -> Result<Placement, AppError> {
    let mut placement = Placement::default();
    if requests.is_empty() {
        return Ok(placement);
    }
    let longest = requests
        .iter()
        .map(|r| grading_due(r.item, now))
        .max()
        .unwrap_or(now);
    let items: Vec<&WorkItem> = requests.iter().map(|r| r.item).collect();
    let mut pool = Pool::load(conn, &items, (now.date(), longest.date()))?;
    let sub_ids: Vec<SubmissionId> = items.iter().map(|i| i.submission.id.clone()).collect();
    let history = Review::list_by_submissions(conn, &sub_ids)?;
    let (mut holders, earlier_by_submission) = index_history(&history);
    let mut reviews = Vec::new();
    let mut done: Vec<(SubmissionVersionId, i32)> = Vec::new();
    let mut queued_new = false;
    let mut lines: HashMap<PersonId, Vec<PersonId>> = HashMap::new();
    for r in requests {
        let trainee = &r.item.trainee;
        if !lines.contains_key(&trainee.id) {
            let line = Person::reporting_line(conn, trainee)?;
            lines.insert(trainee.id.clone(), line);
        }
        let line = &lines[&trainee.id];
        let version = &r.item.version.id;
        let here = holders.get(version).cloned().unwrap_or_default();
        if here.iter().any(|(slot, _)| *slot == r.slot) {
            done.push((version.clone(), r.slot));
            continue;
        }
        let candidates = pool.candidates(&r.item.cohort.id);
        let (chosen, mut reason) = choose_for(r, candidates, &here, &earlier_by_submission, line);
        let Some(index) = chosen else {
            if !r.queue_if_none {
                continue;
            }
            queued_new |= enqueue(conn, r, &reason, now)?;
            placement.queued += 1;
            continue;
        };
        let person = candidates[index].person.clone();
        if r.manual.is_some() {
            reason.open = candidates[index].open;
            reason.capacity = candidates[index].capacity;
        }
        *pool.open.entry(person.clone()).or_default() += 1;
        // Time-ordered ids: inserts append to the primary key instead of scattering.
        let id = ReviewId(uuid::Uuid::now_v7().to_string());
        let hidden = r.item.curriculum.calibration_hidden_percent;
        if super::decide::sampled(id.as_str(), hidden) {
            super::calibration::mix_hidden(conn, &person, &r.item.curriculum, now)?;
        }
        reviews.push(new_review(r, id.clone(), person, &reason, now));
        holders.entry(version.clone()).or_default().push((
            r.slot,
            reviews
                .last()
                .map(|n: &Review| n.reviewer_id.clone())
                .unwrap_or_default(),
        ));
        done.push((version.clone(), r.slot));
        placement.allocated.push(id);
    }
    record(conn, composer, &done, &reviews, queued_new, now)?;
    Ok(placement)
}

/// Who holds which slot of a version (reviews neither reassigned nor cancelled), and who
/// completed a review of a submission before.
#[allow(clippy::type_complexity)]
fn index_history(
    history: &[Review],
) -> (
    HashMap<SubmissionVersionId, Vec<(i32, PersonId)>>,
    HashMap<SubmissionId, Vec<PersonId>>,
) {
    let mut holders: HashMap<SubmissionVersionId, Vec<(i32, PersonId)>> = HashMap::new();
    let mut earlier_by_submission: HashMap<SubmissionId, Vec<PersonId>> = HashMap::new();
    for h in history {
        if h.state != ReviewState::Reassigned && h.state != ReviewState::Cancelled {
            holders
                .entry(h.submission_version_id.clone())
                .or_default()
                .push((h.slot, h.reviewer_id.clone()));
        }
        if h.state == ReviewState::Completed {
            earlier_by_submission
                .entry(h.submission_id.clone())
                .or_default()
                .push(h.reviewer_id.clone());
        }
    }
    (holders, earlier_by_submission)
}

/// The candidate for one slot (the owner's pick, or the rule's choice, excluding whoever
/// holds another slot of the version) and the reason recorded with it.
fn choose_for(
    r: &SlotRequest<'_>,
    candidates: &[Candidate],
    here: &[(i32, PersonId)],
    earlier_by_submission: &HashMap<SubmissionId, Vec<PersonId>>,
    reporting_line: &[PersonId],
) -> (Option<usize>, Reason) {
    let mut excluded = r.excluded.clone();
    excluded.extend(here.iter().map(|(_, p)| p.clone()));
    let earlier = earlier_by_submission
        .get(&r.item.submission.id)
        .cloned()
        .unwrap_or_default();
    let manager = r
        .item
        .trainee
        .manager_email
        .as_deref()
        .map(str::to_lowercase);
    let request = Request {
        trainee: &r.item.trainee.id,
        org_unit: r.item.trainee.org_unit.as_deref(),
        manager_email: manager.as_deref(),
        reporting_line,
        language: &r.item.submission.language,
        earlier_reviewers: &earlier,
        excluded: &excluded,
    };
    match &r.manual {
        Some(person) => (
            candidates.iter().position(|c| &c.person == person),
            Reason {
                rule: "manual".into(),
                manual: Some(person.0.clone()),
                considered: 1,
                ..Reason::default()
            },
        ),
        None => choose(candidates, &request),
    }
}

/// Puts a slot nobody can take in the queue; true if it was not waiting there already.
fn enqueue(
    conn: &mut DbConnection,
    r: &SlotRequest<'_>,
    reason: &Reason,
    now: NaiveDateTime,
) -> Result<bool, AppError> {
    Ok(QueuedSlot::enqueue(
        conn,
        &QueuedSlot {
            submission_version_id: r.item.version.id.clone(),
            slot: r.slot,
            cohort_id: r.item.cohort.id.clone(),
            queued_at: now,
            reason: serde_json::to_string(reason).unwrap_or_default(),
        },
    )?)
}

/// The review row that gives a slot to `reviewer`, allocated at `now`.
fn new_review(
    r: &SlotRequest<'_>,
    id: ReviewId,
    reviewer: PersonId,
    reason: &Reason,
    now: NaiveDateTime,
) -> Review {
    Review {
        id,
        ..Review::allocated(
            &r.item.submission,
            &r.item.version,
            &r.item.trainee.id,
            &reviewer,
            r.slot,
            serde_json::to_string(reason).unwrap_or_default(),
            (now, grading_due(r.item, now)),
        )
    }
}

/// Writes the outcome: placed slots leave the queue, the reviews are created, their
/// reviewers are told, and the owners when a slot newly waits.
fn record(
    conn: &mut DbConnection,
    composer: &Composer,
    done: &[(SubmissionVersionId, i32)],
    reviews: &[Review],
    queued_new: bool,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    QueuedSlot::remove_many(conn, done)?;
    Review::create_all(conn, reviews)?;
    let reviewers: Vec<PersonId> = reviews
        .iter()
        .map(|r| r.reviewer_id.clone())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    tell_reviewers(conn, composer, &reviewers, now)?;
    if queued_new {
        tell_owners(conn, composer, Alert::Unallocated, now)?;
    }
    Ok(())
}

/// Allocates every slot a freshly submitted version needs. Call in the submit transaction.
pub fn on_submit(
    conn: &mut DbConnection,
    composer: &Composer,
    version_id: &SubmissionVersionId,
    now: NaiveDateTime,
) -> Result<Placement, AppError> {
    let item = load_one(conn, version_id)?;
    let requests: Vec<SlotRequest<'_>> = (1..=item.slots())
        .map(|slot| SlotRequest {
            item: &item,
            slot,
            excluded: Vec::new(),
            manual: None,
            queue_if_none: true,
        })
        .collect();
    place(conn, composer, &requests, now)
}

/// Allocates waiting slots (up to `limit`), oldest first; returns how many were allocated.
/// Runs on every scheduler tick, after a co-trainer's capacity changes, and after a review is
/// completed.
pub fn drain(
    conn: &mut DbConnection,
    composer: &Composer,
    limit: i64,
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    crate::db::write_tx(conn, |conn| drain_in(conn, composer, limit, now))
}

/// `drain` inside the caller's transaction.
pub fn drain_in(
    conn: &mut DbConnection,
    composer: &Composer,
    limit: i64,
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    {
        let waiting = QueuedSlot::claim(conn, limit)?;
        if waiting.is_empty() {
            return Ok(0);
        }
        let ids: Vec<SubmissionVersionId> = waiting
            .iter()
            .map(|w| w.submission_version_id.clone())
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let items: HashMap<SubmissionVersionId, WorkItem> = load_lean(conn, &ids)?
            .into_iter()
            .map(|i| (i.version.id.clone(), i))
            .collect();
        let mut requests = Vec::new();
        for w in &waiting {
            match items.get(&w.submission_version_id) {
                // Withdrawn or no longer in grading: nothing to allocate.
                Some(item)
                    if matches!(
                        item.submission.state,
                        SubmissionState::Submitted | SubmissionState::InReview
                    ) =>
                {
                    requests.push(SlotRequest {
                        item,
                        slot: w.slot,
                        excluded: Vec::new(),
                        manual: None,
                        queue_if_none: true,
                    })
                }
                _ => QueuedSlot::remove(conn, &w.submission_version_id, w.slot)?,
            }
        }
        Ok(place(conn, composer, &requests, now)?.allocated.len())
    }
}

/// The trainee withdrew the version: its reviews are cancelled (they free their co-trainers'
/// capacity) and nothing of it waits in the queue any more.
pub fn cancel_version(
    conn: &mut DbConnection,
    version_id: &SubmissionVersionId,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    for review in Review::list_active_by_version(conn, version_id)? {
        let mut row = review.clone();
        row.state = ReviewState::Cancelled;
        if Review::save(conn, &row, review.lock_version)? {
            ReviewEvent::record(
                conn,
                &row.id,
                None,
                "cancelled",
                serde_json::json!({ "why": "withdrawn" }),
                now,
            )?;
        }
    }
    for slot in 1..=2 {
        QueuedSlot::remove(conn, version_id, slot)?;
    }
    Ok(())
}
