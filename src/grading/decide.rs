//! From reviews to the decision a trainee receives: when every review of a version is complete
//! the decision is released (two graders who disagree go to moderation first), a share of
//! decisions is sampled for moderation, and the trainee is told.

use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use super::alerts::{Alert, tell_owners};
use super::items::{WorkItem, load_one};
use crate::db::DbConnection;
use crate::db::models::{ModerationItem, Review, Submission, SubmissionVersion};
use crate::domain::ids::{ModerationItemId, PersonId, SubmissionVersionId};
use crate::domain::states::{GradingDecision, ModerationState, ReviewState};
use crate::error::AppError;
use crate::mail::compose::{Composer, Email, enqueue};

/// Whether a version falls in the moderation sample (stable for a version: the same answer on
/// every instance and every retry).
pub fn sampled(version_id: &str, percent: i32) -> bool {
    if percent <= 0 {
        return false;
    }
    let digest = Sha256::digest(version_id.as_bytes());
    let n = u16::from_be_bytes([digest[0], digest[1]]) % 100;
    i32::from(n) < percent
}

/// Raises a moderation item (no-op if one with the same reason exists).
pub fn raise(
    conn: &mut DbConnection,
    item: &WorkItem,
    reason: &str,
    raised_by: Option<&PersonId>,
    statement: &str,
    now: NaiveDateTime,
) -> Result<bool, AppError> {
    Ok(ModerationItem::raise(
        conn,
        &ModerationItem {
            id: ModerationItemId(uuid::Uuid::new_v4().to_string()),
            submission_version_id: item.version.id.clone(),
            cohort_id: item.cohort.id.clone(),
            reason: reason.to_string(),
            raised_by: raised_by.cloned(),
            statement: statement.to_string(),
            state: ModerationState::Open,
            created_at: now,
            resolved_by: None,
            resolved_at: None,
            action: None,
            decision: None,
            note: String::new(),
            lock_version: 1,
        },
    )?)
}

/// Called after a review is completed: releases the decision once every review of the version
/// is in, or sends two disagreeing graders to moderation.
pub fn settle(
    conn: &mut DbConnection,
    composer: &Composer,
    version_id: &SubmissionVersionId,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let item = load_one(conn, version_id)?;
    let reviews = Review::list_active_by_version(conn, version_id)?;
    if (reviews.len() as i32) < item.slots()
        || reviews.iter().any(|r| r.state != ReviewState::Completed)
    {
        return Ok(());
    }
    let decisions: Vec<GradingDecision> = reviews.iter().filter_map(|r| r.decision).collect();
    let Some(first) = decisions.first().copied() else {
        return Ok(());
    };
    if decisions.iter().any(|d| *d != first) {
        if raise(conn, &item, "disagreement", None, "", now)? {
            tell_owners(conn, composer, Alert::Moderation, now)?;
        }
        return Ok(());
    }
    let points = mean_points(&reviews);
    release(conn, composer, &item, first, points, None, now)?;
    if sampled(
        item.version.id.as_str(),
        item.curriculum.moderation_sample_percent,
    ) {
        raise(conn, &item, "sample", None, "", now)?;
    }
    Ok(())
}

/// The mean of the reviews' points, rounded down.
pub fn mean_points(reviews: &[Review]) -> Option<i32> {
    let points: Vec<i32> = reviews.iter().filter_map(|r| r.total_points).collect();
    if points.is_empty() {
        return None;
    }
    Some(points.iter().sum::<i32>() / points.len() as i32)
}

/// Releases a decision: the version records it, the submission takes its state, and the
/// trainee is told (once per version and decision).
pub fn release(
    conn: &mut DbConnection,
    composer: &Composer,
    item: &WorkItem,
    decision: GradingDecision,
    points: Option<i32>,
    note: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    SubmissionVersion::decide(conn, &item.version.id, decision, points, note, now)?;
    // Only the latest version decides the submission's state.
    let mut submission = Submission::find(conn, &item.submission.id)?.ok_or(AppError::NotFound)?;
    if submission.current_version == item.version.number {
        let lock = submission.lock_version;
        submission.state = decision.into();
        submission.updated_at = now;
        if !Submission::save(conn, &submission, lock)? {
            return Err(AppError::Conflict("error-changed-meanwhile".into()));
        }
    }
    if decision == GradingDecision::Passed {
        // The certificate, if this pass completes the rule, in this same transaction.
        crate::certificates::issue::on_decision(conn, composer, &item.enrollment.id, now)?;
    }
    let mut context = tera::Context::new();
    // The mail is rendered in the trainee's language (see `enqueue`).
    context.insert("assignment", item.title(&item.trainee.language));
    context.insert("decision", &decision);
    context.insert("version", &item.version.number);
    context.insert(
        "link",
        &format!(
            "{}/learn/{}/assignments/{}",
            composer.base_url, item.enrollment.id, item.assignment.slug
        ),
    );
    enqueue(
        conn,
        composer,
        now,
        Email {
            key: format!("feedback:{}:{decision}", item.version.id),
            template: "feedback_released",
            to: &item.trainee,
            context,
        },
    )?;
    Ok(())
}
