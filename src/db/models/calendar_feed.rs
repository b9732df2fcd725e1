//! `calendar_feeds`: the hashed token of each person's iCalendar feed URL.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::calendar_feeds;
use crate::domain::ids::PersonId;

/// A feed.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = calendar_feeds)]
pub struct CalendarFeed {
    /// Whose.
    pub person_id: PersonId,
    /// SHA-256 of the URL token.
    pub token_hash: String,
    /// Created.
    pub created_at: NaiveDateTime,
}

impl CalendarFeed {
    /// The feed with this token hash.
    pub fn find_by_hash(conn: &mut DbConnection, hash: &str) -> QueryResult<Option<CalendarFeed>> {
        calendar_feeds::table
            .filter(calendar_feeds::token_hash.eq(hash))
            .select(CalendarFeed::as_select())
            .first(conn)
            .optional()
    }

    /// Whether the person has a feed.
    pub fn exists(conn: &mut DbConnection, person: &PersonId) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(calendar_feeds::table.find(person))).get_result(conn)
    }

    /// Replaces the person's feed (the old URL stops working).
    pub fn replace(conn: &mut DbConnection, row: &CalendarFeed) -> QueryResult<()> {
        Self::delete(conn, &row.person_id)?;
        diesel::insert_into(calendar_feeds::table)
            .values(row)
            .execute(conn)
            .map(|_| ())
    }

    /// Removes the person's feed.
    pub fn delete(conn: &mut DbConnection, person: &PersonId) -> QueryResult<usize> {
        diesel::delete(calendar_feeds::table.find(person)).execute(conn)
    }
}
