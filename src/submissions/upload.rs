//! Taking a file into a draft and handing one out: the upload is streamed to the staging
//! folder with its size limit checked on the way, its type checked by content and name, then
//! moved into storage and recorded; a refused or failed upload leaves nothing behind. A
//! download is only ever of a file the viewer may read (see [`super::attachments`]).

use std::fmt::Display;

use actix_web::web::Bytes;
use chrono::NaiveDateTime;
use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use super::attachments::{self, AttachRefusal};
use crate::accounts::Identity;
use crate::config::Settings;
use crate::db::DbPool;
pub use crate::db::models::Attachment;
use crate::domain::file_type::{TypeProblem, sniff};
use crate::domain::ids::{AttachmentId, EnrollmentId, PersonId};
use crate::error::{AppError, Outcome, proceed};
use crate::storage::{Download, Storage};

/// How much of the start of a file is kept to recognise its type.
const HEAD: usize = 8192;

/// Where an upload goes and what limits it.
#[derive(Clone, Copy)]
pub struct Place<'a> {
    /// The database.
    pub pool: &'a DbPool,
    /// The file store.
    pub storage: &'a Storage,
    /// Size, count and type limits.
    pub settings: &'a Settings,
}

/// One file as it arrives.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The trainee.
    pub person: PersonId,
    /// Their language (for a new draft).
    pub language: String,
    /// Their enrollment.
    pub enrollment: EnrollmentId,
    /// The assignment's slug.
    pub assignment: String,
    /// The file name as sent.
    pub name: String,
}

/// Adds one file to the trainee's draft of an assignment.
pub async fn upload<S, E>(
    place: Place<'_>,
    upload: Upload,
    body: S,
    now: NaiveDateTime,
) -> Outcome<Attachment>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: Display,
{
    let (person, lang, max_files) = (
        upload.person.clone(),
        upload.language.clone(),
        place.settings.upload_max_files,
    );
    let (e, s) = (upload.enrollment.clone(), upload.assignment.clone());
    let submission = match crate::db::run(place.pool, move |conn| {
        attachments::prepare(conn, &person, &e, &s, &lang, max_files, now)
    })
    .await?
    {
        Ok(id) => id,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let id = AttachmentId::new();
    let staged = place.storage.staging_dir().join(id.as_str());
    let staging = stage(place.settings, &staged, &upload.name, body).await;
    let received = match staging {
        Ok(Ok(received)) => received,
        Ok(Err(refusal)) => {
            let _ = std::fs::remove_file(&staged);
            return Ok(Err(refusal));
        }
        Err(e) => {
            let _ = std::fs::remove_file(&staged);
            return Err(e);
        }
    };
    let key = format!("{}/{id}", &id.as_str()[..2]);
    place
        .storage
        .put_file(&key, &staged)
        .await
        .map_err(AppError::Internal)?;
    let row = Attachment {
        id,
        submission_id: submission,
        submission_version_id: None,
        original_name: clean_name(&upload.name),
        content_type: received.content_type.to_string(),
        size_bytes: received.size as i64,
        sha256: received.sha256,
        storage_key: key,
        uploaded_by: upload.person,
        created_at: now,
    };
    let stored = row.clone();
    if let Err(e) = crate::db::run(place.pool, move |conn| {
        attachments::record(conn, &stored, now)
    })
    .await
    {
        let _ = place.storage.delete(&row.storage_key).await;
        return Err(e);
    }
    Ok(Ok(row))
}

/// What was staged.
struct Received {
    size: u64,
    sha256: String,
    content_type: &'static str,
}

/// Streams the body to the staging file, checking the size on the way and the type at the end.
async fn stage<S, E>(
    settings: &Settings,
    staged: &std::path::Path,
    name: &str,
    mut body: S,
) -> Outcome<Received>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: Display,
{
    let internal = |e: std::io::Error| AppError::Internal(e.into());
    let mut file = tokio::fs::File::create(staged).await.map_err(internal)?;
    let (mut size, mut head, mut hasher) = (0u64, Vec::with_capacity(HEAD), Sha256::new());
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| AppError::BadRequest(format!("upload interrupted: {e}")))?;
        size += chunk.len() as u64;
        if size > settings.upload_max_bytes {
            return Ok(Err(AttachRefusal::TooLarge.into()));
        }
        if head.len() < HEAD {
            head.extend_from_slice(&chunk[..chunk.len().min(HEAD - head.len())]);
        }
        hasher.update(&chunk);
        file.write_all(&chunk).await.map_err(internal)?;
    }
    file.flush().await.map_err(internal)?;
    drop(file);
    let kind = match sniff(&head, name, &settings.upload_types) {
        Ok(kind) if size > 0 => kind,
        Ok(_) => return Ok(Err(AttachRefusal::Empty.into())),
        Err(TypeProblem::NameMismatch) => return Ok(Err(AttachRefusal::NameMismatch.into())),
        Err(TypeProblem::Unsupported) => return Ok(Err(AttachRefusal::Unsupported.into())),
    };
    Ok(Ok(Received {
        size,
        sha256: hex::encode(hasher.finalize()),
        content_type: kind.mime(),
    }))
}

/// The name as kept: no control characters or path separators, at most 200 characters.
fn clean_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_control() && !matches!(c, '/' | '\\'))
        .take(200)
        .collect()
}

/// An attachment the viewer may read, with the name they see and its content.
pub async fn open(
    pool: &DbPool,
    storage: &Storage,
    viewer: Identity,
    id: AttachmentId,
) -> Result<(Attachment, String, Download), AppError> {
    let (attachment, name) = crate::db::run(pool, move |conn| {
        attachments::for_download(conn, &viewer, &id)
    })
    .await?;
    let file = storage
        .get(&attachment.storage_key)
        .await
        .map_err(AppError::Internal)?;
    Ok((attachment, name, file))
}

/// Removes a file from the trainee's draft and its content from storage.
pub async fn remove(
    pool: &DbPool,
    storage: &Storage,
    person: PersonId,
    id: AttachmentId,
    now: NaiveDateTime,
) -> Outcome<()> {
    let removed = proceed!(
        crate::db::run(pool, move |conn| {
            attachments::remove_from_draft(conn, &person, &id, now)
        })
        .await
    );
    if let Err(e) = storage.delete(&removed.storage_key).await {
        tracing::warn!(error = %e, "a removed attachment's file stays in storage");
    }
    Ok(Ok(()))
}
