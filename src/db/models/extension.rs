//! `extensions`: one trainee's later deadline for one assignment.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::per_backend;
use crate::db::schema::extensions;
use crate::domain::ids::{AssignmentId, EnrollmentId, PersonId};

/// An extension.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = extensions)]
pub struct Extension {
    /// Id.
    pub id: String,
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
