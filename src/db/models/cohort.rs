//! `cohorts`: a group of trainees who go through one pinned curriculum version together.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::per_backend;
use crate::db::schema::cohorts;
use crate::domain::ids::{CohortId, CurriculumVersionId, ProgramId};
use crate::domain::states::CohortState;

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
    /// Its phase.
    pub state: CohortState,
    /// Optimistic lock.
    pub lock_version: i32,
    /// Created.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    pub created_at: NaiveDateTime,
    /// Last changed.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    pub updated_at: NaiveDateTime,
}

/// New cohorts are inserted whole.
pub type NewCohort = Cohort;

impl Cohort {
    /// A new cohort, planned at `now`, of `program` on its curriculum `version`, starting on
    /// `starts_on` in the time zone `tz`.
    pub fn planned(
        program: &ProgramId,
        version: &CurriculumVersionId,
        name: &str,
        starts_on: NaiveDate,
        tz: chrono_tz::Tz,
        now: NaiveDateTime,
    ) -> Cohort {
        Cohort {
            id: CohortId::new(),
            program_id: program.clone(),
            curriculum_version_id: version.clone(),
            name: name.to_string(),
            starts_on: starts_on.to_string(),
            time_zone: tz.name().to_string(),
            state: CohortState::Planned,
            lock_version: 1,
            created_at: now,
            updated_at: now,
        }
    }

    /// These cohorts.
    pub fn list_by_ids(conn: &mut DbConnection, ids: &[CohortId]) -> QueryResult<Vec<Cohort>> {
        cohorts::table
            .filter(cohorts::id.eq_any(ids))
            .select(Cohort::as_select())
            .load(conn)
    }

    /// A cohort by id.
    pub fn find(conn: &mut DbConnection, id: &CohortId) -> QueryResult<Option<Cohort>> {
        per_backend!(conn, c => cohorts::table
            .find(id)
            .select(Cohort::as_select())
            .first(c)
            .optional())
    }

    /// Every cohort of a program, newest start first.
    pub fn list_by_program(
        conn: &mut DbConnection,
        program: &ProgramId,
    ) -> QueryResult<Vec<Cohort>> {
        cohorts::table
            .filter(cohorts::program_id.eq(program))
            .order((cohorts::starts_on.desc(), cohorts::name.asc()))
            .select(Cohort::as_select())
            .load(conn)
    }

    /// Every cohort, newest start first.
    pub fn list_all(conn: &mut DbConnection) -> QueryResult<Vec<Cohort>> {
        cohorts::table
            .order((cohorts::starts_on.desc(), cohorts::name.asc()))
            .select(Cohort::as_select())
            .load(conn)
    }

    /// Changes name and state if the cohort is still at `lock_version`; returns whether it was.
    pub fn update(
        conn: &mut DbConnection,
        id: &CohortId,
        lock_version: i32,
        name: &str,
        state: CohortState,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let n = diesel::update(
            cohorts::table
                .filter(cohorts::id.eq(id))
                .filter(cohorts::lock_version.eq(lock_version)),
        )
        .set((
            cohorts::name.eq(name),
            cohorts::state.eq(state),
            cohorts::updated_at.eq(now),
            cohorts::lock_version.eq(lock_version + 1),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }

    /// Records a change that is not a column of the cohort (schedule, roster).
    pub fn bump(conn: &mut DbConnection, id: &CohortId, now: NaiveDateTime) -> QueryResult<()> {
        diesel::update(cohorts::table.find(id))
            .set((
                cohorts::updated_at.eq(now),
                cohorts::lock_version.eq(cohorts::lock_version + 1),
            ))
            .execute(conn)
            .map(|_| ())
    }

    /// Inserts a cohort.
    pub fn create(conn: &mut DbConnection, new: &NewCohort) -> QueryResult<()> {
        diesel::insert_into(cohorts::table)
            .values(new)
            .execute(conn)
            .map(|_| ())
    }
}
