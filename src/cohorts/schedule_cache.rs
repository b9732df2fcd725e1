//! A cohort's schedule, read from the database once per version of the cohort. Every page of a
//! trainee shows the cohort's schedule, and all trainees of a cohort share it; it changes only
//! when the owner moves a module, and that change bumps the cohort's `lock_version` in the
//! same transaction (`ScheduleEntry::update`). The cohort row is read fresh on every request,
//! so a schedule cached under (cohort, `lock_version`) is the one in the database, on every
//! instance sharing it.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use crate::db::DbConnection;
use crate::db::models::{Cohort, ScheduleEntry};

/// Cohorts kept at most; when full the cache starts again (a program runs dozens of cohorts
/// at once, a few hundred over years).
const KEEP: usize = 4096;

type Key = (String, i32);

static CACHE: RwLock<Option<HashMap<Key, Arc<Vec<ScheduleEntry>>>>> = RwLock::new(None);

/// The schedule of `cohort` (as read in this request), by unlock moment.
pub fn schedule_of(
    conn: &mut DbConnection,
    cohort: &Cohort,
) -> diesel::QueryResult<Arc<Vec<ScheduleEntry>>> {
    let key = (cohort.id.0.clone(), cohort.lock_version);
    if let Some(hit) = CACHE
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .and_then(|m| m.get(&key))
    {
        return Ok(hit.clone());
    }
    let schedule = Arc::new(ScheduleEntry::list_by_cohort(conn, &cohort.id)?);
    let mut cache = CACHE.write().unwrap_or_else(|e| e.into_inner());
    let map = cache.get_or_insert_with(HashMap::new);
    if map.len() >= KEEP {
        map.clear();
    }
    // Older versions of this cohort are never asked for again.
    map.retain(|(id, _), _| id != &key.0);
    map.insert(key, schedule.clone());
    Ok(schedule)
}
