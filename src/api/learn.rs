//! `getMyProgress`, `listMyAssignments`, `getAssignment`, `saveDraft`, `submitAssignment`,
//! `withdrawSubmission`: the trainee's journey as JSON.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::accounts::SignedIn;
use crate::domain::ids::EnrollmentId;
use crate::error::AppError;
use crate::state::AppState;
use crate::submissions::journey::{self, AssignmentPage, AssignmentStatus, Progress};
use crate::submissions::work::{self, Outcome};

/// The signed-in person's cohorts with module timeline and progress.
#[utoipa::path(get, path = "/api/v1/me/progress", operation_id = "getMyProgress", tag = "learning", security(("bearer" = [])),
    responses((status = 200, body = Vec<Progress>)))]
pub async fn get_my_progress(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
) -> Result<HttpResponse, AppError> {
    let (person, lang, now) = (
        me.0.person,
        super::api_language(&req, None)?,
        state.clock.now_naive(),
    );
    Ok(HttpResponse::Ok().json(
        crate::db::run(&state.pool, move |conn| {
            journey::my_progress(conn, &person, lang, now)
        })
        .await?,
    ))
}

/// Every assignment of every cohort of the signed-in person, with state and deadline.
#[utoipa::path(get, path = "/api/v1/me/assignments", operation_id = "listMyAssignments", tag = "learning", security(("bearer" = [])),
    responses((status = 200, body = Vec<AssignmentStatus>)))]
pub async fn list_my_assignments(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
) -> Result<HttpResponse, AppError> {
    let (person, lang, now) = (
        me.0.person,
        super::api_language(&req, None)?,
        state.clock.now_naive(),
    );
    let progress = crate::db::run(&state.pool, move |conn| {
        journey::my_progress(conn, &person, lang, now)
    })
    .await?;
    let list: Vec<serde_json::Value> = progress
        .into_iter()
        .flat_map(|p| {
            let enrollment = p.enrollment_id.clone();
            p.modules.into_iter().flat_map(move |m| {
                let enrollment = enrollment.clone();
                m.assignments.into_iter().map(move |a| serde_json::json!({ "enrollment_id": enrollment, "module": m.id, "assignment": a }))
            })
        })
        .collect();
    Ok(HttpResponse::Ok().json(list))
}

/// One assignment of one of the person's enrollments: brief, rubric, draft, versions.
#[utoipa::path(get, path = "/api/v1/enrollments/{enrollment_id}/assignments/{assignment_id}", operation_id = "getAssignment", tag = "learning",
    security(("bearer" = [])),
    params(("enrollment_id" = String, Path, description = "Enrollment id"), ("assignment_id" = String, Path, description = "Assignment id (slug)")),
    responses((status = 200, body = AssignmentPage), (status = 404, description = "Not yours, or no such assignment")))]
pub async fn get_assignment(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (enrollment, slug) = path.into_inner();
    let (person, lang, now) = (
        me.0.person,
        super::api_language(&req, None)?,
        state.clock.now_naive(),
    );
    let page = crate::db::run(&state.pool, move |conn| {
        journey::assignment_page(conn, &person, &EnrollmentId(enrollment), &slug, lang, now)
    })
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// A draft or a submission.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkRequest {
    /// The text (Markdown).
    pub body: String,
    /// The lock version you read.
    pub lock_version: i32,
}

async fn save(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
    body: WorkRequest,
    submit: bool,
) -> Result<HttpResponse, AppError> {
    let (enrollment, slug) = path.into_inner();
    let lang = super::api_language(&req, None)?.code();
    let (person, now) = (me.0.person.id, state.clock.now_naive());
    let composer = state.composer.clone();
    let outcome: Outcome = crate::db::run(&state.pool, move |conn| {
        work::save(
            conn,
            &composer,
            &person,
            &EnrollmentId(enrollment),
            &slug,
            &body.body,
            body.lock_version,
            submit,
            lang,
            now,
        )
    })
    .await?;
    Ok(match outcome.refusal {
        None => HttpResponse::Ok().json(outcome),
        Some(_) => HttpResponse::UnprocessableEntity().json(outcome),
    })
}

/// Saves the draft.
#[utoipa::path(put, path = "/api/v1/enrollments/{enrollment_id}/assignments/{assignment_id}/draft", operation_id = "saveDraft", tag = "learning",
    request_body = WorkRequest, security(("bearer" = [])),
    params(("enrollment_id" = String, Path, description = "Enrollment id"), ("assignment_id" = String, Path, description = "Assignment id (slug)")),
    responses((status = 200, body = Outcome), (status = 422, body = Outcome, description = "Refused; see refusal")))]
pub async fn save_draft(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
    body: web::Json<WorkRequest>,
) -> Result<HttpResponse, AppError> {
    save(req, state, me, path, body.into_inner(), false).await
}

/// Submits the text as a new version (late after the due moment; refused after a hard cut-off).
#[utoipa::path(post, path = "/api/v1/enrollments/{enrollment_id}/assignments/{assignment_id}/submission", operation_id = "submitAssignment", tag = "learning",
    request_body = WorkRequest, security(("bearer" = [])),
    params(("enrollment_id" = String, Path, description = "Enrollment id"), ("assignment_id" = String, Path, description = "Assignment id (slug)")),
    responses((status = 200, body = Outcome), (status = 422, body = Outcome, description = "Refused; the text is kept as the draft")))]
pub async fn submit_assignment(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
    body: web::Json<WorkRequest>,
) -> Result<HttpResponse, AppError> {
    save(req, state, me, path, body.into_inner(), true).await
}

/// Withdraws the submission while grading has not started.
#[utoipa::path(post, path = "/api/v1/enrollments/{enrollment_id}/assignments/{assignment_id}/withdraw", operation_id = "withdrawSubmission", tag = "learning",
    security(("bearer" = [])),
    params(("enrollment_id" = String, Path, description = "Enrollment id"), ("assignment_id" = String, Path, description = "Assignment id (slug)")),
    responses((status = 200, body = Outcome), (status = 409, body = Outcome, description = "Not possible now")))]
pub async fn withdraw_submission(
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (enrollment, slug) = path.into_inner();
    let (person, now) = (me.0.person.id, state.clock.now_naive());
    let outcome = crate::db::run(&state.pool, move |conn| {
        work::withdraw(conn, &person, &EnrollmentId(enrollment), &slug, now)
    })
    .await?;
    Ok(match outcome.refusal {
        None => HttpResponse::Ok().json(outcome),
        Some(_) => HttpResponse::Conflict().json(outcome),
    })
}

/// Uploads one file (`multipart/form-data`, field `file`) to the draft of an assignment.
#[utoipa::path(post, path = "/api/v1/enrollments/{enrollment_id}/assignments/{assignment_id}/attachments", operation_id = "uploadAttachment", tag = "learning",
    security(("bearer" = [])),
    params(("enrollment_id" = String, Path, description = "Enrollment id"), ("assignment_id" = String, Path, description = "Assignment id (slug)")),
    request_body(content_type = "multipart/form-data", description = "A field `file` with the file"),
    responses((status = 201, body = crate::db::models::Attachment), (status = 413, description = "Too large"), (status = 415, description = "Type not accepted, or content and name disagree"), (status = 422, description = "Not possible now")))]
pub async fn upload_attachment(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
    mut payload: actix_multipart::Multipart,
) -> Result<HttpResponse, AppError> {
    use futures_util::StreamExt;
    let (enrollment, slug) = path.into_inner();
    let lang = super::api_language(&req, None)?;
    while let Some(field) = payload.next().await {
        let field = field.map_err(|e| AppError::BadRequest(format!("upload: {e}")))?;
        if field.name() != Some("file") {
            continue;
        }
        let name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .unwrap_or("file")
            .to_string();
        return Ok(
            match crate::routes::attachments::receive(&state, &me, &enrollment, &slug, &name, field)
                .await?
            {
                Ok(row) => HttpResponse::Created().json(row),
                Err((key, status)) => {
                    crate::error::problem_response(status, &crate::web::i18n::t(lang, key), None)
                }
            },
        );
    }
    Err(AppError::BadRequest("no field `file` in the upload".into()))
}

/// Downloads an attachment (the trainee's own, or as owner or the cohort's co-trainer).
#[utoipa::path(get, path = "/api/v1/attachments/{attachment_id}", operation_id = "downloadAttachment", tag = "learning",
    security(("bearer" = [])), params(("attachment_id" = String, Path, description = "Attachment id")),
    responses((status = 200, description = "The file, as an attachment"), (status = 404, description = "Not yours, or no such file")))]
pub async fn download_attachment(
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    crate::routes::attachments::download(state, me, id).await
}
