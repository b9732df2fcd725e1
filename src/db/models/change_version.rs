//! `change_versions`: a number per cached view that triggers raise on every write to the
//! tables the view reads (migration `…_change_versions`). A view kept in memory under the
//! number it was computed at is current while the number stays the same, on every instance.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::change_versions;

/// The owner's grading page: reviews, the allocation queue, moderation, the pool, cohorts,
/// and people's names and addresses.
pub const GRADING: &str = "grading";

/// The current number of `name` (0 if there is none yet).
pub fn current(conn: &mut DbConnection, name: &str) -> QueryResult<i64> {
    change_versions::table
        .find(name)
        .select(change_versions::version)
        .first(conn)
        .optional()
        .map(|v| v.unwrap_or(0))
}
