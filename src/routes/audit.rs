//! `/audit`: every recorded action, newest first, filterable by action and actor.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::Owner;
use crate::db::models::{AuditEntry, Person};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::templates::Page;

/// Filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Only this action, e.g. `sign_in`.
    #[serde(default)]
    pub action: String,
    /// Only actions of the person with this email.
    #[serde(default)]
    pub actor: String,
}

/// The filtered entries (at most 500); an unknown actor gives none.
pub async fn entries(state: &AppState, query: AuditQuery) -> Result<Vec<AuditEntry>, AppError> {
    crate::db::run(&state.pool, move |conn| {
        let actor = match query.actor.trim() {
            "" => None,
            email => match Person::find_by_email(conn, email)? {
                Some(p) => Some(p.id),
                None => return Ok(Vec::new()),
            },
        };
        let action = Some(query.action.trim()).filter(|a| !a.is_empty());
        Ok(AuditEntry::list(conn, action, actor.as_ref(), 500)?)
    })
    .await
}

/// `GET /audit`.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    _owner: Owner,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let (action, actor) = (query.action.clone(), query.actor.clone());
    let list = entries(&state, query).await?;
    Page::new(&req, "audit/index.html")
        .with("entries", &list)
        .with("action", &action)
        .with("actor", &actor)
        .render(&state.templates)
}
