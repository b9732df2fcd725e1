//! The owner's grading page as shown, computed once for all owners and kept under the
//! `grading` change version (`db::versioned_cache`): the overview and the open moderation
//! items, by language, filter and list positions. A write to any table the page reads, on
//! any instance, raises the version; the next deadline of an open review ends it too, since
//! the overdue figures change then without a write.

use std::sync::{Arc, LazyLock};
use std::time::Duration;

use chrono::NaiveDateTime;

use super::moderation::{self, ModerationView};
use super::overview::{self, Overview, OverviewCursors};
use crate::accounts::Identity;
use crate::db::DbConnection;
use crate::db::models::change_version;
use crate::db::versioned_cache::VersionedCache;
use crate::domain::ids::CohortId;
use crate::error::AppError;

/// Open moderation items shown at most.
const MODERATION_ROWS: i64 = 20;

/// The overview and the open moderation items.
pub type Shown = (Overview, Vec<ModerationView>);

/// What is kept: the content and the moment it stops being true without a write.
type Kept = (Arc<Shown>, Option<NaiveDateTime>);

/// Kept at most this long all the same (relative times on the page, clocks of instances).
const MAX_AGE: Duration = Duration::from_secs(600);

static SHOWN: LazyLock<VersionedCache<Kept>> = LazyLock::new(|| VersionedCache::new(MAX_AGE, 256));

/// The page's content for an owner (anyone else is refused before anything is kept or read).
pub fn shown(
    conn: &mut DbConnection,
    actor: &Identity,
    cohort: Option<&CohortId>,
    lang: &str,
    now: NaiveDateTime,
    cursors: &OverviewCursors,
) -> Result<Arc<Shown>, AppError> {
    if !actor.is_owner {
        return Err(AppError::NotFound);
    }
    let key = format!(
        "{lang}|{}|{}|{}|{}|{}",
        cohort.map(|c| c.0.as_str()).unwrap_or(""),
        cursors.pool_search,
        cursors.pool.as_deref().unwrap_or(""),
        cursors.waiting.as_deref().unwrap_or(""),
        cursors.open.as_deref().unwrap_or("")
    );
    let version = change_version::current(conn, change_version::GRADING)?;
    if let Some(kept) = SHOWN.get(&key, version)
        && kept.1.is_none_or(|deadline| now < deadline)
    {
        return Ok(kept.0.clone());
    }
    let until = super::review_stats::next_deadline(conn, now)?;
    let data = overview::overview(conn, actor, cohort, lang, now, cursors)?;
    let items = moderation::list(conn, actor, true, cohort, lang, MODERATION_ROWS)?;
    let shown = Arc::new((data, items));
    SHOWN.put(key, version, Arc::new((shown.clone(), until)));
    Ok(shown)
}
