//! `/grading` (owner): figures per cohort and co-trainer, waiting work, open reviews,
//! moderation, and the co-trainer pool; `/moderation/{id}` resolves an item.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::Owner;
use crate::domain::ids::{CohortId, ModerationItemId, PersonId};
use crate::error::{AppError, Refusal};
use crate::grading::moderation::{self, ModerateInput};
use crate::grading::pool::{self, CotrainerProfile, PoolInput};
use crate::grading::{overview, reassign};
use crate::state::AppState;
use crate::web::http::see_other;
use crate::web::templates::Page;

/// The filter.
#[derive(Debug, Deserialize)]
pub struct GradingQuery {
    /// One cohort only.
    cohort: Option<String>,
    /// A message after an action.
    done: Option<String>,
}

const DONE: [&str; 4] = ["moderated", "rebalanced", "pool", "added"];

async fn render(
    req: &HttpRequest,
    state: &AppState,
    owner: &Owner,
    cohort: Option<String>,
    done: Option<String>,
    refusal: Option<&Refusal>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(req, "grading/index.html");
    let (actor, lang, now) = (owner.0.clone(), page.lang.code(), state.clock.now_naive());
    let filter = cohort.clone().filter(|c| !c.is_empty()).map(CohortId);
    let (data, items, cohorts) = crate::db::run(&state.pool, move |conn| {
        let data = overview::overview(conn, &actor, filter.as_ref(), lang, now)?;
        let items = moderation::list(conn, &actor, false, filter.as_ref(), lang)?;
        let cohorts = crate::cohorts::view::choices(conn, &actor)?;
        Ok((data, items, cohorts))
    })
    .await?;
    let status = refusal.map_or(StatusCode::OK, |r| r.status);
    let (error, problems) = match refusal {
        Some(r) if !r.fields.is_empty() => (None, r.fields.clone()),
        Some(r) => (Some(r.key), Vec::new()),
        None => (None, Vec::new()),
    };
    page.status(status)
        .with("data", &data)
        .with("items", &items)
        .with("cohorts", &cohorts)
        .with("cohort", &cohort)
        .with("done", &done.filter(|d| DONE.contains(&d.as_str())))
        .with("error", &error)
        .with("problems", &problems)
        .render(&state.templates)
}

/// `GET /grading`.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    query: web::Query<GradingQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    render(&req, &state, &owner, q.cohort, q.done, None).await
}

/// The moderation form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModerateForm {
    action: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    note: String,
    lock_version: i32,
}

/// `POST /moderation/{id}`.
pub async fn moderate(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    form: web::Form<ModerateForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let input = ModerateInput {
        action: form.action,
        decision: Some(form.decision).filter(|d| !d.is_empty()),
        note: form.note,
        lock_version: form.lock_version,
    };
    let (actor, composer, now) = (
        owner.0.clone(),
        state.composer.clone(),
        state.clock.now_naive(),
    );
    let id = ModerationItemId(id.into_inner());
    let outcome = crate::db::run(&state.pool, move |conn| {
        moderation::moderate(conn, &composer, &actor, &id, &input, now)
    })
    .await?;
    match outcome {
        Ok(()) => Ok(see_other("/grading?done=moderated")),
        Err(refusal) => render(&req, &state, &owner, None, None, Some(&refusal)).await,
    }
}

/// `POST /grading/cotrainers/{person}/rebalance`.
pub async fn rebalance(
    state: web::Data<AppState>,
    owner: Owner,
    person: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (actor, composer, now) = (owner.0, state.composer.clone(), state.clock.now_naive());
    let person = PersonId(person.into_inner());
    crate::db::run(&state.pool, move |conn| {
        reassign::rebalance(conn, &composer, &actor, &person, now)
    })
    .await?;
    Ok(see_other("/grading?done=rebalanced"))
}

/// The pool form (add by email, or change one member).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PoolForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    active: Option<String>,
    capacity: String,
    #[serde(default)]
    de: Option<String>,
    #[serde(default)]
    en: Option<String>,
    #[serde(default)]
    unavailable: Option<String>,
    #[serde(default)]
    lock_version: Option<i32>,
}

impl PoolForm {
    /// The input the use case takes (a capacity that is not a number fails validation).
    pub fn input(&self) -> PoolInput {
        let mut languages = Vec::new();
        if self.de.is_some() {
            languages.push("de".to_string());
        }
        if self.en.is_some() {
            languages.push("en".to_string());
        }
        PoolInput {
            active: self.active.is_some(),
            capacity: self.capacity.trim().parse().unwrap_or(-1),
            languages,
            unavailable: self.unavailable.clone(),
            lock_version: self.lock_version,
        }
    }
}

/// `POST /grading/pool`: the owner adds someone to the pool by email.
pub async fn add(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    form: web::Form<PoolForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let (actor, composer, now) = (
        owner.0.clone(),
        state.composer.clone(),
        state.clock.now_naive(),
    );
    let mut input = form.input();
    input.active = true;
    let email = form.email.clone();
    let outcome = crate::db::run(&state.pool, move |conn| {
        pool::add_by_email(conn, &composer, &actor, &email, &input, now)
    })
    .await?;
    pool_outcome(&req, &state, &owner, outcome, "added").await
}

/// `POST /grading/pool/{person}`: the owner changes one member.
pub async fn update(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    person: web::Path<String>,
    form: web::Form<PoolForm>,
) -> Result<HttpResponse, AppError> {
    let input = form.into_inner().input();
    let (actor, composer, now) = (
        owner.0.clone(),
        state.composer.clone(),
        state.clock.now_naive(),
    );
    let person = PersonId(person.into_inner());
    let outcome = crate::db::run(&state.pool, move |conn| {
        pool::update(conn, &composer, &actor, &person, &input, now)
    })
    .await?;
    pool_outcome(&req, &state, &owner, outcome, "pool").await
}

async fn pool_outcome(
    req: &HttpRequest,
    state: &AppState,
    owner: &Owner,
    outcome: Result<CotrainerProfile, Refusal>,
    done: &str,
) -> Result<HttpResponse, AppError> {
    match outcome {
        Ok(_) => Ok(see_other(&format!("/grading?done={done}"))),
        Err(refusal) => render(req, state, owner, None, None, Some(&refusal)).await,
    }
}
