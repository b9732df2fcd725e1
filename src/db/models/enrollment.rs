//! `enrollments`: a trainee in a cohort (active, withdrawn, deferred, completed).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::per_backend;
use crate::db::schema::enrollments;
use crate::domain::ids::{CohortId, EnrollmentId, PersonId};
use crate::domain::states::EnrollmentState;

/// An enrollment.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = enrollments)]
pub struct Enrollment {
    /// Id.
    pub id: EnrollmentId,
    /// The cohort.
    pub cohort_id: CohortId,
    /// The trainee.
    pub person_id: PersonId,
    /// The trainee's standing.
    pub state: EnrollmentState,
    /// Optimistic lock.
    pub lock_version: i32,
    /// Enrolled.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub enrolled_at: NaiveDateTime,
    /// Last change.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub updated_at: NaiveDateTime,
    /// When its first certificate that was not revoked was issued (a running total, kept by
    /// the certificate functions; `None` when inserting).
    #[diesel(deserialize_as = crate::db::timestamp::TsOpt)]
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    pub certified_at: Option<NaiveDateTime>,
}

impl Enrollment {
    /// A trainee's new, active enrollment in a cohort, made at `now`.
    pub fn active(cohort: &CohortId, person: &PersonId, now: NaiveDateTime) -> Enrollment {
        Enrollment {
            id: EnrollmentId::new(),
            cohort_id: cohort.clone(),
            person_id: person.clone(),
            state: EnrollmentState::Active,
            lock_version: 1,
            enrolled_at: now,
            updated_at: now,
            certified_at: None,
        }
    }

    /// Locks an enrollment for the transaction on PostgreSQL (decisions about one trainee then
    /// happen one after the other); SQLite's write transaction is exclusive already.
    pub fn lock(conn: &mut DbConnection, id: &EnrollmentId) -> QueryResult<()> {
        if let DbConnection::Postgresql(c) = conn {
            enrollments::table
                .find(id)
                .select(enrollments::id)
                .for_update()
                .load::<EnrollmentId>(c)?;
        }
        Ok(())
    }

    /// These enrollments.
    pub fn list_by_ids(
        conn: &mut DbConnection,
        ids: &[EnrollmentId],
    ) -> QueryResult<Vec<Enrollment>> {
        enrollments::table
            .filter(enrollments::id.eq_any(ids))
            .select(Enrollment::as_select())
            .load(conn)
    }

    /// An enrollment by id.
    pub fn find(conn: &mut DbConnection, id: &EnrollmentId) -> QueryResult<Option<Enrollment>> {
        per_backend!(conn, c => enrollments::table
            .find(id)
            .select(Enrollment::as_select())
            .first(c)
            .optional())
    }

    /// The person's enrollment in the cohort.
    pub fn find_in(
        conn: &mut DbConnection,
        cohort: &CohortId,
        person: &PersonId,
    ) -> QueryResult<Option<Enrollment>> {
        enrollments::table
            .filter(enrollments::cohort_id.eq(cohort))
            .filter(enrollments::person_id.eq(person))
            .select(Enrollment::as_select())
            .first(conn)
            .optional()
    }

    /// The enrollments of a cohort.
    pub fn list_by_cohort(
        conn: &mut DbConnection,
        cohort: &CohortId,
    ) -> QueryResult<Vec<Enrollment>> {
        enrollments::table
            .filter(enrollments::cohort_id.eq(cohort))
            .order(enrollments::enrolled_at.asc())
            .select(Enrollment::as_select())
            .load(conn)
    }

    /// A page of a cohort's enrollments with their people, by name (then person id), after
    /// the person `after` (name and id) when given.
    pub fn page_of_cohort(
        conn: &mut DbConnection,
        cohort: &CohortId,
        after: Option<(String, PersonId)>,
        limit: i64,
    ) -> QueryResult<Vec<(Enrollment, crate::db::models::Person)>> {
        use crate::db::schema::people;
        // By the name the enrollment carries (kept in step by triggers), so the page is a
        // range of the (cohort, name, person) index whatever the cohort's size.
        let mut q = enrollments::table
            .inner_join(people::table)
            .filter(enrollments::cohort_id.eq(cohort.clone()))
            .order((enrollments::person_name.asc(), enrollments::person_id.asc()))
            .limit(limit)
            .select((
                Enrollment::as_select(),
                crate::db::models::Person::as_select(),
            ))
            .into_boxed();
        if let Some((name, id)) = after {
            q = q.filter(
                enrollments::person_name
                    .gt(name.clone())
                    .or(enrollments::person_name
                        .eq(name)
                        .and(enrollments::person_id.gt(id))),
            );
        }
        q.load(conn)
    }

    /// The enrollments of a person.
    pub fn list_by_person(
        conn: &mut DbConnection,
        person: &PersonId,
    ) -> QueryResult<Vec<Enrollment>> {
        enrollments::table
            .filter(enrollments::person_id.eq(person))
            .select(Enrollment::as_select())
            .load(conn)
    }

    /// Inserts an enrollment.
    pub fn create(conn: &mut DbConnection, row: &Enrollment) -> QueryResult<()> {
        diesel::insert_into(enrollments::table)
            .values(row)
            .execute(conn)
            .map(|_| ())
    }

    /// Moves the enrollment (and with it all its work) to another cohort and/or state, if it is
    /// still at `lock_version`; returns whether it was.
    pub fn update(
        conn: &mut DbConnection,
        id: &EnrollmentId,
        lock_version: i32,
        cohort: &CohortId,
        state: EnrollmentState,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let n = diesel::update(
            enrollments::table
                .filter(enrollments::id.eq(id))
                .filter(enrollments::lock_version.eq(lock_version)),
        )
        .set((
            enrollments::cohort_id.eq(cohort),
            enrollments::state.eq(state),
            enrollments::updated_at.eq(now),
            enrollments::lock_version.eq(lock_version + 1),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }
}
