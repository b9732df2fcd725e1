//! `getProgram`: the program with its modules, assignments and rubrics in one language.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::content::catalog::{self, ProgramView};
use crate::error::AppError;
use crate::state::AppState;

/// Query parameters of `getProgram`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ProgramQuery {
    /// `de` or `en`; without it, `Accept-Language` decides (default `de`).
    lang: Option<String>,
}

/// Returns the current curriculum of a program.
#[utoipa::path(
    get,
    path = "/api/v1/programs/{program_id}",
    operation_id = "getProgram",
    tag = "curriculum",
    params(("program_id" = String, Path, description = "Program id, e.g. community-manager"), ProgramQuery),
    responses(
        (status = 200, description = "The program", body = ProgramView),
        (status = 400, description = "Unknown language", content_type = "application/problem+json"),
        (status = 404, description = "No such program", content_type = "application/problem+json"),
    )
)]
pub async fn get_program(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<ProgramQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = super::api_language(&req, query.lang.as_deref())?;
    let slug = path.into_inner();
    let view = crate::db::run(&state.pool, move |conn| {
        Ok(catalog::program_view(conn, &slug, lang)?)
    })
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().json(view))
}
