//! `/events`: live sessions and community events. Everyone signed in sees the events that are
//! theirs to see and registers or gives up a place with one click; the owner plans, changes
//! and calls off events and sees who registered.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::{Owner, SignedIn};
use crate::domain::ids::EventId;
use crate::error::{AppError, Refusal};
use crate::events::input::EventInput;
use crate::events::{manage, registration, view};
use crate::state::AppState;
use crate::web::http::see_other;
use crate::web::templates::Page;

/// The flash after a redirect (`?done=registered`).
#[derive(Debug, Default, Deserialize)]
pub struct Flash {
    #[serde(default)]
    done: Option<String>,
    /// The check-in code, from the QR code shown in the session.
    #[serde(default)]
    code: Option<String>,
}

fn flash(q: &Flash) -> Option<&'static str> {
    match q.done.as_deref()? {
        "registered" => Some("registered"),
        "waitlisted" => Some("waitlisted"),
        "left" => Some("left"),
        "saved" => Some("saved"),
        "canceled" => Some("canceled"),
        "roll-call" => Some("roll-call"),
        "checked-in" => Some("checked-in"),
        _ => None,
    }
}

/// Where a page of the list starts.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    after: Option<String>,
}

/// `GET /events`: a page of the upcoming events the person may see, soonest first.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "events/index.html");
    let (actor, lang, now) = (me.0.clone(), page.lang, state.clock.now_naive());
    let after = query.into_inner().after.filter(|a| !a.is_empty());
    let cursor = after.clone();
    let events = crate::db::run(&state.pool, move |conn| {
        view::upcoming_page(conn, &actor, lang, now, cursor.as_deref(), view::LISTED)
    })
    .await?;
    let pager = crate::web::pager::Pager::new(
        "/events",
        &[],
        after.as_deref(),
        events.next_cursor.as_deref(),
        None,
    );
    page.with("events", &events.items)
        .with("pager", &pager)
        .with("is_owner", &me.0.is_owner)
        .render(&state.templates)
}

async fn form_page(
    req: &HttpRequest,
    state: &AppState,
    owner: Owner,
    form: &EventInput,
    refusal: Option<&Refusal>,
) -> Result<HttpResponse, AppError> {
    let actor = owner.0;
    let cohorts =
        crate::db::run(&state.pool, move |conn| view::cohort_choices(conn, &actor)).await?;
    Page::new(req, "events/new.html")
        .with("form", form)
        .with("cohorts", &cohorts)
        .with("time_zones", super::profile::TIME_ZONES)
        .with_problems(&refusal.map(Refusal::problems).unwrap_or_default())
        .status(refusal.map_or(StatusCode::OK, |r| r.status))
        .render(&state.templates)
}

/// `GET /events/new`: the owner's form for a new event.
pub async fn new(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
) -> Result<HttpResponse, AppError> {
    let form = EventInput {
        time_zone: "Europe/Berlin".into(),
        mode: "online".into(),
        waitlist: Some("on".into()),
        ..EventInput::default()
    };
    form_page(&req, &state, owner, &form, None).await
}

/// `POST /events`: plans the event; a refusal shows the form again with each message at its
/// field and everything typed kept.
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    form: web::Form<EventInput>,
) -> Result<HttpResponse, AppError> {
    let input = form.into_inner();
    let (actor, now, typed) = (owner.0.clone(), state.clock.now_naive(), input.clone());
    let composer = state.composer.clone();
    match crate::db::run(&state.pool, move |conn| {
        manage::create(conn, &composer, &actor, &typed, now)
    })
    .await?
    {
        Ok(event) => Ok(see_other(&format!("/events/{}?done=saved", event.id))),
        Err(refusal) => form_page(&req, &state, owner, &input, Some(&refusal)).await,
    }
}

/// A refused change on the event's page: its problems and what was typed.
pub(super) struct Refused {
    pub(super) refusal: Refusal,
    pub(super) typed: Option<EventInput>,
    /// The check-in code as typed.
    pub(super) code: Option<String>,
}

/// The session's page again with a refusal that keeps nothing typed.
pub(super) async fn refused_page(
    req: &HttpRequest,
    state: &AppState,
    me: SignedIn,
    id: String,
    refusal: Refusal,
) -> Result<HttpResponse, AppError> {
    let refused = Refused {
        refusal,
        typed: None,
        code: None,
    };
    show_page(req, state, me, id, Some(refused), None).await
}

pub(super) async fn show_page(
    req: &HttpRequest,
    state: &AppState,
    me: SignedIn,
    id: String,
    refused: Option<Refused>,
    done: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(req, "events/show.html");
    let (actor, lang, now, id) = (
        me.0.clone(),
        page.lang,
        state.clock.now_naive(),
        EventId(id),
    );
    let is_owner = actor.is_owner;
    let data = crate::db::run(&state.pool, move |conn| {
        let page = view::page(conn, &actor, &id, lang, now)?;
        let cohorts = if actor.is_owner {
            view::cohort_choices(conn, &actor)?
        } else {
            Vec::new()
        };
        Ok((page, cohorts))
    })
    .await?;
    let (shown, cohorts) = data;
    let page = page
        .with("e", &shown.event)
        .with("people", &shown.people)
        .with("guests", &shown.guests)
        .with("cohorts", &cohorts)
        .with("time_zones", super::profile::TIME_ZONES)
        .with("is_owner", &is_owner)
        .with("host", &shown.host)
        .with("check_in_open", &shown.check_in_open)
        .with("my_attendance", &shown.my_attendance)
        .with(
            "attendances",
            &crate::domain::states::Attendance::ALL
                .iter()
                .map(|a| a.as_str())
                .collect::<Vec<_>>(),
        )
        .with("done", &done);
    match refused {
        None => {
            // From the QR code shown in the session: the check-in form comes filled in.
            let code = web::Query::<Flash>::from_query(req.query_string())
                .ok()
                .and_then(|q| q.into_inner().code)
                .filter(|c| c.len() <= 12);
            page.with("form", &shown.form)
                .with("code", &code)
                .render(&state.templates)
        }
        Some(Refused {
            refusal,
            typed,
            code,
        }) => {
            let form = match typed {
                Some(t) => serde_json::to_value(t).map_err(anyhow::Error::from)?,
                None => shown.form.unwrap_or_default(),
            };
            page.with("form", &form)
                .with("code", &code)
                .with_problems(&refusal.problems())
                .status(refusal.status)
                .render(&state.templates)
        }
    }
}

/// `GET /events/{id}`.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
    q: web::Query<Flash>,
) -> Result<HttpResponse, AppError> {
    let done = flash(&q);
    show_page(&req, &state, me, id.into_inner(), None, done).await
}

/// The owner's change: the event's fields and the lock version read.
#[derive(Debug, Deserialize)]
pub struct ChangeForm {
    #[serde(flatten)]
    input: EventInput,
    lock_version: i32,
}

/// `POST /events/{id}`: the owner's change; everyone with a place is sent the new invitation.
pub async fn update(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    form: web::Form<ChangeForm>,
) -> Result<HttpResponse, AppError> {
    let ChangeForm {
        input,
        lock_version,
    } = form.into_inner();
    let (actor, now, composer) = (
        owner.0.clone(),
        state.clock.now_naive(),
        state.composer.clone(),
    );
    let (event, typed) = (EventId(id.into_inner()), input.clone());
    let page_id = event.0.clone();
    let done = crate::db::run(&state.pool, move |conn| {
        manage::update(conn, &composer, &actor, &event, &typed, lock_version, now)
    })
    .await?;
    match done {
        Ok(_) => Ok(see_other(&format!("/events/{page_id}?done=saved"))),
        Err(refusal) => {
            let refused = Refused {
                refusal,
                typed: Some(input),
                code: None,
            };
            show_page(
                &req,
                &state,
                SignedIn(owner.0),
                page_id,
                Some(refused),
                None,
            )
            .await
        }
    }
}

/// The lock version read, for calling an event off.
#[derive(Debug, Deserialize)]
pub struct CancelForm {
    lock_version: i32,
}

/// `POST /events/{id}/cancel`: the owner calls the event off.
pub async fn cancel(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    form: web::Form<CancelForm>,
) -> Result<HttpResponse, AppError> {
    let (actor, now, composer) = (
        owner.0.clone(),
        state.clock.now_naive(),
        state.composer.clone(),
    );
    let (event, lock) = (EventId(id.into_inner()), form.lock_version);
    let page_id = event.0.clone();
    let done = crate::db::run(&state.pool, move |conn| {
        manage::cancel(conn, &composer, &actor, &event, lock, now)
    })
    .await?;
    match done {
        Ok(()) => Ok(see_other(&format!("/events/{page_id}?done=canceled"))),
        Err(refusal) => refused_page(&req, &state, SignedIn(owner.0), page_id, refusal).await,
    }
}

/// `POST /events/{id}/register`.
pub async fn register(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (actor, now, composer) = (
        me.0.clone(),
        state.clock.now_naive(),
        state.composer.clone(),
    );
    let event = EventId(id.into_inner());
    let page_id = event.0.clone();
    let done = crate::db::run(&state.pool, move |conn| {
        registration::register(conn, &composer, &actor, &event, now)
    })
    .await?;
    match done {
        Ok(place) => Ok(see_other(&format!("/events/{page_id}?done={place}"))),
        Err(refusal) => refused_page(&req, &state, me, page_id, refusal).await,
    }
}

/// `POST /events/{id}/leave`: gives up the place or the spot on the waitlist.
pub async fn leave(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (actor, now, composer) = (
        me.0.clone(),
        state.clock.now_naive(),
        state.composer.clone(),
    );
    let event = EventId(id.into_inner());
    let page_id = event.0.clone();
    let done = crate::db::run(&state.pool, move |conn| {
        registration::give_up(conn, &composer, &actor, &event, now)
    })
    .await?;
    match done {
        Ok(()) => Ok(see_other(&format!("/events/{page_id}?done=left"))),
        Err(refusal) => refused_page(&req, &state, me, page_id, refusal).await,
    }
}
