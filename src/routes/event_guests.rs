//! Guests of a public event, without an account: `/events/{id}/guest` (the event and the form
//! to register), and `/events/guests/{link}` (their registration, reached from the mailed link:
//! confirm it, or give the place up).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::identity::client_ip;
use crate::domain::ids::EventId;
use crate::error::{AppError, Refusal};
use crate::events::guests::{self, GuestInput};
use crate::state::AppState;
use crate::web::http::see_other;
use crate::web::templates::Page;

async fn form_page(
    req: &HttpRequest,
    state: &AppState,
    id: String,
    form: &GuestInput,
    refusal: Option<&Refusal>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(req, "events/guest.html");
    let (lang, now) = (page.lang, state.clock.now_naive());
    let event = crate::db::run(&state.pool, move |conn| {
        guests::public_card(conn, &EventId(id), lang, now)
    })
    .await?;
    page.with("e", &event)
        .with("form", form)
        .with_problems(&refusal.map(Refusal::problems).unwrap_or_default())
        .status(refusal.map_or(StatusCode::OK, |r| r.status))
        .render(&state.templates)
}

/// `GET /events/{id}/guest`: a public event and the form for guests.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let form = GuestInput {
        language: Page::new(&req, "events/guest.html").lang.code().to_string(),
        ..GuestInput::default()
    };
    form_page(&req, &state, id.into_inner(), &form, None).await
}

/// `POST /events/{id}/guest`: mails the link to confirm; a refusal shows the form again with
/// each message at its field and what was typed kept.
pub async fn ask(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<GuestInput>,
) -> Result<HttpResponse, AppError> {
    let input = form.into_inner();
    let id = id.into_inner();
    let client = client_ip(&req, &state.settings.trusted_proxies);
    let (event, typed, now, composer) = (
        EventId(id.clone()),
        input.clone(),
        state.clock.now_naive(),
        state.composer.clone(),
    );
    match crate::db::run(&state.pool, move |conn| {
        guests::ask(conn, &composer, &event, &typed, client.as_deref(), now)
    })
    .await?
    {
        Ok(()) => Page::new(&req, "events/guest_sent.html")
            .with("email", &input.email.trim())
            .with("hours", &guests::CONFIRM_HOURS)
            .render(&state.templates),
        Err(refusal) => form_page(&req, &state, id, &input, Some(&refusal)).await,
    }
}

/// The flash after a redirect.
#[derive(Debug, Default, Deserialize)]
pub struct Flash {
    #[serde(default)]
    done: Option<String>,
}

async fn place_page(
    req: &HttpRequest,
    state: &AppState,
    link: String,
    done: Option<&'static str>,
    refusal: Option<&Refusal>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(req, "events/guest_place.html");
    let (lang, now, key) = (page.lang, state.clock.now_naive(), state.composer.clone());
    let token = link.clone();
    let guest = crate::db::run(&state.pool, move |conn| {
        guests::page(conn, &key.unsubscribe_key, &token, lang, now)
    })
    .await?;
    page.with("g", &guest)
        .with("e", &guest.event)
        .with("link", &link)
        .with("done", &done)
        .with_problems(&refusal.map(Refusal::problems).unwrap_or_default())
        .status(refusal.map_or(StatusCode::OK, |r| r.status))
        .render(&state.templates)
}

/// `GET /events/guests/{link}`: the guest's registration. Following the link changes nothing
/// (mail scanners open links too); confirming is a button.
pub async fn place(
    req: HttpRequest,
    state: web::Data<AppState>,
    link: web::Path<String>,
    flash: web::Query<Flash>,
) -> Result<HttpResponse, AppError> {
    let done = match flash.done.as_deref() {
        Some("confirmed") => Some("confirmed"),
        Some("left") => Some("left"),
        _ => None,
    };
    place_page(&req, &state, link.into_inner(), done, None).await
}

/// `POST /events/guests/{link}/confirm`.
pub async fn confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    link: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let link = link.into_inner();
    let (token, now, composer) = (
        link.clone(),
        state.clock.now_naive(),
        state.composer.clone(),
    );
    match crate::db::run(&state.pool, move |conn| {
        guests::confirm(conn, &composer, &token, now)
    })
    .await?
    {
        Ok(_) => Ok(see_other(&format!("/events/guests/{link}?done=confirmed"))),
        Err(refusal) => place_page(&req, &state, link, None, Some(&refusal)).await,
    }
}

/// `POST /events/guests/{link}/cancel`.
pub async fn cancel(
    req: HttpRequest,
    state: web::Data<AppState>,
    link: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let link = link.into_inner();
    let (token, now, composer) = (
        link.clone(),
        state.clock.now_naive(),
        state.composer.clone(),
    );
    match crate::db::run(&state.pool, move |conn| {
        guests::give_up(conn, &composer, &token, now)
    })
    .await?
    {
        Ok(()) => Ok(see_other(&format!("/events/guests/{link}?done=left"))),
        Err(refusal) => place_page(&req, &state, link, None, Some(&refusal)).await,
    }
}
