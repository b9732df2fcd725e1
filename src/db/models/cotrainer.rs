//! `cotrainers`: the program's co-trainer pool (capacity, grading languages, active).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::cotrainers;
use crate::db::{DbConnection, per_backend};
use crate::domain::ids::{CotrainerId, PersonId, ProgramId};

/// A member of a program's co-trainer pool.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = cotrainers)]
pub struct Cotrainer {
    /// Id.
    pub id: CotrainerId,
    /// The program.
    pub program_id: ProgramId,
    /// The person.
    pub person_id: PersonId,
    /// Open reviews at most.
    pub capacity: i32,
    /// Languages graded in, comma separated (`de,en`).
    pub languages: String,
    /// Taking reviews.
    pub active: bool,
    /// How they joined: `graduate` (opted in) or `owner` (added by the owner).
    pub source: String,
    /// Optimistic lock.
    pub lock_version: i32,
    /// Joined.
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub created_at: NaiveDateTime,
    /// When the owner took them out of the pool, or a revocation did: only the owner puts
    /// them back.
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    pub removed_at: Option<NaiveDateTime>,
    /// When they passed calibration (absent: not yet; no real reviews while the program
    /// asks for calibration).
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    pub calibrated_at: Option<NaiveDateTime>,
}

impl Cotrainer {
    /// The person's places in co-trainer pools, oldest first.
    pub fn of_person(conn: &mut DbConnection, person: &PersonId) -> QueryResult<Vec<Cotrainer>> {
        cotrainers::table
            .filter(cotrainers::person_id.eq(person))
            .order(cotrainers::created_at)
            .select(Cotrainer::as_select())
            .load(conn)
    }

    /// A pool member the owner adds (by hand, or by assigning them to a cohort): five open
    /// reviews at most, grading in the person's language (and English beside German).
    pub fn added_by_owner(program: &ProgramId, person: &super::Person, now: NaiveDateTime) -> Self {
        let languages = if person.language == "de" {
            "de,en".to_string()
        } else {
            person.language.clone()
        };
        Cotrainer {
            id: CotrainerId::new(),
            program_id: program.clone(),
            person_id: person.id.clone(),
            capacity: 5,
            languages,
            active: true,
            source: "owner".into(),
            lock_version: 1,
            created_at: now,
            removed_at: None,
            calibrated_at: None,
        }
    }

    /// The languages as a list.
    pub fn language_list(&self) -> Vec<&str> {
        self.languages
            .split(',')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    }

    /// Whether the person is in any program's pool.
    pub fn is_member(conn: &mut DbConnection, person: &PersonId) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            cotrainers::table.filter(cotrainers::person_id.eq(person)),
        ))
        .get_result(conn)
    }

    /// The pool entry of a person in a program.
    pub fn find_for(
        conn: &mut DbConnection,
        program: &ProgramId,
        person: &PersonId,
    ) -> QueryResult<Option<Cotrainer>> {
        cotrainers::table
            .filter(cotrainers::program_id.eq(program))
            .filter(cotrainers::person_id.eq(person))
            .select(Cotrainer::as_select())
            .first(conn)
            .optional()
    }

    /// The whole pool of a program.
    pub fn list_by_program(
        conn: &mut DbConnection,
        program: &ProgramId,
    ) -> QueryResult<Vec<Cotrainer>> {
        cotrainers::table
            .filter(cotrainers::program_id.eq(program))
            .order(cotrainers::created_at.asc())
            .select(Cotrainer::as_select())
            .load(conn)
    }

    /// The pool entries of these people, locked for the transaction on PostgreSQL (in id
    /// order, so concurrent allocations never deadlock); SQLite's write transaction already
    /// serialises writers.
    pub fn lock_for_people(
        conn: &mut DbConnection,
        program: &ProgramId,
        people: &[PersonId],
    ) -> QueryResult<Vec<Cotrainer>> {
        match conn {
            DbConnection::Postgresql(c) => cotrainers::table
                .filter(cotrainers::program_id.eq(program))
                .filter(cotrainers::person_id.eq_any(people))
                .order(cotrainers::id.asc())
                .select(Cotrainer::as_select())
                .for_update()
                .load(c),
            DbConnection::Sqlite(c) => cotrainers::table
                .filter(cotrainers::program_id.eq(program))
                .filter(cotrainers::person_id.eq_any(people))
                .order(cotrainers::id.asc())
                .select(Cotrainer::as_select())
                .load(c),
        }
    }

    /// Adds a pool entry unless the person is in the pool already; returns whether it was new.
    pub fn create_if_absent(conn: &mut DbConnection, row: &Cotrainer) -> QueryResult<bool> {
        let n = per_backend!(conn, c => diesel::insert_into(cotrainers::table)
            .values(row)
            .on_conflict((cotrainers::program_id, cotrainers::person_id))
            .do_nothing()
            .execute(c))?;
        Ok(n == 1)
    }

    /// Saves capacity, languages and active if unchanged since `lock_version`.
    pub fn save(conn: &mut DbConnection, row: &Cotrainer, lock_version: i32) -> QueryResult<bool> {
        let n = diesel::update(
            cotrainers::table
                .filter(cotrainers::id.eq(&row.id))
                .filter(cotrainers::lock_version.eq(lock_version)),
        )
        .set((
            cotrainers::capacity.eq(row.capacity),
            cotrainers::languages.eq(&row.languages),
            cotrainers::active.eq(row.active),
            cotrainers::removed_at.eq(row.removed_at),
            cotrainers::lock_version.eq(lock_version + 1),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }

    /// Records that a pool member passed calibration (the first pass counts).
    pub fn mark_calibrated(
        conn: &mut DbConnection,
        program: &ProgramId,
        person: &PersonId,
        now: NaiveDateTime,
    ) -> QueryResult<usize> {
        diesel::update(
            cotrainers::table
                .filter(cotrainers::program_id.eq(program))
                .filter(cotrainers::person_id.eq(person))
                .filter(cotrainers::calibrated_at.is_null()),
        )
        .set(cotrainers::calibrated_at.eq(Some(now)))
        .execute(conn)
    }

    /// Takes a graduate out of a program's pool (their certificate was revoked): inactive and
    /// removed, so only the owner puts them back. People the owner added stay as they are.
    pub fn take_out_graduate(
        conn: &mut DbConnection,
        program: &ProgramId,
        person: &PersonId,
        now: NaiveDateTime,
    ) -> QueryResult<usize> {
        diesel::update(
            cotrainers::table
                .filter(cotrainers::program_id.eq(program))
                .filter(cotrainers::person_id.eq(person))
                .filter(cotrainers::source.eq("graduate")),
        )
        .set((
            cotrainers::active.eq(false),
            cotrainers::removed_at.eq(Some(now)),
            cotrainers::lock_version.eq(cotrainers::lock_version + 1),
        ))
        .execute(conn)
    }
}
