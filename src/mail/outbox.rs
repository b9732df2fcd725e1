//! The owner's view of the mail queue: mails by status, kind and person, and sending a failed
//! or given-up mail again.

use chrono::NaiveDateTime;

use crate::db::DbConnection;
use crate::db::models::{OutboxMessage, RoleGrant};
use crate::domain::ids::{OutboxMessageId, PersonId};
use crate::domain::states::OutboxStatus;
use crate::error::AppError;

/// Only the program owner sees and resends mails (checked here, as the owner's pages do).
fn owner_only(conn: &mut DbConnection, actor: &PersonId) -> Result<(), AppError> {
    match RoleGrant::has_role(conn, actor, "owner")? {
        true => Ok(()),
        false => Err(AppError::Forbidden),
    }
}

/// Which mails to list.
#[derive(Debug, Clone, Default)]
pub struct OutboxFilter {
    /// Any of these statuses (none: all).
    pub statuses: Vec<String>,
    /// Of this kind, e.g. `invitation`.
    pub kind: Option<String>,
    /// To this person.
    pub person: Option<PersonId>,
}

/// Mails, newest first, at most `limit` (owner only); an unknown status is refused.
pub fn list(
    conn: &mut DbConnection,
    actor: &PersonId,
    filter: &OutboxFilter,
    limit: i64,
) -> Result<Vec<OutboxMessage>, AppError> {
    owner_only(conn, actor)?;
    let statuses = filter
        .statuses
        .iter()
        .map(|s| {
            OutboxStatus::parse(s)
                .ok_or_else(|| AppError::BadRequest(format!("unknown status '{s}'")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(OutboxMessage::list(
        conn,
        &statuses,
        filter.kind.as_deref(),
        filter.person.as_ref(),
        limit,
    )?)
}

/// What the owner's mail page shows: mails that failed or were given up (at most 200), and
/// how many wait to be sent.
pub fn troubles(
    conn: &mut DbConnection,
    actor: &PersonId,
) -> Result<(Vec<OutboxMessage>, usize), AppError> {
    let failed = OutboxFilter {
        statuses: vec!["failed".into(), "dead".into()],
        ..OutboxFilter::default()
    };
    let waiting = OutboxFilter {
        statuses: vec!["pending".into(), "sending".into()],
        ..OutboxFilter::default()
    };
    Ok((
        list(conn, actor, &failed, 200)?,
        list(conn, actor, &waiting, 200)?.len(),
    ))
}

/// Queues a failed or given-up mail again (owner only); "not found" when there is none.
pub fn retry(
    conn: &mut DbConnection,
    actor: &PersonId,
    id: &OutboxMessageId,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    owner_only(conn, actor)?;
    match OutboxMessage::retry(conn, id, now)? {
        true => Ok(()),
        false => Err(AppError::NotFound),
    }
}

/// The queue's figures for monitoring: mails per status, and how long the oldest waiting
/// mail has waited (seconds).
pub fn figures(
    conn: &mut DbConnection,
    now: NaiveDateTime,
) -> Result<(Vec<(String, i64)>, f64), AppError> {
    let by_status = OutboxMessage::count_by_status(conn)?;
    let oldest = OutboxMessage::oldest_pending(conn)?;
    let waited = oldest.map_or(0.0, |o| (now - o).num_seconds().max(0) as f64);
    Ok((by_status, waited))
}
