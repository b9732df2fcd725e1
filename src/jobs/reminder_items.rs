//! The reminder rules as set-based queries: only schedule entries whose opening or deadline
//! falls in a rule's window are looked at, and for each such cohort the active trainees, the
//! work already handed in and the extensions are read in one query each. People outside their
//! working hours are skipped before anything is built for them, so a tick over a program of
//! 100,000 trainees costs a few dozen queries, not one per trainee.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::reminders::Item;
use crate::config::rules::Rules;
use crate::db::DbConnection;
use crate::db::models::{Assignment, Cohort, Person, ScheduleEntry};
use crate::db::schema::{
    certificates, cohort_schedule, cohorts, enrollments, extensions, people, reviews, submissions,
};
use crate::domain::ids::PersonId;
use crate::domain::schedule::to_local;
use crate::domain::states::{CertificateStatus, CohortState, EnrollmentState, SubmissionState};
use crate::error::AppError;
use crate::mail::compose::Composer;

/// A module counts as "just opened" for this long.
const OPEN_WINDOW_DAYS: i64 = 2;

/// What the rules found: the people concerned (in working hours) and their items.
#[derive(Debug, Default)]
pub struct Found {
    /// People by id.
    pub people: HashMap<PersonId, Person>,
    /// Items per person, in a stable order.
    pub items: BTreeMap<PersonId, Vec<Item>>,
}

impl Found {
    fn push(&mut self, person: &Person, item: Item) {
        self.people
            .entry(person.id.clone())
            .or_insert_with(|| person.clone());
        self.items.entry(person.id.clone()).or_default().push(item);
    }
}

fn local(person: &Person, at: NaiveDateTime) -> String {
    crate::domain::schedule::local_text(person.tz(), at)
}

fn title(person: &Person, de: &str, en: &str) -> String {
    if person.language == "de" {
        de.to_string()
    } else {
        en.to_string()
    }
}

/// Whether the person may get a digest now (active, and in working time where they are).
fn reachable(rules: &Rules, person: &Person, now: NaiveDateTime) -> bool {
    person.is_active() && rules.is_working_time(to_local(person.tz(), now))
}

/// Every item due at `now` for people in their working hours (not yet filtered by what was
/// sent or by preferences).
pub fn collect(
    conn: &mut DbConnection,
    composer: &Composer,
    rules: &Rules,
    now: NaiveDateTime,
) -> Result<Found, AppError> {
    let mut found = Found::default();
    trainee_items(conn, composer, rules, now, &mut found)?;
    review_items(conn, composer, rules, now, &mut found)?;
    expiry_items(conn, composer, rules, now, &mut found)?;
    Ok(found)
}

fn trainee_items(
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

fn cohort_items(
    conn: &mut DbConnection,
    composer: &Composer,
    rules: &Rules,
    cohort: &Cohort,
    now: NaiveDateTime,
    found: &mut Found,
) -> Result<(), AppError> {
    let schedule = ScheduleEntry::list_by_cohort(conn, &cohort.id)?;
    let extended: HashMap<(String, String), NaiveDateTime> = extensions::table
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
        .collect();
    let Some(pinned) = crate::content::pinned::load(conn, &cohort.curriculum_version_id)? else {
        return Ok(());
    };
    let assignments = &pinned.assignments;
    // Only assignments whose deadline (or someone's extension) falls in a rule's window matter;
    // the rest of the cohort's work is not read at all.
    let in_window = |due: NaiveDateTime| due_rule(rules, due, now).is_some();
    let relevant: Vec<String> = assignments
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
        .collect();
    let opened = schedule
        .iter()
        .any(|e| e.unlock_at <= now && e.unlock_at > now - Duration::days(OPEN_WINDOW_DAYS));
    if relevant.is_empty() && !opened {
        return Ok(());
    }
    let trainees: Vec<(String, Person)> = enrollments::table
        .inner_join(people::table)
        .filter(enrollments::cohort_id.eq(&cohort.id))
        .filter(enrollments::state.eq(EnrollmentState::Active))
        .select((enrollments::id, Person::as_select()))
        .load(conn)?;
    let trainees: Vec<(String, Person)> = trainees
        .into_iter()
        .filter(|(_, p)| reachable(rules, p, now))
        .collect();
    if trainees.is_empty() {
        return Ok(());
    }
    let modules = &pinned.modules;
    // One range of the (cohort, state, enrollment, assignment) index, read without the table.
    let handed_in: HashSet<(String, String)> = if relevant.is_empty() {
        HashSet::new()
    } else {
        submissions::table
            .filter(submissions::cohort_id.eq(&cohort.id))
            .filter(submissions::state.eq_any([
                SubmissionState::Submitted,
                SubmissionState::InReview,
                SubmissionState::Passed,
                SubmissionState::Failed,
            ]))
            .filter(submissions::assignment_id.eq_any(&relevant))
            .select((submissions::enrollment_id, submissions::assignment_id))
            .load::<(String, String)>(conn)?
            .into_iter()
            .collect()
    };
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
                    Item {
                        key: format!("open:{enrollment}:{}", module.slug),
                        message: "reminder-module-open",
                        title: title(person, &module.title_de, &module.title_en),
                        when: local(person, entry.unlock_at),
                        link: format!(
                            "{}/learn/{enrollment}/modules/{}",
                            composer.base_url, module.slug
                        ),
                    },
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
                found.push(
                    person,
                    Item {
                        key: format!("{rule}:{enrollment}:{}", a.slug),
                        message,
                        title: title(person, &a.title_de, &a.title_en),
                        when: local(person, due),
                        link: format!(
                            "{}/learn/{enrollment}/assignments/{}",
                            composer.base_url, a.slug
                        ),
                    },
                );
            }
        }
    }
    Ok(())
}

fn review_items(
    conn: &mut DbConnection,
    composer: &Composer,
    rules: &Rules,
    now: NaiveDateTime,
    found: &mut Found,
) -> Result<(), AppError> {
    let open: Vec<(String, NaiveDateTime, Person)> = reviews::table
        .inner_join(people::table.on(people::id.eq(reviews::reviewer_id)))
        .filter(crate::db::models::review::is_open())
        .filter(reviews::due_at.le(now + Duration::hours(rules.review_due_hours)))
        .select((reviews::id, reviews::due_at, Person::as_select()))
        .load(conn)?;
    for (id, due, person) in open {
        if !reachable(rules, &person, now) {
            continue;
        }
        let (rule, message) = if due < now {
            ("review-overdue", "reminder-review-overdue")
        } else {
            ("review-due1", "reminder-review-due-1")
        };
        found.push(
            &person,
            Item {
                key: format!("{rule}:{id}"),
                message,
                title: String::new(),
                when: local(&person, due),
                link: format!("{}/reviews/{id}", composer.base_url),
            },
        );
    }
    Ok(())
}

fn expiry_items(
    conn: &mut DbConnection,
    composer: &Composer,
    rules: &Rules,
    now: NaiveDateTime,
    found: &mut Found,
) -> Result<(), AppError> {
    let Some(furthest) = rules.expiry_days.iter().copied().max() else {
        return Ok(());
    };
    type Line = (String, String, String, Option<NaiveDateTime>, Person);
    let expiring: Vec<Line> = certificates::table
        .inner_join(people::table)
        .filter(certificates::status.eq(CertificateStatus::Active))
        .filter(certificates::expires_at.gt(now))
        .filter(certificates::expires_at.le(now + Duration::days(furthest)))
        .select((
            certificates::id,
            certificates::program_title_de,
            certificates::program_title_en,
            certificates::expires_at,
            Person::as_select(),
        ))
        .load(conn)?;
    for (id, title_de, title_en, expires, person) in expiring {
        let Some(expires) = expires else { continue };
        if !reachable(rules, &person, now) {
            continue;
        }
        let Some(days) = rules
            .expiry_days
            .iter()
            .copied()
            .filter(|d| expires <= now + Duration::days(*d))
            .min()
        else {
            continue;
        };
        found.push(
            &person,
            Item {
                key: format!("expiry{days}:{id}"),
                message: "reminder-certificate-expires",
                title: title(&person, &title_de, &title_en),
                when: local(&person, expires),
                link: format!("{}/certificates/{id}", composer.base_url),
            },
        );
    }
    Ok(())
}
