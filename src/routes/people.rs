//! `/people`: the owner's list of people (search, invite, roles, disable).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::people::{self, PeopleParams, PersonUpdate};
use crate::accounts::{Owner, invitations};
use crate::domain::ids::PersonId;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::http::see_other;
use crate::web::pager::Pager;
use crate::web::templates::Page;

const PER_PAGE: i64 = 50;

/// Search, filters, sort and page. `search` is the API's name for the search text; a page
/// ignores parameters it does not know, so an old bookmark never answers 400.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    #[serde(default, alias = "search")]
    q: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    org_unit: String,
    #[serde(default)]
    sort: String,
    #[serde(default)]
    after: Option<String>,
    #[serde(default)]
    saved: Option<String>,
}

/// `GET /people`.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let mut q = query.into_inner();
    if !["", "name", "email", "newest"].contains(&q.sort.as_str()) {
        q.sort.clear();
    }
    if !["", "active", "suspended", "disabled"].contains(&q.status.as_str()) {
        q.status.clear();
    }
    let params = PeopleParams {
        search: q.q.clone(),
        status: Some(q.status.clone()),
        org_unit: Some(q.org_unit.clone()),
        sort: Some(q.sort.clone()),
        cursor: q.after.clone(),
    };
    let actor = owner.0.clone();
    let (people, count) = crate::db::run(&state.pool, move |conn| {
        people::page(conn, &actor, &params, PER_PAGE, true)
    })
    .await?;
    let pager = Pager::new(
        "/people",
        &[
            ("q", &q.q),
            ("status", &q.status),
            ("org_unit", &q.org_unit),
            ("sort", &q.sort),
        ],
        q.after.as_deref(),
        people.next_cursor.as_deref(),
        count,
    );
    Page::new(&req, "people/index.html")
        .with("people", &people.items)
        .with("pager", &pager)
        .with("q", &q.q)
        .with("status", &q.status)
        .with("org_unit", &q.org_unit)
        .with("sort", &q.sort)
        .with("saved", &q.saved)
        .with("my_id", owner.0.person.id.as_str())
        .render(&state.templates)
}

/// The invitation form: a pasted list or CSV.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InviteForm {
    people: String,
}

/// `POST /people/invite`: shows who was invited, who already had an account, and every bad
/// line, with the text kept for correction.
pub async fn invite(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    form: web::Form<InviteForm>,
) -> Result<HttpResponse, AppError> {
    let text = form.into_inner().people;
    let (rows, errors) = invitations::parse(&text);
    let (composer, now, actor) = (state.composer.clone(), state.clock.now_naive(), owner.0);
    let outcome = crate::db::run(&state.pool, move |conn| {
        people::invite(conn, &composer, &actor, rows, errors, now)
    })
    .await?;
    let status = if outcome.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Page::new(&req, "people/invited.html")
        .with("outcome", &outcome)
        .with("text", &text)
        .status(status)
        .render(&state.templates)
}

/// The per-person change form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeForm {
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    status: Option<String>,
}

/// `POST /people/{id}`.
pub async fn change(
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    form: web::Form<ChangeForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let update = PersonUpdate {
        owner: form.owner.as_deref().map(|v| v == "grant"),
        status: form.status,
    };
    let (actor, now, id) = (owner.0, state.clock.now_naive(), PersonId(id.into_inner()));
    crate::db::run(&state.pool, move |conn| {
        people::update(conn, &actor, &id, &update, now)
    })
    .await?;
    Ok(see_other("/people?saved=1"))
}
