//! `cohort_schedule`: when each module of a cohort opens and is due (UTC).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::per_backend;
use crate::db::schema::cohort_schedule;
use crate::domain::ids::{CohortId, ModuleId, ScheduleEntryId};

/// One module's moments in one cohort.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = cohort_schedule)]
pub struct ScheduleEntry {
    /// Id.
    pub id: ScheduleEntryId,
    /// The cohort.
    pub cohort_id: CohortId,
    /// The module (of the cohort's curriculum version).
    pub module_id: ModuleId,
    /// Opens (UTC).
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub unlock_at: NaiveDateTime,
    /// Due (UTC).
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub due_at: NaiveDateTime,
}

impl ScheduleEntry {
    /// Inserts entries.
    pub fn create_many(conn: &mut DbConnection, rows: &[ScheduleEntry]) -> QueryResult<()> {
        for row in rows {
            diesel::insert_into(cohort_schedule::table)
                .values(row)
                .execute(conn)?;
        }
        Ok(())
    }

    /// A cohort's entries, by unlock moment.
    pub fn list_by_cohort(
        conn: &mut DbConnection,
        cohort: &CohortId,
    ) -> QueryResult<Vec<ScheduleEntry>> {
        per_backend!(conn, c => cohort_schedule::table
            .filter(cohort_schedule::cohort_id.eq(cohort))
            .order((
                cohort_schedule::unlock_at.asc(),
                cohort_schedule::due_at.asc(),
            ))
            .select(ScheduleEntry::as_select())
            .load(c))
    }

    /// Moves one module's moments and bumps the cohort's `lock_version` (a schedule cached
    /// under the old version is not used again: `cohorts::schedule_cache`); returns whether
    /// the module is in the cohort.
    pub fn update(
        conn: &mut DbConnection,
        cohort: &CohortId,
        module: &ModuleId,
        (unlock_at, due_at): (NaiveDateTime, NaiveDateTime),
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let n = diesel::update(
            cohort_schedule::table
                .filter(cohort_schedule::cohort_id.eq(cohort))
                .filter(cohort_schedule::module_id.eq(module)),
        )
        .set((
            cohort_schedule::unlock_at.eq(unlock_at),
            cohort_schedule::due_at.eq(due_at),
        ))
        .execute(conn)?;
        if n == 1 {
            super::Cohort::bump(conn, cohort, now)?;
        }
        Ok(n == 1)
    }
}
