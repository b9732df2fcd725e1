//! Public verification: `/verify/{code}` (no sign-in, not indexed, rate limited), `/verify` to
//! check a pasted credential, and the issuer's key (`/.well-known/jwks.json`) and profile
//! (`/issuer`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::identity::client_ip;
use crate::certificates::verify;
use crate::certificates::views::Verification;
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
    let v = lookup(&req, &state, code.into_inner(), page.lang.code()).await?;
    let status = if v.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let unknown = v.is_none();
    page_response(page.with("v", &v).with("unknown", &unknown), &state, status)
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
}

/// `POST /verify`: is a pasted credential ours, untampered, and its certificate still valid?
pub async fn check(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<CheckForm>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "verify/show.html");
    let jwt = form.into_inner().jwt;
    let code = state.issuer.check(&jwt).and_then(|claims| {
        claims["vc"]["id"]
            .as_str()
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
            .with("jwt", &jwt),
        &state,
        status,
    )
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
