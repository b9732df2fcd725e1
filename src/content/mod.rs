//! The curriculum as code: `course_content/` is parsed and validated into a [`Curriculum`]
//! (every problem reported at once, with file and line), and synced into the database as an
//! immutable, content-addressed curriculum version.

pub mod catalog;
mod files;
mod lesson_model;
mod lessons;
pub mod live_sessions;
pub mod loader;
pub mod model;
mod modules;
pub mod pinned;
mod program;
mod references;
mod renewal;
mod rubric_rules;
mod self_paced;
pub mod sync;
mod sync_lessons;
pub mod topics;
pub mod videos;
mod vtt;

pub use lessons::MAX_VIDEO_BYTES;
pub use loader::{Problem, load, load_all, load_all_with, program_count};
pub use model::Curriculum;
pub use sync::{SyncOutcome, sync};

use std::path::Path;

use chrono::NaiveDateTime;

use crate::db::{DbConnection, DbPool};
use crate::storage::Storage;

/// Loads `dir` and syncs every program in it, logging the outcome; lesson videos go to
/// `storage` first. When the folder has problems, the service keeps serving the versions
/// already stored; with none stored it cannot start.
pub async fn sync_folder(
    pool: &DbPool,
    storage: &Storage,
    dir: &Path,
    now: NaiveDateTime,
) -> anyhow::Result<()> {
    let dir_owned = dir.to_path_buf();
    let dir_topics = dir.to_path_buf();
    let loaded = actix_web::rt::task::spawn_blocking(move || load_all(&dir_owned)).await?;
    let curricula = match loaded {
        Ok(curricula) => curricula,
        Err(problems) => return keep_stored(pool, dir, problems).await,
    };
    let uploaded = videos::upload(storage, &curricula).await?;
    if uploaded > 0 {
        tracing::info!(count = uploaded, "stored lesson videos");
    }
    let pool = pool.clone();
    actix_web::rt::task::spawn_blocking(move || -> anyhow::Result<()> {
        let mut conn = pool
            .get()
            .map_err(|e| anyhow::anyhow!("cannot reach the database: {e}"))?;
        curricula
            .iter()
            .try_for_each(|c| sync_logged(&mut conn, c, now))?;
        let topics = topics::load(&dir_topics, &mut Vec::new());
        let rows: Vec<(&str, &str, &str)> = topics
            .iter()
            .map(|t| (t.id.as_str(), t.de.as_str(), t.en.as_str()))
            .collect();
        crate::db::models::ExpertTopicLabel::replace_all(&mut conn, &rows)?;
        Ok(())
    })
    .await?
}

/// Syncs one program and logs what happened.
pub fn sync_logged(
    conn: &mut DbConnection,
    curriculum: &Curriculum,
    now: NaiveDateTime,
) -> anyhow::Result<()> {
    match sync(conn, curriculum, now)? {
        SyncOutcome::Unchanged { sequence, .. } => {
            tracing::info!(program = %curriculum.slug, version = sequence, "curriculum unchanged");
        }
        SyncOutcome::Created {
            sequence,
            content_hash,
            ..
        } => tracing::info!(
            program = %curriculum.slug,
            version = sequence,
            hash = &content_hash[..12],
            "stored a new curriculum version"
        ),
    }
    Ok(())
}

async fn keep_stored(pool: &DbPool, dir: &Path, problems: Vec<Problem>) -> anyhow::Result<()> {
    for problem in &problems {
        tracing::error!("{problem}");
    }
    let pool = pool.clone();
    let stored = actix_web::rt::task::spawn_blocking(move || -> anyhow::Result<usize> {
        let mut conn = pool
            .get()
            .map_err(|e| anyhow::anyhow!("cannot reach the database: {e}"))?;
        Ok(crate::db::models::Program::list(&mut conn)?.len())
    })
    .await??;
    if stored == 0 {
        anyhow::bail!(
            "the curriculum in {} has {} problem(s) and no earlier version is stored; run `qualify content check` and fix them",
            dir.display(),
            problems.len()
        );
    }
    tracing::warn!("curriculum folder has problems; serving the versions already stored");
    Ok(())
}
