//! The audit log as the owner reads it: every recorded action, newest first, a page at a time,
//! filtered by action, by the acting person's address and by the object.

use serde::Deserialize;

use super::Identity;
use crate::db::DbConnection;
use crate::db::keyset::{self, After, Paged};
use crate::db::models::Person;
use crate::db::models::audit_entry::AuditFilter;
use crate::domain::ids::AuditEntryId;
use crate::error::AppError;

pub use crate::db::models::AuditEntry;

/// Filters and the page's start.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only this action, e.g. `sign_in`.
    #[serde(default)]
    pub action: String,
    /// Only actions of the person with this email.
    #[serde(default)]
    pub actor: String,
    /// Only actions on the object with this id.
    #[serde(default)]
    pub object: String,
    /// The `next_cursor` of the previous page.
    #[serde(default, alias = "after")]
    pub cursor: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[serde(default)]
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
}

/// The list's name in its cursors.
const LIST: &str = "audit";

/// One page of the filtered entries, newest first (owner only); an unknown actor gives none.
pub fn entries(
    conn: &mut DbConnection,
    viewer: &Identity,
    query: &AuditQuery,
) -> Result<Paged<AuditEntry>, AppError> {
    if !viewer.is_owner {
        return Err(AppError::Forbidden);
    }
    let limit = keyset::limit(query.limit)?;
    let after = match keyset::decode(LIST, "at", query.cursor.as_deref())? {
        Some(a) => Some((a.time()?, AuditEntryId(a.id))),
        None => None,
    };
    let actor = match query.actor.trim() {
        "" => None,
        email => match Person::find_by_email(conn, email)? {
            Some(p) => Some(p.id),
            None => {
                return Ok(Paged {
                    items: Vec::new(),
                    next_cursor: None,
                });
            }
        },
    };
    let filter = AuditFilter {
        action: Some(query.action.trim()).filter(|a| !a.is_empty()),
        actor: actor.as_ref(),
        object: Some(query.object.trim()).filter(|a| !a.is_empty()),
    };
    let rows = AuditEntry::page(conn, &filter, after, limit + 1)?;
    let key = |e: &AuditEntry| After {
        key: keyset::key_of_time(e.at),
        id: e.id.0.clone(),
    };
    Ok(keyset::page(LIST, "at", rows, limit, key))
}
