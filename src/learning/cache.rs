//! A curriculum version's lessons, read once: versions never change after the sync, so the
//! lessons, their materials and parsed knowledge checks of a version are kept as they are
//! and shared by every learner of that version. Only the learner's own progress is read per
//! request.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use crate::content::model::Question;
use crate::db::DbConnection;
use crate::db::models::{CurriculumVersion, LessonMaterial, Module};
use crate::domain::ids::CurriculumVersionId;
use crate::error::AppError;

/// One lesson with its material and check.
#[derive(Debug)]
pub struct CachedLesson {
    /// The lesson's text and place (a `modules` row).
    pub module: Module,
    /// Guide, video and captions.
    pub material: LessonMaterial,
    /// The knowledge check.
    pub questions: Vec<Question>,
}

/// A version and its lessons in order.
#[derive(Debug)]
pub struct Lessons {
    /// The version.
    pub version: CurriculumVersion,
    /// Its lessons in program order.
    pub lessons: Vec<CachedLesson>,
}

impl Lessons {
    /// A lesson by slug.
    pub fn find(&self, slug: &str) -> Option<(usize, &CachedLesson)> {
        self.lessons
            .iter()
            .enumerate()
            .find(|(_, l)| l.module.slug == slug)
    }
}

/// Versions kept at most (a sync adds one; learners of old versions keep theirs).
const KEEP: usize = 256;

static CACHE: RwLock<Option<HashMap<CurriculumVersionId, Arc<Lessons>>>> = RwLock::new(None);

/// The lessons of `version`, read from the database the first time only.
pub fn lessons_of(
    conn: &mut DbConnection,
    version: &CurriculumVersionId,
) -> Result<Arc<Lessons>, AppError> {
    if let Some(hit) = CACHE
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .and_then(|m| m.get(version))
    {
        return Ok(hit.clone());
    }
    let row = CurriculumVersion::find(conn, version)?.ok_or(AppError::NotFound)?;
    let mut materials: HashMap<String, LessonMaterial> =
        LessonMaterial::list_by_version(conn, version)?
            .into_iter()
            .collect();
    let mut lessons = Vec::new();
    for module in Module::list_by_version(conn, version)? {
        let Some(material) = materials.remove(&module.slug) else {
            continue;
        };
        let questions =
            serde_json::from_str(&material.questions).map_err(|e| AppError::Internal(e.into()))?;
        lessons.push(CachedLesson {
            module,
            material,
            questions,
        });
    }
    let loaded = Arc::new(Lessons {
        version: row,
        lessons,
    });
    let mut cache = CACHE.write().unwrap_or_else(|e| e.into_inner());
    let map = cache.get_or_insert_with(HashMap::new);
    if map.len() >= KEEP {
        map.clear();
    }
    map.insert(version.clone(), loaded.clone());
    Ok(loaded)
}
