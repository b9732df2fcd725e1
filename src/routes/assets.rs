//! `GET /static/…`: the vendored CSS, scripts and fonts, embedded in the binary; and
//! `GET /organization/logo`, the organisation's logo from the settings.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use rust_embed::RustEmbed;

use crate::error::AppError;
use crate::state::AppState;

#[derive(RustEmbed)]
#[folder = "static/"]
struct Assets;

/// Serves one embedded file with a long cache lifetime and its ETag.
pub async fn serve(path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let file = Assets::get(&path).ok_or(AppError::NotFound)?;
    let mime = mime_guess_from(&path);
    Ok(HttpResponse::Ok()
        .content_type(mime)
        .insert_header(("Cache-Control", "public, max-age=86400"))
        .insert_header((
            "ETag",
            format!("\"{}\"", hex::encode(&file.metadata.sha256_hash()[..8])),
        ))
        .body(file.data.into_owned()))
}

fn mime_guess_from(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/ld+json",
        Some("woff2") => "font/woff2",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// `GET /organization/logo`: the organisation's logo (`QUALIFY_ORGANIZATION_LOGO`), the same
/// bytes for the life of the process, so browsers and mail clients may keep it for a day and
/// then ask again with its `ETag`. Not found without the setting. An SVG is served under a
/// policy that runs nothing in it, should someone open it on its own.
pub async fn organization_logo(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let logo = state
        .settings
        .organization_logo
        .as_ref()
        .ok_or(AppError::NotFound)?;
    let cache = ("Cache-Control", "public, max-age=86400");
    let unchanged = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|t| t.trim() == logo.etag || t.trim() == "*")
        });
    if unchanged {
        return Ok(HttpResponse::NotModified()
            .insert_header(cache)
            .insert_header((header::ETAG, logo.etag.clone()))
            .finish());
    }
    Ok(HttpResponse::Ok()
        .content_type(logo.kind.content_type())
        .insert_header(cache)
        .insert_header((header::ETAG, logo.etag.clone()))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        ))
        .body(logo.bytes.as_ref().clone()))
}
