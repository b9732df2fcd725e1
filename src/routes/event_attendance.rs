//! `/events/{id}/attendance`, `/events/{id}/code` and `/events/{id}/check-in`: the host's roll
//! call and check-in code, and checking in with that code.

use actix_web::{HttpRequest, HttpResponse, web};

use super::events::{Refused, refused_page, show_page};
use crate::accounts::SignedIn;
use crate::domain::ids::{EventId, PersonId};
use crate::domain::states::Attendance;
use crate::error::AppError;
use crate::events::{attendance, check_in};
use crate::state::AppState;
use crate::web::http::see_other;
use crate::web::templates::Page;

/// The roll call's marks: `a.<person id>=<attendance>`; an empty choice is left as it is.
fn marks(body: &[u8]) -> Result<Vec<(PersonId, Attendance)>, AppError> {
    let mut out = Vec::new();
    for (key, value) in form_urlencoded::parse(body) {
        let Some(person) = key.strip_prefix("a.") else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        let attendance = value
            .parse::<Attendance>()
            .map_err(|_| AppError::BadRequest(format!("{key}: not an attendance")))?;
        out.push((PersonId(person.to_string()), attendance));
    }
    Ok(out)
}

/// `POST /events/{id}/attendance`: the host's roll call.
pub async fn roll_call(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let marks = marks(&body)?;
    let (actor, now, event) = (
        me.0.clone(),
        state.clock.now_naive(),
        EventId(id.into_inner()),
    );
    let (page_id, composer) = (event.0.clone(), state.composer.clone());
    let done = crate::db::run(&state.pool, move |conn| {
        attendance::roll_call(conn, &composer, &actor, &event, &marks, now)
    })
    .await?;
    match done {
        Ok(_) => Ok(see_other(&format!(
            "/events/{page_id}?done=roll-call#people-h"
        ))),
        Err(refusal) => refused_page(&req, &state, me, page_id, refusal).await,
    }
}

/// `GET /events/{id}/code`: the check-in code for the host to show in the session, as digits
/// and as a QR code; the page reloads itself as the code changes.
pub async fn code(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (actor, now, event) = (
        me.0.clone(),
        state.clock.now_naive(),
        EventId(id.into_inner()),
    );
    let page_id = event.0.clone();
    let secret = state.settings.secret_key.clone();
    let code = crate::db::run(&state.pool, move |conn| {
        attendance::current_code(conn, &actor, &event, &secret, now)
    })
    .await?;
    let code = match code {
        Ok(code) => code,
        Err(refusal) => {
            return refused_page(&req, &state, me, page_id, refusal).await;
        }
    };
    let link = format!("{}/events/{page_id}?code={code}", state.settings.base_url);
    let mut response = Page::new(&req, "events/code.html")
        .with("id", &page_id)
        .with("code_parts", &[&code[..3], &code[3..]])
        .with("qr", &check_in::qr_svg(&link).unwrap_or_default())
        .render(&state.templates)?;
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// The check-in form.
#[derive(Debug, serde::Deserialize)]
pub struct CheckInForm {
    code: String,
}

/// `POST /events/{id}/check-in`.
pub async fn check_in(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
    form: web::Form<CheckInForm>,
) -> Result<HttpResponse, AppError> {
    let typed = form.into_inner().code;
    let (actor, now, event) = (
        me.0.clone(),
        state.clock.now_naive(),
        EventId(id.into_inner()),
    );
    let (page_id, code) = (event.0.clone(), typed.clone());
    let (secret, composer) = (state.settings.secret_key.clone(), state.composer.clone());
    let done = crate::db::run(&state.pool, move |conn| {
        attendance::check_in(conn, &composer, &actor, &event, &code, &secret, now)
    })
    .await?;
    match done {
        Ok(_) => Ok(see_other(&format!("/events/{page_id}?done=checked-in"))),
        Err(refusal) => {
            let refused = Refused {
                refusal,
                typed: None,
                code: Some(typed),
            };
            show_page(&req, &state, me, page_id, Some(refused), None).await
        }
    }
}

/// `POST /events/{id}/attendance/import`: a Teams or Zoom attendance export (multipart,
/// `file`); the page lists what was marked and the addresses of nobody with a place.
pub async fn import(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, AppError> {
    use super::form_file::{FormFile, read_file};
    use crate::events::attendance_import::{self, MAX_BYTES};
    let page_id = id.into_inner();
    let file = match read_file(&req, payload, MAX_BYTES).await? {
        FormFile::Read(bytes) => bytes,
        FormFile::TooLarge => {
            let fields = vec![crate::error::FieldError::new(
                "file",
                "event-error-import-size",
            )];
            let refusal = crate::error::Refusal::invalid(fields);
            return refused_page(&req, &state, me, page_id, refusal).await;
        }
    };
    let (actor, now, event) = (
        me.0.clone(),
        state.clock.now_naive(),
        EventId(page_id.clone()),
    );
    let composer = state.composer.clone();
    let done = crate::db::run(&state.pool, move |conn| {
        attendance_import::import(conn, &composer, &actor, &event, &file, now)
    })
    .await?;
    match done {
        Ok(report) => Page::new(&req, "events/imported.html")
            .with("id", &page_id)
            .with("report", &report)
            .render(&state.templates),
        Err(refusal) => refused_page(&req, &state, me, page_id, refusal).await,
    }
}

/// The format of the attendance download.
#[derive(Debug, serde::Deserialize)]
pub struct DownloadQuery {
    #[serde(default)]
    format: Option<String>,
}

/// `GET /events/{id}/attendance/download?format=csv|xlsx`: the attendance as a file (hosts).
pub async fn download(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
    query: web::Query<DownloadQuery>,
) -> Result<HttpResponse, AppError> {
    use crate::reports::Format;
    let format = match query.into_inner().format.as_deref() {
        None | Some("csv") => Format::Csv,
        Some("xlsx") => Format::Xlsx,
        Some(_) => return Err(AppError::BadRequest("format must be csv or xlsx".into())),
    };
    let lang = crate::web::i18n::request_language(&req);
    let (actor, event) = (me.0.clone(), EventId(id.into_inner()));
    let name = format!("attendance-{}", event.0);
    let rows = crate::db::run(&state.pool, move |conn| {
        crate::events::view::attendance_file_rows(conn, &actor, &event)
    })
    .await?;
    let bytes = crate::reports::event_attendance::file(&rows, lang, format)?;
    Ok(match format {
        Format::Xlsx => crate::web::http::download(
            bytes,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &format!("{name}.xlsx"),
        ),
        _ => crate::web::http::download(bytes, "text/csv; charset=utf-8", &format!("{name}.csv")),
    })
}
