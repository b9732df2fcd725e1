//! `/mail`: the owner's view of mails that failed or were given up, with a retry button.

use actix_web::{HttpRequest, HttpResponse, web};

use crate::accounts::Owner;
use crate::db::models::OutboxMessage;
use crate::domain::ids::OutboxMessageId;
use crate::domain::states::OutboxStatus;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::http::see_other;
use crate::web::templates::Page;

/// `GET /mail`.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    _owner: Owner,
) -> Result<HttpResponse, AppError> {
    let (failed, pending) = crate::db::run(&state.pool, |conn| {
        Ok((
            OutboxMessage::list(
                conn,
                &[OutboxStatus::Failed, OutboxStatus::Dead],
                None,
                None,
                200,
            )?,
            OutboxMessage::list(
                conn,
                &[OutboxStatus::Pending, OutboxStatus::Sending],
                None,
                None,
                200,
            )?
            .len(),
        ))
    })
    .await?;
    Page::new(&req, "mail/index.html")
        .with("failed", &failed)
        .with("pending", &pending)
        .render(&state.templates)
}

/// `POST /mail/{id}/retry`.
pub async fn retry(
    state: web::Data<AppState>,
    _owner: Owner,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let now = state.clock.now_naive();
    let found = crate::db::run(&state.pool, move |conn| {
        Ok(OutboxMessage::retry(
            conn,
            &OutboxMessageId(id.into_inner()),
            now,
        )?)
    })
    .await?;
    if !found {
        return Err(AppError::NotFound);
    }
    Ok(see_other("/mail"))
}
