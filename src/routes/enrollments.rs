//! `/enrollments/{id}` (owner): one trainee's enrollment page, and moving, deferring,
//! withdrawing and extending it.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::Owner;
use crate::cohorts::enrollment;
use crate::domain::ids::{CohortId, EnrollmentId};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::http::see_other;
use crate::web::templates::Page;

/// `GET /enrollments/{id}`: one trainee's enrollment, to move, defer, extend or withdraw.
pub async fn enrollment_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (actor, id) = (owner.0, EnrollmentId(id.into_inner()));
    let e = crate::db::run(&state.pool, move |conn| {
        crate::cohorts::enrollment_view::actions(conn, &actor, &id)
    })
    .await?;
    Page::new(&req, "cohorts/enrollment.html")
        .with("e", &e)
        .render(&state.templates)
}

/// Where to move an enrollment.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoveForm {
    cohort_id: String,
    #[serde(default)]
    mode: Option<String>,
}

/// `POST /enrollments/{id}/move`: moves (or, with `mode=defer`, defers) with the work.
pub async fn move_enrollment(
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let defer = form.mode.as_deref() == Some("defer");
    let (actor, now, id, target) = (
        owner.0,
        state.clock.now_naive(),
        EnrollmentId(id.into_inner()),
        CohortId(form.cohort_id),
    );
    let back = format!("/cohorts/{target}?saved=1");
    match crate::db::run(&state.pool, move |conn| {
        enrollment::move_to(conn, &actor, &id, &target, defer, now)
    })
    .await?
    {
        Ok(()) => Ok(see_other(&back)),
        Err(refusal) => Ok(super::refused(&refusal)),
    }
}

/// `POST /enrollments/{id}/withdraw`.
pub async fn withdraw(
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (actor, now, id) = (
        owner.0,
        state.clock.now_naive(),
        EnrollmentId(id.into_inner()),
    );
    match crate::db::run(&state.pool, move |conn| {
        enrollment::withdraw(conn, &actor, &id, now)
    })
    .await?
    {
        Ok(cohort) => Ok(see_other(&format!("/cohorts/{cohort}?saved=1"))),
        Err(refusal) => Ok(super::refused(&refusal)),
    }
}

/// The extension form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtensionForm {
    assignment: String,
    until: String,
    reason: String,
}

/// `POST /enrollments/{id}/extensions`: a later due date for one assignment.
pub async fn extend(
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    form: web::Form<ExtensionForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let (actor, now, id) = (
        owner.0,
        state.clock.now_naive(),
        EnrollmentId(id.into_inner()),
    );
    let granted = crate::db::run(&state.pool, move |conn| {
        crate::cohorts::extensions::grant(
            conn,
            &actor,
            &id,
            &form.assignment,
            &form.until,
            &form.reason,
            now,
        )
    })
    .await?;
    match granted {
        Ok(cohort) => Ok(see_other(&format!("/cohorts/{cohort}?saved=1"))),
        Err(refusal) => Ok(super::refused(&refusal)),
    }
}
