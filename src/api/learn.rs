//! `getMyProgress`, `listMyAssignments`, `getAssignment`, `saveDraft`, `submitAssignment`,
//! `withdrawSubmission`: the trainee's journey as JSON.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::accounts::SignedIn;
use crate::domain::ids::{AttachmentId, EnrollmentId};
use crate::error::AppError;
use crate::state::AppState;
use crate::submissions::journey::{self, AssignmentPage, AssignmentStatus, Progress};
use crate::submissions::upload::{self, Upload};
use crate::submissions::work::{self, Work, WorkStatus};

/// The signed-in person's progress: cohorts with their module timeline, and self-study.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyProgress {
    /// Each cohort enrollment.
    pub cohorts: Vec<Progress>,
    /// Each self-paced program (enrolled or not) with the person's progress.
    pub self_study: Vec<crate::learning::ProgramCard>,
}

/// The signed-in person's cohorts with module timeline and progress, and their self-study.
#[utoipa::path(get, path = "/api/v1/me/progress", operation_id = "getMyProgress", tag = "learning", security(("bearer" = [])),
    responses((status = 200, body = MyProgress)))]
pub async fn get_my_progress(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
) -> Result<HttpResponse, AppError> {
    let (person, lang, now) = (
        me.0,
        super::api_language(&req, None)?,
        state.clock.now_naive(),
    );
    Ok(HttpResponse::Ok().json(
        crate::db::run(&state.pool, move |conn| {
            Ok(MyProgress {
                cohorts: journey::my_progress(conn, &person.person, lang, now)?,
                self_study: crate::learning::catalog(conn, &person, lang)?,
            })
        })
        .await?,
    ))
}

/// One assignment of one of the signed-in person's enrollments.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyAssignment {
    /// The enrollment it belongs to.
    pub enrollment_id: String,
    /// The module's id (slug).
    pub module: String,
    /// The assignment, its state and deadline.
    pub assignment: AssignmentStatus,
}

/// Every assignment of every cohort of the signed-in person, with state and deadline.
#[utoipa::path(get, path = "/api/v1/me/assignments", operation_id = "listMyAssignments", tag = "learning", security(("bearer" = [])),
    responses((status = 200, body = Vec<MyAssignment>)))]
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
    let list: Vec<MyAssignment> = progress
        .into_iter()
        .flat_map(|p| {
            let enrollment = p.enrollment_id.clone();
            p.modules.into_iter().flat_map(move |m| {
                let enrollment = enrollment.clone();
                m.assignments.into_iter().map(move |a| MyAssignment {
                    enrollment_id: enrollment.clone(),
                    module: m.id.clone(),
                    assignment: a,
                })
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
    let (enrollment, assignment) = path.into_inner();
    let work = Work {
        person: me.0.person.id,
        enrollment: EnrollmentId(enrollment),
        assignment,
        body: body.body,
        lock_version: body.lock_version,
        language: super::api_language(&req, None)?.code().to_string(),
    };
    let (composer, now) = (state.composer.clone(), state.clock.now_naive());
    let outcome = crate::db::run(&state.pool, move |conn| match submit {
        true => work::submit(conn, &composer, &work, now),
        false => work::save_draft(conn, &work, now),
    })
    .await?;
    Ok(match outcome {
        Ok(status) => HttpResponse::Ok().json(status),
        Err(refusal) => super::refused(&req, &refusal),
    })
}

/// Saves the draft.
#[utoipa::path(put, path = "/api/v1/enrollments/{enrollment_id}/assignments/{assignment_id}/draft", operation_id = "saveDraft", tag = "learning",
    request_body = WorkRequest, security(("bearer" = [])),
    params(("enrollment_id" = String, Path, description = "Enrollment id"), ("assignment_id" = String, Path, description = "Assignment id (slug)")),
    responses((status = 200, body = WorkStatus), (status = 422, body = WorkStatus, description = "Refused; see refusal")))]
pub async fn save_draft(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
    body: super::Body<WorkRequest>,
) -> Result<HttpResponse, AppError> {
    save(req, state, me, path, body.into_inner(), false).await
}

/// Submits the text as a new version (late after the due moment; refused after a hard cut-off).
#[utoipa::path(post, path = "/api/v1/enrollments/{enrollment_id}/assignments/{assignment_id}/submission", operation_id = "submitAssignment", tag = "learning",
    request_body = WorkRequest, security(("bearer" = [])),
    params(("enrollment_id" = String, Path, description = "Enrollment id"), ("assignment_id" = String, Path, description = "Assignment id (slug)")),
    responses((status = 200, body = WorkStatus), (status = 422, body = WorkStatus, description = "Refused; the text is kept as the draft")))]
pub async fn submit_assignment(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
    body: super::Body<WorkRequest>,
) -> Result<HttpResponse, AppError> {
    save(req, state, me, path, body.into_inner(), true).await
}

/// Withdraws the submission while grading has not started.
#[utoipa::path(post, path = "/api/v1/enrollments/{enrollment_id}/assignments/{assignment_id}/withdraw", operation_id = "withdrawSubmission", tag = "learning",
    security(("bearer" = [])),
    params(("enrollment_id" = String, Path, description = "Enrollment id"), ("assignment_id" = String, Path, description = "Assignment id (slug)")),
    responses((status = 200, body = WorkStatus), (status = 409, body = WorkStatus, description = "Not possible now")))]
pub async fn withdraw_submission(
    req: HttpRequest,
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
    Ok(match outcome {
        Ok(status) => HttpResponse::Ok().json(status),
        Err(refusal) => super::refused(&req, &refusal),
    })
}

/// Uploads one file (`multipart/form-data`, field `file`) to the draft of an assignment.
#[utoipa::path(post, path = "/api/v1/enrollments/{enrollment_id}/assignments/{assignment_id}/attachments", operation_id = "uploadAttachment", tag = "learning",
    security(("bearer" = [])),
    params(("enrollment_id" = String, Path, description = "Enrollment id"), ("assignment_id" = String, Path, description = "Assignment id (slug)")),
    request_body(content_type = "multipart/form-data", description = "A field `file` with the file"),
    responses((status = 201, body = crate::submissions::upload::Attachment), (status = 413, description = "Too large"), (status = 415, description = "Type not accepted, or content and name disagree"), (status = 422, description = "Not possible now")))]
pub async fn upload_attachment(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
    mut payload: actix_multipart::Multipart,
) -> Result<HttpResponse, AppError> {
    use futures_util::StreamExt;
    let (enrollment, slug) = path.into_inner();
    while let Some(field) = payload.next().await {
        let field = field.map_err(|e| AppError::BadRequest(format!("upload: {e}")))?;
        if field.name() != Some("file") {
            continue;
        }
        let upload = Upload {
            person: me.0.person.id.clone(),
            language: me.0.person.language.clone(),
            enrollment: EnrollmentId(enrollment),
            assignment: slug,
            name: field
                .content_disposition()
                .and_then(|cd| cd.get_filename())
                .unwrap_or("file")
                .to_string(),
        };
        let now = state.clock.now_naive();
        return Ok(
            match upload::upload(state.uploads(), upload, field, now).await? {
                Ok(row) => HttpResponse::Created().json(row),
                Err(refusal) => super::refused(&req, &refusal),
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
    let (attachment, name, file) = upload::open(
        &state.pool,
        &state.storage,
        me.0,
        AttachmentId(id.into_inner()),
    )
    .await?;
    Ok(crate::web::http::stored_download(
        file,
        attachment.content_type.as_str(),
        &name,
    ))
}
