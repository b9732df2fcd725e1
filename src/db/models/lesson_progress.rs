//! `lesson_completions` and `check_attempts`: what a learner did in each lesson of their
//! self-study: marked it done, and every knowledge-check attempt (the best one counts).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{check_attempts, lesson_completions};
use crate::db::{DbConnection, per_backend};
use crate::domain::ids::{CheckAttemptId, StudyEnrollmentId};

/// One attempt at a lesson's knowledge check.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = check_attempts)]
pub struct CheckAttempt {
    /// Id.
    pub id: CheckAttemptId,
    /// Whose.
    pub study_enrollment_id: StudyEnrollmentId,
    /// The lesson's slug.
    pub lesson: String,
    /// Questions answered correctly.
    pub correct: i32,
    /// Questions asked.
    pub total: i32,
    /// Reached the program's pass mark.
    pub passed: bool,
    /// The chosen answer positions per question (JSON).
    pub answers: String,
    /// When.
    pub created_at: NaiveDateTime,
}

/// A learner's best result in one lesson's check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BestResult {
    /// Correct answers in the best attempt.
    pub correct: i32,
    /// Questions.
    pub total: i32,
    /// Any attempt passed.
    pub passed: bool,
    /// Attempts made.
    pub attempts: i64,
}

/// Marks a lesson done; true when it was not done before.
pub fn mark_done(
    conn: &mut DbConnection,
    enrollment: &StudyEnrollmentId,
    lesson: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let row = (
        lesson_completions::study_enrollment_id.eq(enrollment),
        lesson_completions::lesson.eq(lesson),
        lesson_completions::completed_at.eq(now),
    );
    let n = per_backend!(conn, c => diesel::insert_into(lesson_completions::table)
        .values(row)
        .on_conflict_do_nothing()
        .execute(c))?;
    Ok(n == 1)
}

/// The lessons a learner marked done.
pub fn done_lessons(
    conn: &mut DbConnection,
    enrollment: &StudyEnrollmentId,
) -> QueryResult<HashSet<String>> {
    let rows: Vec<String> = lesson_completions::table
        .filter(lesson_completions::study_enrollment_id.eq(enrollment))
        .select(lesson_completions::lesson)
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

impl CheckAttempt {
    /// Records an attempt.
    pub fn create(conn: &mut DbConnection, row: &CheckAttempt) -> QueryResult<()> {
        diesel::insert_into(check_attempts::table)
            .values(row)
            .execute(conn)
            .map(drop)
    }

    /// The best result per lesson of a learner.
    pub fn best_by_lesson(
        conn: &mut DbConnection,
        enrollment: &StudyEnrollmentId,
    ) -> QueryResult<HashMap<String, BestResult>> {
        let rows: Vec<(String, i32, i32, bool)> = check_attempts::table
            .filter(check_attempts::study_enrollment_id.eq(enrollment))
            .select((
                check_attempts::lesson,
                check_attempts::correct,
                check_attempts::total,
                check_attempts::passed,
            ))
            .load(conn)?;
        let mut best: HashMap<String, BestResult> = HashMap::new();
        for (lesson, correct, total, passed) in rows {
            let entry = best.entry(lesson).or_insert(BestResult {
                correct,
                total,
                passed,
                attempts: 0,
            });
            entry.attempts += 1;
            entry.passed |= passed;
            if correct > entry.correct {
                entry.correct = correct;
                entry.total = total;
            }
        }
        Ok(best)
    }
}
