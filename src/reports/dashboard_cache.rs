//! The dashboard, computed at most every [`FRESH_SECONDS`] per program, cohort and language.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use chrono::NaiveDateTime;

use super::dashboard::{Dashboard, compute};
use crate::db::DbConnection;
use crate::db::models::{Cohort, Program};
use crate::domain::language::Language;
use crate::error::AppError;

/// How long a computed dashboard is served again (per instance). At company scale the
/// figures take seconds to aggregate on SQLite; a management dashboard half a minute old is
/// fine, and the page says when it was computed.
pub const FRESH_SECONDS: u64 = 30;

type Key = (String, Option<String>, Language);

static CACHE: Mutex<Option<HashMap<Key, (Instant, Dashboard)>>> = Mutex::new(None);

/// The dashboard, computed at most every [`FRESH_SECONDS`] per program, cohort and language.
pub fn cached(
    conn: &mut DbConnection,
    program: &Program,
    cohort: Option<&Cohort>,
    lang: Language,
    now: NaiveDateTime,
) -> Result<Dashboard, AppError> {
    let key = (program.id.0.clone(), cohort.map(|c| c.id.0.clone()), lang);
    let fresh = |(at, _): &(Instant, Dashboard)| at.elapsed().as_secs() < FRESH_SECONDS;
    if let Some(hit) = CACHE
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .and_then(|m| m.get(&key))
        .filter(|e| fresh(e))
    {
        return Ok(hit.1.clone());
    }
    let board = compute(conn, program, cohort, lang, now)?;
    let mut guard = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    let map = guard.get_or_insert_with(HashMap::new);
    if map.len() > 1_000 {
        map.retain(|_, e| fresh(e));
    }
    map.insert(key, (Instant::now(), board.clone()));
    Ok(board)
}
