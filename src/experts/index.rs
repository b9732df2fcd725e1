//! The search index: each listed profile's words (name, unit, topic labels in both languages,
//! languages, communities, bio) in SQLite's FTS5 table or PostgreSQL's `tsvector` column,
//! written whenever the profile is saved and removed when it is withdrawn.

use diesel::RunQueryDsl;
use diesel::sql_types::Text;

use crate::db::DbConnection;
use crate::domain::ids::PersonId;

/// Replaces the person's entry with `body`.
pub fn put(conn: &mut DbConnection, person: &PersonId, body: &str) -> diesel::QueryResult<()> {
    match conn {
        DbConnection::Sqlite(c) => {
            diesel::sql_query("DELETE FROM expert_search WHERE person_id = ?")
                .bind::<Text, _>(person.as_str())
                .execute(c)?;
            diesel::sql_query("INSERT INTO expert_search (person_id, body) VALUES (?, ?)")
                .bind::<Text, _>(person.as_str())
                .bind::<Text, _>(body)
                .execute(c)?;
        }
        DbConnection::Postgresql(c) => {
            diesel::sql_query(
                "UPDATE expert_profiles SET search_vector = to_tsvector('simple', $2) \
                 WHERE person_id = $1",
            )
            .bind::<Text, _>(person.as_str())
            .bind::<Text, _>(body)
            .execute(c)?;
        }
    }
    Ok(())
}

/// Removes the person's entry.
pub fn remove(conn: &mut DbConnection, person: &PersonId) -> diesel::QueryResult<()> {
    match conn {
        DbConnection::Sqlite(c) => {
            diesel::sql_query("DELETE FROM expert_search WHERE person_id = ?")
                .bind::<Text, _>(person.as_str())
                .execute(c)?;
        }
        DbConnection::Postgresql(c) => {
            diesel::sql_query(
                "UPDATE expert_profiles SET search_vector = NULL WHERE person_id = $1",
            )
            .bind::<Text, _>(person.as_str())
            .execute(c)?;
        }
    }
    Ok(())
}
