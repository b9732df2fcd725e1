//! `programs`: one row per program (its curriculum lives in versions).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::programs;
use crate::domain::ids::ProgramId;
use crate::domain::states::ProgramKind;

/// A program.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = programs)]
pub struct Program {
    /// Id.
    pub id: ProgramId,
    /// Stable id from `program.toml`.
    pub slug: String,
    /// When it was first synced.
    pub created_at: NaiveDateTime,
    /// Cohort or self-paced.
    pub kind: ProgramKind,
}

/// A program to insert.
#[derive(Debug, Insertable)]
#[diesel(table_name = programs)]
pub struct NewProgram<'a> {
    /// Id.
    pub id: &'a ProgramId,
    /// Stable id.
    pub slug: &'a str,
    /// Now.
    pub created_at: NaiveDateTime,
    /// Cohort or self-paced.
    pub kind: ProgramKind,
}

impl Program {
    /// The program with this slug.
    pub fn find_by_slug(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<Program>> {
        programs::table
            .filter(programs::slug.eq(slug))
            .select(Program::as_select())
            .first(conn)
            .optional()
    }

    /// Every program of a kind, oldest first (by id when synced together).
    pub fn list_of_kind(conn: &mut DbConnection, kind: ProgramKind) -> QueryResult<Vec<Program>> {
        programs::table
            .filter(programs::kind.eq(kind))
            .order((programs::created_at.asc(), programs::slug.asc()))
            .select(Program::as_select())
            .load(conn)
    }

    /// Sets the kind (a program's folder may change it only while nobody is enrolled; the
    /// sync checks that).
    pub fn set_kind(conn: &mut DbConnection, id: &ProgramId, kind: ProgramKind) -> QueryResult<()> {
        diesel::update(programs::table.find(id))
            .set(programs::kind.eq(kind))
            .execute(conn)
            .map(drop)
    }

    /// Every program, oldest first (by id when synced together).
    pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<Program>> {
        programs::table
            .order((programs::created_at.asc(), programs::slug.asc()))
            .select(Program::as_select())
            .load(conn)
    }

    /// Inserts a program.
    pub fn create(conn: &mut DbConnection, new: &NewProgram<'_>) -> QueryResult<Program> {
        diesel::insert_into(programs::table)
            .values(new)
            .execute(conn)?;
        Ok(Program {
            id: new.id.clone(),
            slug: new.slug.to_string(),
            created_at: new.created_at,
            kind: new.kind,
        })
    }
}
