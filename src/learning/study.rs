//! Enrolling, marking a lesson done, completion with its certificate, and the lesson's video
//! and captions for a learner.

use chrono::NaiveDateTime;

use crate::accounts::Identity;
use std::sync::Arc;

use super::cache::{CachedLesson, Lessons, lessons_of};
use crate::db::models::{
    CurriculumVersion, LessonMaterial, Program, StudyEnrollment, lesson_progress,
};
use crate::db::{DbConnection, refusable_tx};
use crate::domain::language::Language;
use crate::domain::states::ProgramKind;
use crate::error::{AppError, Outcome, reasons};
use crate::mail::compose::Composer;

reasons! {
    /// Why a self-study step was refused.
    pub enum LearnRefusal {
        /// The person has not enrolled in the program.
        NotEnrolled = "not_enrolled" => ("study-error-not-enrolled", CONFLICT),
        /// The answers do not fit the check's questions.
        BadAnswers = "bad_answers" => ("study-error-answers", UNPROCESSABLE_ENTITY),
        /// A question was left unanswered.
        Unanswered = "unanswered" => ("study-error-unanswered", UNPROCESSABLE_ENTITY),
    }
}

/// The self-paced program with this slug, or 404.
pub(super) fn program(conn: &mut DbConnection, slug: &str) -> Result<Program, AppError> {
    Program::find_by_slug(conn, slug)?
        .filter(|p| p.kind == ProgramKind::SelfPaced)
        .ok_or(AppError::NotFound)
}

/// The newest version of a program.
pub(super) fn newest(
    conn: &mut DbConnection,
    program: &Program,
) -> Result<CurriculumVersion, AppError> {
    CurriculumVersion::find_current(conn, &program.id)?.ok_or(AppError::NotFound)
}

/// Enrolls the person in a self-paced program (nothing happens when they already are).
pub fn enroll(
    conn: &mut DbConnection,
    me: &Identity,
    slug: &str,
    now: NaiveDateTime,
) -> Outcome<StudyEnrollment> {
    let program = program(conn, slug)?;
    crate::db::write_tx(conn, |conn| {
        let version = newest(conn, &program)?;
        let row = StudyEnrollment::start(&me.person.id, &program.id, &version.id, now);
        StudyEnrollment::create_if_absent(conn, &row)?;
        let enrollment = StudyEnrollment::find_by_person_program(conn, &me.person.id, &program.id)?
            .ok_or(AppError::NotFound)?;
        Ok(Ok(enrollment))
    })
}

/// A learner's enrollment with its version's lessons and the one asked for.
pub(super) struct InLesson {
    /// The self-paced program.
    pub program: Program,
    /// The learner's enrollment.
    pub enrollment: StudyEnrollment,
    /// The enrollment's version with its lessons.
    pub lessons: Arc<Lessons>,
    /// The lesson's position in `lessons`.
    pub at: usize,
}

impl InLesson {
    /// The lesson asked for.
    pub fn lesson(&self) -> &CachedLesson {
        &self.lessons.lessons[self.at]
    }
}

/// The learner's enrollment and one lesson of its version, or a refusal / 404.
pub(super) fn enrolled_lesson(
    conn: &mut DbConnection,
    me: &Identity,
    slug: &str,
    lesson: &str,
) -> Outcome<InLesson> {
    let program = program(conn, slug)?;
    let Some(enrollment) =
        StudyEnrollment::find_by_person_program(conn, &me.person.id, &program.id)?
    else {
        // A lesson that does not exist stays 404, enrolled or not.
        let version = newest(conn, &program)?;
        lessons_of(conn, &version.id)?
            .find(lesson)
            .ok_or(AppError::NotFound)?;
        return Ok(Err(LearnRefusal::NotEnrolled.into()));
    };
    let lessons = lessons_of(conn, &enrollment.curriculum_version_id)?;
    let at = lessons.find(lesson).ok_or(AppError::NotFound)?.0;
    Ok(Ok(InLesson {
        program,
        enrollment,
        lessons,
        at,
    }))
}

/// Marks a lesson done; completes the program when this was the last step.
pub fn complete_lesson(
    conn: &mut DbConnection,
    composer: &Composer,
    me: &Identity,
    slug: &str,
    lesson: &str,
    now: NaiveDateTime,
) -> Outcome<StudyEnrollment> {
    refusable_tx(conn, |conn| {
        let found = crate::error::proceed!(enrolled_lesson(conn, me, slug, lesson));
        let slug = &found.lesson().module.slug;
        lesson_progress::mark_done(conn, &found.enrollment.id, slug, now)?;
        let enrollment = super::checks::recount(conn, composer, me, &found, now)?;
        Ok(Ok(enrollment))
    })
}

/// Where a lesson's video is stored, for streaming.
#[derive(Debug, Clone)]
pub struct VideoRef {
    /// Storage key (content-addressed).
    pub key: String,
    /// Media type.
    pub media_type: String,
    /// Size in bytes.
    pub bytes: u64,
}

/// The video of a lesson the person is enrolled for (404 otherwise, and when it has none).
pub fn video(
    conn: &mut DbConnection,
    me: &Identity,
    slug: &str,
    lesson: &str,
) -> Result<VideoRef, AppError> {
    let material = enrolled_material(conn, me, slug, lesson)?;
    match (
        material.video_key,
        material.video_type,
        material.video_bytes,
    ) {
        (Some(key), Some(media_type), Some(bytes)) => Ok(VideoRef {
            key,
            media_type,
            bytes: bytes.max(0) as u64,
        }),
        _ => Err(AppError::NotFound),
    }
}

/// The WebVTT captions of a lesson's video in one language.
pub fn captions(
    conn: &mut DbConnection,
    me: &Identity,
    slug: &str,
    lesson: &str,
    lang: Language,
) -> Result<String, AppError> {
    let material = enrolled_material(conn, me, slug, lesson)?;
    let text = if lang == Language::De {
        material.captions_de
    } else {
        material.captions_en
    };
    text.ok_or(AppError::NotFound)
}

fn enrolled_material(
    conn: &mut DbConnection,
    me: &Identity,
    slug: &str,
    lesson: &str,
) -> Result<LessonMaterial, AppError> {
    let found = enrolled_lesson(conn, me, slug, lesson)?.map_err(|_| AppError::NotFound)?;
    Ok(found.lesson().material.clone())
}
