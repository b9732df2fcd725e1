//! `listOutbox`, `retryMail`: the owner's view of the mail queue.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::accounts::{Owner, SignedIn};
use crate::db::models::OutboxMessage;
use crate::domain::ids::{OutboxMessageId, PersonId};
use crate::domain::states::OutboxStatus;
use crate::error::AppError;
use crate::state::AppState;

/// Filters for `listOutbox`.
#[derive(Debug, Deserialize, IntoParams)]
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
}

/// Lists mails, newest first (at most 500).
#[utoipa::path(get, path = "/api/v1/outbox", operation_id = "listOutbox", tag = "mail", params(OutboxQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "Mails"), (status = 403, description = "Not an owner", content_type = "application/problem+json")))]
pub async fn list_outbox(
    state: web::Data<AppState>,
    _owner: Owner,
    query: web::Query<OutboxQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let statuses: Vec<String> = query
        .status
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let statuses: Vec<OutboxStatus> = statuses
        .iter()
        .map(|s| {
            OutboxStatus::parse(s)
                .ok_or_else(|| AppError::BadRequest(format!("unknown status '{s}'")))
        })
        .collect::<Result<_, _>>()?;
    let mails = crate::db::run(&state.pool, move |conn| {
        Ok(OutboxMessage::list(
            conn,
            &statuses,
            query.kind.as_deref(),
            query.person.map(PersonId).as_ref(),
            500,
        )?)
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
    _owner: Owner,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let now = state.clock.now_naive();
    if !crate::db::run(&state.pool, move |conn| {
        Ok(OutboxMessage::retry(
            conn,
            &OutboxMessageId(id.into_inner()),
            now,
        )?)
    })
    .await?
    {
        return Err(AppError::NotFound);
    }
    Ok(HttpResponse::NoContent().finish())
}

/// One kind of mail and whether the person receives it.
#[derive(Debug, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct MailPreference {
    /// feedback, reviews, owner_alerts.
    pub kind: String,
    /// Received.
    pub enabled: bool,
}

/// The kinds of mail I receive (sign-in links, invitations and certificates always come).
#[utoipa::path(get, path = "/api/v1/me/mail-preferences", operation_id = "getMailPreferences", tag = "mail", security(("bearer" = [])),
    responses((status = 200, body = Vec<MailPreference>)))]
pub async fn get_mail_preferences(
    state: web::Data<AppState>,
    me: SignedIn,
) -> Result<HttpResponse, AppError> {
    let person = me.0.person.id;
    let disabled = crate::db::run(&state.pool, move |conn| {
        Ok(crate::db::models::mail_preference::disabled_kinds(
            conn, &person,
        )?)
    })
    .await?;
    let list: Vec<MailPreference> = crate::mail::preferences::KINDS
        .iter()
        .map(|k| MailPreference {
            kind: k.to_string(),
            enabled: !disabled.iter().any(|d| d == k),
        })
        .collect();
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
    let body = body.into_inner();
    if let Some(p) = body
        .iter()
        .find(|p| !crate::mail::preferences::KINDS.contains(&p.kind.as_str()))
    {
        return Err(AppError::BadRequest(format!(
            "unknown mail kind '{}': use {}",
            p.kind,
            crate::mail::preferences::KINDS.join(", ")
        )));
    }
    let (person, now) = (me.0.person.id.clone(), state.clock.now_naive());
    crate::db::run(&state.pool, move |conn| {
        crate::db::write_tx(conn, |conn| {
            for p in &body {
                crate::db::models::mail_preference::set(conn, &person, &p.kind, p.enabled, now)?;
            }
            Ok::<_, AppError>(())
        })
    })
    .await?;
    get_mail_preferences(state, me).await
}
