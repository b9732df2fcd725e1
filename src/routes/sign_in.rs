//! Sign-in pages: request a link, confirm a link (a button: mail scanners open links, only the
//! POST signs in), password sign-in, sign-out.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::identity::{SignedIn, client_ip};
use crate::accounts::{session, sign_in};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::http::{safe_next, see_other};
use crate::web::templates::Page;

/// What the browser brings to a sign-in.
pub(super) fn client_of(req: &HttpRequest, settings: &crate::config::Settings) -> sign_in::Client {
    sign_in::Client {
        previous_session: req
            .cookie(session::cookie_name(settings))
            .map(|c| c.value().to_string()),
        user_agent: req
            .headers()
            .get("user-agent")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        ip: client_ip(req, &settings.trusted_proxies),
    }
}

/// `?next=` on the sign-in page.
#[derive(Debug, Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

impl NextQuery {
    /// The requested path, unchecked.
    pub fn next(&self) -> &str {
        &self.next
    }
}

/// `GET /sign-in`.
pub async fn form(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<NextQuery>,
) -> Result<HttpResponse, AppError> {
    form_page(&req, &state, safe_next(&query.next), "").render(&state.templates)
}

/// The sign-in page, with the single sign-on button first when a provider is configured.
pub(super) fn form_page(req: &HttpRequest, state: &AppState, next: &str, email: &str) -> Page {
    let page = Page::new(req, "sign_in/form.html")
        .with("next", next)
        .with("email", email);
    match &state.sso {
        Some(sso) => {
            let next: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
            page.with("sso_label", &sso.setting.label)
                .with("sso_href", &format!("/sign-in/sso?next={next}"))
        }
        None => page,
    }
}

/// The link request form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkForm {
    email: String,
    #[serde(default)]
    next: String,
}

/// `POST /sign-in/link`: the same answer whether or not the account exists.
pub async fn request_link(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<LinkForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let email = form.email.trim().to_string();
    if !crate::accounts::invitations::valid_email(&email) {
        return form_page(&req, &state, safe_next(&form.next), &email)
            .with("error", "sign-in-error-email")
            .status(actix_web::http::StatusCode::UNPROCESSABLE_ENTITY)
            .render(&state.templates);
    }
    let ip = client_ip(&req, &state.settings.trusted_proxies);
    let (settings, composer, now) = (
        state.settings.clone(),
        state.composer.clone(),
        state.clock.now_naive(),
    );
    let (target, client) = (email.clone(), ip.clone());
    let capped = crate::db::run(&state.pool, move |conn| {
        sign_in::admit_link_request(conn, &target, client.as_deref(), now)
    })
    .await?;
    let request = sign_in::LinkRequest {
        email: email.clone(),
        ip,
        capped,
    };
    crate::db::after_response::spawn(&state.pool, "sign-in link", move |conn| {
        sign_in::send_link(conn, &composer, &settings, request, now)
    });
    Page::new(&req, "sign_in/sent.html")
        .with("email", &email)
        .render(&state.templates)
}

/// `GET /sign-in/link/{token}`: a confirm page with a button; nothing is used up yet.
pub async fn confirm_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    query: web::Query<NextQuery>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let now = state.clock.now_naive();
    let check = token.clone();
    let usable = crate::db::run(&state.pool, move |conn| {
        Ok(sign_in::link_is_usable(conn, &check, now)?)
    })
    .await?;
    let page = if usable {
        Page::new(&req, "sign_in/confirm.html")
            .with("token", &token)
            .with("next", safe_next(&query.next))
    } else {
        Page::new(&req, "sign_in/invalid.html").status(actix_web::http::StatusCode::GONE)
    };
    let mut response = page.render(&state.templates)?;
    response.headers_mut().insert(
        actix_web::http::header::REFERRER_POLICY,
        actix_web::http::header::HeaderValue::from_static("no-referrer"),
    );
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// The confirm button's form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfirmForm {
    token: String,
    #[serde(default)]
    next: String,
}

/// `POST /sign-in/link`…: uses the link once and starts a new session.
pub async fn confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<ConfirmForm>,
) -> Result<HttpResponse, AppError> {
    let settings = state.settings.clone();
    let client = client_of(&req, &settings);
    let now = state.clock.now_naive();
    let ConfirmForm { token, next } = form.into_inner();
    let s = settings.clone();
    let started = crate::db::run(&state.pool, move |conn| {
        sign_in::confirm_link(conn, &s, &token, client, now)
    })
    .await?;
    match started {
        // `/` sends the person on to their landing page.
        Ok(value) => Ok(HttpResponse::SeeOther()
            .insert_header(("Location", safe_next(&next).to_string()))
            .cookie(session::cookie(&settings, value))
            .finish()),
        Err(refusal) if refusal.reason == "sso_only" => form_page(&req, &state, "/", "")
            .with("error", refusal.key)
            .status(refusal.status)
            .render(&state.templates),
        Err(_) => Page::new(&req, "sign_in/invalid.html")
            .status(actix_web::http::StatusCode::GONE)
            .render(&state.templates),
    }
}

/// The password form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordForm {
    email: String,
    password: String,
    #[serde(default)]
    next: String,
}

/// `POST /sign-in/password`.
pub async fn with_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let settings = state.settings.clone();
    let client = client_of(&req, &settings);
    let email = form.email.trim().to_string();
    let started = sign_in::with_password(
        &state.pool,
        &settings,
        email.clone(),
        form.password,
        client,
        state.clock.now_naive(),
    )
    .await?;
    match started {
        Ok(value) => Ok(HttpResponse::SeeOther()
            .insert_header(("Location", safe_next(&form.next).to_string()))
            .cookie(session::cookie(&settings, value))
            .finish()),
        Err(refusal) => form_page(&req, &state, safe_next(&form.next), &email)
            .with("password_error", refusal.key)
            .status(refusal.status)
            .render(&state.templates),
    }
}

/// `POST /sign-out`: ends the session; after a single sign-on, offers the provider's
/// sign-out too.
pub async fn sign_out(state: web::Data<AppState>, me: SignedIn) -> Result<HttpResponse, AppError> {
    let identity = me.0;
    let hash = identity
        .session
        .as_ref()
        .map(|s| s.id_hash.clone())
        .ok_or(AppError::BadRequest("not a browser session".into()))?;
    let now = state.clock.now_naive();
    let person = identity.person.id.clone();
    let offer_provider =
        crate::accounts::sso::sign_out(&state.pool, state.sso.as_deref(), person, hash, now)
            .await?;
    let mut response = see_other(if offer_provider { "/signed-out" } else { "/" });
    let _ = response.add_cookie(&session::removal(&state.settings));
    Ok(response)
}
