//! `sessions`: signed-in browsers. Only the hash of the cookie value is stored, so a database
//! leak does not hand out sessions.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::per_backend;
use crate::db::schema::sessions;
use crate::domain::ids::PersonId;

/// A session with its person, and whether that person is an owner and a co-trainer.
pub type SessionLookup = (Session, crate::db::models::Person, bool, bool);

/// A session.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sessions)]
pub struct Session {
    /// SHA-256 of the cookie value.
    pub id_hash: String,
    /// Who is signed in.
    pub person_id: PersonId,
    /// The synchronizer token for forms.
    pub csrf_token: String,
    /// Signed in at.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    pub created_at: NaiveDateTime,
    /// Last request.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    pub last_seen_at: NaiveDateTime,
    /// Absolute end.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    pub expires_at: NaiveDateTime,
    /// Browser, for the profile's session list.
    pub user_agent: Option<String>,
}

impl Session {
    /// A session by its hash.
    pub fn find(conn: &mut DbConnection, id_hash: &str) -> QueryResult<Option<Session>> {
        sessions::table
            .find(id_hash)
            .select(Session::as_select())
            .first(conn)
            .optional()
    }

    /// A session with its person, in one query.
    pub fn find_with_person(
        conn: &mut DbConnection,
        id_hash: &str,
    ) -> QueryResult<Option<SessionLookup>> {
        use crate::db::schema::{cotrainers, people, role_grants};
        per_backend!(conn, c => sessions::table
            .inner_join(people::table.on(people::id.eq(sessions::person_id)))
            .filter(sessions::id_hash.eq(id_hash))
            .select((
                Session::as_select(),
                crate::db::models::Person::as_select(),
                diesel::dsl::exists(
                    role_grants::table
                        .filter(role_grants::person_id.eq(sessions::person_id))
                        .filter(role_grants::role.eq("owner")),
                ),
                diesel::dsl::exists(
                    cotrainers::table.filter(cotrainers::person_id.eq(sessions::person_id)),
                ),
            ))
            .first(c)
            .optional())
    }

    /// Inserts a session.
    pub fn create(conn: &mut DbConnection, new: &Session) -> QueryResult<()> {
        diesel::insert_into(sessions::table)
            .values(new)
            .execute(conn)
            .map(|_| ())
    }

    /// Records activity.
    pub fn touch(conn: &mut DbConnection, id_hash: &str, now: NaiveDateTime) -> QueryResult<()> {
        diesel::update(sessions::table.find(id_hash))
            .set(sessions::last_seen_at.eq(now))
            .execute(conn)
            .map(|_| ())
    }

    /// Ends one session.
    pub fn delete(conn: &mut DbConnection, id_hash: &str) -> QueryResult<usize> {
        diesel::delete(sessions::table.find(id_hash)).execute(conn)
    }

    /// Ends every session of a person.
    pub fn delete_by_person(conn: &mut DbConnection, person: &PersonId) -> QueryResult<usize> {
        diesel::delete(sessions::table.filter(sessions::person_id.eq(person))).execute(conn)
    }

    /// Ends every session of a person but one (`keep`, the id hash of the session to keep).
    pub fn delete_others(
        conn: &mut DbConnection,
        person: &PersonId,
        keep: &str,
    ) -> QueryResult<usize> {
        diesel::delete(
            sessions::table
                .filter(sessions::person_id.eq(person))
                .filter(sessions::id_hash.ne(keep)),
        )
        .execute(conn)
    }

    /// Removes sessions past their absolute end or idle for longer than `idle_before`.
    pub fn delete_stale(
        conn: &mut DbConnection,
        now: NaiveDateTime,
        idle_before: NaiveDateTime,
    ) -> QueryResult<usize> {
        diesel::delete(
            sessions::table.filter(
                sessions::expires_at
                    .le(now)
                    .or(sessions::last_seen_at.lt(idle_before)),
            ),
        )
        .execute(conn)
    }
}
