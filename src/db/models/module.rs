//! `modules`: the modules of one curriculum version, with their lesson texts.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::modules;
use crate::domain::ids::{CurriculumVersionId, ModuleId};

/// A module.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = modules)]
pub struct Module {
    /// Id.
    pub id: ModuleId,
    /// The version it belongs to.
    pub curriculum_version_id: CurriculumVersionId,
    /// Folder name.
    pub slug: String,
    /// Order within the program (0-based).
    pub position: i32,
    /// Days after cohort start when it opens.
    pub unlock_days: i32,
    /// Days after cohort start when it is due.
    pub due_days: i32,
    /// Estimated minutes.
    pub minutes: i32,
    /// Title, German.
    pub title_de: String,
    /// Title, English.
    pub title_en: String,
    /// Summary, German.
    pub summary_de: String,
    /// Summary, English.
    pub summary_en: String,
    /// Lesson Markdown, German.
    pub lesson_de: String,
    /// Lesson Markdown, English.
    pub lesson_en: String,
}

/// New modules are inserted whole.
pub type NewModule = Module;

impl Module {
    /// The modules of a version in program order.
    pub fn list_by_version(
        conn: &mut DbConnection,
        version: &CurriculumVersionId,
    ) -> QueryResult<Vec<Module>> {
        modules::table
            .filter(modules::curriculum_version_id.eq(version))
            .order(modules::position.asc())
            .select(Module::as_select())
            .load(conn)
    }

    /// Inserts modules.
    pub fn create_many(conn: &mut DbConnection, new: &[NewModule]) -> QueryResult<()> {
        for row in new {
            diesel::insert_into(modules::table)
                .values(row)
                .execute(conn)?;
        }
        Ok(())
    }
}
