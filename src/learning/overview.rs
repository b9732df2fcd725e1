//! What a learner sees: the self-paced programs with their progress, one program's lessons,
//! and one lesson with its guide, video and check.

use serde::Serialize;

use std::sync::Arc;

use super::cache::{Lessons, lessons_of};
use super::study::{enrolled_lesson, newest, program};
use crate::accounts::Identity;
use crate::db::DbConnection;
use crate::db::models::{
    CheckAttempt, CurriculumVersion, Module, Program, StudyEnrollment, lesson_progress,
};
use crate::domain::language::Language;
use crate::domain::states::ProgramKind;
use crate::error::{AppError, Outcome, proceed};

/// A self-paced program with the learner's progress.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProgramCard {
    /// Id (slug).
    pub slug: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Lessons.
    pub lessons: i32,
    /// Estimated minutes for everything.
    pub minutes: i32,
    /// The learner has enrolled.
    pub enrolled: bool,
    /// Lessons marked done.
    pub lessons_done: i32,
    /// Checks passed.
    pub checks_passed: i32,
    /// Percent complete (lessons done and checks passed over twice the lessons).
    pub percent: i32,
    /// Every lesson done and check passed.
    pub completed: bool,
    /// The self-study certificate, once complete.
    pub certificate_id: Option<String>,
}

/// One lesson in a program's overview.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LessonRow {
    /// Id (slug).
    pub slug: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Estimated minutes.
    pub minutes: i32,
    /// Marked done.
    pub done: bool,
    /// The check is passed.
    pub check_passed: bool,
    /// Best correct answers so far (none: not tried).
    pub best_correct: Option<i32>,
    /// Questions in the check.
    pub check_total: Option<i32>,
}

/// A self-paced program's page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Overview {
    /// The program and the learner's progress.
    pub program: ProgramCard,
    /// Where to ask questions in the social intranet.
    pub community_url: Option<String>,
    /// Pass mark of the checks (percent).
    pub pass_percent: i32,
    /// The lessons in order.
    pub lessons: Vec<LessonRow>,
}

/// A question as a learner sees it before answering (no correct flags).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AskedQuestion {
    /// The question.
    pub text: String,
    /// Several answers may be right.
    pub multiple: bool,
    /// The answers in order.
    pub answers: Vec<String>,
}

/// One lesson's page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LessonPage {
    /// The lesson's row id in its curriculum version: its text never changes under this key.
    pub key: String,
    /// The program's slug.
    pub program: String,
    /// The program's title.
    pub program_title: String,
    /// The lesson's slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Minutes.
    pub minutes: i32,
    /// The lesson, Markdown.
    pub body: String,
    /// The guide's title.
    pub guide_title: String,
    /// The how-to guide, Markdown.
    pub guide: String,
    /// The lesson has a video.
    pub video: bool,
    /// The check's questions.
    pub questions: Vec<AskedQuestion>,
    /// Marked done.
    pub done: bool,
    /// The check is passed.
    pub check_passed: bool,
    /// Best correct answers so far.
    pub best_correct: Option<i32>,
    /// Pass mark (percent).
    pub pass_percent: i32,
    /// The previous and next lesson's slugs.
    pub previous: Option<String>,
    /// The next lesson's slug.
    pub next: Option<String>,
    /// Where to ask questions.
    pub community_url: Option<String>,
}

/// A program of either kind, with the person's self-study progress where it is self-paced.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProgramEntry {
    /// Id (slug).
    pub slug: String,
    /// `cohort` or `self_paced`.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// The person's self-study (self-paced programs only).
    pub self_study: Option<ProgramCard>,
}

/// Every program, cohort and self-paced, with the person's self-study progress.
pub fn programs(
    conn: &mut DbConnection,
    me: &Identity,
    lang: Language,
) -> Result<Vec<ProgramEntry>, AppError> {
    let mut cards = catalog(conn, me, lang)?;
    let mut entries = Vec::new();
    for program in Program::list(conn)? {
        let version = newest(conn, &program)?;
        let de = lang == Language::De;
        let card = cards
            .iter()
            .position(|c| c.slug == program.slug)
            .map(|i| cards.remove(i));
        entries.push(ProgramEntry {
            slug: program.slug.clone(),
            kind: program.kind.to_string(),
            title: if de {
                &version.title_de
            } else {
                &version.title_en
            }
            .clone(),
            description: if de {
                &version.description_de
            } else {
                &version.description_en
            }
            .clone(),
            self_study: card,
        });
    }
    Ok(entries)
}

/// Every self-paced program with the person's progress.
pub fn catalog(
    conn: &mut DbConnection,
    me: &Identity,
    lang: Language,
) -> Result<Vec<ProgramCard>, AppError> {
    let mine = StudyEnrollment::list_by_person(conn, &me.person.id)?;
    let mut cards = Vec::new();
    for program in Program::list_of_kind(conn, ProgramKind::SelfPaced)? {
        let enrollment = mine.iter().find(|e| e.program_id == program.id);
        let lessons = version_lessons(conn, &program, enrollment)?;
        cards.push(card(&program, &lessons, enrollment, lang));
    }
    Ok(cards)
}

/// The lessons of the learner's version, or of the newest one before they enroll (kept in
/// memory per version).
fn version_lessons(
    conn: &mut DbConnection,
    program: &Program,
    enrollment: Option<&StudyEnrollment>,
) -> Result<Arc<Lessons>, AppError> {
    match enrollment {
        Some(e) => lessons_of(conn, &e.curriculum_version_id),
        None => {
            let newest = newest(conn, program)?;
            lessons_of(conn, &newest.id)
        }
    }
}

fn card(
    program: &Program,
    cached: &Lessons,
    enrollment: Option<&StudyEnrollment>,
    lang: Language,
) -> ProgramCard {
    let de = lang == Language::De;
    let version = &cached.version;
    let total = cached.lessons.len() as i32;
    let (done, passed) = enrollment.map_or((0, 0), |e| (e.lessons_done, e.checks_passed));
    ProgramCard {
        slug: program.slug.clone(),
        title: if de {
            &version.title_de
        } else {
            &version.title_en
        }
        .clone(),
        description: if de {
            &version.description_de
        } else {
            &version.description_en
        }
        .clone(),
        lessons: total,
        minutes: cached.lessons.iter().map(|l| l.module.minutes).sum(),
        enrolled: enrollment.is_some(),
        lessons_done: done,
        checks_passed: passed,
        percent: if total == 0 {
            0
        } else {
            (done + passed) * 50 / total
        },
        completed: enrollment.is_some_and(|e| e.completed_at.is_some()),
        certificate_id: enrollment.and_then(|e| e.certificate_id.as_ref().map(|c| c.0.clone())),
    }
}

/// One self-paced program's page with the person's progress (enrolled or not).
pub fn overview(
    conn: &mut DbConnection,
    me: &Identity,
    slug: &str,
    lang: Language,
) -> Result<Overview, AppError> {
    let program = program(conn, slug)?;
    let enrollment = StudyEnrollment::find_by_person_program(conn, &me.person.id, &program.id)?;
    let cached = version_lessons(conn, &program, enrollment.as_ref())?;
    let version = &cached.version;
    let lessons: Vec<&Module> = cached.lessons.iter().map(|l| &l.module).collect();
    let (done, best) = match &enrollment {
        Some(e) => (
            lesson_progress::done_lessons(conn, &e.id)?,
            CheckAttempt::best_by_lesson(conn, &e.id)?,
        ),
        None => Default::default(),
    };
    let de = lang == Language::De;
    let rows = lessons
        .iter()
        .map(|l| {
            let b = best.get(&l.slug);
            LessonRow {
                slug: l.slug.clone(),
                title: if de { &l.title_de } else { &l.title_en }.clone(),
                summary: if de { &l.summary_de } else { &l.summary_en }.clone(),
                minutes: l.minutes,
                done: done.contains(&l.slug),
                check_passed: b.is_some_and(|b| b.passed),
                best_correct: b.map(|b| b.correct),
                check_total: b.map(|b| b.total),
            }
        })
        .collect();
    Ok(Overview {
        program: card(&program, &cached, enrollment.as_ref(), lang),
        community_url: community(version, lang),
        pass_percent: version.pass_percent,
        lessons: rows,
    })
}

/// The program version's community address in a language.
pub(super) fn community(version: &CurriculumVersion, lang: Language) -> Option<String> {
    if lang == Language::De {
        version.community_de.clone()
    } else {
        version.community_en.clone()
    }
}

/// One lesson for an enrolled learner.
pub fn lesson_page(
    conn: &mut DbConnection,
    me: &Identity,
    slug: &str,
    lesson: &str,
    lang: Language,
) -> Outcome<LessonPage> {
    let found = proceed!(enrolled_lesson(conn, me, slug, lesson));
    let (program, enrollment, at) = (&found.program, &found.enrollment, found.at);
    let version = &found.lessons.version;
    let cached = found.lesson();
    let (module, material, questions) = (&cached.module, &cached.material, &cached.questions);
    let lessons = &found.lessons.lessons;
    let done = lesson_progress::done_lessons(conn, &enrollment.id)?;
    let best = CheckAttempt::best_by_lesson(conn, &enrollment.id)?.remove(&module.slug);
    let de = lang == Language::De;
    let code = lang.code();
    let pick = |a: &String, b: &String| if de { a.clone() } else { b.clone() };
    Ok(Ok(LessonPage {
        key: module.id.0.clone(),
        program: program.slug.clone(),
        program_title: pick(&version.title_de, &version.title_en),
        slug: module.slug.clone(),
        title: pick(&module.title_de, &module.title_en),
        minutes: module.minutes,
        body: pick(&module.lesson_de, &module.lesson_en),
        guide_title: pick(&material.guide_title_de, &material.guide_title_en),
        guide: pick(&material.guide_de, &material.guide_en),
        video: material.video_key.is_some(),
        questions: questions
            .iter()
            .map(|q| AskedQuestion {
                text: q.text.get(code).to_string(),
                multiple: q.kind == crate::content::model::QuestionKind::Multiple,
                answers: q
                    .answers
                    .iter()
                    .map(|a| a.text.get(code).to_string())
                    .collect(),
            })
            .collect(),
        done: done.contains(&module.slug),
        check_passed: best.is_some_and(|b| b.passed),
        best_correct: best.map(|b| b.correct),
        pass_percent: version.pass_percent,
        previous: at.checked_sub(1).map(|i| lessons[i].module.slug.clone()),
        next: lessons.get(at + 1).map(|l| l.module.slug.clone()),
        community_url: community(version, lang),
    }))
}
