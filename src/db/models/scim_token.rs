//! `scim_tokens`: the bearer tokens of the SCIM provisioning endpoint, stored as SHA-256
//! hashes (the token itself is shown once, when it is made).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::scim_tokens;

/// A SCIM token.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = scim_tokens)]
pub struct ScimToken {
    /// Id.
    pub id: String,
    /// SHA-256 of the token, hex.
    pub token_hash: String,
    /// Made.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    pub created_at: NaiveDateTime,
    /// Last used (updated at most once a minute).
    #[diesel(deserialize_as = crate::db::timestamp::TsOpt)]
    pub last_used_at: Option<NaiveDateTime>,
}

impl ScimToken {
    /// Inserts a token.
    pub fn create(conn: &mut DbConnection, new: &ScimToken) -> QueryResult<()> {
        diesel::insert_into(scim_tokens::table)
            .values(new)
            .execute(conn)
            .map(|_| ())
    }

    /// Every token (there are one or two).
    pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<ScimToken>> {
        scim_tokens::table
            .order(scim_tokens::created_at.asc())
            .select(ScimToken::as_select())
            .load(conn)
    }

    /// Removes every token (a new one replaces them).
    pub fn delete_all(conn: &mut DbConnection) -> QueryResult<usize> {
        diesel::delete(scim_tokens::table).execute(conn)
    }

    /// Records a use.
    pub fn touch(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<()> {
        diesel::update(scim_tokens::table.find(id))
            .set(scim_tokens::last_used_at.eq(now))
            .execute(conn)
            .map(|_| ())
    }
}
