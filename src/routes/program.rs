//! The public program page: the program and its modules from the database.

use actix_web::{HttpRequest, HttpResponse, web};

use crate::content::catalog;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::markdown::to_safe_html;
use crate::web::templates::Page;

/// `GET /`: a signed-in person goes on to their landing page (where their work is); anyone
/// else sees the program this installation runs.
pub async fn home(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    if let Some(who) = crate::accounts::identity::identity(&req) {
        let target = crate::db::run(&state.pool, move |conn| {
            crate::accounts::landing::landing(conn, &who)
        })
        .await?;
        return Ok(crate::web::http::see_other(target));
    }
    overview(req, state).await
}

/// `GET /program`: the program this installation runs, for everyone (the navigation's link).
pub async fn overview(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let slug = crate::db::run(&state.pool, |conn| Ok(catalog::default_program_slug(conn)?)).await?;
    render(req, state, slug.ok_or(AppError::NotFound)?).await
}

/// `GET /programs/{slug}`.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    render(req, state, slug.into_inner()).await
}

async fn render(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: String,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "program/show.html");
    let lang = page.lang;
    let program = crate::db::run(&state.pool, move |conn| {
        Ok(catalog::program_view(conn, &slug, lang)?)
    })
    .await?
    .ok_or(AppError::NotFound)?;
    let weeks: Vec<(i32, i32)> = program
        .modules
        .iter()
        .map(|m| (m.unlock_days / 7 + 1, (m.due_days + 6) / 7))
        .collect();
    let briefs: Vec<Vec<String>> = program
        .modules
        .iter()
        .map(|m| {
            m.assignments
                .iter()
                .map(|a| to_safe_html(&a.brief))
                .collect()
        })
        .collect();
    page.with("program", &program)
        .with("weeks", &weeks)
        .with("briefs", &briefs)
        .render(&state.templates)
}
