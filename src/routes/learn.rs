//! `/learn`: the trainee's dashboard, module pages and assignment pages (write, preview, save,
//! submit, withdraw).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::SignedIn;
use crate::cohorts::applications;
use crate::domain::ids::EnrollmentId;
use crate::error::AppError;
use crate::error::Refusal;
use crate::state::AppState;
use crate::submissions::journey;
use crate::submissions::work::{self, Work};
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
    let (lang, now) = (page.lang, state.clock.now_naive());
    let (cohorts, study, applications) =
        crate::db::run_read(&state.pool, state.sqlite(), move |conn| {
            let cohorts = journey::my_progress(conn, &me.0.person, lang, now)?;
            let study = crate::learning::catalog(conn, &me.0, lang)?;
            Ok((
                cohorts,
                study,
                applications::status_of(conn, &me.0.person, lang)?,
            ))
        })
        .await?;
    page.with("cohorts", &cohorts)
        .with("programs", &study)
        .with("application_status", &applications)
        .render(&state.templates)
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

/// What the assignment page shows besides the saved state: a refusal's text, the text as
/// typed, one other typed value, a preview.
#[derive(Default)]
pub struct Shown<'a> {
    /// Why the last action was refused (its status becomes the page's).
    pub refusal: Option<&'a Refusal>,
    /// The editor's text as typed.
    pub body: Option<&'a str>,
    /// Another typed value to keep, by its form field name.
    pub typed: Option<(&'static str, String)>,
    /// The rendered preview.
    pub preview: Option<String>,
}

/// The assignment page as it is saved now, with what the last request typed or was refused.
pub async fn assignment_page(
    req: &HttpRequest,
    state: &AppState,
    me: &SignedIn,
    enrollment: String,
    slug: String,
    shown: Shown<'_>,
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
    let status = shown.refusal.map_or(StatusCode::OK, |r| r.status);
    let mut page = page.status(status).with("done", &done);
    if let Some(body) = shown.body {
        data.draft = body.to_string();
        page = page.with("preview", &shown.preview);
    }
    if let Some(refusal) = shown.refusal {
        page = page.with("error", refusal.key);
    }
    if let Some((name, value)) = &shown.typed {
        page = page.with(name, value);
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
    assignment_page(&req, &state, &me, enrollment, slug, Shown::default()).await
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
    let submit = match form.action.as_str() {
        "preview" => {
            let shown = Shown {
                body: Some(&form.body),
                preview: Some(to_safe_html(&form.body)),
                ..Shown::default()
            };
            return assignment_page(&req, &state, &me, enrollment, slug, shown).await;
        }
        "save" => false,
        "submit" => true,
        _ => return Err(AppError::BadRequest("unknown action".into())),
    };
    let work = Work {
        person: me.0.person.id.clone(),
        enrollment: EnrollmentId(enrollment.clone()),
        assignment: slug.clone(),
        body: form.body.clone(),
        lock_version: form.lock_version,
        language: Page::new(&req, "learn/assignment.html")
            .lang
            .code()
            .to_string(),
    };
    let (composer, now) = (state.composer.clone(), state.clock.now_naive());
    let outcome = crate::db::run(&state.pool, move |conn| match submit {
        true => work::submit(conn, &composer, &work, now),
        false => work::save_draft(conn, &work, now),
    })
    .await?;
    match outcome {
        Ok(_) => Ok(see_other(&format!(
            "/learn/{enrollment}/assignments/{slug}?done={}",
            if submit { "submitted" } else { "saved" }
        ))),
        Err(refusal) => {
            let shown = Shown {
                refusal: Some(&refusal),
                body: Some(&form.body),
                ..Shown::default()
            };
            assignment_page(&req, &state, &me, enrollment, slug, shown).await
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
    match outcome {
        Ok(_) => Ok(see_other(&format!(
            "/learn/{enrollment}/assignments/{slug}?done=withdrawn"
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
