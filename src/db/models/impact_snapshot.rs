//! `impact_snapshots`: the impact report as published at the end of a month (JSON, small
//! figures already withheld), one row per month, written once.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::impact_snapshots;
use crate::db::{DbConnection, per_backend};

/// One month's report.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = impact_snapshots)]
pub struct ImpactSnapshot {
    /// The month, `YYYY-MM`.
    pub month: String,
    /// The report as JSON.
    pub report: String,
    /// When it was kept.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    pub created_at: NaiveDateTime,
}

impl ImpactSnapshot {
    /// Keeps the month's report unless one is kept already (several instances may try at
    /// once; the first one stays). Returns whether this one was kept.
    pub fn insert_if_absent(conn: &mut DbConnection, row: &ImpactSnapshot) -> QueryResult<bool> {
        let n = per_backend!(conn, c => diesel::insert_into(impact_snapshots::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(c))?;
        Ok(n == 1)
    }

    /// The month's report, if one was kept.
    pub fn find(conn: &mut DbConnection, month: &str) -> QueryResult<Option<ImpactSnapshot>> {
        impact_snapshots::table
            .find(month)
            .select(ImpactSnapshot::as_select())
            .first(conn)
            .optional()
    }

    /// The months kept, the latest first.
    pub fn months(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
        impact_snapshots::table
            .select(impact_snapshots::month)
            .order(impact_snapshots::month.desc())
            .load(conn)
    }
}
