//! A synced curriculum version never changes (a changed folder becomes a new version), so its
//! modules and assignments, lessons and briefs included, are read from the database once per
//! process and shared by every page of every trainee of every cohort pinned to it.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use crate::db::DbConnection;
use crate::db::models::{Assignment, CurriculumVersion, Module};
use crate::domain::ids::CurriculumVersionId;
use crate::error::AppError;

/// One curriculum version with its modules (in order) and assignments.
#[derive(Debug)]
pub struct Pinned {
    /// The version.
    pub version: Arc<CurriculumVersion>,
    /// Its modules, in order.
    pub modules: Arc<Vec<Module>>,
    /// Its assignments, by module and position.
    pub assignments: Arc<Vec<Assignment>>,
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
    let pinned = Arc::new(Pinned {
        modules: Arc::new(Module::list_by_version(conn, id)?),
        assignments: Arc::new(Assignment::list_by_version(conn, id)?),
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
