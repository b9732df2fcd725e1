//! `listReviewQueue`, `getReview`, `saveReviewDraft`, `submitReview`, `reassignReview`,
//! `listUnallocated`, `disputeDecision`, `moderateReview`, `updateCoTrainerProfile`: grading
//! as JSON, calling the same use cases as the pages.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::accounts::{Owner, SignedIn};
use crate::db::keyset::{self, Paged};
use crate::domain::ids::{CohortId, EnrollmentId, ModerationItemId, PersonId, ReviewId};
use crate::error::AppError;
use crate::grading::moderation::{self, ModerateInput};
use crate::grading::overview::{self, UnallocatedView};
use crate::grading::pool::{self, CotrainerProfile, PoolInput};
use crate::grading::reassign;
use crate::grading::review::{self, ReviewInput, ReviewStatus};
use crate::grading::trainee;
use crate::grading::views::{self, QueueEntry, ReviewView};
use crate::state::AppState;

/// Paging of the review queue.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct QueueQuery {
    /// The `next_cursor` of the previous page.
    #[serde(default)]
    pub cursor: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[serde(default)]
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
}

/// My open reviews, soonest grading deadline first, a page at a time (a pseudonym instead of
/// the trainee under anonymous grading).
#[utoipa::path(get, path = "/api/v1/reviews", operation_id = "listReviewQueue", tag = "grading", security(("bearer" = [])),
    params(QueueQuery), responses((status = 200, body = Paged<QueueEntry>)))]
pub async fn list_review_queue(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, AppError> {
    let (person, lang, now) = (
        me.0.person,
        super::api_language(&req, None)?,
        state.clock.now_naive(),
    );
    let q = query.into_inner();
    let (limit, cursor) = (keyset::limit(q.limit)?, q.cursor);
    let entries = crate::db::run(&state.pool, move |conn| {
        views::queue(conn, &person, lang, now, cursor.as_deref(), limit)
    })
    .await?;
    Ok(HttpResponse::Ok().json(entries))
}

/// One review with the work, the rubric and its history (its co-trainer or the owner).
#[utoipa::path(get, path = "/api/v1/reviews/{review_id}", operation_id = "getReview", tag = "grading", security(("bearer" = [])),
    params(("review_id" = String, Path, description = "Review id")),
    responses((status = 200, body = ReviewView), (status = 404, description = "Not found or not yours")))]
pub async fn get_review(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (viewer, lang, now) = (
        me.0,
        super::api_language(&req, None)?,
        state.clock.now_naive(),
    );
    let id = ReviewId(id.into_inner());
    let view = crate::db::run(&state.pool, move |conn| {
        views::page(conn, &viewer, &id, lang, now)
    })
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

async fn save(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: String,
    input: ReviewInput,
    submit: bool,
) -> Result<HttpResponse, AppError> {
    let (actor, composer, now) = (me.0, state.composer.clone(), state.clock.now_naive());
    let id = ReviewId(id);
    let outcome = crate::db::run(&state.pool, move |conn| match submit {
        true => review::submit(conn, &composer, &actor, &id, &input, now),
        false => review::save_draft(conn, &actor, &id, &input, now),
    })
    .await?;
    Ok(match outcome {
        Ok(status) => HttpResponse::Ok().json(status),
        Err(refusal) => super::refused(&req, &refusal),
    })
}

/// Saves the review as a draft (scores, comments, feedback, decision).
#[utoipa::path(put, path = "/api/v1/reviews/{review_id}/draft", operation_id = "saveReviewDraft", tag = "grading", security(("bearer" = [])),
    request_body = ReviewInput, params(("review_id" = String, Path, description = "Review id")),
    responses((status = 200, body = ReviewStatus), (status = 409, body = ReviewStatus, description = "Changed meanwhile or not editable"), (status = 422, body = ReviewStatus)))]
pub async fn save_review_draft(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
    body: super::Body<ReviewInput>,
) -> Result<HttpResponse, AppError> {
    save(req, state, me, id.into_inner(), body.into_inner(), false).await
}

/// Submits the review with its decision; when the version's reviews are complete the trainee
/// receives the decision.
#[utoipa::path(post, path = "/api/v1/reviews/{review_id}/submission", operation_id = "submitReview", tag = "grading", security(("bearer" = [])),
    request_body = ReviewInput, params(("review_id" = String, Path, description = "Review id")),
    responses((status = 200, body = ReviewStatus), (status = 409, body = ReviewStatus), (status = 422, body = ReviewStatus, description = "Incomplete; the draft is saved")))]
pub async fn submit_review(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
    body: super::Body<ReviewInput>,
) -> Result<HttpResponse, AppError> {
    save(req, state, me, id.into_inner(), body.into_inner(), true).await
}

/// Where a review goes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReassignRequest {
    /// The new co-trainer's email; absent: by the allocation rule.
    pub to: Option<String>,
}

/// The answer to a reassignment.
#[derive(Debug, Serialize, ToSchema)]
pub struct Reassigned {
    /// The new review's id.
    pub review_id: String,
}

/// Moves an open review to another co-trainer (owner).
#[utoipa::path(post, path = "/api/v1/reviews/{review_id}/reassign", operation_id = "reassignReview", tag = "grading", security(("bearer" = [])),
    request_body = ReassignRequest, params(("review_id" = String, Path, description = "Review id")),
    responses((status = 200, body = Reassigned), (status = 409, body = Reassigned)))]
pub async fn reassign_review(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    body: super::Body<ReassignRequest>,
) -> Result<HttpResponse, AppError> {
    let (actor, composer, now) = (owner.0, state.composer.clone(), state.clock.now_naive());
    let (id, to) = (ReviewId(id.into_inner()), body.into_inner().to);
    let outcome = crate::db::run(&state.pool, move |conn| {
        reassign::reassign(conn, &composer, &actor, &id, to.as_deref(), now)
    })
    .await?;
    Ok(match outcome {
        Ok(new_id) => HttpResponse::Ok().json(Reassigned {
            review_id: new_id.0,
        }),
        Err(refusal) => super::refused(&req, &refusal),
    })
}

/// The filter of the unallocated list, and its paging.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnallocatedQuery {
    /// One cohort only.
    pub cohort_id: Option<String>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
}

/// Work waiting for a co-trainer, with the reason nobody fits, oldest first, a page at a time
/// (owner).
#[utoipa::path(get, path = "/api/v1/unallocated", operation_id = "listUnallocated", tag = "grading", security(("bearer" = [])),
    params(UnallocatedQuery), responses((status = 200, body = Paged<UnallocatedView>)))]
pub async fn list_unallocated(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    query: web::Query<UnallocatedQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = super::api_language(&req, None)?.code();
    let q = query.into_inner();
    let (cohort, limit, cursor) = (q.cohort_id.map(CohortId), keyset::limit(q.limit)?, q.cursor);
    let list = crate::db::run(&state.pool, move |conn| {
        overview::unallocated_page(
            conn,
            &owner.0,
            cohort.as_ref(),
            lang,
            cursor.as_deref(),
            limit,
        )
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// A dispute.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisputeRequest {
    /// Why the trainee disagrees.
    pub statement: String,
}

/// The answer to a dispute.
#[derive(Debug, Serialize, ToSchema)]
pub struct DisputeAnswer {
    /// Whether it was recorded.
    pub ok: bool,
}

/// The answer to a moderation.
#[derive(Debug, Serialize, ToSchema)]
pub struct ModerationAnswer {
    /// Whether it was recorded.
    pub ok: bool,
}

/// The trainee disputes the latest decision on an assignment (once per decision).
#[utoipa::path(post, path = "/api/v1/enrollments/{enrollment_id}/assignments/{assignment_id}/dispute", operation_id = "disputeDecision", tag = "grading", security(("bearer" = [])),
    request_body = DisputeRequest,
    params(("enrollment_id" = String, Path, description = "Enrollment id"), ("assignment_id" = String, Path, description = "Assignment id (slug)")),
    responses((status = 200, body = DisputeAnswer), (status = 422, body = DisputeAnswer)))]
pub async fn dispute_decision(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
    body: super::Body<DisputeRequest>,
) -> Result<HttpResponse, AppError> {
    let (enrollment, slug) = path.into_inner();
    let (person, composer, now) = (
        me.0.person.id,
        state.composer.clone(),
        state.clock.now_naive(),
    );
    let statement = body.into_inner().statement;
    let outcome = crate::db::run(&state.pool, move |conn| {
        trainee::dispute(
            conn,
            &composer,
            &person,
            &EnrollmentId(enrollment),
            &slug,
            &statement,
            now,
        )
    })
    .await?;
    Ok(match outcome {
        Ok(()) => HttpResponse::Ok().json(DisputeAnswer { ok: true }),
        Err(refusal) => super::refused(&req, &refusal),
    })
}

/// The owner confirms, changes or sends back a moderated decision.
#[utoipa::path(post, path = "/api/v1/moderation/{item_id}", operation_id = "moderateReview", tag = "grading", security(("bearer" = [])),
    request_body = ModerateInput, params(("item_id" = String, Path, description = "Moderation item id")),
    responses((status = 200, body = ModerationAnswer), (status = 422, body = ModerationAnswer)))]
pub async fn moderate_review(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    body: super::Body<ModerateInput>,
) -> Result<HttpResponse, AppError> {
    let (actor, composer, now) = (owner.0, state.composer.clone(), state.clock.now_naive());
    let (id, input) = (ModerationItemId(id.into_inner()), body.into_inner());
    let outcome = crate::db::run(&state.pool, move |conn| {
        moderation::moderate(conn, &composer, &actor, &id, &input, now)
    })
    .await?;
    Ok(match outcome {
        Ok(()) => HttpResponse::Ok().json(ModerationAnswer { ok: true }),
        Err(refusal) => super::refused(&req, &refusal),
    })
}

/// The filter of the pool profile.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProfileQuery {
    /// Another person's profile (owner only); absent: mine.
    pub person_id: Option<String>,
}

/// The answer to a profile change.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProfileAnswer {
    /// The profile now.
    pub profile: CotrainerProfile,
}

/// Joins, changes or pauses a place in the co-trainer pool (mine, or anyone's for the owner).
#[utoipa::path(put, path = "/api/v1/cotrainer-profile", operation_id = "updateCoTrainerProfile", tag = "grading", security(("bearer" = [])),
    request_body = PoolInput, params(ProfileQuery),
    responses((status = 200, body = ProfileAnswer), (status = 422, body = ProfileAnswer)))]
pub async fn update_cotrainer_profile(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    query: web::Query<ProfileQuery>,
    body: super::Body<PoolInput>,
) -> Result<HttpResponse, AppError> {
    let (actor, composer, now) = (me.0, state.composer.clone(), state.clock.now_naive());
    let target = query
        .into_inner()
        .person_id
        .map(PersonId)
        .unwrap_or_else(|| actor.person.id.clone());
    let input = body.into_inner();
    let outcome = crate::db::run(&state.pool, move |conn| {
        pool::update(conn, &composer, &actor, &target, &input, now)
    })
    .await?;
    Ok(match outcome {
        Ok(profile) => HttpResponse::Ok().json(ProfileAnswer { profile }),
        Err(refusal) => super::refused(&req, &refusal),
    })
}
