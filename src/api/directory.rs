//! `syncPeople`: the HR directory sync through the API (the same use case as
//! `qualify people sync`).

use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::accounts::Owner;
use crate::directory::{self, Change, Event, Input, Options, RowError, SyncReport};
use crate::error::AppError;
use crate::state::AppState;

/// The largest file accepted (a directory of 300,000 people is about 30 MB).
const MAX_FILE: usize = 128 << 20;

/// Differences and errors listed at most in the answer (the counts cover all).
const MAX_LISTED: usize = 1000;

/// How to run `syncPeople`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SyncQuery {
    /// Report the differences, change nothing.
    #[serde(default)]
    dry_run: bool,
    /// Also suspend active people with an employee id the file does not list.
    #[serde(default)]
    full: bool,
    /// Run a full sync even when it would suspend more than 10 % of the active people.
    #[serde(default)]
    force: bool,
}

/// What `syncPeople` did (or, dry, would do).
#[derive(Debug, Serialize, ToSchema)]
pub struct SyncAnswer {
    /// The counts.
    pub report: SyncReport,
    /// The differences (the first 1000).
    pub changes: Vec<Change>,
    /// The lines in error, with their line numbers (the first 1000).
    pub errors: Vec<RowError>,
    /// More differences or errors than listed.
    pub truncated: bool,
}

/// Brings the people in line with an HR directory export: CSV (UTF-8, with or without BOM,
/// `,` or `;`) with the columns employee_id, email, name, language, org_unit,
/// parent_org_unit, manager_employee_id and status (`active` or `left`).
#[utoipa::path(post, path = "/api/v1/people/sync", operation_id = "syncPeople", tag = "accounts",
    params(SyncQuery),
    request_body(content = String, content_type = "text/csv", description = "The directory export"),
    security(("bearer" = [])),
    responses(
        (status = 200, body = SyncAnswer, description = "Applied (or, with dryRun, compared)"),
        (status = 400, description = "The body is not UTF-8 CSV, or larger than 128 MB", content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", content_type = "application/problem+json"),
        (status = 403, description = "Not an owner", content_type = "application/problem+json"),
        (status = 422, description = "Required columns missing (`missing_columns`), or a full run would suspend more than 10 % of the active people without `force` (`too_many_suspensions`)", content_type = "application/problem+json"),
    ))]
pub async fn sync_people(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    query: web::Query<SyncQuery>,
    mut payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let mut body = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| AppError::BadRequest("error-upload-broken".into()))?;
        if body.len() + chunk.len() > MAX_FILE {
            return Err(AppError::BadRequest("people-sync-error-too-large".into()));
        }
        body.extend_from_slice(&chunk);
    }
    let options = Options {
        dry_run: query.dry_run,
        full: query.full,
        force: query.force,
    };
    let (composer, now, actor) = (state.composer.clone(), state.clock.now_naive(), owner.0);
    let (outcome, changes, errors, truncated) = crate::db::run(&state.pool, move |conn| {
        let (mut changes, mut errors, mut truncated) = (Vec::new(), Vec::new(), false);
        let mut sink = |event: Event| match event {
            Event::Change(c) if changes.len() < MAX_LISTED => changes.push(c),
            Event::Error(e) if errors.len() < MAX_LISTED => errors.push(e),
            Event::Rows { .. } => {}
            _ => truncated = true,
        };
        let input = Input::Bytes(body);
        let outcome = directory::sync(
            conn,
            &composer,
            Some(&actor),
            &input,
            options,
            now,
            &mut sink,
        )?;
        Ok((outcome, changes, errors, truncated))
    })
    .await?;
    match outcome {
        Ok(report) => Ok(HttpResponse::Ok().json(SyncAnswer {
            report,
            changes,
            errors,
            truncated,
        })),
        Err(refusal) => Ok(super::refused(&req, &refusal)),
    }
}
