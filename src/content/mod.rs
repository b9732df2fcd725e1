//! The curriculum as code: `course_content/` is parsed and validated into a [`Curriculum`]
//! (every problem reported at once, with file and line), and synced into the database as an
//! immutable, content-addressed curriculum version.

pub mod catalog;
mod files;
pub mod loader;
pub mod model;
mod modules;
pub mod pinned;
mod program;
mod references;
mod rubric_rules;
pub mod sync;

pub use loader::{Problem, load};
pub use model::Curriculum;
pub use sync::{SyncOutcome, sync};

use std::path::Path;

use chrono::NaiveDateTime;

use crate::db::DbConnection;

/// Loads `dir` and syncs it, logging the outcome. When the folder has problems, the service
/// keeps serving the versions already stored; with none stored it cannot start.
pub fn sync_folder(conn: &mut DbConnection, dir: &Path, now: NaiveDateTime) -> anyhow::Result<()> {
    match load(dir) {
        Ok(curriculum) => {
            match sync(conn, &curriculum, now)? {
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
        Err(problems) => {
            for problem in &problems {
                tracing::error!("{problem}");
            }
            let stored = crate::db::models::Program::list(conn)?;
            if stored.is_empty() {
                anyhow::bail!(
                    "the curriculum in {} has {} problem(s) and no earlier version is stored; run `qualify content check` and fix them",
                    dir.display(),
                    problems.len()
                );
            }
            tracing::warn!("curriculum folder has problems; serving the versions already stored");
            Ok(())
        }
    }
}
