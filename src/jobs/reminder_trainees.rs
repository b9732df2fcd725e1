//! The trainee reminder rules: a module just opened, an assignment due soon or overdue (under
//! its extension where one was granted). Only cohorts with an opening or a deadline in a
//! rule's window are read, each with one query for its trainees, one for the work handed in
//! and one for its extensions.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::reminder_items::{Found, local, reachable, title};
use super::reminders::Item;
use crate::config::rules::Rules;
use crate::db::DbConnection;
use crate::db::models::{Assignment, Cohort, Module, Person, ScheduleEntry};
use crate::db::schema::{cohort_schedule, cohorts, enrollments, extensions, people, submissions};
use crate::domain::states::SubmissionState;
use crate::domain::states::{CohortState, EnrollmentState};
use crate::error::AppError;
use crate::mail::compose::Composer;

/// A module counts as "just opened" for this long.
const OPEN_WINDOW_DAYS: i64 = 2;

/// The items of every running cohort with a deadline or an opening in a rule's window.
pub(super) fn trainee_items(
    conn: &mut DbConnection,
    composer: &Composer,
    rules: &Rules,
    now: NaiveDateTime,
    found: &mut Found,
) -> Result<(), AppError> {
    let ahead = rules.due_days.iter().copied().max().unwrap_or(0);
    let (first_due, last_due) = (
        now - Duration::days(rules.overdue_days),
        now + Duration::days(ahead),
    );
    let opened_after = now - Duration::days(OPEN_WINDOW_DAYS);
    // Cohorts with a deadline or an opening in a window, or an extension ending in one.
    let mut cohort_ids: Vec<String> = cohort_schedule::table
        .inner_join(cohorts::table)
        .filter(cohorts::state.eq(CohortState::Running))
        .filter(
            cohort_schedule::due_at
                .gt(first_due)
                .and(cohort_schedule::due_at.le(last_due))
                .or(cohort_schedule::unlock_at
                    .gt(opened_after)
                    .and(cohort_schedule::unlock_at.le(now))),
        )
        .select(cohort_schedule::cohort_id)
        .distinct()
        .load(conn)?;
    let extended: Vec<String> = extensions::table
        .inner_join(enrollments::table.on(enrollments::id.eq(extensions::enrollment_id)))
        .inner_join(cohorts::table.on(cohorts::id.eq(enrollments::cohort_id)))
        .filter(cohorts::state.eq(CohortState::Running))
        .filter(extensions::due_at.gt(first_due))
        .filter(extensions::due_at.le(last_due))
        .select(enrollments::cohort_id)
        .distinct()
        .load(conn)?;
    cohort_ids.extend(extended);
    cohort_ids.sort();
    cohort_ids.dedup();
    for id in cohort_ids {
        let Some(cohort) = Cohort::find(conn, &crate::domain::ids::CohortId(id))? else {
            continue;
        };
        cohort_items(conn, composer, rules, &cohort, now, found)?;
    }
    Ok(())
}

/// The rule an open assignment falls under at `now`, if any: its key prefix and message.
fn due_rule(
    rules: &Rules,
    due: NaiveDateTime,
    now: NaiveDateTime,
) -> Option<(String, &'static str)> {
    if due < now {
        return (due > now - Duration::days(rules.overdue_days))
            .then(|| ("overdue".to_string(), "reminder-overdue"));
    }
    let smallest = rules.due_days.iter().copied().min()?;
    let days = rules
        .due_days
        .iter()
        .copied()
        .filter(|d| due <= now + Duration::days(*d))
        .min()?;
    let message = if days == smallest {
        "reminder-due-1"
    } else {
        "reminder-due-3"
    };
    Some((format!("due{days}"), message))
}

/// The items of one cohort's trainees: modules just opened, and assignments due, overdue or
/// due under an extension that are not handed in yet.
fn cohort_items(
    conn: &mut DbConnection,
    composer: &Composer,
    rules: &Rules,
    cohort: &Cohort,
    now: NaiveDateTime,
    found: &mut Found,
) -> Result<(), AppError> {
    let schedule = ScheduleEntry::list_by_cohort(conn, &cohort.id)?;
    let extended = extensions_of(conn, cohort)?;
    let Some(pinned) = crate::content::pinned::load(conn, &cohort.curriculum_version_id)? else {
        return Ok(());
    };
    let assignments = &pinned.assignments;
    let relevant = relevant_assignments(rules, &schedule, assignments, &extended, now);
    let opened = schedule
        .iter()
        .any(|e| e.unlock_at <= now && e.unlock_at > now - Duration::days(OPEN_WINDOW_DAYS));
    if relevant.is_empty() && !opened {
        return Ok(());
    }
    let trainees = reachable_trainees(conn, rules, cohort, now)?;
    if trainees.is_empty() {
        return Ok(());
    }
    let modules = &pinned.modules;
    let handed_in = handed_in(conn, cohort, &relevant)?;
    for entry in &schedule {
        let Some(module) = modules.iter().find(|m| m.id == entry.module_id) else {
            continue;
        };
        let just_opened =
            entry.unlock_at <= now && entry.unlock_at > now - Duration::days(OPEN_WINDOW_DAYS);
        let open = entry.unlock_at <= now;
        let module_assignments: Vec<&Assignment> = assignments
            .iter()
            .filter(|a| a.module_id == module.id)
            .collect();
        for (enrollment, person) in &trainees {
            if just_opened {
                found.push(
                    person,
                    opened_item(composer, person, enrollment, module, entry),
                );
            }
            if !open {
                continue;
            }
            for a in &module_assignments {
                let pair = (enrollment.clone(), a.id.0.clone());
                if handed_in.contains(&pair) {
                    continue;
                }
                let due = extended.get(&pair).copied().unwrap_or(entry.due_at);
                let Some((rule, message)) = due_rule(rules, due, now) else {
                    continue;
                };
                let item = Item {
                    key: format!("{rule}:{enrollment}:{}", a.slug),
                    message,
                    title: title(person, &a.title_de, &a.title_en),
                    when: local(person, due),
                    link: format!(
                        "{}/learn/{enrollment}/assignments/{}",
                        composer.base_url, a.slug
                    ),
                    refresher: String::new(),
                };
                found.push(person, item);
            }
        }
    }
    Ok(())
}

/// The cohort's extensions: the new deadline by (enrollment, assignment).
fn extensions_of(
    conn: &mut DbConnection,
    cohort: &Cohort,
) -> Result<HashMap<(String, String), NaiveDateTime>, AppError> {
    Ok(extensions::table
        .inner_join(enrollments::table.on(enrollments::id.eq(extensions::enrollment_id)))
        .filter(enrollments::cohort_id.eq(&cohort.id))
        .select((
            extensions::enrollment_id,
            extensions::assignment_id,
            extensions::due_at,
        ))
        .load::<(String, String, NaiveDateTime)>(conn)?
        .into_iter()
        .map(|(e, a, due)| ((e, a), due))
        .collect())
}

/// The ids of the opened assignments whose deadline (or someone's extension) falls in a
/// rule's window; the rest of the cohort's work is not read at all.
fn relevant_assignments(
    rules: &Rules,
    schedule: &[ScheduleEntry],
    assignments: &[Assignment],
    extended: &HashMap<(String, String), NaiveDateTime>,
    now: NaiveDateTime,
) -> Vec<String> {
    let in_window = |due: NaiveDateTime| due_rule(rules, due, now).is_some();
    assignments
        .iter()
        .filter(|a| {
            schedule.iter().any(|e| {
                e.module_id == a.module_id
                    && e.unlock_at <= now
                    && (in_window(e.due_at)
                        || extended
                            .iter()
                            .any(|((_, x), due)| *x == a.id.0 && in_window(*due)))
            })
        })
        .map(|a| a.id.0.clone())
        .collect()
}

/// The cohort's active trainees (with their enrollment id) who are in working time now.
fn reachable_trainees(
    conn: &mut DbConnection,
    rules: &Rules,
    cohort: &Cohort,
    now: NaiveDateTime,
) -> Result<Vec<(String, Person)>, AppError> {
    let trainees: Vec<(String, Person)> = enrollments::table
        .inner_join(people::table)
        .filter(enrollments::cohort_id.eq(&cohort.id))
        .filter(enrollments::state.eq(EnrollmentState::Active))
        .select((enrollments::id, Person::as_select()))
        .load(conn)?;
    Ok(trainees
        .into_iter()
        .filter(|(_, p)| reachable(rules, p, now))
        .collect())
}

/// The (enrollment, assignment) pairs among `relevant` that are handed in: one range of the
/// (cohort, state, enrollment, assignment) index, read without the table.
fn handed_in(
    conn: &mut DbConnection,
    cohort: &Cohort,
    relevant: &[String],
) -> Result<HashSet<(String, String)>, AppError> {
    if relevant.is_empty() {
        return Ok(HashSet::new());
    }
    Ok(submissions::table
        .filter(submissions::cohort_id.eq(&cohort.id))
        .filter(submissions::state.eq_any([
            SubmissionState::Submitted,
            SubmissionState::InReview,
            SubmissionState::Passed,
            SubmissionState::Failed,
        ]))
        .filter(submissions::assignment_id.eq_any(relevant))
        .select((submissions::enrollment_id, submissions::assignment_id))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}

/// The item telling a trainee that a module has just opened.
#[inline]
fn opened_item(
    composer: &Composer,
    person: &Person,
    enrollment: &str,
    module: &Module,
    entry: &ScheduleEntry,
) -> Item {
    Item {
        key: format!("open:{enrollment}:{}", module.slug),
        message: "reminder-module-open",
        title: title(person, &module.title_de, &module.title_en),
        when: local(person, entry.unlock_at),
        link: format!(
            "{}/learn/{enrollment}/modules/{}",
            composer.base_url, module.slug
        ),
        refresher: String::new(),
    }
}
