//! `/audit`: every recorded action, newest first, filterable by action and actor.

use actix_web::{HttpRequest, HttpResponse, web};

use crate::accounts::Owner;
use crate::accounts::audit::{self, AuditQuery};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::templates::Page;

/// `GET /audit`.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let (viewer, filter) = (owner.0, query.clone());
    let list = crate::db::run(&state.pool, move |conn| {
        audit::entries(conn, &viewer, &filter)
    })
    .await?;
    Page::new(&req, "audit/index.html")
        .with("entries", &list)
        .with("action", &query.action)
        .with("actor", &query.actor)
        .render(&state.templates)
}
