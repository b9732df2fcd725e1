//! `/learn`: the trainee's dashboard, module pages and assignment pages (write, preview, save,
//! submit, withdraw).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::SignedIn;
use crate::domain::ids::EnrollmentId;
use crate::error::AppError;
use crate::state::AppState;
use crate::submissions::{journey, work};
use crate::web::http::see_other;
use crate::web::markdown::to_safe_html;
use crate::web::templates::Page;

/// `GET /learn`.
pub async fn dashboard(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "learn/dashboard.html");
    let (person, lang, now) = (me.0.person, page.lang, state.clock.now_naive());
    let cohorts = crate::db::run_read(&state.pool, state.sqlite(), move |conn| {
        journey::my_progress(conn, &person, lang, now)
    })
    .await?;
    page.with("cohorts", &cohorts).render(&state.templates)
}

/// `GET /learn/{enrollment}/modules/{module}`.
pub async fn module(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "learn/module.html");
    let (enrollment, slug) = path.into_inner();
    let (person, lang, now) = (me.0.person, page.lang, state.clock.now_naive());
    let data = crate::db::run_read(&state.pool, state.sqlite(), move |conn| {
        journey::module_page(conn, &person, &EnrollmentId(enrollment), &slug, lang, now)
    })
    .await?;
    page.with("page", &data).render(&state.templates)
}

async fn assignment_page(
    req: &HttpRequest,
    state: &AppState,
    me: &SignedIn,
    enrollment: String,
    slug: String,
    typed: Option<(&str, Option<&str>, Option<String>)>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(req, "learn/assignment.html");
    let (person, lang, now) = (me.0.person.clone(), page.lang, state.clock.now_naive());
    let mut data = crate::db::run(&state.pool, move |conn| {
        journey::assignment_page(conn, &person, &EnrollmentId(enrollment), &slug, lang, now)
    })
    .await?;
    let done = req
        .query_string()
        .strip_prefix("done=")
        .filter(|d| {
            [
                "saved",
                "submitted",
                "withdrawn",
                "attached",
                "removed",
                "disputed",
                "rated",
            ]
            .contains(d)
        })
        .map(str::to_string);
    let mut page = page.status(status).with("done", &done);
    if let Some((body, error, preview)) = typed {
        data.draft = body.to_string();
        page = page.with("error", &error).with("preview", &preview);
    }
    page.with("page", &data).render(&state.templates)
}

/// `GET /learn/{enrollment}/assignments/{assignment}`.
pub async fn assignment(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (enrollment, slug) = path.into_inner();
    assignment_page(&req, &state, &me, enrollment, slug, None, StatusCode::OK).await
}

/// The editor form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkForm {
    body: String,
    lock_version: i32,
    /// save, preview or submit.
    action: String,
}

/// `POST /learn/{enrollment}/assignments/{assignment}`: preview, save or submit; a refusal
/// shows the page again with the text as typed and the reason.
pub async fn save(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
    form: web::Form<WorkForm>,
) -> Result<HttpResponse, AppError> {
    let (enrollment, slug) = path.into_inner();
    let form = form.into_inner();
    if form.action == "preview" {
        let preview = Some(to_safe_html(&form.body));
        return assignment_page(
            &req,
            &state,
            &me,
            enrollment,
            slug,
            Some((&form.body, None, preview)),
            StatusCode::OK,
        )
        .await;
    }
    let submit = match form.action.as_str() {
        "save" => false,
        "submit" => true,
        _ => return Err(AppError::BadRequest("unknown action".into())),
    };
    let lang = Page::new(&req, "learn/assignment.html").lang.code();
    let composer = state.composer.clone();
    let (person, now, body, e, s) = (
        me.0.person.id.clone(),
        state.clock.now_naive(),
        form.body.clone(),
        enrollment.clone(),
        slug.clone(),
    );
    let outcome = crate::db::run(&state.pool, move |conn| {
        work::save(
            conn,
            &composer,
            &person,
            &EnrollmentId(e),
            &s,
            &body,
            form.lock_version,
            submit,
            lang,
            now,
        )
    })
    .await?;
    match outcome.refusal {
        None => Ok(see_other(&format!(
            "/learn/{enrollment}/assignments/{slug}?done={}",
            if submit { "submitted" } else { "saved" }
        ))),
        Some(refusal) => {
            assignment_page(
                &req,
                &state,
                &me,
                enrollment,
                slug,
                Some((&form.body, Some(refusal.key()), None)),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// `POST /learn/{enrollment}/assignments/{assignment}/withdraw`.
pub async fn withdraw(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (enrollment, slug) = path.into_inner();
    let (person, now, e, s) = (
        me.0.person.id.clone(),
        state.clock.now_naive(),
        enrollment.clone(),
        slug.clone(),
    );
    let outcome = crate::db::run(&state.pool, move |conn| {
        work::withdraw(conn, &person, &EnrollmentId(e), &s, now)
    })
    .await?;
    match outcome.refusal {
        None => Ok(see_other(&format!(
            "/learn/{enrollment}/assignments/{slug}?done=withdrawn"
        ))),
        Some(refusal) => {
            let page = journey_error(&req, &state, &me, enrollment, slug, refusal).await?;
            Ok(page)
        }
    }
}

async fn journey_error(
    req: &HttpRequest,
    state: &AppState,
    me: &SignedIn,
    enrollment: String,
    slug: String,
    refusal: work::Refusal,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(req, "learn/assignment.html");
    let (person, lang, now) = (me.0.person.clone(), page.lang, state.clock.now_naive());
    let data = crate::db::run(&state.pool, move |conn| {
        journey::assignment_page(conn, &person, &EnrollmentId(enrollment), &slug, lang, now)
    })
    .await?;
    page.with("page", &data)
        .with("error", refusal.key())
        .status(StatusCode::CONFLICT)
        .render(&state.templates)
}

/// The assignment page again with a refusal's message (used by uploads).
pub async fn page_with_error(
    req: &HttpRequest,
    state: &AppState,
    me: &SignedIn,
    enrollment: String,
    slug: String,
    key: &'static str,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(req, "learn/assignment.html");
    let (person, lang, now) = (me.0.person.clone(), page.lang, state.clock.now_naive());
    let data = crate::db::run(&state.pool, move |conn| {
        journey::assignment_page(conn, &person, &EnrollmentId(enrollment), &slug, lang, now)
    })
    .await?;
    page.with("page", &data)
        .with("error", key)
        .status(status)
        .render(&state.templates)
}

/// The assignment page again with a refusal's message and one typed value kept.
#[allow(clippy::too_many_arguments)]
pub async fn page_with_error_and(
    req: &HttpRequest,
    state: &AppState,
    me: &SignedIn,
    enrollment: String,
    slug: String,
    key: &'static str,
    typed: (&'static str, String),
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(req, "learn/assignment.html");
    let (person, lang, now) = (me.0.person.clone(), page.lang, state.clock.now_naive());
    let data = crate::db::run(&state.pool, move |conn| {
        journey::assignment_page(conn, &person, &EnrollmentId(enrollment), &slug, lang, now)
    })
    .await?;
    page.with("page", &data)
        .with("error", key)
        .with(typed.0, &typed.1)
        .status(status)
        .render(&state.templates)
}
