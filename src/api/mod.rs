//! The JSON front door under `/api/v1`, and its OpenAPI document at `/api/openapi.json`.
//! Errors are `application/problem+json` (see [`crate::error_pages`]).

mod openapi;
mod program;

use actix_web::{HttpRequest, web};

use crate::domain::language::Language;
use crate::error::AppError;

pub use openapi::ApiDoc;

/// Registers every API route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/openapi.json", web::get().to(openapi::document))
        .service(
            web::scope("/api/v1")
                .route(
                    "/programs/{program_id}",
                    web::get().to(program::get_program),
                )
                .default_service(web::to(not_found)),
        );
}

async fn not_found() -> Result<actix_web::HttpResponse, AppError> {
    Err(AppError::NotFound)
}

/// The language an API answer is written in: `?lang=`, else `Accept-Language`, else German.
pub fn api_language(req: &HttpRequest, lang: Option<&str>) -> Result<Language, AppError> {
    match lang {
        Some(code) => Language::parse(code)
            .ok_or_else(|| AppError::BadRequest(format!("lang must be de or en, not '{code}'"))),
        None => Ok(crate::i18n::request_language(req)),
    }
}
