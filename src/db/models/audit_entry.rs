//! `audit_log`: who did what to which object, when, from where.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::audit_log;
use crate::domain::ids::{AuditEntryId, PersonId};

/// One audit row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    /// Id.
    pub id: AuditEntryId,
    /// When (UTC).
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub at: NaiveDateTime,
    /// Who (none for anonymous attempts and the system).
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

    /// Entries, newest first, optionally only one action or one actor.
    pub fn list(
        conn: &mut DbConnection,
        action: Option<&str>,
        actor: Option<&PersonId>,
        limit: i64,
    ) -> QueryResult<Vec<AuditEntry>> {
        let mut query = audit_log::table.into_boxed();
        if let Some(action) = action {
            query = query.filter(audit_log::action.eq(action.to_string()));
        }
        if let Some(actor) = actor {
            query = query.filter(audit_log::actor_id.eq(actor.clone()));
        }
        query
            .order(audit_log::at.desc())
            .limit(limit)
            .select(AuditEntry::as_select())
            .load(conn)
    }
}
