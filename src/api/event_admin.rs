//! `createEvent`, `updateEvent`, `cancelEvent` and `importAttendance`: the owner's and hosts'
//! changes to live sessions as JSON, with the rules of the pages (a refused form answers 422
//! naming each field; a change made meanwhile answers 409).

use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::StreamExt;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::accounts::{Owner, SignedIn};
use crate::domain::ids::EventId;
use crate::error::AppError;
use crate::events::attendance_import::{self, ImportReport};
use crate::events::input::EventInput;
use crate::events::manage;
use crate::events::view::{self, EventCard};
use crate::state::AppState;

/// Plans a live session (owner). Times are local to `time_zone` (`2027-03-28T09:00`); a
/// cohort's session gives every trainee of the cohort a place and their invitation.
#[utoipa::path(post, path = "/api/v1/events", operation_id = "createEvent", tag = "events",
    security(("bearer" = [])), request_body = EventInput,
    responses((status = 201, body = EventCard),
        (status = 403, description = "Not an owner", content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct, each named", content_type = "application/problem+json")))]
pub async fn create_event(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    body: super::Body<EventInput>,
) -> Result<HttpResponse, AppError> {
    let input = body.into_inner();
    let lang = super::api_language(&req, None)?;
    let (actor, now, composer) = (owner.0, state.clock.now_naive(), state.composer.clone());
    let created = crate::db::run(&state.pool, move |conn| {
        Ok::<_, AppError>(
            match manage::create(conn, &composer, &actor, &input, now)? {
                Ok(event) => Ok(view::card_of(conn, &actor, &event.id, lang, now)?),
                Err(refusal) => Err(refusal),
            },
        )
    })
    .await?;
    match created {
        Ok(card) => Ok(HttpResponse::Created()
            .insert_header(("Location", format!("/api/v1/events/{}", card.id)))
            .json(card)),
        Err(refusal) => Ok(super::refused(&req, &refusal)),
    }
}

/// A change to a live session: every field of the session, and the version read.
#[derive(Debug, Deserialize, ToSchema)]
pub struct EventChange {
    /// The `lock_version` read (optimistic locking).
    pub lock_version: i32,
    /// The session as it should be.
    #[serde(flatten)]
    pub event: EventInput,
}

/// Changes a live session (owner) unless it changed since `lock_version`. Everyone with a place
/// gets the invitation again under a higher `SEQUENCE`.
#[utoipa::path(put, path = "/api/v1/events/{event_id}", operation_id = "updateEvent", tag = "events",
    security(("bearer" = [])), params(("event_id" = String, Path, description = "The session's id")),
    request_body = EventChange,
    responses((status = 200, body = EventCard),
        (status = 403, description = "Not an owner", content_type = "application/problem+json"),
        (status = 404, description = "No such session", content_type = "application/problem+json"),
        (status = 409, description = "Called off, or changed meanwhile", content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct, each named", content_type = "application/problem+json")))]
pub async fn update_event(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    body: super::Body<EventChange>,
) -> Result<HttpResponse, AppError> {
    let change = body.into_inner();
    let lang = super::api_language(&req, None)?;
    let (actor, now, composer) = (owner.0, state.clock.now_naive(), state.composer.clone());
    let id = EventId(id.into_inner());
    let changed = crate::db::run(&state.pool, move |conn| {
        let done = manage::update(
            conn,
            &composer,
            &actor,
            &id,
            &change.event,
            change.lock_version,
            now,
        )?;
        Ok::<_, AppError>(match done {
            Ok(event) => Ok(view::card_of(conn, &actor, &event.id, lang, now)?),
            Err(refusal) => Err(refusal),
        })
    })
    .await?;
    match changed {
        Ok(card) => Ok(HttpResponse::Ok().json(card)),
        Err(refusal) => Ok(super::refused(&req, &refusal)),
    }
}

/// The version read, to call a session off.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelEvent {
    /// The `lock_version` read (optimistic locking).
    pub lock_version: i32,
}

/// Calls a live session off (owner): everyone with a place gets a `METHOD:CANCEL` for their
/// calendar.
#[utoipa::path(post, path = "/api/v1/events/{event_id}/cancel", operation_id = "cancelEvent", tag = "events",
    security(("bearer" = [])), params(("event_id" = String, Path, description = "The session's id")),
    request_body = CancelEvent,
    responses((status = 204, description = "Called off"),
        (status = 403, description = "Not an owner", content_type = "application/problem+json"),
        (status = 404, description = "No such session", content_type = "application/problem+json"),
        (status = 409, description = "Changed meanwhile", content_type = "application/problem+json")))]
pub async fn cancel_event(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    body: super::Body<CancelEvent>,
) -> Result<HttpResponse, AppError> {
    let lock_version = body.into_inner().lock_version;
    let (actor, now, composer) = (owner.0, state.clock.now_naive(), state.composer.clone());
    let id = EventId(id.into_inner());
    match crate::db::run(&state.pool, move |conn| {
        manage::cancel(conn, &composer, &actor, &id, lock_version, now)
    })
    .await?
    {
        Ok(()) => Ok(HttpResponse::NoContent().finish()),
        Err(refusal) => Ok(super::refused(&req, &refusal)),
    }
}

/// Imports a Teams or Zoom attendance export (hosts, once the session has begun): CSV in UTF-8
/// or UTF-16, up to 2 MiB. People with a place are matched by address and marked present;
/// unknown addresses are listed. The same file again changes nothing.
#[utoipa::path(post, path = "/api/v1/events/{event_id}/attendance/import", operation_id = "importAttendance", tag = "events",
    security(("bearer" = [])), params(("event_id" = String, Path, description = "The session's id")),
    request_body(content = String, content_type = "text/csv", description = "The attendance export"),
    responses((status = 200, body = ImportReport),
        (status = 400, description = "Not a readable export, or larger than 2 MiB", content_type = "application/problem+json"),
        (status = 403, description = "Not a host of the session", content_type = "application/problem+json"),
        (status = 404, description = "No such session, or not the caller's to see", content_type = "application/problem+json"),
        (status = 409, description = "Called off, or not begun yet", content_type = "application/problem+json")))]
pub async fn import_attendance(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
    mut payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let mut file = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| AppError::BadRequest("error-upload-broken".into()))?;
        if file.len() + chunk.len() > attendance_import::MAX_BYTES {
            return Err(AppError::BadRequest("event-error-import-size".into()));
        }
        file.extend_from_slice(&chunk);
    }
    let (now, composer) = (state.clock.now_naive(), state.composer.clone());
    let id = EventId(id.into_inner());
    match crate::db::run(&state.pool, move |conn| {
        attendance_import::import(conn, &composer, &me.0, &id, &file, now)
    })
    .await?
    {
        Ok(report) => Ok(HttpResponse::Ok().json(report)),
        Err(refusal) => Ok(super::refused(&req, &refusal)),
    }
}
