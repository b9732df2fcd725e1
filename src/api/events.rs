//! `listEvents`, `getEvent`, `registerForEvent`, `cancelRegistration`, `checkIn`,
//! `getEventAttendance`, `recordAttendance`: live sessions as JSON, with the same rules as the
//! pages (a session that is not the caller's to see is not found).

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::accounts::SignedIn;
use crate::db::keyset::{self, Paged};
use crate::domain::ids::{EventId, PersonId};
use crate::domain::states::Attendance;
use crate::error::AppError;
use crate::events::view::{Attendee, EventCard};
use crate::events::{attendance, registration, view};
use crate::state::AppState;

/// Paging and language for `listEvents`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// The `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Rows per page (default 50).
    #[param(minimum = 1, maximum = 500)]
    limit: Option<i64>,
    /// Language of titles and times: `de` or `en`.
    #[param(pattern = "^(de|en)$")]
    lang: Option<String>,
}

/// The upcoming live sessions the caller may see, soonest first, with their place at each.
#[utoipa::path(get, path = "/api/v1/events", operation_id = "listEvents", tag = "events",
    security(("bearer" = [])), params(ListQuery),
    responses((status = 200, body = Paged<EventCard>)))]
pub async fn list_events(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    let lang = super::api_language(&req, q.lang.as_deref())?;
    let limit = keyset::limit(q.limit)?;
    let now = state.clock.now_naive();
    let page = crate::db::run(&state.pool, move |conn| {
        view::upcoming_page(conn, &me.0, lang, now, q.cursor.as_deref(), limit)
    })
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Language for one session.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct LangQuery {
    /// `de` or `en`.
    #[param(pattern = "^(de|en)$")]
    lang: Option<String>,
}

/// One live session with the caller's place.
#[utoipa::path(get, path = "/api/v1/events/{event_id}", operation_id = "getEvent", tag = "events",
    security(("bearer" = [])), params(("event_id" = String, Path, description = "The session's id"), LangQuery),
    responses((status = 200, body = EventCard),
        (status = 404, description = "No such session, or not the caller's to see", content_type = "application/problem+json")))]
pub async fn get_event(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = super::api_language(&req, query.into_inner().lang.as_deref())?;
    let (id, now) = (EventId(id.into_inner()), state.clock.now_naive());
    let card = crate::db::run(&state.pool, move |conn| {
        view::card_of(conn, &me.0, &id, lang, now)
    })
    .await?;
    Ok(HttpResponse::Ok().json(card))
}

/// The caller's place after registering.
#[derive(Debug, Serialize, ToSchema)]
pub struct Place {
    /// `registered` (a place) or `waitlisted`.
    pub state: String,
}

/// Registers the caller: a place if one is free, else the waitlist; the invitation is mailed.
/// Registering again changes nothing.
#[utoipa::path(post, path = "/api/v1/events/{event_id}/registration", operation_id = "registerForEvent", tag = "events",
    security(("bearer" = [])), params(("event_id" = String, Path, description = "The session's id")),
    responses((status = 200, body = Place),
        (status = 404, description = "No such session, or not the caller's to see", content_type = "application/problem+json"),
        (status = 409, description = "Called off, registration ended, or full without a waitlist", content_type = "application/problem+json")))]
pub async fn register_for_event(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (id, now, composer) = (
        EventId(id.into_inner()),
        state.clock.now_naive(),
        state.composer.clone(),
    );
    match crate::db::run(&state.pool, move |conn| {
        registration::register(conn, &composer, &me.0, &id, now)
    })
    .await?
    {
        Ok(place) => Ok(HttpResponse::Ok().json(Place {
            state: place.to_string(),
        })),
        Err(refusal) => Ok(super::refused(&req, &refusal)),
    }
}

/// Gives up the caller's place or spot on the waitlist (until the start); a freed place goes
/// to the first person waiting. Without a registration nothing changes.
#[utoipa::path(delete, path = "/api/v1/events/{event_id}/registration", operation_id = "cancelRegistration", tag = "events",
    security(("bearer" = [])), params(("event_id" = String, Path, description = "The session's id")),
    responses((status = 204, description = "No place any more"),
        (status = 404, description = "No such session, or not the caller's to see", content_type = "application/problem+json"),
        (status = 409, description = "The session has begun", content_type = "application/problem+json")))]
pub async fn cancel_registration(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (id, now, composer) = (
        EventId(id.into_inner()),
        state.clock.now_naive(),
        state.composer.clone(),
    );
    match crate::db::run(&state.pool, move |conn| {
        registration::give_up(conn, &composer, &me.0, &id, now)
    })
    .await?
    {
        Ok(()) => Ok(HttpResponse::NoContent().finish()),
        Err(refusal) => Ok(super::refused(&req, &refusal)),
    }
}

/// The code shown in the session.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckInRequest {
    /// The six digits shown in the session.
    #[schema(max_length = 12)]
    pub code: String,
}

/// How the caller's attendance was recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct Recorded {
    /// `present` or `late` (a host's mark stays).
    pub attendance: String,
}

/// Checks the caller in with the session's code, from a quarter of an hour before the start
/// to the end.
#[utoipa::path(post, path = "/api/v1/events/{event_id}/check-in", operation_id = "checkIn", tag = "events",
    security(("bearer" = [])), params(("event_id" = String, Path, description = "The session's id")),
    request_body = CheckInRequest,
    responses((status = 200, body = Recorded),
        (status = 404, description = "No such session, or not the caller's to see", content_type = "application/problem+json"),
        (status = 409, description = "Check-in closed, or no place", content_type = "application/problem+json"),
        (status = 422, description = "Not the current code", content_type = "application/problem+json")))]
pub async fn check_in(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
    body: super::Body<CheckInRequest>,
) -> Result<HttpResponse, AppError> {
    let code = body.into_inner().code;
    let (id, now, composer) = (
        EventId(id.into_inner()),
        state.clock.now_naive(),
        state.composer.clone(),
    );
    let secret = state.settings.secret_key.clone();
    match crate::db::run(&state.pool, move |conn| {
        attendance::check_in(conn, &composer, &me.0, &id, &code, &secret, now)
    })
    .await?
    {
        Ok(a) => Ok(HttpResponse::Ok().json(Recorded {
            attendance: a.to_string(),
        })),
        Err(refusal) => Ok(super::refused(&req, &refusal)),
    }
}

/// Everyone with a place or waiting, with their attendance (hosts: the owner, a host of the
/// session, a co-trainer of its cohort).
#[utoipa::path(get, path = "/api/v1/events/{event_id}/attendance", operation_id = "getEventAttendance", tag = "events",
    security(("bearer" = [])), params(("event_id" = String, Path, description = "The session's id")),
    responses((status = 200, body = Vec<Attendee>),
        (status = 403, description = "Not a host of the session", content_type = "application/problem+json"),
        (status = 404, description = "No such session, or not the caller's to see", content_type = "application/problem+json")))]
pub async fn get_event_attendance(
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = EventId(id.into_inner());
    let rows = crate::db::run(&state.pool, move |conn| {
        view::attendance_list(conn, &me.0, &id)
    })
    .await?;
    let rows: Vec<Attendee> = rows.into_iter().map(Attendee::from).collect();
    Ok(HttpResponse::Ok().json(rows))
}

/// One person's attendance.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    /// The person's id.
    pub person_id: String,
    /// `present`, `late`, `excused` or `absent`.
    #[schema(value_type = String, pattern = "^(present|late|excused|absent)$")]
    pub attendance: Attendance,
}

/// The roll call.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RollCall {
    /// Up to 1,000 marks; people without a place are skipped.
    #[schema(max_items = 1000)]
    pub marks: Vec<Mark>,
}

/// How many marks were recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct RollCallDone {
    /// Marks recorded (people with a place).
    pub recorded: usize,
}

/// Records the roll call (hosts, once the session has begun).
#[utoipa::path(post, path = "/api/v1/events/{event_id}/attendance", operation_id = "recordAttendance", tag = "events",
    security(("bearer" = [])), params(("event_id" = String, Path, description = "The session's id")),
    request_body = RollCall,
    responses((status = 200, body = RollCallDone),
        (status = 403, description = "Not a host of the session", content_type = "application/problem+json"),
        (status = 404, description = "No such session, or not the caller's to see", content_type = "application/problem+json"),
        (status = 409, description = "Called off, or not begun yet", content_type = "application/problem+json")))]
pub async fn record_attendance(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
    body: super::Body<RollCall>,
) -> Result<HttpResponse, AppError> {
    let marks = body.into_inner().marks;
    if marks.len() > 1000 {
        return Err(AppError::Malformed {
            detail: "at most 1000 marks".into(),
            at: Some(crate::error::InputLocation::Body("/marks".into())),
        });
    }
    let marks: Vec<(PersonId, Attendance)> = marks
        .into_iter()
        .map(|m| (PersonId(m.person_id), m.attendance))
        .collect();
    let (id, now, composer) = (
        EventId(id.into_inner()),
        state.clock.now_naive(),
        state.composer.clone(),
    );
    match crate::db::run(&state.pool, move |conn| {
        attendance::roll_call(conn, &composer, &me.0, &id, &marks, now)
    })
    .await?
    {
        Ok(recorded) => Ok(HttpResponse::Ok().json(RollCallDone { recorded })),
        Err(refusal) => Ok(super::refused(&req, &refusal)),
    }
}
