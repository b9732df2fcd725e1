//! `/experts`: the expert directory for signed-in employees (search, a profile with its
//! question form), one's own profile (join with consent, change, withdraw), and the owner
//! naming experts.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::{Owner, SignedIn};
use crate::domain::ids::PersonId;
use crate::error::{AppError, Refusal};
use crate::experts::contact::{self, ContactInput};
use crate::experts::profile::{self, LANGUAGES, ProfileInput};
use crate::experts::search::{self, SearchQuery};
use crate::state::AppState;
use crate::web::http::see_other;
use crate::web::templates::Page;

/// `GET /experts`: the search with its facets.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "experts/index.html");
    let (lang, now, q) = (page.lang, state.clock.now_naive(), query.into_inner());
    let typed = q.clone();
    let found =
        crate::db::run(&state.pool, move |conn| search::search(conn, &q, lang, now)).await?;
    let mut base = form_urlencoded::Serializer::new(String::new());
    for (key, value) in [
        ("q", &typed.q),
        ("topic", &typed.topic),
        ("language", &typed.language),
        ("org_unit", &typed.org_unit),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            base.append_pair(key, v);
        }
    }
    let base = base.finish();
    let flash = web::Query::<Flash>::from_query(req.query_string()).ok();
    page.with("found", &found)
        .with("done", &flash.as_ref().and_then(|f| done(f)))
        .with("query", &typed)
        .with("base", &base)
        .with("is_owner", &me.0.is_owner)
        .render(&state.templates)
}

/// The flash after a redirect.
#[derive(Debug, Default, Deserialize)]
pub struct Flash {
    #[serde(default)]
    done: Option<String>,
}

fn done(flash: &Flash) -> Option<&'static str> {
    match flash.done.as_deref()? {
        "saved" => Some("saved"),
        "withdrawn" => Some("withdrawn"),
        "sent" => Some("sent"),
        "granted" => Some("granted"),
        _ => None,
    }
}

async fn me_page(
    req: &HttpRequest,
    state: &AppState,
    me: SignedIn,
    typed: Option<&ProfileInput>,
    refusal: Option<&Refusal>,
    flash: Option<&'static str>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(req, "experts/me.html");
    let (lang, now, actor) = (page.lang, state.clock.now_naive(), me.0.clone());
    let mine = crate::db::run(&state.pool, move |conn| {
        profile::mine(conn, &actor, lang, now)
    })
    .await?;
    let form = typed.cloned().unwrap_or_else(|| mine.form.clone());
    page.with("mine", &mine)
        .with("form", &form)
        .with("all_languages", &LANGUAGES)
        .with("done", &flash)
        .with_problems(&refusal.map(Refusal::problems).unwrap_or_default())
        .status(refusal.map_or(StatusCode::OK, |r| r.status))
        .render(&state.templates)
}

/// `GET /experts/me`: one's own profile.
pub async fn me(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    flash: web::Query<Flash>,
) -> Result<HttpResponse, AppError> {
    me_page(&req, &state, me, None, None, done(&flash)).await
}

/// The form's fields; topics and languages come once per box ticked.
fn profile_form(body: &[u8]) -> ProfileInput {
    let mut input = ProfileInput::default();
    for (key, value) in form_urlencoded::parse(body) {
        match key.as_ref() {
            "consent" => input.consent = value == "on",
            "topics" => input.topics.push(value.into_owned()),
            "languages" => input.languages.push(value.into_owned()),
            "communities" => input.communities = value.into_owned(),
            "bio" => input.bio = value.into_owned(),
            "open_to_questions" => input.open_to_questions = value == "on",
            "messages_paused" => input.messages_paused = value == "on",
            "lock_version" => input.lock_version = value.parse().ok(),
            _ => {}
        }
    }
    input
}

/// `POST /experts/me`: saves the profile; a refusal shows the form again with each message at
/// its field and what was typed kept.
pub async fn save(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let input = profile_form(&body);
    let (actor, now, typed) = (me.0.clone(), state.clock.now_naive(), input.clone());
    match crate::db::run(&state.pool, move |conn| {
        profile::save(conn, &actor, &typed, now)
    })
    .await?
    {
        Ok(_) => Ok(see_other("/experts/me?done=saved")),
        Err(refusal) => me_page(&req, &state, me, Some(&input), Some(&refusal), None).await,
    }
}

/// `POST /experts/me/withdraw`: hides the profile at once.
pub async fn withdraw(state: web::Data<AppState>, me: SignedIn) -> Result<HttpResponse, AppError> {
    let now = state.clock.now_naive();
    crate::db::run(&state.pool, move |conn| profile::withdraw(conn, &me.0, now)).await?;
    Ok(see_other("/experts/me?done=withdrawn"))
}

async fn show_page(
    req: &HttpRequest,
    state: &AppState,
    id: String,
    typed: Option<&ContactInput>,
    refusal: Option<&Refusal>,
    flash: Option<&'static str>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(req, "experts/show.html");
    let (lang, now) = (page.lang, state.clock.now_naive());
    let expert = crate::db::run(&state.pool, move |conn| {
        profile::view(conn, &PersonId(id), lang, now)?.ok_or(AppError::NotFound)
    })
    .await?;
    page.with("x", &expert)
        .with("form", &typed.cloned().unwrap_or_default())
        .with("done", &flash)
        .with_problems(&refusal.map(Refusal::problems).unwrap_or_default())
        .status(refusal.map_or(StatusCode::OK, |r| r.status))
        .render(&state.templates)
}

/// `GET /experts/{id}`: a listed profile.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    _me: SignedIn,
    id: web::Path<String>,
    flash: web::Query<Flash>,
) -> Result<HttpResponse, AppError> {
    show_page(&req, &state, id.into_inner(), None, None, done(&flash)).await
}

/// `POST /experts/{id}/contact`: mails the question to the expert.
pub async fn contact(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
    form: web::Form<ContactInput>,
) -> Result<HttpResponse, AppError> {
    let (input, id) = (form.into_inner(), id.into_inner());
    let (actor, now, composer) = (me.0, state.clock.now_naive(), state.composer.clone());
    let (typed, expert) = (input.clone(), PersonId(id.clone()));
    match crate::db::run(&state.pool, move |conn| {
        contact::contact(conn, &composer, &actor, &expert, &typed, now)
    })
    .await?
    {
        Ok(()) => Ok(see_other(&format!("/experts/{id}?done=sent"))),
        Err(refusal) => show_page(&req, &state, id, Some(&input), Some(&refusal), None).await,
    }
}

/// The owner's form naming an expert.
#[derive(Debug, Deserialize)]
pub struct GrantForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

/// `POST /experts/roles`: the owner names an expert or multiplier.
pub async fn grant(
    state: web::Data<AppState>,
    owner: Owner,
    form: web::Form<GrantForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let now = state.clock.now_naive();
    match crate::db::run(&state.pool, move |conn| {
        profile::grant_role(conn, &owner.0, &form.email, &form.role, now)
    })
    .await?
    {
        Ok(()) => Ok(see_other("/experts?done=granted")),
        Err(refusal) => Ok(super::refused(&refusal)),
    }
}
