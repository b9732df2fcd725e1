//! Stores a self-paced program's lessons: the text as `modules` rows (no assignments, no
//! days), the rest as `lesson_materials`. Videos are uploaded to the storage backend before
//! the sync (see [`super::upload_videos`]); here only their keys are recorded.

use diesel::result::Error as DieselError;

use super::model::Curriculum;
use crate::db::DbConnection;
use crate::db::models::{LessonMaterial, Module};
use crate::domain::ids::{CurriculumVersionId, ModuleId};

/// Inserts the lessons of `c` into `version`.
pub(super) fn store_lessons(
    conn: &mut DbConnection,
    c: &Curriculum,
    version: &CurriculumVersionId,
) -> Result<(), DieselError> {
    let (mut modules, mut materials) = (vec![], vec![]);
    for (pos, l) in c.lessons.iter().enumerate() {
        let id = ModuleId::new();
        modules.push(Module {
            id: id.clone(),
            curriculum_version_id: version.clone(),
            slug: l.slug.clone(),
            position: pos as i32,
            unlock_days: 0,
            due_days: 0,
            minutes: l.minutes,
            title_de: l.title.de.clone(),
            title_en: l.title.en.clone(),
            summary_de: l.summary.de.clone(),
            summary_en: l.summary.en.clone(),
            lesson_de: l.body.de.clone(),
            lesson_en: l.body.en.clone(),
        });
        let video = l.video.as_ref();
        materials.push(LessonMaterial {
            module_id: id,
            guide_title_de: l.guide_title.de.clone(),
            guide_title_en: l.guide_title.en.clone(),
            guide_de: l.guide.de.clone(),
            guide_en: l.guide.en.clone(),
            video_key: video.map(|v| v.storage_key()),
            video_type: video.map(|v| v.media_type.clone()),
            video_bytes: video.map(|v| v.bytes as i64),
            captions_de: video.map(|v| v.captions.de.clone()),
            captions_en: video.map(|v| v.captions.en.clone()),
            questions: serde_json::to_string(&l.questions).expect("questions serialise"),
        });
    }
    Module::create_many(conn, &modules)?;
    LessonMaterial::create_many(conn, &materials)
}
