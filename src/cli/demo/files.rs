//! Files handed in with demo submissions: a Markdown working paper beside the first versions,
//! so attachment lists, downloads and the storage backend have something real to show.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::db::models::Attachment;
use crate::db::schema::{attachments, enrollments, people, submission_versions, submissions};
use crate::db::{DbConnection, per_backend};
use crate::domain::file_type::FileKind;
use crate::domain::ids::{AttachmentId, PersonId, SubmissionId, SubmissionVersionId};
use crate::error::AppError;

/// A file to put into storage once the demo's rows are committed: its key and content.
pub type StoredFile = (String, Vec<u8>);

/// Adds one attachment to each of the first `limit` handed-in versions (oldest first) and
/// returns the files to store.
pub fn attach(
    conn: &mut DbConnection,
    limit: i64,
    now: NaiveDateTime,
) -> Result<Vec<StoredFile>, AppError> {
    type Row = (
        SubmissionVersionId,
        SubmissionId,
        i32,
        String,
        String,
        String,
    );
    let versions: Vec<Row> = submission_versions::table
        .inner_join(submissions::table.inner_join(enrollments::table.inner_join(people::table)))
        .select((
            submission_versions::id,
            submissions::id,
            submission_versions::number,
            submission_versions::body,
            people::id,
            people::language,
        ))
        .order((submission_versions::submitted_at, submission_versions::id))
        .limit(limit)
        .load(conn)?;
    let mut files = Vec::with_capacity(versions.len());
    let mut rows = Vec::with_capacity(versions.len());
    for (version, submission, number, body, person, language) in versions {
        let (name, heading) = if language == "de" {
            (format!("Arbeitspapier-v{number}.md"), "Arbeitspapier")
        } else {
            (format!("working-paper-v{number}.md"), "Working paper")
        };
        let content = format!("# {heading}\n\n{body}\n").into_bytes();
        let id = uuid::Uuid::new_v4().to_string();
        let key = format!("{}/{id}", &id[..2]);
        rows.push(Attachment {
            id: AttachmentId(id),
            submission_id: submission,
            submission_version_id: Some(version),
            original_name: name,
            content_type: FileKind::Md.mime().to_string(),
            size_bytes: content.len() as i64,
            sha256: hex::encode(Sha256::digest(&content)),
            storage_key: key.clone(),
            uploaded_by: PersonId(person),
            created_at: now,
        });
        files.push((key, content));
    }
    per_backend!(conn, c => diesel::insert_into(attachments::table).values(&rows).execute(c))?;
    Ok(files)
}
