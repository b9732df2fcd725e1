//! `extensions`: one trainee's later deadline for one assignment.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::per_backend;
use crate::db::schema::extensions;
use crate::domain::ids::{AssignmentId, EnrollmentId, ExtensionId, PersonId};

/// An extension.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = extensions)]
pub struct Extension {
    /// Id.
    pub id: ExtensionId,
    /// Whose.
    pub enrollment_id: EnrollmentId,
    /// For which assignment.
    pub assignment_id: AssignmentId,
    /// The new due moment (UTC).
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    pub due_at: NaiveDateTime,
    /// Why.
    pub reason: String,
    /// By whom.
    pub granted_by: Option<PersonId>,
    /// When.
    #[diesel(deserialize_as = crate::db::timestamp::Ts)]
    pub created_at: NaiveDateTime,
}

impl Extension {
    /// Inserts the extension, or moves the due moment, reason and grantor of the one the
    /// trainee already has for the assignment.
    pub fn upsert(conn: &mut DbConnection, row: &Extension) -> QueryResult<()> {
        per_backend!(conn, c => diesel::insert_into(extensions::table)
            .values(row)
            .on_conflict((extensions::enrollment_id, extensions::assignment_id))
            .do_update()
            .set((
                extensions::due_at.eq(row.due_at),
                extensions::reason.eq(&row.reason),
                extensions::granted_by.eq(&row.granted_by),
            ))
            .execute(c))?;
        Ok(())
    }

    /// The extensions of an enrollment.
    pub fn list_by_enrollment(
        conn: &mut DbConnection,
        enrollment: &EnrollmentId,
    ) -> QueryResult<Vec<Extension>> {
        per_backend!(conn, c => extensions::table
            .filter(extensions::enrollment_id.eq(enrollment))
            .select(Extension::as_select())
            .load(c))
    }
}
