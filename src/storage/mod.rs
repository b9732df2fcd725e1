//! Where attachments and generated files live, behind one interface: a folder under the data
//! dir (the default) or an S3-compatible bucket that every instance shares
//! (`QUALIFY_STORAGE=s3://BUCKET[/PREFIX]`). Keys are generated (`ab/<uuid>`), never names
//! a user typed.

use std::path::{Path as FsPath, PathBuf};
use std::sync::Arc;

use actix_web::web::Bytes;
use futures_util::stream::{BoxStream, StreamExt, TryStreamExt};
use object_store::aws::AmazonS3Builder;
use object_store::buffered::BufWriter;
use object_store::local::LocalFileSystem;
use object_store::path::Path as Key;
use object_store::{ObjectStore, ObjectStoreExt};
use tokio::io::AsyncWriteExt;

pub use crate::config::storage::{S3Setting, StorageSetting};

/// The file store of this instance.
#[derive(Clone)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
    /// Set for the folder backend, where a finished upload is renamed into place.
    folder: Option<PathBuf>,
    prefix: String,
    staging: PathBuf,
    description: String,
}

impl std::fmt::Debug for Storage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.description)
    }
}

/// A stored file, ready to stream to a client.
pub struct Download {
    /// Size in bytes.
    pub size: u64,
    /// The content, chunk by chunk.
    pub body: BoxStream<'static, Result<Bytes, std::io::Error>>,
}

impl Storage {
    /// Opens the store the settings name. Uploads are first written to
    /// `<data dir>/uploads/tmp`, whichever backend keeps them afterwards.
    pub fn open(setting: &StorageSetting, data_dir: &FsPath) -> anyhow::Result<Self> {
        let folder = data_dir.join("uploads");
        let staging = folder.join("tmp");
        std::fs::create_dir_all(&staging)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", staging.display()))?;
        match setting {
            StorageSetting::Files => Ok(Self {
                store: Arc::new(LocalFileSystem::new_with_prefix(&folder)?),
                description: format!("files under {}", folder.display()),
                folder: Some(folder),
                prefix: String::new(),
                staging,
            }),
            StorageSetting::S3(s3) => {
                let mut builder = AmazonS3Builder::from_env()
                    .with_bucket_name(&s3.bucket)
                    .with_region(&s3.region);
                if let Some(endpoint) = &s3.endpoint {
                    builder = builder
                        .with_endpoint(endpoint)
                        .with_allow_http(endpoint.starts_with("http://"));
                }
                if let (Some(id), Some(secret)) = (&s3.access_key_id, &s3.secret_access_key) {
                    builder = builder
                        .with_access_key_id(id)
                        .with_secret_access_key(secret);
                }
                let store = builder
                    .build()
                    .map_err(|e| anyhow::anyhow!("QUALIFY_STORAGE: {e}"))?;
                Ok(Self {
                    store: Arc::new(store),
                    folder: None,
                    prefix: s3.prefix.clone(),
                    staging,
                    description: format!(
                        "S3 bucket {} at {}",
                        s3.bucket,
                        s3.endpoint.as_deref().unwrap_or("AWS")
                    ),
                })
            }
        }
    }

    /// The local folder where an upload is written while it is checked.
    pub fn staging_dir(&self) -> &FsPath {
        &self.staging
    }

    /// What this store is, for the start-up log (no credentials).
    pub fn describe(&self) -> &str {
        &self.description
    }

    fn key(&self, key: &str) -> Key {
        if self.prefix.is_empty() {
            Key::from(key)
        } else {
            Key::from(format!("{}/{key}", self.prefix))
        }
    }

    /// Moves a checked upload from the staging folder into the store under `key`; the staged
    /// file is gone afterwards, whether or not storing worked. Memory stays flat: a large file
    /// goes to S3 as a multipart upload.
    pub async fn put_file(&self, key: &str, staged: &FsPath) -> anyhow::Result<()> {
        let result = self.put_file_inner(key, staged).await;
        let _ = tokio::fs::remove_file(staged).await;
        result
    }

    async fn put_file_inner(&self, key: &str, staged: &FsPath) -> anyhow::Result<()> {
        if let Some(folder) = &self.folder {
            let target = folder.join(key);
            if let Some(parent) = target.parent() {
                tokio::fs::create_dir_all(parent).await?;
            }
            tokio::fs::rename(staged, &target).await?;
            return Ok(());
        }
        let mut file = tokio::fs::File::open(staged).await?;
        let mut writer = BufWriter::new(self.store.clone(), self.key(key));
        match tokio::io::copy(&mut file, &mut writer).await {
            Ok(_) => writer.shutdown().await?,
            Err(e) => {
                let _ = writer.abort().await;
                return Err(e.into());
            }
        }
        Ok(())
    }

    /// Stores bytes made in memory (small generated files, demo data).
    pub async fn put_bytes(&self, key: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        self.store.put(&self.key(key), bytes.into()).await?;
        Ok(())
    }

    /// Opens a stored file for streaming.
    pub async fn get(&self, key: &str) -> anyhow::Result<Download> {
        let found = self.store.get(&self.key(key)).await?;
        let size = found.meta.size;
        let body = found.into_stream().map_err(std::io::Error::other).boxed();
        Ok(Download { size, body })
    }

    /// Whether a file is stored under `key`.
    pub async fn exists(&self, key: &str) -> anyhow::Result<bool> {
        match self.store.head(&self.key(key)).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Opens the bytes `range` (end exclusive) of a stored file for streaming; `size` is
    /// the length of the range.
    pub async fn get_range(
        &self,
        key: &str,
        range: std::ops::Range<u64>,
    ) -> anyhow::Result<Download> {
        let options = object_store::GetOptions {
            range: Some(object_store::GetRange::Bounded(range.clone())),
            ..Default::default()
        };
        let found = self.store.get_opts(&self.key(key), options).await?;
        let body = found.into_stream().map_err(std::io::Error::other).boxed();
        Ok(Download {
            size: range.end - range.start,
            body,
        })
    }

    /// Reads a whole stored file (tests and small files only).
    pub async fn read(&self, key: &str) -> anyhow::Result<Vec<u8>> {
        let found = self.store.get(&self.key(key)).await?;
        Ok(found.bytes().await?.to_vec())
    }

    /// Removes a stored file; one that is already gone is not an error.
    pub async fn delete(&self, key: &str) -> anyhow::Result<()> {
        match self.store.delete(&self.key(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}
