//! `applyForProgram`, `listApplications`, `decideApplication`, `decideApplications`,
//! `decideManagerApproval`.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::accounts::{Owner, SignedIn};
use crate::cohorts::application_decisions::{self, DecisionInput, Verdict};
use crate::cohorts::application_list::{self, ApplicationPage, ListParams};
use crate::cohorts::applications::{self, ApplicationView, ApplyInput, ManagerInput};
use crate::domain::ids::ApplicationId;
use crate::error::{AppError, InputLocation};
use crate::state::AppState;

/// Applies for the cohort program (by its slug) as the signed-in person. Refused without
/// the self-study certificate the program requires, and while an application is open.
#[utoipa::path(post, path = "/api/v1/programs/{program_id}/applications", operation_id = "applyForProgram", tag = "cohorts",
    request_body = ApplyInput, security(("bearer" = [])),
    params(("program_id" = String, Path, description = "Program slug")),
    responses((status = 201, body = ApplicationView), (status = 404, description = "No such cohort program"),
        (status = 409, description = "Self-study certificate missing, or an application is open"),
        (status = 422, description = "Fields to correct")))]
pub async fn apply_for_program(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    slug: web::Path<String>,
    body: super::Body<ApplyInput>,
) -> Result<HttpResponse, AppError> {
    let (actor, now, slug, input, composer) = (
        me.0,
        state.clock.now_naive(),
        slug.into_inner(),
        body.into_inner(),
        state.composer.clone(),
    );
    match crate::db::run(&state.pool, move |conn| {
        applications::apply(conn, &composer, &actor, &slug, &input, now)
    })
    .await?
    {
        Ok(a) => Ok(HttpResponse::Created().json(ApplicationView::from(a))),
        Err(refusal) => Ok(super::refused(&req, &refusal)),
    }
}

/// Filters and paging for `listApplications`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Only this state.
    #[param(
        pattern = "^(submitted|manager_pending|manager_approved|manager_declined|admitted|waitlisted|declined)$"
    )]
    state: Option<String>,
    /// Only this wished cohort (its id), or `next` for "the next possible".
    cohort: Option<String>,
    /// Only applicants of this org unit.
    org_unit: Option<String>,
    /// Only applicants who had (true) or had not (false) done the self-study.
    self_study: Option<bool>,
    /// Only this manager decision: `approved`, `declined` or `none`.
    #[param(pattern = "^(approved|declined|none)$")]
    manager: Option<String>,
    /// Part of the applicant's name or email.
    search: Option<String>,
    /// The `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Rows per page (default 50).
    #[param(minimum = 1, maximum = 500)]
    limit: Option<i64>,
    /// Language of the program titles: `de` or `en`.
    #[param(pattern = "^(de|en)$")]
    lang: Option<String>,
}

/// Applications, oldest first, a page at a time (program lead).
#[utoipa::path(get, path = "/api/v1/applications", operation_id = "listApplications", tag = "cohorts",
    security(("bearer" = [])), params(ListQuery),
    responses((status = 200, body = ApplicationPage)))]
pub async fn list_applications(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    let lang = super::api_language(&req, q.lang.as_deref())?;
    // The filters take the documented words only (an empty value too is refused, not ignored).
    const STATES: [&str; 7] = [
        "submitted",
        "manager_pending",
        "manager_approved",
        "manager_declined",
        "admitted",
        "waitlisted",
        "declined",
    ];
    for (name, value, allowed) in [
        ("state", q.state.as_deref(), &STATES[..]),
        (
            "manager",
            q.manager.as_deref(),
            &["approved", "declined", "none"][..],
        ),
    ] {
        if let Some(v) = value.filter(|v| !allowed.contains(v)) {
            return Err(AppError::Malformed {
                detail: format!("{name} must be one of {}, not '{v}'", allowed.join(", ")),
                at: None,
            });
        }
    }
    let params = ListParams {
        state: q.state,
        cohort: q.cohort,
        org_unit: q.org_unit,
        self_study: q.self_study,
        manager: q.manager,
        search: q.search,
        cursor: q.cursor,
        limit: q.limit,
    };
    let actor = owner.0;
    let page = crate::db::run(&state.pool, move |conn| {
        application_list::list(conn, &actor, &params, lang)
    })
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// The program lead's decision about one application.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    /// `admit`, `waitlist` or `decline`.
    pub decision: Verdict,
    /// The cohort to admit to (default: the one the applicant wished for).
    #[serde(default)]
    pub cohort_id: Option<String>,
    /// The reason (required to decline).
    #[serde(default)]
    pub reason: Option<String>,
    /// The version you read (optimistic locking).
    pub lock_version: i32,
}

/// Admits (enrolling the person), wait-lists or declines an application (program lead).
#[utoipa::path(post, path = "/api/v1/applications/{application_id}/decision", operation_id = "decideApplication", tag = "cohorts",
    request_body = DecisionRequest, security(("bearer" = [])),
    params(("application_id" = String, Path, description = "Application id")),
    responses((status = 200, body = ApplicationView), (status = 404, description = "No such application"),
        (status = 409, description = "Changed meanwhile, or not in a state for this decision"),
        (status = 422, description = "Fields to correct")))]
pub async fn decide_application(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    body: super::Body<DecisionRequest>,
) -> Result<HttpResponse, AppError> {
    let (actor, now, id, body, composer) = (
        owner.0,
        state.clock.now_naive(),
        ApplicationId(id.into_inner()),
        body.into_inner(),
        state.composer.clone(),
    );
    let input = DecisionInput {
        decision: body.decision,
        cohort_id: body.cohort_id,
        reason: body.reason,
    };
    match crate::db::run(&state.pool, move |conn| {
        application_decisions::decide(conn, &composer, &actor, &id, &input, body.lock_version, now)
    })
    .await?
    {
        Ok(a) => Ok(HttpResponse::Ok().json(ApplicationView::from(a))),
        Err(refusal) => Ok(super::refused(&req, &refusal)),
    }
}

/// The applicant's manager approves or declines, with a comment (only that manager; 404 for
/// everyone else).
#[utoipa::path(post, path = "/api/v1/applications/{application_id}/manager-decision", operation_id = "decideManagerApproval", tag = "cohorts",
    request_body = ManagerInput, security(("bearer" = [])),
    params(("application_id" = String, Path, description = "Application id")),
    responses((status = 200, body = ApplicationView), (status = 404, description = "No such application, or not yours to approve"),
        (status = 409, description = "Changed meanwhile, or already decided"),
        (status = 422, description = "Fields to correct")))]
pub async fn decide_manager_approval(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
    body: super::Body<ManagerInput>,
) -> Result<HttpResponse, AppError> {
    let (actor, now, id, input, composer) = (
        me.0,
        state.clock.now_naive(),
        ApplicationId(id.into_inner()),
        body.into_inner(),
        state.composer.clone(),
    );
    match crate::db::run(&state.pool, move |conn| {
        applications::manager_decide(conn, &composer, &actor, &id, &input, now)
    })
    .await?
    {
        Ok(a) => Ok(HttpResponse::Ok().json(ApplicationView::from(a))),
        Err(refusal) => Ok(super::refused(&req, &refusal)),
    }
}

/// One application of a bulk decision, with the version read.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkItem {
    /// The application.
    pub id: String,
    /// The version you read (optimistic locking).
    pub lock_version: i32,
}

/// The same decision for many applications.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkDecisionRequest {
    /// The applications (1–500), each with the version read.
    pub items: Vec<BulkItem>,
    /// `admit`, `waitlist` or `decline`.
    pub decision: Verdict,
    /// The cohort to admit to (default: the one each applicant wished for).
    #[serde(default)]
    pub cohort_id: Option<String>,
    /// The reason (required to decline).
    #[serde(default)]
    pub reason: Option<String>,
    /// Report what would happen and change nothing (default true: send `false` to decide).
    #[serde(default = "yes")]
    pub dry_run: bool,
}

fn yes() -> bool {
    true
}

/// Decides many applications the same way (program lead). By default a dry run: every line
/// says what would happen and nothing changes. With `dry_run: false` the lines that can be
/// decided are, each in its own savepoint, and refused lines (changed meanwhile, not in a
/// state for this decision) are reported with their reason and left as they were.
#[utoipa::path(post, path = "/api/v1/applications/decisions", operation_id = "decideApplications", tag = "cohorts",
    request_body = BulkDecisionRequest, security(("bearer" = [])),
    responses((status = 200, body = application_decisions::BulkPlan),
        (status = 400, description = "No items, or more than 500"),
        (status = 404, description = "One of the applications does not exist")))]
pub async fn decide_applications(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    body: super::Body<BulkDecisionRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    if body.items.is_empty() || body.items.len() > 500 {
        return Err(AppError::Malformed {
            detail: "items must hold 1 to 500 applications".into(),
            at: Some(InputLocation::Body("/items".into())),
        });
    }
    let items: Vec<(ApplicationId, i32)> = body
        .items
        .into_iter()
        .map(|i| (ApplicationId(i.id), i.lock_version))
        .collect();
    let input = DecisionInput {
        decision: body.decision,
        cohort_id: body.cohort_id,
        reason: body.reason,
    };
    let (actor, now, composer, dry_run) = (
        owner.0,
        state.clock.now_naive(),
        state.composer.clone(),
        body.dry_run,
    );
    match crate::db::run(&state.pool, move |conn| {
        application_decisions::decide_many(conn, &composer, &actor, &items, &input, dry_run, now)
    })
    .await?
    {
        Ok(plan) => Ok(HttpResponse::Ok().json(plan)),
        Err(refusal) => Ok(super::refused(&req, &refusal)),
    }
}
