//! A co-trainer's queue of open reviews in one joined read: each line needs only the review,
//! the version number, the trainee's name, the cohort and the assignment's title (the title and
//! the grading policy come from the pinned curriculum in memory), so the page costs one index
//! range and a few lookups per line however large the program is.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::views::{QueueEntry, TraineeLabel};
use crate::db::DbConnection;
use crate::db::models::review::{PageIsOpen, is_open};
use crate::db::models::trainee_pseudonym::label_for;
use crate::db::schema::{cohorts, enrollments, people, reviews, submission_versions, submissions};
use crate::domain::ids::{AssignmentId, CurriculumVersionId, EnrollmentId, PersonId};
use crate::domain::language::Language;
use crate::error::AppError;

type Line = (
    String,        // review id
    String,        // review state
    NaiveDateTime, // grading deadline
    i32,           // version number
    String,        // trainee name
    String,        // enrollment id
    String,        // cohort name
    String,        // curriculum version id
    String,        // assignment id
);

/// The reviewer's open reviews, soonest deadline first; `page` is (limit, offset).
pub fn open_lines(
    conn: &mut DbConnection,
    reviewer: &PersonId,
    page: Option<(i64, i64)>,
) -> QueryResult<Vec<Line>> {
    let open = || {
        reviews::table
            .filter(reviews::reviewer_id.eq(reviewer))
            .filter(is_open())
    };
    let lines = open()
        .inner_join(submission_versions::table)
        .inner_join(
            submissions::table.inner_join(
                enrollments::table
                    .inner_join(people::table)
                    .inner_join(cohorts::table),
            ),
        )
        .order((reviews::due_at.asc(), reviews::id.asc()))
        .select((
            reviews::id,
            reviews::state,
            reviews::due_at,
            submission_versions::number,
            people::name,
            enrollments::id,
            cohorts::name,
            cohorts::curriculum_version_id,
            submissions::assignment_id,
        ));
    match page {
        // The page is chosen from the reviews alone, then only its lines are joined.
        Some((limit, offset)) => {
            let page = diesel::alias!(reviews as page);
            lines
                .filter(
                    reviews::id.eq_any(
                        page.filter(page.field(reviews::reviewer_id).eq(reviewer))
                            .filter(PageIsOpen)
                            .order((
                                page.field(reviews::due_at).asc(),
                                page.field(reviews::id).asc(),
                            ))
                            .select(page.field(reviews::id))
                            .limit(limit)
                            .offset(offset),
                    ),
                )
                .load(conn)
        }
        None => lines.load(conn),
    }
}

/// Queue entries for these lines, as `viewer` (a co-trainer, never the owner view) sees them.
pub fn entries(
    conn: &mut DbConnection,
    lines: Vec<Line>,
    tz: chrono_tz::Tz,
    lang: Language,
    now: NaiveDateTime,
) -> Result<Vec<QueueEntry>, AppError> {
    let mut out = Vec::with_capacity(lines.len());
    for (id, state, due_at, version, name, enrollment, cohort, curriculum, assignment) in lines {
        let Some(pinned) = crate::content::pinned::load(conn, &CurriculumVersionId(curriculum))?
        else {
            continue;
        };
        let assignment = AssignmentId(assignment);
        let Some(a) = pinned.assignments.iter().find(|a| a.id == assignment) else {
            continue;
        };
        let trainee = if pinned.version.anonymous_grading {
            TraineeLabel {
                name: None,
                pseudonym: Some(label_for(conn, &EnrollmentId(enrollment))?),
            }
        } else {
            TraineeLabel {
                name: Some(name),
                pseudonym: None,
            }
        };
        out.push(QueueEntry {
            id,
            trainee,
            cohort,
            assignment: if lang == Language::De {
                a.title_de.clone()
            } else {
                a.title_en.clone()
            },
            version,
            state,
            due_local: super::views::local(tz, due_at),
            due_utc: due_at.and_utc().to_rfc3339(),
            hours_left: (due_at - now).num_hours(),
            overdue: due_at < now,
        });
    }
    Ok(out)
}
