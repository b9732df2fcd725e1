//! `/mail`: the owner's view of the mail queue, a page at a time: by default the mails that
//! failed or were given up, with a retry button; any status, and a search over addresses.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::Owner;
use crate::domain::ids::OutboxMessageId;
use crate::error::AppError;
use crate::mail::outbox::{self, OutboxFilter};
use crate::state::AppState;
use crate::web::http::see_other;
use crate::web::pager::Pager;
use crate::web::templates::Page;

/// Mails per page.
const PER_PAGE: i64 = 50;

/// The statuses the page offers; `trouble` (failed or given up) is the default.
const VIEWS: [&str; 7] = [
    "trouble",
    "pending",
    "sending",
    "sent",
    "failed",
    "dead",
    "cancelled",
];

/// Filter and page; unknown parameters are ignored.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    status: String,
    #[serde(default, alias = "search")]
    q: String,
    #[serde(default)]
    after: Option<String>,
}

/// `GET /mail`.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let view = match VIEWS.contains(&query.status.as_str()) || query.status == "all" {
        true => query.status.clone(),
        false => "trouble".to_string(),
    };
    let statuses = match view.as_str() {
        "trouble" => vec!["failed".to_string(), "dead".to_string()],
        "all" => Vec::new(),
        one => vec![one.to_string()],
    };
    let filter = OutboxFilter {
        statuses,
        search: Some(query.q.clone()),
        ..OutboxFilter::default()
    };
    let (actor, after) = (owner.0.person.id, query.after.clone());
    let ((mails, count), waiting) = crate::db::run(&state.pool, move |conn| {
        let list = outbox::page(conn, &actor, &filter, after.as_deref(), PER_PAGE, true)?;
        Ok((list, outbox::waiting(conn, &actor)?))
    })
    .await?;
    let pager = Pager::new(
        "/mail",
        &[("status", &view), ("q", &query.q)],
        query.after.as_deref(),
        mails.next_cursor.as_deref(),
        count,
    );
    Page::new(&req, "mail/index.html")
        .with("mails", &mails.items)
        .with("pager", &pager)
        .with("pending", &waiting)
        .with("view", &view)
        .with("views", &VIEWS)
        .with("q", &query.q)
        .render(&state.templates)
}

/// `POST /mail/{id}/retry`.
pub async fn retry(
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (actor, now) = (owner.0.person.id, state.clock.now_naive());
    crate::db::run(&state.pool, move |conn| {
        outbox::retry(conn, &actor, &OutboxMessageId(id.into_inner()), now)
    })
    .await?;
    Ok(see_other("/mail"))
}
