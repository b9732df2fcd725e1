//! `/self-study`: the self-paced programs, one program's lessons, a lesson with its guide,
//! video, captions and knowledge check; enrolling, marking done and answering.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::accounts::SignedIn;
use crate::domain::language::Language;
use crate::error::AppError;
use crate::learning::{self, CheckResult, LessonPage};
use crate::state::AppState;
use crate::web::http::see_other;
use crate::web::markdown::to_safe_html;
use crate::web::ranges::{Wanted, wanted};
use crate::web::templates::Page;

/// `GET /self-study`.
pub async fn catalog(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "study/catalog.html");
    let lang = page.lang;
    let programs = crate::db::run_read(&state.pool, state.sqlite(), move |conn| {
        learning::catalog(conn, &me.0, lang)
    })
    .await?;
    page.with("programs", &programs).render(&state.templates)
}

/// `GET /self-study/{program}`.
pub async fn program(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "study/program.html");
    let (lang, slug) = (page.lang, path.into_inner());
    let overview = crate::db::run_read(&state.pool, state.sqlite(), move |conn| {
        learning::overview(conn, &me.0, &slug, lang)
    })
    .await?;
    page.with("overview", &overview)
        .with("done", &flash(&req))
        .render(&state.templates)
}

/// The `done=` notice of a redirect, if it is one of ours.
fn flash(req: &HttpRequest) -> Option<&'static str> {
    let done = req
        .query_string()
        .split('&')
        .find_map(|p| p.strip_prefix("done="))?;
    ["enrolled", "enroll-first", "completed", "marked"]
        .into_iter()
        .find(|d| *d == done)
}

/// `POST /self-study/{program}/enroll`: one click, then the first lesson.
pub async fn enroll(
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let (now, s) = (state.clock.now_naive(), slug.clone());
    let outcome = crate::db::run(&state.pool, move |conn| {
        learning::enroll(conn, &me.0, &s, now)
    })
    .await?;
    match outcome {
        Ok(_) => Ok(see_other(&format!("/self-study/{slug}?done=enrolled"))),
        Err(refusal) => Ok(super::refused(&refusal)),
    }
}

/// `GET /self-study/{program}/lessons/{lesson}`.
pub async fn lesson(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, lesson) = path.into_inner();
    lesson_page(&req, &state, me, slug, lesson, None, StatusCode::OK).await
}

async fn lesson_page(
    req: &HttpRequest,
    state: &AppState,
    me: SignedIn,
    slug: String,
    lesson: String,
    result: Option<(&CheckResult, &[Vec<usize>])>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(req, "study/lesson.html");
    let lang = page.lang;
    let s = slug.clone();
    let outcome = crate::db::run_read(&state.pool, state.sqlite(), move |conn| {
        learning::lesson_page(conn, &me.0, &s, &lesson, lang)
    })
    .await?;
    let mut data = match outcome {
        Ok(data) => data,
        Err(_) => return Ok(see_other(&format!("/self-study/{slug}?done=enroll-first"))),
    };
    let html = lesson_html(&data, lang);
    // The page shows the rendered HTML; the Markdown need not travel into the template.
    (data.body, data.guide) = (String::new(), String::new());
    let page = page
        .with("done", &flash(req))
        .with("lesson", &data)
        .with("body_html", &html.0)
        .with("guide_html", &html.1)
        .status(status);
    let page = match result {
        Some((result, chosen)) => page.with("result", result).with("chosen", chosen),
        None => page,
    };
    page.render(&state.templates)
}

/// `POST /self-study/{program}/lessons/{lesson}/done`.
pub async fn done(
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, lesson) = path.into_inner();
    let (now, s, l) = (state.clock.now_naive(), slug.clone(), lesson.clone());
    let composer = state.composer.clone();
    let outcome = crate::db::run(&state.pool, move |conn| {
        learning::complete_lesson(conn, &composer, &me.0, &s, &l, now)
    })
    .await?;
    match outcome {
        Ok(e) if e.completed_at.is_some() => {
            Ok(see_other(&format!("/self-study/{slug}?done=completed")))
        }
        Ok(_) => Ok(see_other(&format!(
            "/self-study/{slug}/lessons/{lesson}?done=marked#check"
        ))),
        Err(_) => Ok(see_other(&format!("/self-study/{slug}?done=enroll-first"))),
    }
}

/// `POST /self-study/{program}/lessons/{lesson}/check`: the form sends `q0`, `q1`, … once per
/// chosen answer; the page shows the result with every explanation.
pub async fn check(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let (slug, lesson) = path.into_inner();
    let answers = parse_answers(&body)?;
    let lang = crate::web::i18n::request_language(&req);
    let (now, s, l, a) = (
        state.clock.now_naive(),
        slug.clone(),
        lesson.clone(),
        answers.clone(),
    );
    let (composer, who) = (state.composer.clone(), me.0.clone());
    let outcome = crate::db::run(&state.pool, move |conn| {
        let attempt = learning::Attempt {
            program: &s,
            lesson: &l,
            answers: &a,
        };
        learning::answer_check(conn, &composer, &who, attempt, lang, now)
    })
    .await?;
    match outcome {
        Ok(result) => {
            lesson_page(
                &req,
                &state,
                me,
                slug,
                lesson,
                Some((&result, &answers)),
                StatusCode::OK,
            )
            .await
        }
        Err(refusal) if refusal.reason == "not_enrolled" => {
            Ok(see_other(&format!("/self-study/{slug}?done=enroll-first")))
        }
        Err(refusal) => {
            let shown = Refused {
                refusal: &refusal,
                chosen: &answers,
            };
            lesson_page_refused(&req, &state, me, (slug, lesson), shown).await
        }
    }
}

/// Lessons and guides as HTML, kept per lesson row and language: a curriculum version never
/// changes, so its Markdown is rendered (and sanitised) once, not on every view.
type Rendered = Arc<(String, String)>;

static RENDERED: RwLock<Option<HashMap<(String, Language), Rendered>>> = RwLock::new(None);

/// Lessons × languages kept at most.
const KEEP: usize = 2048;

/// The lesson's and the guide's HTML.
fn lesson_html(data: &LessonPage, lang: Language) -> Rendered {
    let key = (data.key.clone(), lang);
    if let Some(hit) = RENDERED
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .and_then(|m| m.get(&key))
    {
        return hit.clone();
    }
    let html = Arc::new((
        to_safe_html(without_title(&data.body)),
        to_safe_html(without_title(&data.guide)),
    ));
    let mut cache = RENDERED.write().unwrap_or_else(|e| e.into_inner());
    let map = cache.get_or_insert_with(HashMap::new);
    if map.len() >= KEEP {
        map.clear();
    }
    map.insert(key, html.clone());
    html
}

/// The Markdown without its first-level heading: the page shows the title already.
fn without_title(markdown: &str) -> &str {
    match markdown.trim_start().strip_prefix("# ") {
        Some(rest) => rest.split_once('\n').map_or("", |(_, body)| body),
        None => markdown,
    }
}

/// A refused attempt: why, and what was chosen (kept in the form).
struct Refused<'a> {
    refusal: &'a crate::error::Refusal,
    chosen: &'a [Vec<usize>],
}

async fn lesson_page_refused(
    req: &HttpRequest,
    state: &AppState,
    me: SignedIn,
    (slug, lesson): (String, String),
    shown: Refused<'_>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(req, "study/lesson.html");
    let lang = page.lang;
    let s = slug.clone();
    let data = crate::db::run_read(&state.pool, state.sqlite(), move |conn| {
        learning::lesson_page(conn, &me.0, &s, &lesson, lang)
    })
    .await?
    .map_err(|_| AppError::NotFound)?;
    let html = lesson_html(&data, lang);
    page.with("lesson", &data)
        .with("body_html", &html.0)
        .with("guide_html", &html.1)
        .with("refusal", shown.refusal.key)
        .with("chosen", shown.chosen)
        .status(shown.refusal.status)
        .render(&state.templates)
}

/// The chosen answers from the form: `q<i>=<answer position>`, repeated for several.
fn parse_answers(body: &[u8]) -> Result<Vec<Vec<usize>>, AppError> {
    let mut answers: Vec<Vec<usize>> = Vec::new();
    for (key, value) in form_urlencoded::parse(body) {
        if key == "csrf_token" {
            continue;
        }
        let index = key
            .strip_prefix('q')
            .and_then(|i| i.parse::<usize>().ok())
            .filter(|i| *i < 20)
            .ok_or_else(|| AppError::BadRequest(format!("unknown field {key}")))?;
        let choice = value
            .parse::<usize>()
            .map_err(|_| AppError::BadRequest(format!("{key}: not an answer")))?;
        if answers.len() <= index {
            answers.resize(index + 1, Vec::new());
        }
        answers[index].push(choice);
    }
    Ok(answers)
}

/// `GET /self-study/{program}/lessons/{lesson}/video`: streamed from the file storage, with
/// byte ranges (206) so the viewer can skip ahead, an ETag from the content's digest, and
/// private caching.
pub async fn video(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, lesson) = path.into_inner();
    let video = crate::db::run_read(&state.pool, state.sqlite(), move |conn| {
        learning::video(conn, &me.0, &slug, &lesson)
    })
    .await?;
    let digest = video.key.rsplit('/').next().unwrap_or_default();
    let etag = format!("\"{digest}\"");
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    let response = |status: StatusCode| {
        let mut r = HttpResponse::build(status);
        r.insert_header(("ETag", etag.as_str()))
            .insert_header(("Accept-Ranges", "bytes"))
            .insert_header(("Cache-Control", "private, max-age=86400"))
            .insert_header(("X-Content-Type-Options", "nosniff"));
        r
    };
    if header("If-None-Match")
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"))
    {
        return Ok(response(StatusCode::NOT_MODIFIED).finish());
    }
    // A stale `If-Range` asks for the whole (new) file.
    let range = match header("If-Range") {
        Some(tag) if tag.trim() != etag => None,
        _ => header("Range"),
    };
    let fail = |e: anyhow::Error| AppError::Internal(e.context("reading a lesson video"));
    match wanted(range, video.bytes) {
        Wanted::Whole => {
            let download = state.storage.get(&video.key).await.map_err(fail)?;
            Ok(response(StatusCode::OK)
                .content_type(video.media_type)
                .no_chunking(download.size)
                .streaming(download.body))
        }
        Wanted::Part(part) => {
            let content_range = format!("bytes {}-{}/{}", part.start, part.end - 1, video.bytes);
            let download = state
                .storage
                .get_range(&video.key, part)
                .await
                .map_err(fail)?;
            Ok(response(StatusCode::PARTIAL_CONTENT)
                .content_type(video.media_type)
                .insert_header(("Content-Range", content_range))
                .no_chunking(download.size)
                .streaming(download.body))
        }
        // Typed like the media, so the error pages leave this answer and its header alone.
        Wanted::Unsatisfiable => Ok(response(StatusCode::RANGE_NOT_SATISFIABLE)
            .content_type(video.media_type)
            .insert_header(("Content-Range", format!("bytes */{}", video.bytes)))
            .finish()),
    }
}

/// `GET /self-study/{program}/lessons/{lesson}/captions/{lang}`: WebVTT for `<track>`.
pub async fn captions(
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, lesson, lang) = path.into_inner();
    let lang = match lang.trim_end_matches(".vtt") {
        "de" => Language::De,
        "en" => Language::En,
        _ => return Err(AppError::NotFound),
    };
    let text = crate::db::run_read(&state.pool, state.sqlite(), move |conn| {
        learning::captions(conn, &me.0, &slug, &lesson, lang)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/vtt; charset=utf-8")
        .insert_header(("Cache-Control", "private, max-age=3600"))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(text))
}
