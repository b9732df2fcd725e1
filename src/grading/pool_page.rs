//! The co-trainer pool on the owner's grading page, a page at a time by name, with each
//! co-trainer's figures (load, turnaround, agreement with the owner's moderation, the
//! trainees' rating) read for the page's people only; and the program's grading totals.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;

use super::overview::{CotrainerFigures, Summary, median};
use super::review_stats;
use crate::db::DbConnection;
use crate::db::keyset::{self, After, Paged};
use crate::db::models::{Cotrainer, Person};
use crate::db::schema::{allocation_queue, cotrainers, moderation_items, people, reviews};
use crate::domain::ids::{CohortId, PersonId, ProgramId};
use crate::domain::states::ModerationState;
use crate::error::AppError;

/// The list's name in its cursors.
const LIST: &str = "pool";

/// A page of the program's pool by name (then id), optionally only people whose name or
/// email holds `search`, after the cursor's person, with their figures (in one cohort, or
/// all).
pub fn page(
    conn: &mut DbConnection,
    program: &ProgramId,
    cohort: Option<&CohortId>,
    search: &str,
    cursor: Option<&str>,
    limit: i64,
    now: NaiveDateTime,
) -> Result<Paged<CotrainerFigures>, AppError> {
    figures(conn, program, cohort, (search, None), cursor, limit, now)
}

/// One member of the pool with their figures (all cohorts); none when not in the pool.
pub fn one(
    conn: &mut DbConnection,
    program: &ProgramId,
    person: &PersonId,
    now: NaiveDateTime,
) -> Result<Option<CotrainerFigures>, AppError> {
    let found = figures(conn, program, None, ("", Some(person)), None, 1, now)?;
    Ok(found.items.into_iter().next())
}

fn figures(
    conn: &mut DbConnection,
    program: &ProgramId,
    cohort: Option<&CohortId>,
    (search, only): (&str, Option<&PersonId>),
    cursor: Option<&str>,
    limit: i64,
    now: NaiveDateTime,
) -> Result<Paged<CotrainerFigures>, AppError> {
    let after = keyset::decode(LIST, "name", cursor)?;
    let mut q = cotrainers::table
        .inner_join(people::table.on(people::id.eq(cotrainers::person_id)))
        .filter(cotrainers::program_id.eq(program.clone()))
        .order((people::name.asc(), people::id.asc()))
        .limit(limit + 1)
        .select((Cotrainer::as_select(), Person::as_select()))
        .into_boxed();
    if !search.trim().is_empty() {
        let pattern = crate::db::sql::contains(search);
        q = q.filter(
            crate::db::sql::lower(people::name)
                .like(pattern.clone())
                .or(people::email_normalized.like(pattern)),
        );
    }
    if let Some(person) = only {
        q = q.filter(people::id.eq(person.clone()));
    }
    if let Some(a) = after {
        q = q.filter(
            people::name
                .gt(a.key.clone())
                .or(people::name.eq(a.key).and(people::id.gt(PersonId(a.id)))),
        );
    }
    let rows: Vec<(Cotrainer, Person)> = q.load(conn)?;
    let key = |(_, p): &(Cotrainer, Person)| After {
        key: p.name.clone(),
        id: p.id.0.clone(),
    };
    let page = keyset::page(LIST, "name", rows, limit, key);
    let ids: Vec<PersonId> = page.items.iter().map(|(_, p)| p.id.clone()).collect();
    let stats = review_stats::for_reviewers(conn, cohort, &ids, now)?;
    let mut agreement: HashMap<PersonId, (usize, usize)> = HashMap::new();
    for (person, agreed) in review_stats::agreement_of(conn, &ids)? {
        let e = agreement.entry(person).or_default();
        e.0 += 1;
        e.1 += usize::from(agreed);
    }
    let none = review_stats::Stat::default();
    Ok(page.map(|(entry, person)| {
        let stat = stats.by_reviewer.get(&person.id).unwrap_or(&none);
        let (moderated, agreed) = agreement.get(&person.id).copied().unwrap_or((0, 0));
        CotrainerFigures {
            person_id: person.id.0.clone(),
            name: person.name,
            email: person.email,
            active: entry.active,
            capacity: entry.capacity,
            languages: entry.languages,
            lock_version: entry.lock_version,
            open: stat.open,
            overdue: stat.overdue,
            completed: stat.completed,
            median_turnaround_hours: median(stat.hours.clone()),
            agreement_percent: (moderated > 0).then(|| (agreed * 100 / moderated) as i64),
            moderated,
            rating: (stat.ratings > 0).then(|| {
                let mean = stat.rating_sum as f64 / stat.ratings as f64;
                (mean * 10.0).round() / 10.0
            }),
            ratings: stat.ratings,
        }
    }))
}

/// The program's totals: open and overdue reviews, waiting slots, moderation to decide, and
/// the active pool with its capacity (in one cohort, or all).
pub fn summary(
    conn: &mut DbConnection,
    program: &ProgramId,
    cohort: Option<&CohortId>,
    now: NaiveDateTime,
) -> Result<Summary, AppError> {
    let open_q = || {
        let mut q = reviews::table
            .filter(crate::db::models::review::is_open())
            .into_boxed();
        if let Some(c) = cohort {
            q = q.filter(reviews::cohort_id.eq(c.clone()));
        }
        q
    };
    let open: i64 = open_q().select(count_star()).first(conn)?;
    let overdue: i64 = open_q()
        .filter(reviews::due_at.lt(now))
        .select(count_star())
        .first(conn)?;
    let mut waiting_q = allocation_queue::table.select(count_star()).into_boxed();
    let mut moderation_q = moderation_items::table
        .filter(moderation_items::state.eq(ModerationState::Open))
        .select(count_star())
        .into_boxed();
    if let Some(c) = cohort {
        waiting_q = waiting_q.filter(allocation_queue::cohort_id.eq(c.clone()));
        moderation_q = moderation_q.filter(moderation_items::cohort_id.eq(c.clone()));
    }
    let (active, capacity): (i64, Option<i64>) = cotrainers::table
        .filter(cotrainers::program_id.eq(program.clone()))
        .filter(cotrainers::active.eq(true))
        .select((count_star(), diesel::dsl::sum(cotrainers::capacity)))
        .first(conn)?;
    Ok(Summary {
        open,
        overdue,
        waiting: waiting_q.first(conn)?,
        moderation: moderation_q.first(conn)?,
        active,
        capacity: capacity.unwrap_or(0),
    })
}
