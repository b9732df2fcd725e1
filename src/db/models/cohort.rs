//! `cohorts`: a group of trainees who go through one pinned curriculum version together.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::per_backend;
use crate::db::schema::cohorts;
use crate::domain::ids::{CohortId, CurriculumVersionId, ProgramId};
use crate::domain::states::CohortState;

/// Which cohorts a list shows (every part optional).
#[derive(Debug, Clone, Copy, Default)]
pub struct CohortFilter<'a> {
    /// In this phase.
    pub state: Option<CohortState>,
    /// Of this program.
    pub program: Option<&'a ProgramId>,
    /// Text in the name.
    pub search: Option<&'a str>,
}

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

    /// A page of cohorts passing the filter, latest start first (then by id), at most
    /// `limit`, after the cohort `after` (start date and id) when given.
    pub fn page(
        conn: &mut DbConnection,
        filter: &CohortFilter<'_>,
        after: Option<(String, CohortId)>,
        limit: i64,
    ) -> QueryResult<Vec<Cohort>> {
        let mut q = cohorts::table.into_boxed();
        if let Some(state) = filter.state {
            q = q.filter(cohorts::state.eq(state));
        }
        if let Some(program) = filter.program {
            q = q.filter(cohorts::program_id.eq(program.clone()));
        }
        if let Some(text) = filter.search.filter(|t| !t.trim().is_empty()) {
            q = q.filter(crate::db::sql::lower(cohorts::name).like(crate::db::sql::contains(text)));
        }
        if let Some((starts, id)) = after {
            q = q.filter(
                cohorts::starts_on
                    .lt(starts.clone())
                    .or(cohorts::starts_on.eq(starts).and(cohorts::id.lt(id))),
            );
        }
        q.order((cohorts::starts_on.desc(), cohorts::id.desc()))
            .limit(limit)
            .select(Cohort::as_select())
            .load(conn)
    }

    /// Active trainees of each of these cohorts (cohorts without any are left out).
    pub fn active_trainees(
        conn: &mut DbConnection,
        ids: &[CohortId],
    ) -> QueryResult<Vec<(CohortId, i64)>> {
        // Kept on the cohort by triggers on enrollments (migration `…_cohort_rosters`).
        let rows: Vec<(CohortId, i32)> = cohorts::table
            .filter(cohorts::id.eq_any(ids))
            .select((cohorts::id, cohorts::active_trainees))
            .load(conn)?;
        Ok(rows.into_iter().map(|(id, n)| (id, i64::from(n))).collect())
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
