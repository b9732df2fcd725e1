//! `cohort_cotrainers`: which co-trainers grade in which cohort.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::cohort_cotrainers;
use crate::db::{DbConnection, per_backend};
use crate::domain::ids::{CohortId, PersonId};

/// A co-trainer assigned to a cohort.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = cohort_cotrainers)]
pub struct CohortCotrainer {
    /// The cohort.
    pub cohort_id: CohortId,
    /// The co-trainer.
    pub person_id: PersonId,
    /// Since when.
    pub added_at: NaiveDateTime,
}

impl CohortCotrainer {
    /// The co-trainers of a cohort.
    pub fn list_by_cohort(
        conn: &mut DbConnection,
        cohort: &CohortId,
    ) -> QueryResult<Vec<PersonId>> {
        cohort_cotrainers::table
            .filter(cohort_cotrainers::cohort_id.eq(cohort))
            .select(cohort_cotrainers::person_id)
            .load(conn)
    }

    /// The cohorts the person co-trains in.
    pub fn cohorts_of(conn: &mut DbConnection, person: &PersonId) -> QueryResult<Vec<CohortId>> {
        cohort_cotrainers::table
            .filter(cohort_cotrainers::person_id.eq(person))
            .select(cohort_cotrainers::cohort_id)
            .load(conn)
    }

    /// Whether the person co-trains in the cohort.
    pub fn is_assigned(
        conn: &mut DbConnection,
        cohort: &CohortId,
        person: &PersonId,
    ) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            cohort_cotrainers::table
                .filter(cohort_cotrainers::cohort_id.eq(cohort))
                .filter(cohort_cotrainers::person_id.eq(person)),
        ))
        .get_result(conn)
    }

    /// Assigns a co-trainer (no-op when already assigned); returns whether it was new.
    pub fn add(conn: &mut DbConnection, row: &CohortCotrainer) -> QueryResult<bool> {
        let n = per_backend!(conn, c => diesel::insert_into(cohort_cotrainers::table).values(row).on_conflict_do_nothing().execute(c))?;
        Ok(n == 1)
    }

    /// Removes a co-trainer; returns whether they were assigned.
    pub fn remove(
        conn: &mut DbConnection,
        cohort: &CohortId,
        person: &PersonId,
    ) -> QueryResult<bool> {
        let n = diesel::delete(
            cohort_cotrainers::table
                .filter(cohort_cotrainers::cohort_id.eq(cohort))
                .filter(cohort_cotrainers::person_id.eq(person)),
        )
        .execute(conn)?;
        Ok(n == 1)
    }
}
