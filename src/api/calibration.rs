//! `getCalibration`, `startCalibrationRound`, `getCalibrationReference`,
//! `gradeCalibrationReference`: a co-trainer's calibration as JSON, calling the same use
//! cases as the pages. Gold levels and rationales are in a reference's answer only once the
//! co-trainer has graded it.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::accounts::SignedIn;
use crate::domain::ids::CalibrationGradingId;
use crate::error::AppError;
use crate::grading::calibration::{self, CalibrationPage, Graded, GradingPage};
use crate::state::AppState;

/// My calibration: whether it is needed, the current round and every round's result.
#[utoipa::path(get, path = "/api/v1/calibration", operation_id = "getCalibration", tag = "grading", security(("bearer" = [])),
    responses((status = 200, body = CalibrationPage)))]
pub async fn get_calibration(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
) -> Result<HttpResponse, AppError> {
    let (actor, lang) = (me.0, super::api_language(&req, None)?);
    let view = crate::db::run(&state.pool, move |conn| {
        calibration::page(conn, &actor, lang)
    })
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// A request to start a round (an empty object).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StartRound {}

/// Starts a calibration round (the first, or another after a failed one); answers the round
/// number.
#[utoipa::path(post, path = "/api/v1/calibration/rounds", operation_id = "startCalibrationRound", tag = "grading", security(("bearer" = [])),
    request_body = StartRound,
    responses((status = 200, body = i32, description = "The round started"), (status = 409, description = "Not needed, or a round is open")))]
pub async fn start_calibration_round(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    _body: super::Body<StartRound>,
) -> Result<HttpResponse, AppError> {
    let (actor, now) = (me.0, state.clock.now_naive());
    let outcome = crate::db::run(&state.pool, move |conn| {
        calibration::start_round(conn, &actor, now)
    })
    .await?;
    Ok(match outcome {
        Ok(round) => HttpResponse::Ok().json(round),
        Err(refusal) => super::refused(&req, &refusal),
    })
}

/// One reference given to me: the submission and the rubric; once graded, my levels beside
/// the gold ones with the rationales.
#[utoipa::path(get, path = "/api/v1/calibration/{grading_id}", operation_id = "getCalibrationReference", tag = "grading", security(("bearer" = [])),
    params(("grading_id" = String, Path, description = "Grading id")),
    responses((status = 200, body = GradingPage), (status = 404, description = "Not found or not yours")))]
pub async fn get_calibration_reference(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (actor, lang) = (me.0, super::api_language(&req, None)?);
    let id = CalibrationGradingId(id.into_inner());
    let view = crate::db::run(&state.pool, move |conn| {
        calibration::grading_page(conn, &actor, &id, lang)
    })
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// The levels chosen for a reference.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferenceGrading {
    /// The chosen level's points by criterion id, every criterion of the rubric.
    pub points: HashMap<String, i32>,
}

/// Grades a reference; when it completes the round, the round is judged.
#[utoipa::path(post, path = "/api/v1/calibration/{grading_id}", operation_id = "gradeCalibrationReference", tag = "grading", security(("bearer" = [])),
    request_body = ReferenceGrading, params(("grading_id" = String, Path, description = "Grading id")),
    responses((status = 200, body = Graded), (status = 404, description = "Not found or not yours"), (status = 409, description = "Graded already"), (status = 422, description = "A criterion without a level, or an unknown level")))]
pub async fn grade_calibration_reference(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
    body: super::Body<ReferenceGrading>,
) -> Result<HttpResponse, AppError> {
    let (actor, now) = (me.0, state.clock.now_naive());
    let (id, points) = (
        CalibrationGradingId(id.into_inner()),
        body.into_inner().points,
    );
    let outcome = crate::db::run(&state.pool, move |conn| {
        calibration::grade(conn, &actor, &id, &points, now)
    })
    .await?;
    Ok(match outcome {
        Ok(graded) => HttpResponse::Ok().json(graded),
        Err(refusal) => super::refused(&req, &refusal),
    })
}
