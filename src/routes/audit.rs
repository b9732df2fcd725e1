//! `/audit`: every recorded action, newest first, a page at a time, filterable by action,
//! actor and object.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::Owner;
use crate::accounts::audit::{self, AuditQuery};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::pager::Pager;
use crate::web::templates::Page;

/// The page's filters; unknown parameters are ignored.
#[derive(Debug, Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    action: String,
    #[serde(default)]
    actor: String,
    #[serde(default)]
    object: String,
    #[serde(default)]
    after: Option<String>,
}

/// `GET /audit`.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    let filter = AuditQuery {
        action: q.action.clone(),
        actor: q.actor.clone(),
        object: q.object.clone(),
        cursor: q.after.clone(),
        limit: None,
    };
    let viewer = owner.0;
    let list = crate::db::run(&state.pool, move |conn| {
        audit::entries(conn, &viewer, &filter)
    })
    .await?;
    let pager = Pager::new(
        "/audit",
        &[
            ("action", &q.action),
            ("actor", &q.actor),
            ("object", &q.object),
        ],
        q.after.as_deref(),
        list.next_cursor.as_deref(),
        None,
    );
    Page::new(&req, "audit/index.html")
        .with("entries", &list.items)
        .with("pager", &pager)
        .with("action", &q.action)
        .with("actor", &q.actor)
        .with("object", &q.object)
        .render(&state.templates)
}
