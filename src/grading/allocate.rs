//! Allocation: each review slot of a submitted version goes to one co-trainer of the cohort by
//! the rule in `domain::allocation`, or waits in the queue (and the owners are told) until
//! someone fits. Safe under concurrency: the pool rows of the candidates are locked on
//! PostgreSQL (SQLite's write transaction is exclusive), and a partial unique index keeps one
//! active review per slot, so no co-trainer goes over capacity and no slot is taken twice.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::alerts::{Alert, tell_owners, tell_reviewers};
use super::items::{WorkItem, load_lean, load_one};
use crate::db::DbConnection;
use crate::db::models::{
    CohortCotrainer, Cotrainer, Person, QueuedSlot, Review, ReviewEvent, Unavailability,
};
use crate::domain::allocation::{Candidate, Reason, Request, choose};
use crate::domain::ids::{
    CohortId, CotrainerId, PersonId, ReviewId, SubmissionId, SubmissionVersionId,
};
use crate::domain::states::{ReviewState, SubmissionState};
use crate::error::AppError;
use crate::mail::compose::Composer;

/// The candidates of the cohorts involved, with everyone's open load.
struct Pool {
    by_cohort: HashMap<CohortId, Vec<Candidate>>,
    open: HashMap<PersonId, i32>,
}

impl Pool {
    /// Loads (and on PostgreSQL locks) the pool of these cohorts. `window` is the grading
    /// window: a co-trainer unavailable on any of its days is passed over.
    fn load(
        conn: &mut DbConnection,
        items: &[&WorkItem],
        window: (NaiveDate, NaiveDate),
    ) -> Result<Self, AppError> {
        // Every cohort's co-trainers first, then one lock per program over all of them (in id
        // order), so concurrent allocations always lock in the same order.
        let mut members: HashMap<CohortId, Vec<PersonId>> = HashMap::new();
        let mut programs: std::collections::BTreeMap<String, HashSet<PersonId>> =
            std::collections::BTreeMap::new();
        for item in items {
            let cohort = &item.cohort;
            if members.contains_key(&cohort.id) {
                continue;
            }
            let ids = CohortCotrainer::list_by_cohort(conn, &cohort.id)?;
            programs
                .entry(cohort.program_id.0.clone())
                .or_default()
                .extend(ids.iter().cloned());
            members.insert(cohort.id.clone(), ids);
        }
        let mut entries: HashMap<PersonId, Cotrainer> = HashMap::new();
        for (program, people) in &programs {
            let people: Vec<PersonId> = people.iter().cloned().collect();
            let program = crate::domain::ids::ProgramId(program.clone());
            for e in Cotrainer::lock_for_people(conn, &program, &people)? {
                entries.insert(e.person_id.clone(), e);
            }
        }
        let all: Vec<PersonId> = entries.keys().cloned().collect();
        let people: HashMap<PersonId, Person> = Person::list_by_ids(conn, &all)?
            .into_iter()
            .map(|p| (p.id.clone(), p))
            .collect();
        let entry_ids: Vec<CotrainerId> = entries.values().map(|e| e.id.clone()).collect();
        let away: HashSet<CotrainerId> = Unavailability::list_for(conn, &entry_ids)?
            .into_iter()
            .filter(|u| {
                u.dates()
                    .is_some_and(|(from, to)| from <= window.1 && to >= window.0)
            })
            .map(|u| u.cotrainer_id)
            .collect();
        let mut open: HashMap<PersonId, i32> = all.iter().map(|p| (p.clone(), 0)).collect();
        for (p, n) in Review::open_load(conn, &all)? {
            open.insert(p, n as i32);
        }
        let mut by_cohort = HashMap::new();
        for (cohort, ids) in members {
            let mut candidates: Vec<Candidate> = ids
                .iter()
                .filter_map(|id| {
                    let e = entries.get(id).filter(|e| e.active)?;
                    let person = people.get(id).filter(|p| p.is_active())?;
                    Some(Candidate {
                        person: person.id.clone(),
                        email: person.email_normalized.clone(),
                        org_unit: person.org_unit.clone(),
                        languages: e.language_list().iter().map(|l| l.to_string()).collect(),
                        capacity: e.capacity,
                        open: 0,
                        unavailable: away.contains(&e.id),
                    })
                })
                .collect();
            candidates.sort_by(|a, b| a.person.0.cmp(&b.person.0));
            by_cohort.insert(cohort, candidates);
        }
        Ok(Self { by_cohort, open })
    }

    /// The cohort's candidates with their current load.
    fn candidates(&mut self, cohort: &CohortId) -> &[Candidate] {
        let open = &self.open;
        match self.by_cohort.get_mut(cohort) {
            Some(list) => {
                for c in list.iter_mut() {
                    c.open = open.get(&c.person).copied().unwrap_or(0);
                }
                list
            }
            None => &[],
        }
    }
}

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
    // Who holds which slot of a version, and who completed a review of a submission before.
    let mut holders: HashMap<SubmissionVersionId, Vec<(i32, PersonId)>> = HashMap::new();
    let mut earlier_by_submission: HashMap<SubmissionId, Vec<PersonId>> = HashMap::new();
    for h in &history {
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
    let mut reviews = Vec::new();
    let mut done: Vec<(SubmissionVersionId, i32)> = Vec::new();
    let mut queued_new = false;
    for r in requests {
        let version = &r.item.version.id;
        let here = holders.get(version).cloned().unwrap_or_default();
        if here.iter().any(|(slot, _)| *slot == r.slot) {
            done.push((version.clone(), r.slot));
            continue;
        }
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
            language: &r.item.submission.language,
            earlier_reviewers: &earlier,
            excluded: &excluded,
        };
        let candidates = pool.candidates(&r.item.cohort.id);
        let (chosen, mut reason) = match &r.manual {
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
        };
        let Some(index) = chosen else {
            if !r.queue_if_none {
                continue;
            }
            let queued = QueuedSlot::enqueue(
                conn,
                &QueuedSlot {
                    submission_version_id: version.clone(),
                    slot: r.slot,
                    cohort_id: r.item.cohort.id.clone(),
                    queued_at: now,
                    reason: serde_json::to_string(&reason).unwrap_or_default(),
                },
            )?;
            queued_new |= queued;
            placement.queued += 1;
            continue;
        };
        let person = candidates[index].person.clone();
        if r.manual.is_some() {
            reason.open = candidates[index].open;
            reason.capacity = candidates[index].capacity;
        }
        *pool.open.entry(person.clone()).or_default() += 1;
        let review = Review::allocated(
            &r.item.submission,
            &r.item.version,
            &r.item.trainee.id,
            &person,
            r.slot,
            serde_json::to_string(&reason).unwrap_or_default(),
            (now, grading_due(r.item, now)),
        );
        let id = review.id.clone();
        reviews.push(review);
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
    QueuedSlot::remove_many(conn, &done)?;
    Review::create_all(conn, &reviews)?;
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
    Ok(placement)
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
