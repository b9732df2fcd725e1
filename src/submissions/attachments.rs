//! Files on a submission: who may add them (the trainee, while the draft can be edited, up to
//! the limit), who may read them (the trainee, the program owner, the cohort's co-trainers),
//! and their rows; the files themselves live in [`crate::storage`] under generated keys, never
//! served directly.

use chrono::NaiveDateTime;
use serde_json::json;

use super::work::WorkRefusal;
use crate::accounts::Identity;
use crate::cohorts::context::EnrollmentContext;
use crate::db::models::{Attachment, AuditEntry, Enrollment, Review, Submission};
use crate::db::{DbConnection, write_tx};
use crate::domain::deadline::Window;
use crate::domain::ids::{AttachmentId, EnrollmentId, PersonId, SubmissionId};
use crate::domain::states::{EnrollmentState, SubmissionState};
use crate::error::{AppError, Outcome, reasons};

reasons! {
    /// Why a file was not taken, besides the reasons drafts are refused ([`WorkRefusal`]).
    pub enum AttachRefusal {
        /// Already as many files as allowed.
        TooMany = "too_many" => ("attach-error-too-many", UNPROCESSABLE_ENTITY),
        /// Larger than allowed.
        TooLarge = "too_large" => ("attach-error-too-large", PAYLOAD_TOO_LARGE),
        /// The content does not match the file name's type.
        NameMismatch = "name_mismatch" => ("attach-error-name", UNSUPPORTED_MEDIA_TYPE),
        /// The file is empty.
        Empty = "empty" => ("attach-error-empty", UNSUPPORTED_MEDIA_TYPE),
        /// A type that is not accepted.
        Unsupported = "unsupported" => ("attach-error-type", UNSUPPORTED_MEDIA_TYPE),
        /// A file handed in with a version stays with it.
        HandedIn = "handed_in" => ("error-file-handed-in", CONFLICT),
    }
}

/// Checks that the person may add a file to the draft now; returns the submission id (the
/// draft row is created when missing).
pub(super) fn prepare(
    conn: &mut DbConnection,
    person: &PersonId,
    enrollment: &EnrollmentId,
    slug: &str,
    lang: &str,
    max_files: u32,
    now: NaiveDateTime,
) -> Outcome<SubmissionId> {
    write_tx(conn, |conn| {
        let ctx = EnrollmentContext::load(conn, person, enrollment)?;
        let assignment = ctx.assignment(slug).ok_or(AppError::NotFound)?.clone();
        if ctx.enrollment.state != EnrollmentState::Active {
            return Ok(Err(WorkRefusal::Inactive.into()));
        }
        match ctx.window(&assignment, now) {
            Window::Locked => return Ok(Err(WorkRefusal::Locked.into())),
            Window::Closed => return Ok(Err(WorkRefusal::CutOff.into())),
            Window::Open { .. } => {}
        }
        let submission = match ctx.submission(&assignment) {
            Some(s)
                if !matches!(
                    s.state,
                    SubmissionState::Draft | SubmissionState::RevisionRequested
                ) =>
            {
                return Ok(Err(WorkRefusal::NotEditable.into()));
            }
            Some(s) => s.clone(),
            None => {
                let row = Submission::draft(
                    enrollment,
                    &assignment.id,
                    &ctx.enrollment.cohort_id,
                    lang,
                    now,
                );
                Submission::create(conn, &row)?;
                row
            }
        };
        let in_draft = Attachment::list_by_submission(conn, &submission.id)?
            .iter()
            .filter(|a| a.submission_version_id.is_none())
            .count();
        if in_draft >= max_files as usize {
            return Ok(Err(AttachRefusal::TooMany.into()));
        }
        Ok(Ok(submission.id))
    })
}

/// Records a stored file.
pub fn record(
    conn: &mut DbConnection,
    row: &Attachment,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    write_tx(conn, |conn| {
        Attachment::create(conn, row)?;
        AuditEntry::new(
            now,
            Some(&row.uploaded_by),
            "attachment_added",
            "submission",
            Some(row.submission_id.as_str()),
        )
        .details(json!({ "attachment": row.id, "type": row.content_type, "bytes": row.size_bytes }))
        .record(conn)?;
        Ok(())
    })
}

/// An attachment the viewer may read, with the file name they see: the trainee's own, any for
/// the owner, and for a co-trainer the files of a version they review (under anonymous grading
/// with a neutral name that cannot carry the trainee's). Anything else is "not found".
pub fn for_download(
    conn: &mut DbConnection,
    viewer: &Identity,
    id: &AttachmentId,
) -> Result<(Attachment, String), AppError> {
    let attachment = Attachment::find(conn, id)?.ok_or(AppError::NotFound)?;
    let submission =
        Submission::find(conn, &attachment.submission_id)?.ok_or(AppError::NotFound)?;
    let enrollment =
        Enrollment::find(conn, &submission.enrollment_id)?.ok_or(AppError::NotFound)?;
    if enrollment.person_id == viewer.person.id || viewer.is_owner {
        let name = attachment.original_name.clone();
        return Ok((attachment, name));
    }
    let Some(version) = attachment.submission_version_id.clone() else {
        return Err(AppError::NotFound);
    };
    let reviews = Review::list_active_by_version(conn, &version)?;
    if !reviews.iter().any(|r| r.reviewer_id == viewer.person.id) {
        return Err(AppError::NotFound);
    }
    let item = crate::grading::items::load_one(conn, &version)?;
    let position = Attachment::list_by_submission(conn, &submission.id)?
        .iter()
        .filter(|a| a.submission_version_id.as_ref() == Some(&version))
        .position(|a| a.id == attachment.id)
        .unwrap_or(0);
    let name = crate::grading::views::file_name(
        &attachment,
        &item,
        item.curriculum.anonymous_grading,
        position + 1,
    );
    Ok((attachment, name))
}

/// Removes a file from the draft (handed-in files stay); returns it so the file can be deleted.
pub fn remove_from_draft(
    conn: &mut DbConnection,
    person: &PersonId,
    id: &AttachmentId,
    now: NaiveDateTime,
) -> Outcome<Attachment> {
    write_tx(conn, |conn| {
        let attachment = Attachment::find(conn, id)?
            .filter(|a| &a.uploaded_by == person)
            .ok_or(AppError::NotFound)?;
        if attachment.submission_version_id.is_some() {
            return Ok(Err(AttachRefusal::HandedIn.into()));
        }
        Attachment::delete(conn, id)?;
        AuditEntry::new(
            now,
            Some(person),
            "attachment_removed",
            "submission",
            Some(attachment.submission_id.as_str()),
        )
        .record(conn)?;
        Ok(Ok(attachment))
    })
}
