//! `listPrograms`, `enrollSelf`, `completeLesson`, `answerKnowledgeCheck`: self-study as JSON.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::accounts::SignedIn;
use crate::error::AppError;
use crate::learning::{self, CheckResult, Overview, ProgramEntry};
use crate::state::AppState;

/// Every program (cohort and self-paced) with the caller's self-study progress.
#[utoipa::path(get, path = "/api/v1/programs", operation_id = "listPrograms", tag = "learning", security(("bearer" = [])),
    responses((status = 200, body = Vec<ProgramEntry>)))]
pub async fn list_programs(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
) -> Result<HttpResponse, AppError> {
    let lang = super::api_language(&req, None)?;
    let list = crate::db::run_read(&state.pool, state.sqlite(), move |conn| {
        learning::programs(conn, &me.0, lang)
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Enrolls the caller in a self-paced program (again: nothing changes) and answers with the
/// program's lessons and progress.
#[utoipa::path(post, path = "/api/v1/programs/{program_id}/enrollment", operation_id = "enrollSelf", tag = "learning", security(("bearer" = [])),
    params(("program_id" = String, Path, description = "A self-paced program's id, e.g. community-basics")),
    responses((status = 200, body = Overview), (status = 404, description = "No such self-paced program", content_type = "application/problem+json")))]
pub async fn enroll_self(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (lang, slug, now) = (
        super::api_language(&req, None)?,
        path.into_inner(),
        state.clock.now_naive(),
    );
    let outcome = crate::db::run(&state.pool, move |conn| {
        Ok(match learning::enroll(conn, &me.0, &slug, now)? {
            Ok(_) => Ok(learning::overview(conn, &me.0, &slug, lang)?),
            Err(refusal) => Err(refusal),
        })
    })
    .await?;
    Ok(match outcome {
        Ok(overview) => HttpResponse::Ok().json(overview),
        Err(refusal) => super::refused(&req, &refusal),
    })
}

/// Marks a lesson done and answers with the program's progress.
#[utoipa::path(post, path = "/api/v1/programs/{program_id}/lessons/{lesson_id}/completion", operation_id = "completeLesson", tag = "learning", security(("bearer" = [])),
    params(("program_id" = String, Path, description = "Program id"), ("lesson_id" = String, Path, description = "Lesson id")),
    responses((status = 200, body = Overview), (status = 404, description = "No such lesson", content_type = "application/problem+json"),
        (status = 409, description = "Not enrolled", content_type = "application/problem+json")))]
pub async fn complete_lesson(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (lang, now) = (super::api_language(&req, None)?, state.clock.now_naive());
    let (slug, lesson) = path.into_inner();
    let composer = state.composer.clone();
    let outcome = crate::db::run(&state.pool, move |conn| {
        Ok(
            match learning::complete_lesson(conn, &composer, &me.0, &slug, &lesson, now)? {
                Ok(_) => Ok(learning::overview(conn, &me.0, &slug, lang)?),
                Err(refusal) => Err(refusal),
            },
        )
    })
    .await?;
    Ok(match outcome {
        Ok(overview) => HttpResponse::Ok().json(overview),
        Err(refusal) => super::refused(&req, &refusal),
    })
}

/// One attempt at a knowledge check.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckAnswers {
    /// Per question, the positions (0-based) of the chosen answers.
    pub answers: Vec<Vec<usize>>,
}

/// Answers a lesson's knowledge check; every attempt is kept and the best one counts.
#[utoipa::path(post, path = "/api/v1/programs/{program_id}/lessons/{lesson_id}/check", operation_id = "answerKnowledgeCheck", tag = "learning", security(("bearer" = [])),
    request_body = CheckAnswers,
    params(("program_id" = String, Path, description = "Program id"), ("lesson_id" = String, Path, description = "Lesson id")),
    responses((status = 200, body = CheckResult), (status = 404, description = "No such lesson", content_type = "application/problem+json"),
        (status = 409, description = "Not enrolled", content_type = "application/problem+json"),
        (status = 422, description = "Answers that do not fit the questions", content_type = "application/problem+json")))]
pub async fn answer_knowledge_check(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
    body: web::Json<CheckAnswers>,
) -> Result<HttpResponse, AppError> {
    let (lang, now) = (super::api_language(&req, None)?, state.clock.now_naive());
    let (slug, lesson) = path.into_inner();
    let composer = state.composer.clone();
    let answers = body.into_inner().answers;
    if answers.len() > 20 || answers.iter().any(|a| a.len() > 20) {
        return Err(AppError::Malformed {
            detail: "answers: at most 20 questions with 20 choices each".into(),
            at: None,
        });
    }
    let outcome = crate::db::run(&state.pool, move |conn| {
        let attempt = learning::Attempt {
            program: &slug,
            lesson: &lesson,
            answers: &answers,
        };
        learning::answer_check(conn, &composer, &me.0, attempt, lang, now)
    })
    .await?;
    Ok(match outcome {
        Ok(result) => HttpResponse::Ok().json(result),
        Err(refusal) => super::refused(&req, &refusal),
    })
}
