//! Lesson videos in the storage backend: uploaded before the sync under a content-addressed
//! key, so every instance serves the same bytes and a changed video never replaces one that
//! an older curriculum version still refers to.

use super::model::Curriculum;
use crate::storage::Storage;

/// Stores every lesson video not yet stored; returns how many were uploaded.
pub async fn upload(storage: &Storage, curricula: &[Curriculum]) -> anyhow::Result<usize> {
    let mut uploaded = 0;
    for video in curricula
        .iter()
        .flat_map(|c| &c.lessons)
        .filter_map(|l| l.video.as_ref())
    {
        let key = video.storage_key();
        if storage.exists(&key).await? {
            continue;
        }
        let bytes = tokio::fs::read(&video.file)
            .await
            .map_err(|e| anyhow::anyhow!("cannot read the video {}: {e}", video.file.display()))?;
        storage.put_bytes(&key, bytes).await?;
        uploaded += 1;
    }
    Ok(uploaded)
}
