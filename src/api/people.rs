//! `getMe`, `listPeople`, `invitePeople`, `updatePerson`.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::accounts::invitations::{self, InviteRow};
use crate::accounts::people::{self, PeopleParams, PersonUpdate, PersonView};
use crate::accounts::{Owner, SignedIn};
use crate::db::keyset::{self, Paged};
use crate::domain::ids::PersonId;
use crate::error::AppError;
use crate::state::AppState;

/// The signed-in person.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
    /// `de` or `en`.
    pub language: String,
    /// Time zone.
    pub time_zone: String,
    /// Roles held, e.g. `owner`.
    pub roles: Vec<String>,
}

/// Who am I.
#[utoipa::path(get, path = "/api/v1/me", operation_id = "getMe", tag = "accounts",
    security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, description = "Not signed in", content_type = "application/problem+json")))]
pub async fn get_me(me: SignedIn) -> HttpResponse {
    let p = me.0.person;
    let roles = if me.0.is_owner {
        vec!["owner".to_string()]
    } else {
        vec![]
    };
    HttpResponse::Ok().json(Me {
        id: p.id.0,
        name: p.name,
        email: p.email,
        language: p.language,
        time_zone: p.time_zone,
        roles,
    })
}

/// Search, filters and paging for `listPeople`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Part of a name or email.
    #[serde(default)]
    search: String,
    /// `active`, `suspended` or `disabled`.
    #[serde(default)]
    status: Option<String>,
    /// An org unit.
    #[serde(default)]
    org_unit: Option<String>,
    /// `name` (default), `email` or `newest`.
    #[serde(default)]
    sort: Option<String>,
    /// The `next_cursor` of the previous page.
    #[serde(default)]
    cursor: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[serde(default)]
    #[param(minimum = 1, maximum = 500)]
    limit: Option<i64>,
}

/// The owner's list of people, a page at a time.
#[utoipa::path(get, path = "/api/v1/people", operation_id = "listPeople", tag = "accounts", params(ListQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Paged<PersonView>), (status = 400, description = "Bad filter, sort, cursor or limit", content_type = "application/problem+json"), (status = 403, description = "Not an owner", content_type = "application/problem+json")))]
pub async fn list_people(
    state: web::Data<AppState>,
    owner: Owner,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    let limit = keyset::limit(q.limit)?;
    let params = PeopleParams {
        search: q.search,
        status: q.status,
        org_unit: q.org_unit,
        sort: q.sort,
        cursor: q.cursor,
    };
    let actor = owner.0;
    let (page, _) = crate::db::run(&state.pool, move |conn| {
        people::page(conn, &actor, &params, limit, false)
    })
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// People to invite: structured rows, or text as pasted (emails or CSV).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InviteRequest {
    /// Rows.
    #[serde(default)]
    pub people: Vec<InvitePersonInput>,
    /// Or: one email per line, or CSV with a header row.
    #[serde(default)]
    pub text: Option<String>,
}

/// One person to invite.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitePersonInput {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Email.
    pub email: String,
    /// `de` (default) or `en`.
    #[serde(default)]
    pub language: String,
    /// Org unit.
    #[serde(default)]
    pub org_unit: Option<String>,
    /// Manager's email.
    #[serde(default)]
    pub manager_email: Option<String>,
}

/// Invites people; bad rows are reported by line (1-based position), good rows are kept.
#[utoipa::path(post, path = "/api/v1/people/invitations", operation_id = "invitePeople", tag = "accounts", request_body = InviteRequest,
    security(("bearer" = [])),
    responses((status = 200, description = "invited, existing and errors"), (status = 403, description = "Not an owner", content_type = "application/problem+json")))]
pub async fn invite_people(
    state: web::Data<AppState>,
    owner: Owner,
    body: super::Body<InviteRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let (rows, errors) = match body.text {
        Some(text) => invitations::parse(&text),
        None => {
            let csv: String =
                std::iter::once("name,email,language,org_unit,manager_email".to_string())
                    .chain(body.people.iter().map(|p| {
                        let cell = |v: &str| format!("\"{}\"", v.replace('"', "\"\""));
                        [
                            cell(&p.name),
                            cell(&p.email),
                            cell(&p.language),
                            cell(p.org_unit.as_deref().unwrap_or("")),
                            cell(p.manager_email.as_deref().unwrap_or("")),
                        ]
                        .join(",")
                    }))
                    .collect::<Vec<_>>()
                    .join("\n");
            let (rows, errors) = invitations::parse(&csv);
            // Lines count from the header here; report positions in the request's list.
            let shift = |line: usize| line.saturating_sub(1);
            (
                rows.into_iter()
                    .map(|r| InviteRow {
                        line: shift(r.line),
                        ..r
                    })
                    .collect(),
                errors
                    .into_iter()
                    .map(|mut e| {
                        e.line = shift(e.line);
                        e
                    })
                    .collect(),
            )
        }
    };
    let (composer, now, actor) = (state.composer.clone(), state.clock.now_naive(), owner.0);
    let outcome = crate::db::run(&state.pool, move |conn| {
        people::invite(conn, &composer, &actor, rows, errors, now)
    })
    .await?;
    Ok(HttpResponse::Ok().json(outcome))
}

/// Changes a person's owner role or status.
#[utoipa::path(patch, path = "/api/v1/people/{person_id}", operation_id = "updatePerson", tag = "accounts", request_body = PersonUpdate,
    params(("person_id" = String, Path, description = "Person id")),
    security(("bearer" = [])),
    responses((status = 204, description = "Changed"), (status = 404, description = "No such person", content_type = "application/problem+json")))]
pub async fn update_person(
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    body: super::Body<PersonUpdate>,
) -> Result<HttpResponse, AppError> {
    let (actor, now, id, changes) = (
        owner.0,
        state.clock.now_naive(),
        PersonId(id.into_inner()),
        body.into_inner(),
    );
    crate::db::run(&state.pool, move |conn| {
        people::update(conn, &actor, &id, &changes, now)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
