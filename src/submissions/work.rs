//! Writing and handing in: save a draft, submit a version, withdraw before grading starts.
//! Every refusal names its reason and never loses the text: it is kept as the draft wherever
//! the submission may still be edited.

use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::json;

use crate::cohorts::context::EnrollmentContext;
use crate::db::models::{AuditEntry, Submission, SubmissionVersion};
use crate::db::schema::reviews;
use crate::db::{DbConnection, write_tx};
use crate::domain::deadline::Window;
use crate::domain::ids::{EnrollmentId, PersonId, SubmissionVersionId};
use crate::domain::states::{EnrollmentState, SubmissionState};
use crate::error::{AppError, Outcome, proceed, reasons};
use crate::mail::compose::Composer;

reasons! {
    /// Why the work was not taken.
    pub enum WorkRefusal {
        /// The module has not opened yet.
        Locked = "locked" => ("work-error-locked", UNPROCESSABLE_ENTITY),
        /// The text is empty.
        Empty = "empty" => ("work-error-empty", UNPROCESSABLE_ENTITY),
        /// Longer than allowed.
        TooLong = "too_long" => ("work-error-too-long", UNPROCESSABLE_ENTITY),
        /// After the hard cut-off.
        CutOff = "cut_off" => ("work-error-cut-off", UNPROCESSABLE_ENTITY),
        /// Changed meanwhile (another tab); the newer text is kept, yours is shown.
        Stale = "stale" => ("work-error-stale", UNPROCESSABLE_ENTITY),
        /// Submitted or graded: nothing to edit now.
        NotEditable = "not_editable" => ("work-error-not-editable", CONFLICT),
        /// Grading has started; withdrawal is no longer possible.
        GradingStarted = "grading_started" => ("work-error-grading-started", CONFLICT),
        /// The enrollment is not active.
        Inactive = "inactive" => ("work-error-inactive", UNPROCESSABLE_ENTITY),
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

/// A text as the trainee typed it, for one assignment of one of their enrollments.
#[derive(Debug, Clone)]
pub struct Work {
    /// The trainee.
    pub person: PersonId,
    /// Their enrollment.
    pub enrollment: EnrollmentId,
    /// The assignment's slug.
    pub assignment: String,
    /// The text (Markdown).
    pub body: String,
    /// The draft's lock version the text was typed on.
    pub lock_version: i32,
    /// The language the text is written in (for a new draft).
    pub language: String,
}

/// Where the submission stands after a change.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WorkStatus {
    /// The submission's state now.
    #[schema(value_type = String)]
    pub state: SubmissionState,
    /// Its lock version now (send it with the next change).
    pub lock_version: i32,
    /// The version created, if any.
    pub version: Option<i32>,
    /// Whether that version was late.
    pub late: bool,
}

impl WorkStatus {
    fn of(row: &Submission) -> Self {
        Self {
            state: row.state,
            lock_version: row.lock_version,
            version: None,
            late: false,
        }
    }
}

/// Loads the context and the submission row (created as an empty draft when missing).
fn prepare(
    conn: &mut DbConnection,
    work: &Work,
    now: NaiveDateTime,
) -> Result<(EnrollmentContext, Submission), AppError> {
    let ctx = EnrollmentContext::load(conn, &work.person, &work.enrollment)?;
    let assignment = ctx
        .assignment(&work.assignment)
        .ok_or(AppError::NotFound)?
        .clone();
    let submission = match ctx.submission(&assignment) {
        Some(s) => s.clone(),
        None => {
            let row = Submission::draft(
                &work.enrollment,
                &assignment.id,
                &ctx.enrollment.cohort_id,
                &work.language,
                now,
            );
            Submission::create(conn, &row)?;
            row
        }
    };
    Ok((ctx, submission))
}

/// Checks that the text may be written to the draft now; returns the context, the row with
/// the text in it (not yet stored) and the assignment's window.
fn checked_draft(
    conn: &mut DbConnection,
    work: &Work,
    now: NaiveDateTime,
) -> Outcome<(EnrollmentContext, Submission, Window)> {
    let (ctx, mut row) = prepare(conn, work, now)?;
    let refuse = |row: &Submission, r: WorkRefusal| {
        Ok(Err(
            crate::error::Refusal::from(r).with_current(WorkStatus::of(row))
        ))
    };
    if ctx.enrollment.state != EnrollmentState::Active {
        return refuse(&row, WorkRefusal::Inactive);
    }
    let assignment = ctx.assignment(&work.assignment).ok_or(AppError::NotFound)?;
    let window = ctx.window(assignment, now);
    if window == Window::Locked {
        return refuse(&row, WorkRefusal::Locked);
    }
    if !editable(row.state) {
        return refuse(&row, WorkRefusal::NotEditable);
    }
    if row.lock_version != work.lock_version {
        return refuse(&row, WorkRefusal::Stale);
    }
    if work.body.chars().count() > MAX_CHARS {
        return refuse(&row, WorkRefusal::TooLong);
    }
    row.draft_body = work.body.clone();
    row.updated_at = now;
    Ok(Ok((ctx, row, window)))
}

/// Stores the row if nobody changed it since it was read; returns its new lock version. Each
/// use case stores the row before it writes anything else, so a refusal here leaves nothing
/// written.
fn store(conn: &mut DbConnection, row: &Submission) -> Outcome<i32> {
    if !Submission::save(conn, row, row.lock_version)? {
        return Ok(Err(WorkRefusal::Stale.into()));
    }
    Ok(Ok(row.lock_version + 1))
}

/// Saves the text as the draft.
pub fn save_draft(conn: &mut DbConnection, work: &Work, now: NaiveDateTime) -> Outcome<WorkStatus> {
    write_tx(conn, |conn| {
        let (_, row, _) = match checked_draft(conn, work, now)? {
            Ok(checked) => checked,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let lock_version = proceed!(store(conn, &row));
        Ok(Ok(WorkStatus {
            lock_version,
            ..WorkStatus::of(&row)
        }))
    })
}

/// Hands the text in as a new version (late after the due moment) and allocates its review in
/// the same transaction. Refused when empty or after the hard cut-off; the text is then kept
/// as the draft.
pub fn submit(
    conn: &mut DbConnection,
    composer: &Composer,
    work: &Work,
    now: NaiveDateTime,
) -> Outcome<WorkStatus> {
    write_tx(conn, |conn| {
        let (_, mut row, window) = match checked_draft(conn, work, now)? {
            Ok(checked) => checked,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let late = match window {
            _ if work.body.trim().is_empty() => None,
            Window::Open { late } => Some(late),
            // Locked was refused above; what remains is the cut-off.
            Window::Closed | Window::Locked => None,
        };
        let Some(late) = late else {
            let reason = if work.body.trim().is_empty() {
                WorkRefusal::Empty
            } else {
                WorkRefusal::CutOff
            };
            let lock_version = proceed!(store(conn, &row));
            let kept = WorkStatus {
                lock_version,
                ..WorkStatus::of(&row)
            };
            return Ok(Err(crate::error::Refusal::from(reason).with_current(kept)));
        };
        row.current_version += 1;
        row.state = SubmissionState::Submitted;
        let lock_version = proceed!(store(conn, &row));
        let version = hand_in(conn, work, &row, late, now)?;
        // Allocated at once, in the same transaction as the hand-in.
        crate::grading::allocate::on_submit(conn, composer, &version, now)?;
        Ok(Ok(WorkStatus {
            state: row.state,
            lock_version,
            version: Some(row.current_version),
            late,
        }))
    })
}

/// Writes the new version with the draft's files and its audit entry; returns its id.
fn hand_in(
    conn: &mut DbConnection,
    work: &Work,
    row: &Submission,
    late: bool,
    now: NaiveDateTime,
) -> Result<SubmissionVersionId, AppError> {
    let version = SubmissionVersion::handed_in(row, &work.body, late, now);
    SubmissionVersion::create(conn, &version)?;
    let version_id = version.id;
    crate::db::models::Attachment::attach_draft_to_version(conn, &row.id, &version_id)?;
    AuditEntry::new(
        now,
        Some(&work.person),
        "submission_submitted",
        "submission",
        Some(row.id.as_str()),
    )
    .details(json!({ "version": row.current_version, "late": late }))
    .record(conn)?;
    Ok(version_id)
}

/// Withdraws the latest submitted version while no grading has started; the text becomes the
/// draft again and the version stays in the history.
pub fn withdraw(
    conn: &mut DbConnection,
    person: &PersonId,
    enrollment: &EnrollmentId,
    slug: &str,
    now: NaiveDateTime,
) -> Outcome<WorkStatus> {
    write_tx(conn, |conn| {
        let ctx = EnrollmentContext::load(conn, person, enrollment)?;
        let assignment = ctx.assignment(slug).ok_or(AppError::NotFound)?;
        let mut row = ctx
            .submission(assignment)
            .cloned()
            .ok_or(AppError::NotFound)?;
        let refuse = |row: &Submission, r: WorkRefusal| {
            Ok(Err(
                crate::error::Refusal::from(r).with_current(WorkStatus::of(row))
            ))
        };
        if row.state == SubmissionState::InReview {
            return refuse(&row, WorkRefusal::GradingStarted);
        }
        if row.state != SubmissionState::Submitted {
            return refuse(&row, WorkRefusal::NotEditable);
        }
        let versions = SubmissionVersion::list_by_submission(conn, &row.id)?;
        if grading_started(conn, &versions)? {
            return refuse(&row, WorkRefusal::GradingStarted);
        }
        row.state = SubmissionState::Draft;
        row.updated_at = now;
        if let Some(latest) = versions.first() {
            row.draft_body = latest.body.clone();
        }
        let lock_version = proceed!(store(conn, &row));
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
        Ok(Ok(WorkStatus {
            lock_version,
            ..WorkStatus::of(&row)
        }))
    })
}

/// Whether any review of these versions has been started or completed.
fn grading_started(
    conn: &mut DbConnection,
    versions: &[SubmissionVersion],
) -> Result<bool, AppError> {
    use diesel::prelude::*;
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
    Ok(started > 0)
}
