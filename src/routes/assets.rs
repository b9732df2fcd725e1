//! `GET /static/…`: the vendored CSS, scripts and fonts, embedded in the binary.

use actix_web::{HttpResponse, web};
use rust_embed::RustEmbed;

use crate::error::AppError;

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
