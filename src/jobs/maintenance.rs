//! Housekeeping inside `serve`: every few minutes, forget sessions past their limits, rate-limit
//! windows that ended, used or expired sign-in links, and upload staging files an interrupted
//! upload left behind (nothing points at them). Safe on several instances at once.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::Duration;
use diesel::prelude::*;

use crate::clock::Clock;
use crate::config::Settings;
use crate::db::DbPool;
use crate::db::models::{RateLimit, Session};
use crate::db::schema::sign_in_tokens;

/// What one round removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    /// Sessions.
    pub sessions: usize,
    /// Rate-limit rows.
    pub rate_limits: usize,
    /// Sign-in links.
    pub links: usize,
    /// Staging files of uploads that never finished.
    pub staged: usize,
}

/// A staging file older than this belongs to no upload still running.
const STAGED_FOR: StdDuration = StdDuration::from_secs(24 * 3600);

/// One round of housekeeping.
pub fn sweep(pool: &DbPool, settings: &Settings, clock: &dyn Clock) -> anyhow::Result<Swept> {
    let now = clock.now_naive();
    let mut conn = pool.get()?;
    let idle_before = now - Duration::minutes(i64::from(settings.session_idle_minutes));
    Ok(Swept {
        sessions: Session::delete_stale(&mut conn, now, idle_before)?,
        rate_limits: RateLimit::delete_stale(&mut conn, now - Duration::days(1))?,
        links: diesel::delete(
            sign_in_tokens::table.filter(sign_in_tokens::expires_at.lt(now - Duration::days(1))),
        )
        .execute(&mut **conn)?,
        staged: sweep_staging(&settings.data_dir.join("uploads").join("tmp")),
    })
}

/// Removes staging files last written more than [`STAGED_FOR`] ago (by the file system's
/// clock: they are files, not records). Returns how many went.
fn sweep_staging(folder: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    let old = |entry: &std::fs::DirEntry| {
        entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STAGED_FOR)
    };
    entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()) && old(e))
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

/// Runs [`sweep`] every ten minutes until the server stops.
pub async fn run(pool: DbPool, settings: Arc<Settings>, clock: Arc<dyn Clock>) {
    loop {
        let (p, s, c) = (pool.clone(), settings.clone(), clock.clone());
        match actix_web::rt::task::spawn_blocking(move || sweep(&p, &s, c.as_ref())).await {
            Ok(Ok(swept)) if swept != Swept::default() => tracing::info!(?swept, "housekeeping"),
            Ok(Err(e)) => tracing::warn!(error = %e, "housekeeping failed"),
            _ => {}
        }
        tokio::time::sleep(StdDuration::from_secs(600)).await;
    }
}
