//! Writing and handing in: save a draft, submit a version, withdraw before grading starts.
//! Every refusal names its reason (a message key) and never loses the text: it is kept as the
//! draft wherever the submission may still be edited.

use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::json;

use crate::cohorts::context::EnrollmentContext;
use crate::db::models::{AuditEntry, Submission, SubmissionVersion};
use crate::db::schema::reviews;
use crate::db::{DbConnection, write_tx};
use crate::domain::deadline::Window;
use crate::domain::ids::{EnrollmentId, PersonId, SubmissionVersionId};
use crate::domain::states::SubmissionState;
use crate::error::AppError;
use crate::mail::compose::Composer;

/// Why the work was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// The module has not opened yet.
    Locked,
    /// The text is empty.
    Empty,
    /// Longer than allowed.
    TooLong,
    /// After the hard cut-off.
    CutOff,
    /// Changed meanwhile (another tab); the newer text is kept, yours is shown.
    Stale,
    /// Submitted or graded: nothing to edit now.
    NotEditable,
    /// Grading has started; withdrawal is no longer possible.
    GradingStarted,
    /// The enrollment is not active.
    Inactive,
}

impl Refusal {
    /// The message key (`work-error-*`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Locked => "work-error-locked",
            Self::Empty => "work-error-empty",
            Self::TooLong => "work-error-too-long",
            Self::CutOff => "work-error-cut-off",
            Self::Stale => "work-error-stale",
            Self::NotEditable => "work-error-not-editable",
            Self::GradingStarted => "work-error-grading-started",
            Self::Inactive => "work-error-inactive",
        }
    }
}

/// The longest text accepted (characters).
pub const MAX_CHARS: usize = 100_000;

fn editable(state: SubmissionState) -> bool {
    matches!(
        state,
        SubmissionState::Draft | SubmissionState::RevisionRequested
    )
}

/// Loads the context and the submission row (created as an empty draft when missing).
fn prepare(
    conn: &mut DbConnection,
    person: &PersonId,
    enrollment: &EnrollmentId,
    slug: &str,
    lang: &str,
    now: NaiveDateTime,
) -> Result<(EnrollmentContext, Submission), AppError> {
    let ctx = EnrollmentContext::load(conn, person, enrollment)?;
    let assignment = ctx.assignment(slug).ok_or(AppError::NotFound)?.clone();
    let submission = match ctx.submission(&assignment) {
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
    Ok((ctx, submission))
}

/// What handing in did.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Outcome {
    /// The submission's state now.
    pub state: String,
    /// Its lock version now (send it with the next change).
    pub lock_version: i32,
    /// The version created, if any.
    pub version: Option<i32>,
    /// Whether that version was late.
    pub late: bool,
    /// Why the work was refused, if it was (the text is kept as the draft where possible).
    pub refusal: Option<Refusal>,
}

/// Saves the draft, or (with `submit`) hands it in as a new version.
#[allow(clippy::too_many_arguments)]
pub fn save(
    conn: &mut DbConnection,
    composer: &Composer,
    person: &PersonId,
    enrollment: &EnrollmentId,
    slug: &str,
    body: &str,
    lock_version: i32,
    submit: bool,
    lang: &str,
    now: NaiveDateTime,
) -> Result<Outcome, AppError> {
    write_tx(conn, |conn| {
        let (ctx, mut row) = prepare(conn, person, enrollment, slug, lang, now)?;
        let refuse = |row: &Submission, r: Refusal| {
            Ok(Outcome {
                state: row.state.to_string(),
                lock_version: row.lock_version,
                version: None,
                late: false,
                refusal: Some(r),
            })
        };
        if ctx.enrollment.state != "active" {
            return refuse(&row, Refusal::Inactive);
        }
        let assignment = ctx.assignment(slug).ok_or(AppError::NotFound)?;
        let window = ctx.window(assignment, now);
        if window == Window::Locked {
            return refuse(&row, Refusal::Locked);
        }
        if !editable(row.state) {
            return refuse(&row, Refusal::NotEditable);
        }
        if row.lock_version != lock_version {
            return refuse(&row, Refusal::Stale);
        }
        if body.chars().count() > MAX_CHARS {
            return refuse(&row, Refusal::TooLong);
        }
        let old_lock = row.lock_version;
        row.draft_body = body.to_string();
        row.updated_at = now;
        let mut pending_version = None;
        let mut outcome = Outcome {
            state: row.state.to_string(),
            lock_version: old_lock + 1,
            version: None,
            late: false,
            refusal: None,
        };
        if submit {
            match window {
                _ if body.trim().is_empty() => outcome.refusal = Some(Refusal::Empty),
                Window::Open { late } => {
                    row.current_version += 1;
                    row.state = SubmissionState::Submitted;
                    let version = SubmissionVersion::handed_in(&row, body, late, now);
                    let version_id = version.id.clone();
                    SubmissionVersion::create(conn, &version)?;
                    crate::db::models::Attachment::attach_draft_to_version(
                        conn,
                        &row.id,
                        &version_id,
                    )?;
                    AuditEntry::new(
                        now,
                        Some(person),
                        "submission_submitted",
                        "submission",
                        Some(row.id.as_str()),
                    )
                    .details(json!({ "version": row.current_version, "late": late }))
                    .record(conn)?;
                    outcome.state = row.state.to_string();
                    outcome.version = Some(row.current_version);
                    outcome.late = late;
                    pending_version = Some(version_id);
                }
                // Locked returned early above; what remains is the cut-off.
                Window::Closed | Window::Locked => outcome.refusal = Some(Refusal::CutOff),
            }
        }
        if !Submission::save(conn, &row, old_lock)? {
            return Err(AppError::Conflict("error-changed-meanwhile".into()));
        }
        if let Some(version) = pending_version {
            // Allocated at once, in the same transaction as the hand-in.
            crate::grading::allocate::on_submit(conn, composer, &version, now)?;
        }
        Ok(outcome)
    })
}

/// Withdraws the latest submitted version while no grading has started; the text becomes the
/// draft again and the version stays in the history.
pub fn withdraw(
    conn: &mut DbConnection,
    person: &PersonId,
    enrollment: &EnrollmentId,
    slug: &str,
    now: NaiveDateTime,
) -> Result<Outcome, AppError> {
    use diesel::prelude::*;
    write_tx(conn, |conn| {
        let ctx = EnrollmentContext::load(conn, person, enrollment)?;
        let assignment = ctx.assignment(slug).ok_or(AppError::NotFound)?;
        let mut row = ctx
            .submission(assignment)
            .cloned()
            .ok_or(AppError::NotFound)?;
        let refuse = |row: &Submission, r: Refusal| {
            Ok(Outcome {
                state: row.state.to_string(),
                lock_version: row.lock_version,
                version: None,
                late: false,
                refusal: Some(r),
            })
        };
        if row.state == SubmissionState::InReview {
            return refuse(&row, Refusal::GradingStarted);
        }
        if row.state != SubmissionState::Submitted {
            return refuse(&row, Refusal::NotEditable);
        }
        let versions = SubmissionVersion::list_by_submission(conn, &row.id)?;
        let ids: Vec<SubmissionVersionId> = versions.iter().map(|v| v.id.clone()).collect();
        let started: i64 = reviews::table
            .filter(reviews::submission_version_id.eq_any(&ids))
            .filter(
                reviews::started_at
                    .is_not_null()
                    .or(reviews::completed_at.is_not_null()),
            )
            .count()
            .get_result(conn)?;
        if started > 0 {
            return refuse(&row, Refusal::GradingStarted);
        }
        let old_lock = row.lock_version;
        row.state = SubmissionState::Draft;
        row.updated_at = now;
        if let Some(latest) = versions.first() {
            row.draft_body = latest.body.clone();
        }
        if !Submission::save(conn, &row, old_lock)? {
            return Err(AppError::Conflict("error-changed-meanwhile".into()));
        }
        if let Some(latest) = versions.first() {
            crate::grading::allocate::cancel_version(conn, &latest.id, now)?;
        }
        AuditEntry::new(
            now,
            Some(person),
            "submission_withdrawn",
            "submission",
            Some(row.id.as_str()),
        )
        .record(conn)?;
        Ok(Outcome {
            state: row.state.to_string(),
            lock_version: old_lock + 1,
            version: None,
            late: false,
            refusal: None,
        })
    })
}
