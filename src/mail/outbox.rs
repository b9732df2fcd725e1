//! The owner's view of the mail queue: mails by status, kind and person, and sending a failed
//! or given-up mail again.

use chrono::NaiveDateTime;

use crate::db::DbConnection;
use crate::db::keyset::{self, After, Count, Paged};
pub use crate::db::models::outbox_message::MailRow;
use crate::db::models::outbox_message::OutboxQuery;
use crate::db::models::{OutboxMessage, RoleGrant};
use crate::domain::ids::{OutboxMessageId, PersonId};
use crate::domain::states::OutboxStatus;
use crate::error::{AppError, InputLocation};

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
    /// Text in the recipient's address.
    pub search: Option<String>,
}

/// The list's name in its cursors.
const LIST: &str = "outbox";

fn statuses_of(filter: &OutboxFilter) -> Result<Vec<OutboxStatus>, AppError> {
    filter
        .statuses
        .iter()
        .map(|s| {
            OutboxStatus::parse(s).ok_or_else(|| AppError::Malformed {
                detail: format!(
                    "unknown status '{s}': pending, sending, sent, failed, dead or cancelled"
                ),
                at: Some(InputLocation::Query("status".into())),
            })
        })
        .collect()
}

/// One page of mails, newest first, after the cursor's mail (owner only); an unknown status
/// is refused. With `count`, also how many match (capped).
pub fn page(
    conn: &mut DbConnection,
    actor: &PersonId,
    filter: &OutboxFilter,
    cursor: Option<&str>,
    limit: i64,
    count: bool,
) -> Result<(Paged<MailRow>, Option<Count>), AppError> {
    owner_only(conn, actor)?;
    let statuses = statuses_of(filter)?;
    let query = OutboxQuery {
        statuses: &statuses,
        kind: filter.kind.as_deref(),
        person: filter.person.as_ref(),
        search: filter.search.as_deref(),
    };
    let after = match keyset::decode(LIST, "created", cursor)? {
        Some(a) => Some((a.time()?, OutboxMessageId(a.id))),
        None => None,
    };
    let rows = OutboxMessage::page(conn, &query, after, limit + 1)?;
    let key = |m: &MailRow| After {
        key: keyset::key_of_time(m.created_at),
        id: m.id.0.clone(),
    };
    let count = match count {
        true => Some(OutboxMessage::count_capped(conn, &query)?),
        false => None,
    };
    Ok((keyset::page(LIST, "created", rows, limit, key), count))
}

/// How many mails wait to be sent (capped), for the owner's mail page.
pub fn waiting(conn: &mut DbConnection, actor: &PersonId) -> Result<Count, AppError> {
    owner_only(conn, actor)?;
    let statuses = [OutboxStatus::Pending, OutboxStatus::Sending];
    let query = OutboxQuery {
        statuses: &statuses,
        ..OutboxQuery::default()
    };
    Ok(OutboxMessage::count_capped(conn, &query)?)
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
