//! `/reviews`: a co-trainer's queue and the review page (rubric form, draft, submit), and the
//! owner's reassignment of one review.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::{Owner, SignedIn};
use crate::domain::ids::ReviewId;
use crate::error::{AppError, Refusal};
use crate::grading::reassign;
use crate::grading::review::{self, ReviewInput, ReviewRefusal, ScoreInput};
use crate::grading::views::{self, ReviewView};
use crate::state::AppState;
use crate::web::http::see_other;
use crate::web::templates::Page;

/// `?page=` of the queue.
#[derive(Debug, Deserialize)]
pub struct QueueQuery {
    #[serde(default)]
    page: Option<i64>,
}

/// `GET /reviews`: my open reviews, soonest deadline first, a page at a time.
pub async fn queue(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "reviews/queue.html");
    let (person, lang, now) = (me.0.person, page.lang, state.clock.now_naive());
    let number = query.page.unwrap_or(1);
    let queue = crate::db::run(&state.pool, move |conn| {
        views::queue_page(conn, &person, lang, now, number)
    })
    .await?;
    page.with("queue", &queue).render(&state.templates)
}

/// The review page, optionally with what the person typed laid over it and a message.
async fn render(
    req: &HttpRequest,
    state: &AppState,
    me: &SignedIn,
    id: String,
    typed: Option<&ReviewInput>,
    refusal: Option<&Refusal>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(req, "reviews/show.html");
    let (viewer, lang, now) = (me.0.clone(), page.lang, state.clock.now_naive());
    let mut view = crate::db::run(&state.pool, move |conn| {
        views::page(conn, &viewer, &ReviewId(id), lang, now)
    })
    .await?;
    let stale = refusal.is_some_and(|r| r.reason == ReviewRefusal::Stale.reason());
    let status = refusal.map_or(StatusCode::OK, |r| r.status);
    let mut page = page.status(status).with("error", &refusal.map(|r| r.key));
    if let Some(input) = typed {
        if stale {
            // Show the current state; what was typed stays visible to copy from.
            page = page.with("typed_feedback", &input.feedback);
        } else {
            overlay(&mut view, input);
        }
    }
    let done = req
        .query_string()
        .strip_prefix("done=")
        .filter(|d| ["saved", "submitted", "reassigned"].contains(d))
        .map(str::to_string);
    page.with("done", &done)
        .with("review", &view)
        .render(&state.templates)
}

/// Shows what was typed instead of what is stored.
fn overlay(view: &mut ReviewView, input: &ReviewInput) {
    view.feedback = input.feedback.clone();
    view.override_reason = input.override_reason.clone();
    view.decision = input.decision.clone().filter(|d| !d.is_empty());
    for criterion in &mut view.rubric {
        let score = input.scores.iter().find(|s| s.criterion == criterion.id);
        criterion.comment = score.map(|s| s.comment.clone()).unwrap_or_default();
        for level in &mut criterion.levels {
            level.chosen = score.and_then(|s| s.points) == Some(level.points);
        }
    }
}

/// `GET /reviews/{id}`: the co-trainer's review, or any review for the owner.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    render(&req, &state, &me, id.into_inner(), None, None).await
}

/// Reads the review form: `level__{criterion}`, `comment__{criterion}`, `feedback`,
/// `decision`, `override_reason`, `lock_version` and `action` (save or submit).
fn parse_form(fields: Vec<(String, String)>) -> Result<(ReviewInput, bool), AppError> {
    let mut input = ReviewInput::default();
    let mut action = None;
    let mut lock = None;
    for (key, value) in fields {
        if let Some(c) = key.strip_prefix("level__") {
            let points = value
                .parse()
                .map_err(|_| AppError::BadRequest("review-error-unknown-level".into()))?;
            score(&mut input, c).points = Some(points);
        } else if let Some(c) = key.strip_prefix("comment__") {
            score(&mut input, c).comment = value;
        } else {
            match key.as_str() {
                "feedback" => input.feedback = value,
                "decision" => input.decision = Some(value),
                "override_reason" => input.override_reason = value,
                "lock_version" => lock = value.parse().ok(),
                "action" => action = Some(value),
                _ => return Err(AppError::BadRequest(format!("unknown field {key}"))),
            }
        }
    }
    input.lock_version = lock.ok_or_else(|| AppError::BadRequest("lock_version missing".into()))?;
    let submit = match action.as_deref() {
        Some("save") => false,
        Some("submit") => true,
        _ => return Err(AppError::BadRequest("unknown action".into())),
    };
    Ok((input, submit))
}

fn score<'a>(input: &'a mut ReviewInput, criterion: &str) -> &'a mut ScoreInput {
    if let Some(i) = input.scores.iter().position(|s| s.criterion == criterion) {
        return &mut input.scores[i];
    }
    input.scores.push(ScoreInput {
        criterion: criterion.to_string(),
        ..ScoreInput::default()
    });
    input.scores.last_mut().expect("just pushed")
}

/// `POST /reviews/{id}`: save the draft or submit the review.
pub async fn save(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (input, submit) = parse_form(form.into_inner())?;
    let (actor, composer, now) = (
        me.0.clone(),
        state.composer.clone(),
        state.clock.now_naive(),
    );
    let (rid, sent) = (ReviewId(id.clone()), input.clone());
    let outcome = crate::db::run(&state.pool, move |conn| match submit {
        true => review::submit(conn, &composer, &actor, &rid, &sent, now),
        false => review::save_draft(conn, &actor, &rid, &sent, now),
    })
    .await?;
    match outcome {
        Ok(_) => Ok(see_other(&format!(
            "/reviews/{id}?done={}",
            if submit { "submitted" } else { "saved" }
        ))),
        Err(refusal) => render(&req, &state, &me, id, Some(&input), Some(&refusal)).await,
    }
}

/// The reassignment form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReassignForm {
    /// The new co-trainer's email; empty: by the allocation rule.
    #[serde(default)]
    to: String,
}

/// `POST /reviews/{id}/reassign` (owner).
pub async fn reassign(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    form: web::Form<ReassignForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (actor, composer, now) = (
        owner.0.clone(),
        state.composer.clone(),
        state.clock.now_naive(),
    );
    let rid = ReviewId(id.clone());
    let to = form.into_inner().to;
    let outcome = crate::db::run(&state.pool, move |conn| {
        reassign::reassign(conn, &composer, &actor, &rid, Some(&to), now)
    })
    .await?;
    match outcome {
        Ok(new_id) => Ok(see_other(&format!("/reviews/{new_id}?done=reassigned"))),
        Err(refusal) => {
            let me = SignedIn(owner.0);
            render(&req, &state, &me, id, None, Some(&refusal)).await
        }
    }
}
