//! `createCohort`, `listCohorts`, `getCohort`, `updateCohort`, `enrollTrainees`,
//! `moveEnrollment`, `withdrawEnrollment`, `assignCoTrainers`, `listAuditLog`.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::accounts::audit::{self, AuditQuery};
use crate::accounts::{Owner, SignedIn};
use crate::cohorts::changes::{self, CohortChange, ScheduleMove};
use crate::cohorts::enrollment::{self, EnrollPlan};
use crate::cohorts::lifecycle::{self, CohortInput};
use crate::cohorts::view::{self, CohortSummary, CohortView};
use crate::domain::ids::{CohortId, EnrollmentId, ModuleId};
use crate::error::AppError;
use crate::state::AppState;

/// Creates a planned cohort with its generated schedule.
#[utoipa::path(post, path = "/api/v1/cohorts", operation_id = "createCohort", tag = "cohorts", request_body = CohortInput,
    security(("bearer" = [])),
    responses((status = 201, body = CohortView), (status = 422, description = "Fields to correct")))]
pub async fn create_cohort(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    body: super::Body<CohortInput>,
) -> Result<HttpResponse, AppError> {
    let lang = super::api_language(&req, None)?.code();
    let (actor, now, input) = (owner.0, state.clock.now_naive(), body.into_inner());
    let created = crate::db::run(&state.pool, move |conn| {
        Ok(match lifecycle::create(conn, &actor, &input, now)? {
            Ok(c) => Ok(view::detail(conn, &actor, &c.id, lang)?),
            Err(refusal) => Err(refusal),
        })
    })
    .await?;
    Ok(match created {
        Ok(view) => HttpResponse::Created().json(view),
        Err(refusal) => super::refused(&req, &refusal),
    })
}

/// Filters and paging for `listCohorts`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CohortListQuery {
    /// planned, running, completed or archived.
    #[serde(default)]
    state: Option<String>,
    /// Text in the name.
    #[serde(default)]
    search: Option<String>,
    /// The `next_cursor` of the previous page.
    #[serde(default)]
    cursor: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[serde(default)]
    #[param(minimum = 1, maximum = 500)]
    limit: Option<i64>,
}

/// Cohorts, latest start first, a page at a time.
#[utoipa::path(get, path = "/api/v1/cohorts", operation_id = "listCohorts", tag = "cohorts", security(("bearer" = [])),
    params(CohortListQuery),
    responses((status = 200, body = crate::db::keyset::Paged<CohortSummary>)))]
pub async fn list_cohorts(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    query: web::Query<CohortListQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = super::api_language(&req, None)?.code();
    let q = query.into_inner();
    let limit = crate::db::keyset::limit(q.limit)?;
    let params = view::CohortParams {
        state: q.state,
        search: q.search,
        cursor: q.cursor,
    };
    let actor = owner.0;
    let page = crate::db::run(&state.pool, move |conn| {
        view::page(conn, &actor, &params, limit, lang)
    })
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One cohort with schedule, co-trainers and trainees (owner, or one of its co-trainers).
#[utoipa::path(get, path = "/api/v1/cohorts/{cohort_id}", operation_id = "getCohort", tag = "cohorts", security(("bearer" = [])),
    params(("cohort_id" = String, Path, description = "Cohort id")),
    responses((status = 200, body = CohortView), (status = 404, description = "No such cohort, or not yours")))]
pub async fn get_cohort(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let lang = super::api_language(&req, None)?.code();
    let (actor, id) = (me.0, CohortId(id.into_inner()));
    Ok(HttpResponse::Ok().json(
        crate::db::run(&state.pool, move |conn| {
            view::detail(conn, &actor, &id, lang)
        })
        .await?,
    ))
}

/// Changes to a cohort.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CohortUpdate {
    /// The version you read (optimistic locking).
    pub lock_version: i32,
    /// New name.
    #[serde(default)]
    pub name: Option<String>,
    /// The next state: running, completed or archived.
    #[serde(default)]
    pub state: Option<String>,
    /// New dates for modules.
    #[serde(default)]
    pub schedule: Vec<ScheduleChange>,
}

/// New dates for one module.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleChange {
    /// Module id.
    pub module_id: String,
    /// Opening date (local).
    #[schema(format = Date)]
    pub unlock_on: String,
    /// Due date (local; due at the end of that day).
    #[schema(format = Date)]
    pub due_on: String,
}

/// Renames, moves to the next state, and/or reschedules a cohort: all or nothing, and only if
/// unchanged since `lock_version`.
#[utoipa::path(patch, path = "/api/v1/cohorts/{cohort_id}", operation_id = "updateCohort", tag = "cohorts", request_body = CohortUpdate,
    security(("bearer" = [])), params(("cohort_id" = String, Path, description = "Cohort id")),
    responses((status = 204, description = "Changed"), (status = 409, description = "Changed meanwhile, or read-only"),
        (status = 422, description = "Dates, name or state refused")))]
pub async fn update_cohort(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    body: super::Body<CohortUpdate>,
) -> Result<HttpResponse, AppError> {
    let (actor, now, id, body) = (
        owner.0,
        state.clock.now_naive(),
        CohortId(id.into_inner()),
        body.into_inner(),
    );
    match crate::db::run(&state.pool, move |conn| {
        let moves: Vec<ScheduleMove> = body
            .schedule
            .into_iter()
            .map(|c| ScheduleMove {
                module: ModuleId(c.module_id),
                unlock_on: c.unlock_on,
                due_on: c.due_on,
            })
            .collect();
        let change = CohortChange {
            lock_version: body.lock_version,
            name: body.name.as_deref(),
            state: body.state.as_deref(),
            schedule: &moves,
        };
        changes::apply(conn, &actor, &id, &change, now)
    })
    .await?
    {
        Ok(()) => Ok(HttpResponse::NoContent().finish()),
        Err(refusal) => Ok(super::refused(&req, &refusal)),
    }
}

/// Trainees to enroll: text as pasted (emails or CSV).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnrollRequest {
    /// One email per line, or CSV with a header row (name, email, language, org_unit, manager_email).
    pub text: String,
    /// Only report what would happen.
    #[serde(default, rename = "dryRun")]
    pub dry_run: bool,
}

/// Enrolls trainees; with `dryRun` nothing changes.
#[utoipa::path(post, path = "/api/v1/cohorts/{cohort_id}/enrollments", operation_id = "enrollTrainees", tag = "cohorts", request_body = EnrollRequest,
    security(("bearer" = [])), params(("cohort_id" = String, Path, description = "Cohort id")),
    responses((status = 200, body = EnrollPlan), (status = 409, description = "The cohort is read-only"),
        (status = 422, description = "A refresher's cohort: people without a certificate it can renew (named in the detail); nobody was enrolled")))]
pub async fn enroll_trainees(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    body: super::Body<EnrollRequest>,
) -> Result<HttpResponse, AppError> {
    let (actor, now, id, body, composer) = (
        owner.0,
        state.clock.now_naive(),
        CohortId(id.into_inner()),
        body.into_inner(),
        state.composer.clone(),
    );
    match crate::db::run(&state.pool, move |conn| {
        if body.dry_run {
            enrollment::plan(conn, &actor, &id, &body.text, now)
        } else {
            enrollment::apply(conn, &composer, &actor, &id, &body.text, now)
        }
    })
    .await?
    {
        Ok(plan) => Ok(HttpResponse::Ok().json(plan)),
        Err(refusal) => Ok(super::refused(&req, &refusal)),
    }
}

/// Where to move an enrollment.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveRequest {
    /// Target cohort id.
    pub cohort_id: String,
    /// A deferral to a later cohort.
    #[serde(default)]
    pub defer: bool,
}

/// Moves (or defers) an enrollment with its work to another cohort.
#[utoipa::path(post, path = "/api/v1/enrollments/{enrollment_id}/move", operation_id = "moveEnrollment", tag = "cohorts", request_body = MoveRequest,
    security(("bearer" = [])), params(("enrollment_id" = String, Path, description = "Enrollment id")),
    responses((status = 204, description = "Moved"), (status = 409, description = "Not possible"),
        (status = 422, description = "Not a cohort to move to")))]
pub async fn move_enrollment(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    body: super::Body<MoveRequest>,
) -> Result<HttpResponse, AppError> {
    let (actor, now, id, body, composer) = (
        owner.0,
        state.clock.now_naive(),
        EnrollmentId(id.into_inner()),
        body.into_inner(),
        state.composer.clone(),
    );
    match crate::db::run(&state.pool, move |conn| {
        enrollment::move_to(
            conn,
            &composer,
            &actor,
            &id,
            &CohortId(body.cohort_id),
            body.defer,
            now,
        )
    })
    .await?
    {
        Ok(()) => Ok(HttpResponse::NoContent().finish()),
        Err(refusal) => Ok(super::refused(&req, &refusal)),
    }
}

/// Withdraws a trainee (their work stays on record).
#[utoipa::path(post, path = "/api/v1/enrollments/{enrollment_id}/withdraw", operation_id = "withdrawEnrollment", tag = "cohorts",
    security(("bearer" = [])), params(("enrollment_id" = String, Path, description = "Enrollment id")),
    responses((status = 204, description = "Withdrawn"), (status = 409, description = "Read-only, or changed meanwhile")))]
pub async fn withdraw_enrollment(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (actor, now, id, composer) = (
        owner.0,
        state.clock.now_naive(),
        EnrollmentId(id.into_inner()),
        state.composer.clone(),
    );
    match crate::db::run(&state.pool, move |conn| {
        enrollment::withdraw(conn, &composer, &actor, &id, now)
    })
    .await?
    {
        Ok(_) => Ok(HttpResponse::NoContent().finish()),
        Err(refusal) => Ok(super::refused(&req, &refusal)),
    }
}

/// The cohort's co-trainers, by email.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CotrainersRequest {
    /// Emails of people with an active account; replaces the current list.
    pub emails: Vec<String>,
}

/// Sets the cohort's co-trainers.
#[utoipa::path(put, path = "/api/v1/cohorts/{cohort_id}/cotrainers", operation_id = "assignCoTrainers", tag = "cohorts", request_body = CotrainersRequest,
    security(("bearer" = [])), params(("cohort_id" = String, Path, description = "Cohort id")),
    responses((status = 204, description = "Assigned"), (status = 422, description = "Unknown addresses")))]
pub async fn assign_cotrainers(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    body: super::Body<CotrainersRequest>,
) -> Result<HttpResponse, AppError> {
    let (actor, now, id, body) = (
        owner.0,
        state.clock.now_naive(),
        CohortId(id.into_inner()),
        body.into_inner(),
    );
    let assigned = crate::db::run(&state.pool, move |conn| {
        lifecycle::assign_cotrainers(conn, &actor, &id, &body.emails, now)
    })
    .await?;
    Ok(match assigned {
        Ok(()) => HttpResponse::NoContent().finish(),
        Err(refusal) => super::refused(&req, &refusal),
    })
}

/// The audit log, newest first, a page at a time.
#[utoipa::path(get, path = "/api/v1/audit", operation_id = "listAuditLog", tag = "cohorts", params(AuditQuery), security(("bearer" = [])),
    responses((status = 200, body = crate::db::keyset::Paged<crate::accounts::audit::AuditEntry>)))]
pub async fn list_audit_log(
    state: web::Data<AppState>,
    owner: Owner,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, AppError> {
    let (viewer, query) = (owner.0, query.into_inner());
    let list = crate::db::run(&state.pool, move |conn| {
        audit::entries(conn, &viewer, &query)
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}
