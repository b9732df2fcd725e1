//! `attachments`: files of a submission, stored under generated names outside any served
//! folder; the original name is kept only for the download's file name.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::attachments;
use crate::domain::ids::{AttachmentId, PersonId, SubmissionId, SubmissionVersionId};

/// An attachment.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize, utoipa::ToSchema)]
#[diesel(table_name = attachments)]
pub struct Attachment {
    /// Id.
    #[schema(value_type = String)]
    pub id: AttachmentId,
    /// The submission.
    #[schema(value_type = String)]
    pub submission_id: SubmissionId,
    /// The version it was handed in with (none while part of the draft).
    #[schema(value_type = Option<String>)]
    pub submission_version_id: Option<SubmissionVersionId>,
    /// The name it was uploaded with.
    pub original_name: String,
    /// The MIME type its content was recognised as.
    pub content_type: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// SHA-256 of the content.
    pub sha256: String,
    /// Where it is stored, relative to the upload folder.
    #[serde(skip)]
    pub storage_key: String,
    /// Who uploaded it.
    #[schema(value_type = String)]
    pub uploaded_by: PersonId,
    /// When.
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub created_at: NaiveDateTime,
}

impl Attachment {
    /// An attachment by id.
    pub fn find(conn: &mut DbConnection, id: &AttachmentId) -> QueryResult<Option<Attachment>> {
        attachments::table
            .find(id)
            .select(Attachment::as_select())
            .first(conn)
            .optional()
    }

    /// The attachments of a submission, oldest first.
    pub fn list_by_submission(
        conn: &mut DbConnection,
        submission: &SubmissionId,
    ) -> QueryResult<Vec<Attachment>> {
        attachments::table
            .filter(attachments::submission_id.eq(submission))
            .order(attachments::created_at.asc())
            .select(Attachment::as_select())
            .load(conn)
    }

    /// Inserts an attachment.
    pub fn create(conn: &mut DbConnection, row: &Attachment) -> QueryResult<()> {
        diesel::insert_into(attachments::table)
            .values(row)
            .execute(conn)
            .map(|_| ())
    }

    /// Ties the draft's attachments to a newly submitted version.
    pub fn attach_draft_to_version(
        conn: &mut DbConnection,
        submission: &SubmissionId,
        version: &SubmissionVersionId,
    ) -> QueryResult<usize> {
        diesel::update(
            attachments::table
                .filter(attachments::submission_id.eq(submission))
                .filter(attachments::submission_version_id.is_null()),
        )
        .set(attachments::submission_version_id.eq(version))
        .execute(conn)
    }

    /// Removes an attachment row.
    pub fn delete(conn: &mut DbConnection, id: &AttachmentId) -> QueryResult<usize> {
        diesel::delete(attachments::table.find(id)).execute(conn)
    }
}
