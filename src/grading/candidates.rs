//! The candidates for allocation: the co-trainers of the cohorts involved (their pool rows
//! locked on PostgreSQL) who hold an active certificate or were added by the owner, who is away
//! in the grading window, and everyone's open load. Where the cohort's curriculum asks for
//! calibration, only calibrated members are candidates.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::items::WorkItem;
use crate::db::DbConnection;
use crate::db::models::{Certificate, CohortCotrainer, Cotrainer, Person, Review, Unavailability};
use crate::domain::allocation::Candidate;
use crate::domain::ids::{CohortId, CotrainerId, PersonId};
use crate::error::AppError;

/// The candidates of the cohorts involved, with everyone's open load.
pub(super) struct Pool {
    by_cohort: HashMap<CohortId, Vec<Candidate>>,
    pub(super) open: HashMap<PersonId, i32>,
}

impl Pool {
    /// Loads (and on PostgreSQL locks) the pool of these cohorts. `window` is the grading
    /// window: a co-trainer unavailable on any of its days is passed over.
    pub(super) fn load(
        conn: &mut DbConnection,
        items: &[&WorkItem],
        window: (NaiveDate, NaiveDate),
    ) -> Result<Self, AppError> {
        // Every cohort's co-trainers first, then one lock per program over all of them (in id
        // order), so concurrent allocations always lock in the same order.
        let mut members: HashMap<CohortId, Vec<PersonId>> = HashMap::new();
        // Cohorts whose curriculum asks for calibration: only calibrated members review.
        let mut gated: HashSet<CohortId> = HashSet::new();
        let mut programs: std::collections::BTreeMap<String, HashSet<PersonId>> =
            std::collections::BTreeMap::new();
        for item in items {
            let cohort = &item.cohort;
            if members.contains_key(&cohort.id) {
                continue;
            }
            if item.curriculum.calibration_references > 0 {
                gated.insert(cohort.id.clone());
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
            let certified = Certificate::holders_among(conn, &program, &people)?;
            for e in Cotrainer::lock_for_people(conn, &program, &people)? {
                // A graduate is allocated work only while their certificate is active; the
                // owner's hand-picked co-trainers need none.
                if e.source == "owner" || certified.contains(&e.person_id) {
                    entries.insert(e.person_id.clone(), e);
                }
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
            let calibrating = gated.contains(&cohort);
            let mut candidates: Vec<Candidate> = ids
                .iter()
                .filter_map(|id| {
                    let e = entries
                        .get(id)
                        .filter(|e| e.active && (!calibrating || e.calibrated_at.is_some()))?;
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
    pub(super) fn candidates(&mut self, cohort: &CohortId) -> &[Candidate] {
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
