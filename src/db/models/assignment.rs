//! `assignments`: the assignments of one curriculum version, with their briefs.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::assignments;
use crate::domain::ids::{AssignmentId, CurriculumVersionId, ModuleId};

/// An assignment.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = assignments)]
pub struct Assignment {
    /// Id.
    pub id: AssignmentId,
    /// Its module.
    pub module_id: ModuleId,
    /// Its version.
    pub curriculum_version_id: CurriculumVersionId,
    /// Folder name, unique in the program.
    pub slug: String,
    /// Order within the module.
    pub position: i32,
    /// Title, German.
    pub title_de: String,
    /// Title, English.
    pub title_en: String,
    /// Brief Markdown, German.
    pub brief_de: String,
    /// Brief Markdown, English.
    pub brief_en: String,
    /// Points needed to pass.
    pub pass_threshold: i32,
    /// Rubric maximum.
    pub max_points: i32,
    /// Required for the certificate.
    pub required: bool,
    /// Two independent reviews.
    pub double_review: bool,
}

/// New assignments are inserted whole.
pub type NewAssignment = Assignment;

impl Assignment {
    /// The assignments of a version, by module order then position.
    pub fn list_by_version(
        conn: &mut DbConnection,
        version: &CurriculumVersionId,
    ) -> QueryResult<Vec<Assignment>> {
        assignments::table
            .filter(assignments::curriculum_version_id.eq(version))
            .order((assignments::module_id.asc(), assignments::position.asc()))
            .select(Assignment::as_select())
            .load(conn)
    }

    /// These assignments.
    pub fn list_by_ids(
        conn: &mut DbConnection,
        ids: &[AssignmentId],
    ) -> QueryResult<Vec<Assignment>> {
        assignments::table
            .filter(assignments::id.eq_any(ids))
            .select(Assignment::as_select())
            .load(conn)
    }

    /// Inserts assignments.
    pub fn create_many(conn: &mut DbConnection, new: &[NewAssignment]) -> QueryResult<()> {
        for row in new {
            diesel::insert_into(assignments::table)
                .values(row)
                .execute(conn)?;
        }
        Ok(())
    }
}
