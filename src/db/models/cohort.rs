//! `cohorts`: a group of trainees who go through one pinned curriculum version together.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::cohorts;
use crate::domain::ids::{CohortId, CurriculumVersionId, ProgramId};

/// A cohort.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = cohorts)]
pub struct Cohort {
    /// Id.
    pub id: CohortId,
    /// The program.
    pub program_id: ProgramId,
    /// The pinned curriculum version.
    pub curriculum_version_id: CurriculumVersionId,
    /// Name shown to people.
    pub name: String,
    /// Start date, `YYYY-MM-DD` in the cohort's time zone.
    pub starts_on: String,
    /// IANA time zone.
    pub time_zone: String,
    /// planned, running, completed, archived.
    pub state: String,
    /// Optimistic lock.
    pub lock_version: i32,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
}

/// New cohorts are inserted whole.
pub type NewCohort = Cohort;

impl Cohort {
    /// A cohort by id.
    pub fn find(conn: &mut DbConnection, id: &CohortId) -> QueryResult<Option<Cohort>> {
        cohorts::table
            .find(id)
            .select(Cohort::as_select())
            .first(conn)
            .optional()
    }

    /// Inserts a cohort.
    pub fn create(conn: &mut DbConnection, new: &NewCohort) -> QueryResult<()> {
        diesel::insert_into(cohorts::table)
            .values(new)
            .execute(conn)
            .map(|_| ())
    }
}
