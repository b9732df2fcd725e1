//! `sso_logins`: sign-ins begun at the identity provider and not yet finished.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::sso_logins;

/// What the callback needs to finish a sign-in: the nonce, the PKCE verifier, where to go.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sso_logins)]
pub struct SsoLogin {
    /// SHA-256 of the `state` parameter.
    pub state_hash: String,
    /// The nonce the ID token must carry.
    pub nonce: String,
    /// The PKCE code verifier.
    pub pkce_verifier: String,
    /// The local path to open after sign-in.
    pub next_path: String,
    /// Begun.
    pub created_at: NaiveDateTime,
    /// The state is refused after this.
    pub expires_at: NaiveDateTime,
}

impl SsoLogin {
    /// Inserts a begun sign-in.
    pub fn create(conn: &mut DbConnection, new: &SsoLogin) -> QueryResult<()> {
        diesel::insert_into(sso_logins::table)
            .values(new)
            .execute(conn)
            .map(|_| ())
    }

    /// Takes the sign-in with this state hash out of the table: exactly one caller gets it.
    /// An expired one is removed too, and not returned.
    pub fn take(
        conn: &mut DbConnection,
        state_hash: &str,
        now: NaiveDateTime,
    ) -> QueryResult<Option<SsoLogin>> {
        let row: Option<SsoLogin> = diesel::delete(sso_logins::table.find(state_hash))
            .get_result(conn)
            .optional()?;
        Ok(row.filter(|r| r.expires_at > now))
    }

    /// Removes begun sign-ins that expired before `now`.
    pub fn delete_expired(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<usize> {
        diesel::delete(sso_logins::table.filter(sso_logins::expires_at.le(now))).execute(conn)
    }
}
