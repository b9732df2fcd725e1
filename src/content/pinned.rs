//! A synced curriculum version never changes (a changed folder becomes a new version), so its
//! modules and assignments, lessons and briefs included, are read from the database once per
//! process and shared by every page of every trainee of every cohort pinned to it — and so
//! are the lessons and briefs rendered to sanitised HTML and the rubrics in both languages.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use crate::content::catalog::{CriterionView, rubrics};
use crate::db::DbConnection;
use crate::db::models::{Assignment, CurriculumVersion, Module};
use crate::domain::ids::{AssignmentId, CurriculumVersionId, ModuleId};
use crate::domain::language::Language;
use crate::error::AppError;
use crate::web::markdown::to_safe_html;

/// One curriculum version with its modules (in order) and assignments.
#[derive(Debug)]
pub struct Pinned {
    /// The version.
    pub version: Arc<CurriculumVersion>,
    /// Its modules, in order.
    pub modules: Arc<Vec<Module>>,
    /// Its assignments, by module and position.
    pub assignments: Arc<Vec<Assignment>>,
    /// Lessons as sanitised HTML, German and English, by module.
    lessons: HashMap<ModuleId, [String; 2]>,
    /// Briefs as sanitised HTML, German and English, by assignment.
    briefs: HashMap<AssignmentId, [String; 2]>,
    /// Rubrics, German and English.
    rubrics: [HashMap<AssignmentId, Vec<CriterionView>>; 2],
}

fn slot(lang: Language) -> usize {
    match lang {
        Language::De => 0,
        Language::En => 1,
    }
}

impl Pinned {
    /// The module's lesson as sanitised HTML.
    pub fn lesson_html(&self, module: &ModuleId, lang: Language) -> &str {
        self.lessons.get(module).map_or("", |l| &l[slot(lang)])
    }

    /// The assignment's brief as sanitised HTML.
    pub fn brief_html(&self, assignment: &AssignmentId, lang: Language) -> &str {
        self.briefs.get(assignment).map_or("", |b| &b[slot(lang)])
    }

    /// The assignment's rubric in `lang`.
    pub fn rubric(&self, assignment: &AssignmentId, lang: Language) -> Vec<CriterionView> {
        self.rubrics[slot(lang)]
            .get(assignment)
            .cloned()
            .unwrap_or_default()
    }
}

/// Versions kept at most; a program has a handful, so this only guards against surprises.
const KEEP: usize = 64;

static CACHE: RwLock<Option<HashMap<String, Arc<Pinned>>>> = RwLock::new(None);

/// The version with this id, from memory after the first read; `None` if there is no such
/// version.
pub fn load(
    conn: &mut DbConnection,
    id: &CurriculumVersionId,
) -> Result<Option<Arc<Pinned>>, AppError> {
    if let Some(hit) = CACHE
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .and_then(|m| m.get(&id.0))
    {
        return Ok(Some(hit.clone()));
    }
    let Some(version) = CurriculumVersion::find(conn, id)? else {
        return Ok(None);
    };
    let modules = Module::list_by_version(conn, id)?;
    let assignments = Assignment::list_by_version(conn, id)?;
    let ids: Vec<AssignmentId> = assignments.iter().map(|a| a.id.clone()).collect();
    let pinned = Arc::new(Pinned {
        lessons: modules
            .iter()
            .map(|m| {
                let html = [to_safe_html(&m.lesson_de), to_safe_html(&m.lesson_en)];
                (m.id.clone(), html)
            })
            .collect(),
        briefs: assignments
            .iter()
            .map(|a| {
                let html = [to_safe_html(&a.brief_de), to_safe_html(&a.brief_en)];
                (a.id.clone(), html)
            })
            .collect(),
        rubrics: [
            rubrics(conn, &ids, Language::De)?,
            rubrics(conn, &ids, Language::En)?,
        ],
        modules: Arc::new(modules),
        assignments: Arc::new(assignments),
        version: Arc::new(version),
    });
    let mut guard = CACHE.write().unwrap_or_else(|e| e.into_inner());
    let map = guard.get_or_insert_with(HashMap::new);
    if map.len() >= KEEP {
        map.clear();
    }
    map.insert(id.0.clone(), pinned.clone());
    Ok(Some(pinned))
}
