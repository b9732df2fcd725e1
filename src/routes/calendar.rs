//! The personal iCalendar feed (`GET /calendar/{token}.ics`, the token is the secret) and its
//! creation and revocation on the profile.

use actix_web::{HttpResponse, web};

use crate::accounts::SignedIn;
use crate::error::AppError;
use crate::state::AppState;
use crate::submissions::calendar;
use crate::web::http::see_other;

/// `GET /calendar/{token}`: the feed, `text/calendar`, never cached by shared caches.
pub async fn feed(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner().trim_end_matches(".ics").to_string();
    let (base, domain, now) = (
        state.settings.base_url.clone(),
        state.composer.domain.clone(),
        state.clock.now_naive(),
    );
    let ics = crate::db::run(&state.pool, move |conn| {
        calendar::feed(conn, &token, &base, &domain, now)
    })
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header(("Cache-Control", "private, max-age=900"))
        .insert_header(("Content-Disposition", "inline; filename=\"qualify.ics\""))
        .body(ics))
}

/// `POST /me/calendar`: a new feed URL (the old one stops working), shown once.
pub async fn rotate(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
) -> Result<HttpResponse, AppError> {
    let (id, now) = (me.0.person.id.clone(), state.clock.now_naive());
    let token = crate::db::run(&state.pool, move |conn| calendar::rotate(conn, &id, now)).await?;
    let url = format!("{}/calendar/{token}.ics", state.settings.base_url);
    super::profile::show_with(&req, &state, &me, ("calendar_url", serde_json::json!(url))).await
}

/// `POST /me/calendar/revoke`.
pub async fn revoke(state: web::Data<AppState>, me: SignedIn) -> Result<HttpResponse, AppError> {
    let (id, now) = (me.0.person.id.clone(), state.clock.now_naive());
    crate::db::run(&state.pool, move |conn| calendar::revoke(conn, &id, now)).await?;
    Ok(see_other("/me?saved=calendar"))
}
