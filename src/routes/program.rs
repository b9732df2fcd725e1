//! The public program page: the program and its modules from the database.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use actix_web::{HttpRequest, HttpResponse, web};

use crate::content::catalog;
use crate::domain::language::Language;
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

/// The page's main part in one language, rendered once per curriculum version: the program
/// page is the same for every visitor, and the version (read fresh on every request) changes
/// whenever the curriculum does, on every instance.
struct Rendered {
    title: String,
    body: String,
}

/// Versions × languages kept at most (a sync adds one version; old ones are never asked for).
const KEEP: usize = 64;

type Cache = HashMap<(String, Language), Arc<Rendered>>;

static RENDERED: RwLock<Option<Cache>> = RwLock::new(None);

async fn render(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: String,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "program/show.html");
    let lang = page.lang;
    let s = slug.clone();
    let version = crate::db::run_read(&state.pool, state.sqlite(), move |conn| {
        Ok(catalog::current_version(conn, &s)?)
    })
    .await?
    .ok_or(AppError::NotFound)?;
    let key = (version, lang);
    let hit = RENDERED
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .and_then(|m| m.get(&key).cloned());
    let rendered = match hit {
        Some(r) => r,
        None => {
            let r = Arc::new(render_body(&state, slug, lang).await?);
            let mut cache = RENDERED.write().unwrap_or_else(|e| e.into_inner());
            let map = cache.get_or_insert_with(HashMap::new);
            if map.len() >= KEEP {
                map.clear();
            }
            map.insert(key, r.clone());
            r
        }
    };
    page.with("title", &rendered.title)
        .with("body", &rendered.body)
        .render(&state.templates)
}

/// The program, its modules, assignments, briefs and rubrics, rendered.
async fn render_body(state: &AppState, slug: String, lang: Language) -> Result<Rendered, AppError> {
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
    let mut ctx = tera::Context::new();
    ctx.insert("lang", lang.code());
    ctx.insert("program", &program);
    ctx.insert("weeks", &weeks);
    ctx.insert("briefs", &briefs);
    let body = state
        .templates
        .render_page("program/body.html", lang, &ctx)?;
    Ok(Rendered {
        title: program.title,
        body,
    })
}
