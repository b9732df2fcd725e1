//! `/calibration`: a co-trainer's calibration (rounds of reference submissions, each graded
//! with the rubric, then compared with the gold grading), and `/grading/calibration/{person}`,
//! the owner's view of one co-trainer's calibration and drift.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};

use crate::accounts::{Owner, SignedIn};
use crate::domain::ids::{CalibrationGradingId, PersonId};
use crate::error::AppError;
use crate::grading::calibration;
use crate::state::AppState;
use crate::web::http::see_other;
use crate::web::templates::Page;

/// `GET /calibration`: my calibration status, the current round and past rounds.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "calibration/index.html");
    let (actor, lang) = (me.0, page.lang);
    let view = crate::db::run(&state.pool, move |conn| {
        calibration::page(conn, &actor, lang)
    })
    .await?;
    page.with("calibration", &view).render(&state.templates)
}

/// `POST /calibration/rounds`: start a round (the first, or again after failing one).
pub async fn start(state: web::Data<AppState>, me: SignedIn) -> Result<HttpResponse, AppError> {
    let (actor, now) = (me.0, state.clock.now_naive());
    let outcome = crate::db::run(&state.pool, move |conn| {
        calibration::start_round(conn, &actor, now)
    })
    .await?;
    match outcome {
        Ok(_) => Ok(see_other("/calibration")),
        Err(refusal) => Ok(super::refused(&refusal)),
    }
}

/// `GET /calibration/{id}`: one reference to grade, or graded with the comparison.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "calibration/show.html");
    let (actor, lang, id) = (me.0, page.lang, CalibrationGradingId(id.into_inner()));
    let view = crate::db::run(&state.pool, move |conn| {
        calibration::grading_page(conn, &actor, &id, lang)
    })
    .await?;
    page.with("grading", &view).render(&state.templates)
}

/// `POST /calibration/{id}`: grade the reference (`level__{criterion}` = points).
pub async fn grade(
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let mut points = HashMap::new();
    for (key, value) in form.into_inner() {
        let Some(criterion) = key.strip_prefix("level__") else {
            return Err(AppError::BadRequest(format!("unknown field {key}")));
        };
        let p = value
            .parse()
            .map_err(|_| AppError::BadRequest("review-error-unknown-level".into()))?;
        points.insert(criterion.to_string(), p);
    }
    let id = id.into_inner();
    let (actor, now, gid) = (
        me.0,
        state.clock.now_naive(),
        CalibrationGradingId(id.clone()),
    );
    let outcome = crate::db::run(&state.pool, move |conn| {
        calibration::grade(conn, &actor, &gid, &points, now)
    })
    .await?;
    match outcome {
        Ok(_) => Ok(see_other(&format!("/calibration/{id}"))),
        Err(refusal) => Ok(super::refused(&refusal)),
    }
}

/// `GET /grading/calibration/{person}` (owner): one co-trainer's calibration and drift.
pub async fn owner(
    req: HttpRequest,
    state: web::Data<AppState>,
    _owner: Owner,
    person: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "calibration/owner.html");
    let person = PersonId(person.into_inner());
    let view = crate::db::run(&state.pool, move |conn| {
        calibration::owner_view(conn, &person)
    })
    .await?;
    page.with("calibration", &view).render(&state.templates)
}
