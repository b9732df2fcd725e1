//! `listOutbox`, `retryMail`: the owner's view of the mail queue.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::accounts::{Owner, SignedIn};
use crate::db::keyset::{self, Paged};
use crate::domain::ids::{OutboxMessageId, PersonId};
use crate::error::AppError;
use crate::mail::outbox::{self, MailRow, OutboxFilter};
use crate::mail::preferences::{self, MailPreference};
use crate::state::AppState;

/// Filters for `listOutbox`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct OutboxQuery {
    /// pending, sending, sent, failed, dead or cancelled (comma-separated for several).
    #[serde(default)]
    status: Option<String>,
    /// The kind of mail, e.g. `invitation`.
    #[serde(default)]
    kind: Option<String>,
    /// A person id.
    #[serde(default)]
    person: Option<String>,
    /// Text in the recipient's address.
    #[serde(default)]
    search: Option<String>,
    /// The `next_cursor` of the previous page.
    #[serde(default)]
    cursor: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[serde(default)]
    #[param(minimum = 1, maximum = 500)]
    limit: Option<i64>,
}

/// Lists mails, newest first, a page at a time.
#[utoipa::path(get, path = "/api/v1/outbox", operation_id = "listOutbox", tag = "mail", params(OutboxQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Paged<MailRow>), (status = 403, description = "Not an owner", content_type = "application/problem+json")))]
pub async fn list_outbox(
    state: web::Data<AppState>,
    owner: Owner,
    query: web::Query<OutboxQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let filter = OutboxFilter {
        statuses: query
            .status
            .as_deref()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        kind: query.kind,
        person: query.person.map(PersonId),
        search: query.search,
    };
    let (actor, limit, cursor) = (owner.0.person.id, keyset::limit(query.limit)?, query.cursor);
    let (mails, _) = crate::db::run(&state.pool, move |conn| {
        outbox::page(conn, &actor, &filter, cursor.as_deref(), limit, false)
    })
    .await?;
    Ok(HttpResponse::Ok().json(mails))
}

/// Queues a failed or given-up mail again.
#[utoipa::path(post, path = "/api/v1/outbox/{mail_id}/retry", operation_id = "retryMail", tag = "mail",
    params(("mail_id" = String, Path, description = "Mail id")),
    security(("bearer" = [])),
    responses((status = 204, description = "Queued again"), (status = 404, description = "No failed mail with this id", content_type = "application/problem+json")))]
pub async fn retry_mail(
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (actor, now) = (owner.0.person.id, state.clock.now_naive());
    crate::db::run(&state.pool, move |conn| {
        outbox::retry(conn, &actor, &OutboxMessageId(id.into_inner()), now)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The kinds of mail I receive (sign-in links, invitations and certificates always come).
#[utoipa::path(get, path = "/api/v1/me/mail-preferences", operation_id = "getMailPreferences", tag = "mail", security(("bearer" = [])),
    responses((status = 200, body = Vec<MailPreference>)))]
pub async fn get_mail_preferences(
    state: web::Data<AppState>,
    me: SignedIn,
) -> Result<HttpResponse, AppError> {
    let person = me.0.person.id;
    let list = crate::db::run(&state.pool, move |conn| preferences::get(conn, &person)).await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Switches kinds of mail on or off (kinds not listed stay as they are).
#[utoipa::path(put, path = "/api/v1/me/mail-preferences", operation_id = "updateMailPreferences", tag = "mail", security(("bearer" = [])),
    request_body = Vec<MailPreference>, responses((status = 200, body = Vec<MailPreference>), (status = 400, description = "Unknown kind")))]
pub async fn update_mail_preferences(
    state: web::Data<AppState>,
    me: SignedIn,
    body: web::Json<Vec<MailPreference>>,
) -> Result<HttpResponse, AppError> {
    let (person, now, choices) = (me.0.person.id, state.clock.now_naive(), body.into_inner());
    let list = crate::db::run(&state.pool, move |conn| {
        preferences::set(conn, &person, &choices, now)
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}
