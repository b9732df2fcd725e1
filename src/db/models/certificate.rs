//! `certificates`: frozen records of a person's certification in a program.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::certificates;
use crate::domain::ids::{PersonId, ProgramId};

/// Queries on certificates.
pub struct Certificates;

impl Certificates {
    /// Whether the person holds an active certificate of the program.
    pub fn has_active(
        conn: &mut DbConnection,
        person: &PersonId,
        program: &ProgramId,
    ) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            certificates::table
                .filter(certificates::person_id.eq(person))
                .filter(certificates::program_id.eq(program))
                .filter(certificates::status.eq("active")),
        ))
        .get_result(conn)
    }
}
