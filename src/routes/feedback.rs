//! The trainee answers a decision: `…/dispute` (once per decision, with a reason) and `…/rate`
//! (how useful a co-trainer's feedback was).

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::learn::{Shown, assignment_page};
use crate::accounts::SignedIn;
use crate::domain::ids::{EnrollmentId, ReviewId};
use crate::error::AppError;
use crate::grading::trainee;
use crate::state::AppState;
use crate::web::http::see_other;

/// The dispute form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisputeForm {
    statement: String,
}

/// `POST /learn/{enrollment}/assignments/{assignment}/dispute`.
pub async fn dispute(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
    form: web::Form<DisputeForm>,
) -> Result<HttpResponse, AppError> {
    let (enrollment, slug) = path.into_inner();
    let statement = form.into_inner().statement;
    let (person, composer, now) = (
        me.0.person.id.clone(),
        state.composer.clone(),
        state.clock.now_naive(),
    );
    let (e, s, text) = (enrollment.clone(), slug.clone(), statement.clone());
    let outcome = crate::db::run(&state.pool, move |conn| {
        trainee::dispute(conn, &composer, &person, &EnrollmentId(e), &s, &text, now)
    })
    .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!(
            "/learn/{enrollment}/assignments/{slug}?done=disputed"
        ))),
        Err(refusal) => {
            let shown = Shown {
                refusal: Some(&refusal),
                typed: Some(("statement", statement)),
                ..Shown::default()
            };
            assignment_page(&req, &state, &me, enrollment, slug, shown).await
        }
    }
}

/// The rating form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateForm {
    review_id: String,
    rating: String,
}

/// `POST /learn/{enrollment}/assignments/{assignment}/rate`.
pub async fn rate(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
    form: web::Form<RateForm>,
) -> Result<HttpResponse, AppError> {
    let (enrollment, slug) = path.into_inner();
    let form = form.into_inner();
    let rating: i32 = form.rating.trim().parse().unwrap_or(0);
    let (person, now) = (me.0.person.id.clone(), state.clock.now_naive());
    let (e, s, review) = (enrollment.clone(), slug.clone(), ReviewId(form.review_id));
    let outcome = crate::db::run(&state.pool, move |conn| {
        trainee::rate(conn, &person, &EnrollmentId(e), &s, &review, rating, now)
    })
    .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!(
            "/learn/{enrollment}/assignments/{slug}?done=rated"
        ))),
        Err(refusal) => {
            let shown = Shown {
                refusal: Some(&refusal),
                ..Shown::default()
            };
            assignment_page(&req, &state, &me, enrollment, slug, shown).await
        }
    }
}
