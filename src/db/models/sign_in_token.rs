//! `sign_in_tokens`: one-time sign-in links (also used by invitations); only hashes are stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::sign_in_tokens;
use crate::domain::ids::PersonId;

/// A sign-in token.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sign_in_tokens)]
pub struct SignInToken {
    /// SHA-256 of the token.
    pub token_hash: String,
    /// For whom.
    pub person_id: PersonId,
    /// `sign_in`, `invitation`, or `break_glass` (printed by `qualify owner create`).
    pub purpose: String,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Ends.
    pub expires_at: NaiveDateTime,
    /// Used (once).
    pub used_at: Option<NaiveDateTime>,
}

impl SignInToken {
    /// Inserts a token.
    pub fn create(conn: &mut DbConnection, new: &SignInToken) -> QueryResult<()> {
        diesel::insert_into(sign_in_tokens::table)
            .values(new)
            .execute(conn)
            .map(|_| ())
    }

    /// A token by hash.
    pub fn find(conn: &mut DbConnection, hash: &str) -> QueryResult<Option<SignInToken>> {
        sign_in_tokens::table
            .find(hash)
            .select(SignInToken::as_select())
            .first(conn)
            .optional()
    }

    /// Uses a token: succeeds for exactly one caller, and only while it is unused and valid.
    /// Gives the person and the token's purpose.
    pub fn consume(
        conn: &mut DbConnection,
        hash: &str,
        now: NaiveDateTime,
    ) -> QueryResult<Option<(PersonId, String)>> {
        let n = diesel::update(
            sign_in_tokens::table
                .filter(sign_in_tokens::token_hash.eq(hash))
                .filter(sign_in_tokens::used_at.is_null())
                .filter(sign_in_tokens::expires_at.gt(now)),
        )
        .set(sign_in_tokens::used_at.eq(now))
        .execute(conn)?;
        if n != 1 {
            return Ok(None);
        }
        sign_in_tokens::table
            .find(hash)
            .select((sign_in_tokens::person_id, sign_in_tokens::purpose))
            .first(conn)
            .map(Some)
    }
}
