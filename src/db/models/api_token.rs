//! `api_tokens`: personal tokens for `/api/v1`, stored hashed, revocable.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::api_tokens;
use crate::domain::ids::{ApiTokenId, PersonId};

/// An API token.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = api_tokens)]
pub struct ApiToken {
    /// Id.
    pub id: ApiTokenId,
    /// Owner.
    pub person_id: PersonId,
    /// A name the person chose.
    pub name: String,
    /// SHA-256 of the token.
    #[serde(skip)]
    pub token_hash: String,
    /// The first characters, to recognise it.
    pub prefix: String,
    /// Created.
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub created_at: NaiveDateTime,
    /// Last use.
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    pub last_used_at: Option<NaiveDateTime>,
    /// Revoked.
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    pub revoked_at: Option<NaiveDateTime>,
    /// No longer accepted from then on (always set for new tokens).
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    pub expires_at: Option<NaiveDateTime>,
}

impl ApiToken {
    /// Inserts a token.
    pub fn create(conn: &mut DbConnection, new: &ApiToken) -> QueryResult<()> {
        diesel::insert_into(api_tokens::table)
            .values(new)
            .execute(conn)
            .map(|_| ())
    }

    /// The person's tokens, newest first.
    pub fn list_by_person(
        conn: &mut DbConnection,
        person: &PersonId,
    ) -> QueryResult<Vec<ApiToken>> {
        api_tokens::table
            .filter(api_tokens::person_id.eq(person))
            .order(api_tokens::created_at.desc())
            .select(ApiToken::as_select())
            .load(conn)
    }

    /// An unrevoked, unexpired token by hash.
    pub fn find_active(
        conn: &mut DbConnection,
        hash: &str,
        now: NaiveDateTime,
    ) -> QueryResult<Option<ApiToken>> {
        api_tokens::table
            .filter(api_tokens::token_hash.eq(hash))
            .filter(api_tokens::revoked_at.is_null())
            .filter(api_tokens::expires_at.gt(now))
            .select(ApiToken::as_select())
            .first(conn)
            .optional()
    }

    /// Records a use.
    pub fn touch(conn: &mut DbConnection, id: &ApiTokenId, now: NaiveDateTime) -> QueryResult<()> {
        diesel::update(api_tokens::table.find(id))
            .set(api_tokens::last_used_at.eq(now))
            .execute(conn)
            .map(|_| ())
    }

    /// Revokes one of the person's tokens; returns whether it existed.
    pub fn revoke(
        conn: &mut DbConnection,
        id: &ApiTokenId,
        person: &PersonId,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let n = diesel::update(
            api_tokens::table
                .filter(api_tokens::id.eq(id))
                .filter(api_tokens::person_id.eq(person))
                .filter(api_tokens::revoked_at.is_null()),
        )
        .set(api_tokens::revoked_at.eq(now))
        .execute(conn)?;
        Ok(n == 1)
    }
}
