//! Knowledge checks: scoring an attempt against the lesson's questions, keeping every
//! attempt (the best one counts), and recounting a learner's progress, which completes the
//! program with a self-study certificate when every lesson is done and every check passed.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use serde::Serialize;

use super::study::{InLesson, LearnRefusal, enrolled_lesson};
use crate::accounts::Identity;
use crate::content::model::{Question, QuestionKind, Text};
use crate::db::models::{BestResult, CheckAttempt, Module, StudyEnrollment, lesson_progress};
use crate::db::{DbConnection, refusable_tx};
use crate::domain::ids::CheckAttemptId;
use crate::error::{AppError, Outcome, proceed};
use crate::mail::compose::Composer;

/// One answer as shown after an attempt.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AnswerResult {
    /// The answer.
    pub text: String,
    /// The learner chose it.
    pub chosen: bool,
    /// It is (one of) the correct answer(s).
    pub correct: bool,
    /// Why it is right or wrong.
    pub explanation: String,
}

/// One question as shown after an attempt.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuestionResult {
    /// The question.
    pub text: String,
    /// Answered correctly (all correct answers chosen, no other).
    pub right: bool,
    /// Its answers.
    pub answers: Vec<AnswerResult>,
}

/// The outcome of one attempt.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CheckResult {
    /// Questions answered correctly.
    pub correct: i32,
    /// Questions.
    pub total: i32,
    /// This attempt reached the pass mark.
    pub passed: bool,
    /// The pass mark (percent of questions).
    pub pass_percent: i32,
    /// The best attempt so far, this one included.
    pub best_correct: i32,
    /// Every question with the learner's choice and the explanations.
    pub questions: Vec<QuestionResult>,
    /// The program is now complete.
    pub completed: bool,
    /// The self-study certificate, once complete.
    pub certificate_id: Option<String>,
}

/// Scores chosen answer positions (per question) against the questions: which were right.
pub fn score(questions: &[Question], answers: &[Vec<usize>]) -> Result<Vec<bool>, LearnRefusal> {
    if answers.len() > questions.len() {
        return Err(LearnRefusal::BadAnswers);
    }
    let none = Vec::new();
    let mut right = Vec::with_capacity(questions.len());
    for (i, q) in questions.iter().enumerate() {
        let chosen = answers.get(i).unwrap_or(&none);
        if chosen.is_empty() {
            return Err(LearnRefusal::Unanswered);
        }
        let set: HashSet<usize> = chosen.iter().copied().collect();
        let fits = set.len() == chosen.len()
            && chosen.iter().all(|i| *i < q.answers.len())
            && (q.kind == QuestionKind::Multiple || chosen.len() == 1);
        if !fits {
            return Err(LearnRefusal::BadAnswers);
        }
        let correct: HashSet<usize> = (0..q.answers.len())
            .filter(|i| q.answers[*i].correct)
            .collect();
        right.push(set == correct);
    }
    Ok(right)
}

/// Whether `correct` of `total` reaches `pass_percent`.
pub fn passes(correct: i32, total: i32, pass_percent: i32) -> bool {
    total > 0 && correct * 100 >= pass_percent * total
}

/// One attempt at a lesson's check: where, and the chosen answer positions per question.
#[derive(Debug, Clone, Copy)]
pub struct Attempt<'a> {
    /// The program's slug.
    pub program: &'a str,
    /// The lesson's slug.
    pub lesson: &'a str,
    /// Chosen answer positions, per question.
    pub answers: &'a [Vec<usize>],
}

/// Takes one attempt at a lesson's check.
pub fn answer_check(
    conn: &mut DbConnection,
    composer: &Composer,
    me: &Identity,
    attempt: Attempt<'_>,
    lang: crate::domain::language::Language,
    now: NaiveDateTime,
) -> Outcome<CheckResult> {
    let Attempt {
        program: slug,
        lesson,
        answers,
    } = attempt;
    refusable_tx(conn, |conn| {
        let found = proceed!(enrolled_lesson(conn, me, slug, lesson));
        let (questions, slug) = (&found.lesson().questions, &found.lesson().module.slug);
        let right = match score(questions, answers) {
            Ok(right) => right,
            Err(refusal) => return Ok(Err(refusal.into())),
        };
        let version = &found.lessons.version;
        let (correct, total) = (
            right.iter().filter(|r| **r).count() as i32,
            right.len() as i32,
        );
        let passed = passes(correct, total, version.pass_percent);
        CheckAttempt::create(
            conn,
            &CheckAttempt {
                id: CheckAttemptId::new(),
                study_enrollment_id: found.enrollment.id.clone(),
                lesson: slug.clone(),
                correct,
                total,
                passed,
                answers: serde_json::to_string(answers).expect("answers serialise"),
                created_at: now,
            },
        )?;
        let best = CheckAttempt::best_by_lesson(conn, &found.enrollment.id)?
            .remove(slug)
            .map_or(correct, |b| b.correct);
        let enrollment = recount(conn, composer, me, &found, now)?;
        let lang = lang.code();
        Ok(Ok(CheckResult {
            correct,
            total,
            passed,
            pass_percent: version.pass_percent,
            best_correct: best,
            questions: shown(questions, answers, &right, lang),
            completed: enrollment.completed_at.is_some(),
            certificate_id: enrollment.certificate_id.map(|c| c.0),
        }))
    })
}

fn shown(
    questions: &[Question],
    answers: &[Vec<usize>],
    right: &[bool],
    lang: &str,
) -> Vec<QuestionResult> {
    let text = |t: &Text| t.get(lang).to_string();
    questions
        .iter()
        .zip(answers)
        .zip(right)
        .map(|((q, chosen), right)| QuestionResult {
            text: text(&q.text),
            right: *right,
            answers: q
                .answers
                .iter()
                .enumerate()
                .map(|(i, a)| AnswerResult {
                    text: text(&a.text),
                    chosen: chosen.contains(&i),
                    correct: a.correct,
                    explanation: text(&a.explanation),
                })
                .collect(),
        })
        .collect()
}

/// Recounts lessons done and checks passed, and completes the program (issuing the
/// self-study certificate) when both reach every lesson.
pub(super) fn recount(
    conn: &mut DbConnection,
    composer: &Composer,
    me: &Identity,
    found: &InLesson,
    now: NaiveDateTime,
) -> Result<StudyEnrollment, AppError> {
    let enrollment = found.enrollment.clone();
    let lessons: Vec<&Module> = found.lessons.lessons.iter().map(|l| &l.module).collect();
    let done = lesson_progress::done_lessons(conn, &enrollment.id)?;
    let best = CheckAttempt::best_by_lesson(conn, &enrollment.id)?;
    let lessons_done = lessons.iter().filter(|l| done.contains(&l.slug)).count() as i32;
    let checks_passed = lessons
        .iter()
        .filter(|l| best.get(&l.slug).is_some_and(|b| b.passed))
        .count() as i32;
    StudyEnrollment::set_counts(conn, &enrollment.id, lessons_done, checks_passed)?;
    let total = lessons.len() as i32;
    let complete = total > 0 && lessons_done == total && checks_passed == total;
    if !complete || enrollment.completed_at.is_some() {
        return Ok(StudyEnrollment {
            lessons_done,
            checks_passed,
            ..enrollment
        });
    }
    let results: Vec<(&Module, Option<&BestResult>)> =
        lessons.iter().map(|l| (*l, best.get(&l.slug))).collect();
    let cert = crate::certificates::self_study::issue(
        conn,
        composer,
        &me.person,
        &found.program,
        &found.lessons.version,
        &results,
        now,
    )?;
    StudyEnrollment::complete(conn, &enrollment.id, &cert.id, now)?;
    Ok(StudyEnrollment {
        lessons_done,
        checks_passed,
        completed_at: Some(now),
        certificate_id: Some(cert.id),
        ..enrollment
    })
}
