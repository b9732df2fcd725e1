//! Public verification: `/verify/{code}` (no sign-in, not indexed, rate limited; with an
//! address to check against the holder's, and the badge image), `/verify` to check a pasted
//! credential, the issuer's key (`/.well-known/jwks.json`) and profile (`/issuer`), and the
//! signed revocation status list.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::identity::client_ip;
use crate::certificates::ob3::credential_id;
use crate::certificates::views::Verification;
use crate::certificates::{status_list, verify};
use crate::domain::language::Language;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::templates::Page;

/// Looks a code up for the caller's address (rate limited).
async fn lookup(
    req: &HttpRequest,
    state: &AppState,
    code: String,
    lang: &'static str,
) -> Result<Option<Verification>, AppError> {
    let caller =
        client_ip(req, &state.settings.trusted_proxies).unwrap_or_else(|| "unknown".into());
    let (issuer, now) = (state.issuer.clone(), state.clock.now_naive());
    crate::db::run(&state.pool, move |conn| {
        verify::lookup(conn, &issuer, &caller, &code, lang, now)
    })
    .await
}

fn page_response(
    page: Page,
    state: &AppState,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let mut resp = page.status(status).render(&state.templates)?;
    resp.headers_mut().insert(
        actix_web::http::header::HeaderName::from_static("x-robots-tag"),
        actix_web::http::header::HeaderValue::from_static("noindex"),
    );
    Ok(resp)
}

/// `GET /verify/{code}`.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "verify/show.html");
    let code = code.into_inner();
    let v = lookup(&req, &state, code.clone(), page.lang.code()).await?;
    let status = if v.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let unknown = v.is_none();
    let page = page.with("v", &v).with("unknown", &unknown);
    page_response(page.with("code", &code), &state, status)
}

/// `GET /verify`: the form to check a credential.
pub async fn form(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    page_response(Page::new(&req, "verify/show.html"), &state, StatusCode::OK)
}

/// The credential form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckForm {
    jwt: String,
    #[serde(default)]
    email: String,
}

/// `POST /verify`: is a pasted credential ours, untampered, its certificate still valid, and
/// (if an address is given) issued to that address?
pub async fn check(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<CheckForm>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "verify/show.html");
    let CheckForm { jwt, email } = form.into_inner();
    let claims = state.issuer.check(&jwt);
    let code = claims.as_ref().and_then(|c| {
        credential_id(c)
            .and_then(|id| id.rsplit('/').next())
            .map(str::to_string)
    });
    let (v, key) = match code {
        None => (None, "verify-jwt-invalid"),
        Some(code) => {
            let v = lookup(&req, &state, code, page.lang.code()).await?;
            let key = match v.as_ref().map(|v| v.status.as_str()) {
                Some("active") => "verify-jwt-valid",
                Some(_) => "verify-jwt-not-valid-now",
                None => "verify-jwt-invalid",
            };
            (v, key)
        }
    };
    let email_checked = match (&claims, email.trim().is_empty() || v.is_none()) {
        (Some(c), false) => Some(verify::email_in_credential(c, &email)),
        _ => None,
    };
    let ok = key == "verify-jwt-valid";
    let status = if key == "verify-jwt-invalid" {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    page_response(
        page.with("v", &v)
            .with("checked", key)
            .with("jwt_ok", &ok)
            .with("jwt", &jwt)
            .with("email", &email)
            .with("email_checked", &email_checked),
        &state,
        status,
    )
}

/// The address form of a verification page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailForm {
    email: String,
}

/// `POST /verify/{code}`: the verification, and whether an address is the holder's.
pub async fn check_email(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
    form: web::Form<EmailForm>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "verify/show.html");
    let caller =
        client_ip(&req, &state.settings.trusted_proxies).unwrap_or_else(|| "unknown".into());
    let (issuer, now, lang) = (
        state.issuer.clone(),
        state.clock.now_naive(),
        page.lang.code(),
    );
    let (code, email) = (code.into_inner(), form.into_inner().email);
    let (typed, shown) = (email.clone(), code.clone());
    let (v, answer) = crate::db::run(&state.pool, move |conn| {
        verify::lookup_with_email(conn, &issuer, (&caller, &code), &email, lang, now)
    })
    .await?;
    let status = match v {
        Some(_) => StatusCode::OK,
        None => StatusCode::NOT_FOUND,
    };
    let unknown = v.is_none();
    let page = page.with("v", &v).with("unknown", &unknown);
    let page = page.with("code", &shown).with("email", &typed);
    let page = page.with("email_checked", &answer);
    page_response(page, &state, status)
}

/// The language of a badge image.
#[derive(Debug, Deserialize)]
pub struct BadgeQuery {
    lang: Option<String>,
}

/// `GET /verify/{code}/badge.png[?lang=de|en]`: the certificate's badge image (public).
pub async fn badge(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
    query: web::Query<BadgeQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = match query.lang.as_deref() {
        Some(l) => {
            Language::parse(l).ok_or(AppError::BadRequest("lang must be de or en".into()))?
        }
        None => crate::web::i18n::request_language(&req),
    };
    let caller =
        client_ip(&req, &state.settings.trusted_proxies).unwrap_or_else(|| "unknown".into());
    let (now, code) = (state.clock.now_naive(), code.into_inner());
    let png = crate::db::run(&state.pool, move |conn| {
        verify::badge(conn, &caller, &code, lang, now)
    })
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type("image/png")
        .insert_header(("Cache-Control", "public, max-age=86400"))
        .body(png))
}

/// `GET /status-lists/revocation`: the signed revocation status list (a JWT), built from the
/// database on every request, so a revocation is in the next answer of every instance.
pub async fn status_list(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let (issuer, now) = (state.issuer.clone(), state.clock.now_naive());
    let jwt = crate::db::run(&state.pool, move |conn| {
        status_list::credential(conn, &issuer, now)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/vc+jwt")
        .insert_header(("Cache-Control", "no-cache"))
        .body(jwt))
}

/// `GET /.well-known/jwks.json`.
pub async fn jwks(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(state.issuer.jwks())
}

/// `GET /issuer`: the Open Badges issuer profile.
pub async fn issuer(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/ld+json")
        .body(state.issuer.profile().to_string())
}
