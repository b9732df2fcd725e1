//! `lesson_materials`: what a self-paced lesson holds beyond its text (kept in `modules`):
//! the how-to guide, the video's storage key and captions, and the knowledge check.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{lesson_materials, modules};
use crate::domain::ids::{CurriculumVersionId, ModuleId};

/// One lesson's material.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = lesson_materials, primary_key(module_id))]
pub struct LessonMaterial {
    /// The lesson (a row of `modules`).
    pub module_id: ModuleId,
    /// Guide title, German.
    pub guide_title_de: String,
    /// Guide title, English.
    pub guide_title_en: String,
    /// How-to guide Markdown, German.
    pub guide_de: String,
    /// How-to guide Markdown, English.
    pub guide_en: String,
    /// Where the video is in the storage backend.
    pub video_key: Option<String>,
    /// The video's media type.
    pub video_type: Option<String>,
    /// The video's size in bytes.
    pub video_bytes: Option<i64>,
    /// WebVTT captions, German.
    pub captions_de: Option<String>,
    /// WebVTT captions, English.
    pub captions_en: Option<String>,
    /// The knowledge check (JSON, see `content::model::Question`).
    pub questions: String,
}

impl LessonMaterial {
    /// Inserts materials.
    pub fn create_many(conn: &mut DbConnection, rows: &[LessonMaterial]) -> QueryResult<()> {
        for row in rows {
            diesel::insert_into(lesson_materials::table)
                .values(row)
                .execute(conn)?;
        }
        Ok(())
    }

    /// The material of one lesson.
    pub fn find(conn: &mut DbConnection, module: &ModuleId) -> QueryResult<Option<LessonMaterial>> {
        lesson_materials::table
            .find(module)
            .select(LessonMaterial::as_select())
            .first(conn)
            .optional()
    }

    /// Every lesson's material in a version, with its lesson's slug.
    pub fn list_by_version(
        conn: &mut DbConnection,
        version: &CurriculumVersionId,
    ) -> QueryResult<Vec<(String, LessonMaterial)>> {
        lesson_materials::table
            .inner_join(modules::table)
            .filter(modules::curriculum_version_id.eq(version))
            .order(modules::position.asc())
            .select((modules::slug, LessonMaterial::as_select()))
            .load(conn)
    }

    /// Whether any stored lesson refers to this video key (so housekeeping keeps it).
    pub fn video_in_use(conn: &mut DbConnection, key: &str) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            lesson_materials::table.filter(lesson_materials::video_key.eq(key)),
        ))
        .get_result(conn)
    }
}
