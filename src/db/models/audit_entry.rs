//! `audit_log`: who did what to which object, when, from where.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::audit_log;
use crate::domain::ids::{AuditEntryId, PersonId};

/// One audit row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize, utoipa::ToSchema)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    /// Id.
    #[schema(value_type = String)]
    pub id: AuditEntryId,
    /// When (RFC 3339).
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    #[schema(value_type = String, format = DateTime)]
    pub at: NaiveDateTime,
    /// Who (none for anonymous attempts and the system).
    #[schema(value_type = Option<String>)]
    pub actor_id: Option<PersonId>,
    /// What, e.g. `sign_in`, `role_granted`.
    pub action: String,
    /// The kind of object, e.g. `person`.
    pub object_type: String,
    /// The object's id.
    pub object_id: Option<String>,
    /// The program concerned.
    pub program_id: Option<String>,
    /// Details as JSON (never secrets).
    pub details: String,
    /// Client address.
    pub client_ip: Option<String>,
}

impl AuditEntry {
    /// A new entry for now.
    pub fn new(
        at: NaiveDateTime,
        actor: Option<&PersonId>,
        action: &str,
        object_type: &str,
        object_id: Option<&str>,
    ) -> Self {
        Self {
            id: AuditEntryId::new(),
            at,
            actor_id: actor.cloned(),
            action: action.to_string(),
            object_type: object_type.to_string(),
            object_id: object_id.map(str::to_string),
            program_id: None,
            details: "{}".into(),
            client_ip: None,
        }
    }

    /// Adds details.
    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details.to_string();
        self
    }

    /// Adds the client address.
    pub fn ip(mut self, ip: Option<String>) -> Self {
        self.client_ip = ip;
        self
    }

    /// Stores the entry.
    pub fn record(self, conn: &mut DbConnection) -> QueryResult<()> {
        diesel::insert_into(audit_log::table)
            .values(&self)
            .execute(conn)
            .map(|_| ())
    }

    /// Entries, newest first, optionally only one action or one actor, at most `limit`.
    pub fn list(
        conn: &mut DbConnection,
        action: Option<&str>,
        actor: Option<&PersonId>,
        limit: i64,
    ) -> QueryResult<Vec<AuditEntry>> {
        let filter = AuditFilter {
            action,
            actor,
            object: None,
        };
        Self::page(conn, &filter, None, limit)
    }

    /// Entries, newest first (by time, then id), optionally only one action, one actor or one
    /// object, at most `limit`, after the entry `after` (time and id) when given.
    pub fn page(
        conn: &mut DbConnection,
        filter: &AuditFilter<'_>,
        after: Option<(NaiveDateTime, AuditEntryId)>,
        limit: i64,
    ) -> QueryResult<Vec<AuditEntry>> {
        let mut query = audit_log::table.into_boxed();
        if let Some(action) = filter.action {
            query = query.filter(audit_log::action.eq(action.to_string()));
        }
        if let Some(actor) = filter.actor {
            query = query.filter(audit_log::actor_id.eq(actor.clone()));
        }
        if let Some(object) = filter.object {
            query = query.filter(audit_log::object_id.eq(object.to_string()));
        }
        if let Some((at, id)) = after {
            query = query.filter(
                audit_log::at
                    .lt(at)
                    .or(audit_log::at.eq(at).and(audit_log::id.lt(id))),
            );
        }
        query
            .order((audit_log::at.desc(), audit_log::id.desc()))
            .limit(limit)
            .select(AuditEntry::as_select())
            .load(conn)
    }
}

/// Which entries a list shows (every part optional).
#[derive(Debug, Clone, Copy, Default)]
pub struct AuditFilter<'a> {
    /// This action only.
    pub action: Option<&'a str>,
    /// This actor only.
    pub actor: Option<&'a PersonId>,
    /// This object only (by id).
    pub object: Option<&'a str>,
}
