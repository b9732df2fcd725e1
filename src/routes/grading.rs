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
use crate::grading::{overview, overview_kept, reassign};
use crate::state::AppState;
use crate::web::http::see_other;
use crate::web::pager::Pager;
use crate::web::templates::Page;

/// The filter, where each list starts, and a message after an action; unknown parameters
/// are ignored.
#[derive(Debug, Default, Deserialize)]
pub struct GradingQuery {
    /// One cohort only.
    #[serde(default)]
    cohort: Option<String>,
    /// A message after an action.
    #[serde(default)]
    done: Option<String>,
    #[serde(default)]
    pool_q: String,
    #[serde(default)]
    pool_after: Option<String>,
    #[serde(default)]
    waiting_after: Option<String>,
    #[serde(default)]
    open_after: Option<String>,
}

const DONE: [&str; 4] = ["moderated", "rebalanced", "pool", "added"];

async fn render(
    req: &HttpRequest,
    state: &AppState,
    owner: &Owner,
    q: GradingQuery,
    refusal: Option<&Refusal>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(req, "grading/index.html");
    let (actor, lang, now) = (owner.0.clone(), page.lang.code(), state.clock.now_naive());
    let cohort = q.cohort.clone().filter(|c| !c.is_empty());
    let filter = cohort.clone().map(CohortId);
    let cursors = overview::OverviewCursors {
        pool: q.pool_after.clone(),
        pool_search: q.pool_q.clone(),
        waiting: q.waiting_after.clone(),
        open: q.open_after.clone(),
    };
    let shown = crate::db::run(&state.pool, move |conn| {
        overview_kept::shown(conn, &actor, filter.as_ref(), lang, now, &cursors)
    })
    .await?;
    let (data, items) = (&shown.0, &shown.1);
    let status = refusal.map_or(StatusCode::OK, |r| r.status);
    let (error, problems) = match refusal {
        Some(r) if !r.fields.is_empty() => (None, r.fields.clone()),
        Some(r) => (Some(r.key), Vec::new()),
        None => (None, Vec::new()),
    };
    let c = cohort.clone().unwrap_or_default();
    let pagers = [
        (
            "pool",
            q.pool_after.as_deref(),
            data.cotrainers.next_cursor.as_deref(),
            "pool_after",
        ),
        (
            "waiting",
            q.waiting_after.as_deref(),
            data.unallocated.next_cursor.as_deref(),
            "waiting_after",
        ),
        (
            "open",
            q.open_after.as_deref(),
            data.open_reviews.next_cursor.as_deref(),
            "open_after",
        ),
    ]
    .map(|(name, after, next, param)| {
        let mut fields = vec![("cohort", c.as_str())];
        if name == "pool" {
            fields.push(("pool_q", q.pool_q.as_str()));
        }
        (name, section_pager(&fields, after, next, param))
    });
    let pagers: std::collections::HashMap<&str, Pager> = pagers.into_iter().collect();
    page.status(status)
        .with("data", data)
        .with("items", items)
        .with("pagers", &pagers)
        .with("pool_q", &q.pool_q)
        .with("cohort", &cohort)
        .with("done", &q.done.filter(|d| DONE.contains(&d.as_str())))
        .with("error", &error)
        .with("problems", &problems)
        .render(&state.templates)
}

/// The links of one list on the page: its own cursor parameter, the filter kept, the other
/// lists back on their first page.
fn section_pager(
    fields: &[(&str, &str)],
    after: Option<&str>,
    next: Option<&str>,
    param: &str,
) -> Pager {
    let base = crate::web::pager::query(fields);
    let href = |q: String| match q.is_empty() {
        true => "/grading".to_string(),
        false => format!("/grading?{q}"),
    };
    Pager {
        first: after.map(|_| href(base.clone())),
        next: next.map(|cursor| {
            let mut with = fields.to_vec();
            with.push((param, cursor));
            href(crate::web::pager::query(&with))
        }),
        count: None,
    }
}

/// `GET /grading`.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    query: web::Query<GradingQuery>,
) -> Result<HttpResponse, AppError> {
    render(&req, &state, &owner, query.into_inner(), None).await
}

/// `GET /grading/cotrainers/{person}`: one co-trainer's figures and pool settings.
pub async fn cotrainer(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    person: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    cotrainer_page(
        &req,
        &state,
        &owner,
        PersonId(person.into_inner()),
        None,
        None,
    )
    .await
}

async fn cotrainer_page(
    req: &HttpRequest,
    state: &AppState,
    owner: &Owner,
    person: PersonId,
    typed: Option<PoolForm>,
    refusal: Option<&Refusal>,
) -> Result<HttpResponse, AppError> {
    let now = state.clock.now_naive();
    let found = crate::db::run(&state.pool, move |conn| {
        let program = pool::program(conn)?;
        overview_one(conn, &program.id, &person, now)
    })
    .await?;
    let Some(c) = found else {
        return Err(AppError::NotFound);
    };
    let status = refusal.map_or(StatusCode::OK, |r| r.status);
    let (error, problems) = match refusal {
        Some(r) if !r.fields.is_empty() => (None, r.fields.clone()),
        Some(r) => (Some(r.key), Vec::new()),
        None => (None, Vec::new()),
    };
    let _ = owner;
    Page::new(req, "grading/cotrainer.html")
        .status(status)
        .with("c", &c)
        .with("typed", &typed)
        .with("error", &error)
        .with("problems", &problems)
        .render(&state.templates)
}

fn overview_one(
    conn: &mut crate::db::DbConnection,
    program: &crate::domain::ids::ProgramId,
    person: &PersonId,
    now: chrono::NaiveDateTime,
) -> Result<Option<overview::CotrainerFigures>, AppError> {
    crate::grading::pool_page::one(conn, program, person, now)
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
        Err(refusal) => {
            render(
                &req,
                &state,
                &owner,
                GradingQuery::default(),
                Some(&refusal),
            )
            .await
        }
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
#[derive(Debug, Deserialize, serde::Serialize)]
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
    let form = form.into_inner();
    let input = form.input();
    let (actor, composer, now) = (
        owner.0.clone(),
        state.composer.clone(),
        state.clock.now_naive(),
    );
    let person = PersonId(person.into_inner());
    let who = person.clone();
    let outcome = crate::db::run(&state.pool, move |conn| {
        pool::update(conn, &composer, &actor, &who, &input, now)
    })
    .await?;
    match outcome {
        Ok(_) => Ok(see_other("/grading?done=pool")),
        Err(refusal) => {
            cotrainer_page(&req, &state, &owner, person, Some(form), Some(&refusal)).await
        }
    }
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
        Err(refusal) => render(req, state, owner, GradingQuery::default(), Some(&refusal)).await,
    }
}
