//! `/mail`: the owner's view of mails that failed or were given up, with a retry button.

use actix_web::{HttpRequest, HttpResponse, web};

use crate::accounts::Owner;
use crate::domain::ids::OutboxMessageId;
use crate::error::AppError;
use crate::mail::outbox;
use crate::state::AppState;
use crate::web::http::see_other;
use crate::web::templates::Page;

/// `GET /mail`.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
) -> Result<HttpResponse, AppError> {
    let actor = owner.0.person.id;
    let (failed, pending) =
        crate::db::run(&state.pool, move |conn| outbox::troubles(conn, &actor)).await?;
    Page::new(&req, "mail/index.html")
        .with("failed", &failed)
        .with("pending", &pending)
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
