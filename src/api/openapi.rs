//! The OpenAPI 3 document, generated from the handlers' annotations.

use actix_web::HttpResponse;
use utoipa::OpenApi;

/// Every API operation, with the `operationId` its issue names.
#[derive(OpenApi)]
#[openapi(
    info(title = "qualify API", description = "Community-manager qualification: curriculum, cohorts, grading, certificates."),
    paths(super::program::get_program),
    tags((name = "curriculum", description = "The program and its modules"))
)]
pub struct ApiDoc;

/// `GET /api/openapi.json`.
pub async fn document() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
