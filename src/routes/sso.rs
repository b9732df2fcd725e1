//! Single sign-on pages: `GET /sign-in/sso` sends the browser to the identity provider,
//! `GET /sign-in/sso/callback` is where it comes back, and `/signed-out` offers the
//! provider's sign-out after the local one. A failure is a page in plain words (the
//! person's language), never a stack trace.

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::{HttpRequest, HttpResponse, web};

use super::sign_in::{NextQuery, client_of};
use crate::accounts::{session, sso};
use crate::error::{AppError, Refusal};
use crate::state::AppState;
use crate::web::http::safe_next;
use crate::web::templates::Page;

/// The cookie that binds a begun sign-in to the browser that began it.
const STATE_COOKIE: &str = "qualify_sso_state";

fn state_cookie(state: &AppState, value: String, max_age: CookieDuration) -> Cookie<'static> {
    Cookie::build(STATE_COOKIE, value)
        .path("/sign-in/sso")
        .http_only(true)
        .secure(state.settings.is_https())
        .same_site(SameSite::Lax)
        .max_age(max_age)
        .finish()
}

fn no_store(mut response: HttpResponse) -> HttpResponse {
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    response
}

fn failed(
    req: &HttpRequest,
    state: &AppState,
    refusal: &Refusal,
) -> Result<HttpResponse, AppError> {
    let mut response = Page::new(req, "sign_in/sso_failed.html")
        .with("error", refusal.key)
        .with("reason", refusal.reason)
        .status(refusal.status)
        .render(&state.templates)?;
    let _ = response.add_cookie(&state_cookie(state, String::new(), CookieDuration::ZERO));
    Ok(no_store(response))
}

/// `GET /sign-in/sso`: stores a new sign-in and redirects to the provider.
pub async fn begin(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<NextQuery>,
) -> Result<HttpResponse, AppError> {
    let next = safe_next(query.next()).to_string();
    let begun = sso::begin(
        &state.pool,
        state.sso.as_deref(),
        &state.settings.base_url,
        &next,
        state.clock.now_naive(),
    )
    .await?;
    match begun {
        Ok(begun) => {
            let max_age = CookieDuration::minutes(sso::LOGIN_MINUTES);
            Ok(no_store(
                HttpResponse::SeeOther()
                    .insert_header(("Location", begun.url))
                    .cookie(state_cookie(&state, begun.state, max_age))
                    .finish(),
            ))
        }
        Err(refusal) => failed(&req, &state, &refusal),
    }
}

/// `GET /sign-in/sso/callback`: finishes the sign-in and starts a session.
pub async fn callback(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<sso::Callback>,
) -> Result<HttpResponse, AppError> {
    let browser_state = req.cookie(STATE_COOKIE).map(|c| c.value().to_string());
    let started = sso::finish(
        &state.pool,
        state.sso.as_deref(),
        &state.settings,
        query.into_inner(),
        browser_state,
        client_of(&req, &state.settings),
        state.clock.now_naive(),
    )
    .await?;
    match started {
        Ok(started) => {
            let next = safe_next(&started.next);
            let mut response = HttpResponse::SeeOther()
                .insert_header(("Location", next.to_string()))
                .cookie(session::cookie(&state.settings, started.session))
                .finish();
            let _ = response.add_cookie(&state_cookie(&state, String::new(), CookieDuration::ZERO));
            Ok(no_store(response))
        }
        Err(refusal) => failed(&req, &state, &refusal),
    }
}

/// `GET /signed-out`: the local session has ended; a link to the provider's sign-out, when
/// it offers one.
pub async fn signed_out(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let url = sso::end_session_url(state.sso.as_deref(), &state.settings.base_url).await;
    Page::new(&req, "sign_in/signed_out.html")
        .with("provider_sign_out", &url)
        .with(
            "sso_label",
            &state.sso.as_ref().map(|s| s.setting.label.clone()),
        )
        .render(&state.templates)
}
