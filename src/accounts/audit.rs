//! The audit log as the owner reads it: every recorded action, newest first, filtered by
//! action and by the acting person's address.

use serde::Deserialize;

use super::Identity;
use crate::db::DbConnection;
use crate::db::models::{AuditEntry, Person};
use crate::error::AppError;

/// Filters.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Only this action, e.g. `sign_in`.
    #[serde(default)]
    pub action: String,
    /// Only actions of the person with this email.
    #[serde(default)]
    pub actor: String,
}

/// The filtered entries (at most 500; owner only); an unknown actor gives none.
pub fn entries(
    conn: &mut DbConnection,
    viewer: &Identity,
    query: &AuditQuery,
) -> Result<Vec<AuditEntry>, AppError> {
    if !viewer.is_owner {
        return Err(AppError::Forbidden);
    }
    let actor = match query.actor.trim() {
        "" => None,
        email => match Person::find_by_email(conn, email)? {
            Some(p) => Some(p.id),
            None => return Ok(Vec::new()),
        },
    };
    let action = Some(query.action.trim()).filter(|a| !a.is_empty());
    Ok(AuditEntry::list(conn, action, actor.as_ref(), 500)?)
}
