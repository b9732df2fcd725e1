//! Grading one review: the co-trainer saves a draft any time and submits a decision. Points come
//! from the chosen rubric levels; deciding against what the pass threshold suggests needs a
//! reason, and a required criterion below its minimum fails the work whatever the total (no
//! reason lets it pass); a stale form is refused (optimistic locking) and nothing typed is lost; every change
//! is kept in the review's history.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::decide::settle;
use super::views::suggestion;
use crate::accounts::Identity;
use crate::db::models::{
    AuditEntry, Review, ReviewEvent, ReviewScore, RubricCriterion, RubricLevel, Submission,
};
use crate::db::{DbConnection, refusable_tx};
use crate::domain::ids::ReviewScoreId;
use crate::domain::ids::{CriterionId, ReviewId};
use crate::domain::states::{GradingDecision, ReviewState, SubmissionState};
use crate::error::{AppError, Outcome, Refusal, proceed, reasons};
use crate::mail::compose::Composer;

/// The longest feedback or comment accepted (characters).
pub const MAX_TEXT: usize = 20_000;

/// One criterion's score as sent by the form or the API.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ScoreInput {
    /// Criterion id (slug).
    pub criterion: String,
    /// The chosen level's points (absent: not chosen yet).
    pub points: Option<i32>,
    /// A comment on this criterion.
    #[serde(default)]
    pub comment: String,
}

/// A review as sent by the form or the API.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ReviewInput {
    /// Scores per criterion.
    #[serde(default)]
    pub scores: Vec<ScoreInput>,
    /// Overall feedback (Markdown).
    #[serde(default)]
    pub feedback: String,
    /// passed, revision_requested or failed (required to submit).
    pub decision: Option<String>,
    /// Why the decision differs from what the pass threshold suggests.
    #[serde(default)]
    pub override_reason: String,
    /// The lock version the form was loaded with.
    pub lock_version: i32,
}

reasons! {
    /// Why a review was not taken.
    pub enum ReviewRefusal {
        /// Completed, reassigned or the work was withdrawn: nothing to change.
        NotEditable = "not_editable" => ("review-error-not-editable", CONFLICT),
        /// Changed meanwhile (another tab or person): the current state is shown.
        Stale = "stale" => ("review-error-stale", CONFLICT),
        /// A criterion has no level yet.
        Incomplete = "incomplete" => ("review-error-incomplete", UNPROCESSABLE_ENTITY),
        /// No decision chosen.
        NoDecision = "no_decision" => ("review-error-no-decision", UNPROCESSABLE_ENTITY),
        /// The overall feedback is empty.
        NoFeedback = "no_feedback" => ("review-error-no-feedback", UNPROCESSABLE_ENTITY),
        /// Passed while a required criterion is below its minimum: the work fails whatever
        /// the total.
        RequiredBelowMinimum = "required_below_minimum" => ("review-error-required-below-minimum", UNPROCESSABLE_ENTITY),
        /// The decision differs from the threshold's suggestion and no reason was given.
        NeedsReason = "needs_reason" => ("review-error-needs-reason", UNPROCESSABLE_ENTITY),
        /// A criterion or level that the rubric does not have.
        UnknownLevel = "unknown_level" => ("review-error-unknown-level", UNPROCESSABLE_ENTITY),
        /// A text is longer than allowed.
        TooLong = "too_long" => ("review-error-too-long", UNPROCESSABLE_ENTITY),
        /// A decision the review does not know.
        UnknownDecision = "unknown_decision" => ("review-error-unknown-decision", UNPROCESSABLE_ENTITY),
        /// The trainee withdrew or changed the work while it was being graded.
        SubmissionChanged = "submission_changed" => ("error-changed-meanwhile", CONFLICT),
    }
}

/// Where the review stands after a change (also sent with a refusal, so a client can retry).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReviewStatus {
    /// The review's state now.
    pub state: String,
    /// Its lock version now.
    pub lock_version: i32,
    /// Points from the chosen levels.
    pub points: i32,
    /// What the threshold suggests.
    pub suggested: String,
}

/// The rubric of the review's assignment: criterion slug → (criterion id, points → level id,
/// the minimum of a required criterion).
type Rubric = HashMap<
    String,
    (
        CriterionId,
        HashMap<i32, crate::domain::ids::LevelId>,
        Option<i32>,
    ),
>;

fn rubric(
    conn: &mut DbConnection,
    assignment: &crate::domain::ids::AssignmentId,
) -> Result<Rubric, AppError> {
    let criteria = RubricCriterion::list_by_assignments(conn, std::slice::from_ref(assignment))?;
    let ids: Vec<CriterionId> = criteria.iter().map(|c| c.id.clone()).collect();
    let levels = RubricLevel::list_by_criteria(conn, &ids)?;
    Ok(criteria
        .into_iter()
        .map(|c| {
            let by_points = levels
                .iter()
                .filter(|l| l.criterion_id == c.id)
                .map(|l| (l.points, l.id.clone()))
                .collect();
            (c.slug, (c.id, by_points, c.min_points))
        })
        .collect())
}

/// The scores a form gives: rows to store, points, whether every criterion has a level, and
/// whether a required criterion is below its minimum.
type Checked = (Vec<ReviewScore>, i32, bool, bool);

/// Checks the input against the rubric; returns the scores to store and the points.
fn scores(
    review: &ReviewId,
    rubric: &Rubric,
    input: &ReviewInput,
) -> Result<Checked, ReviewRefusal> {
    let mut rows = Vec::new();
    let mut points = 0;
    let mut short = false;
    for s in &input.scores {
        let (criterion, levels, minimum) = rubric
            .get(&s.criterion)
            .ok_or(ReviewRefusal::UnknownLevel)?;
        if s.comment.chars().count() > MAX_TEXT {
            return Err(ReviewRefusal::TooLong);
        }
        let Some(p) = s.points else { continue };
        let level = levels.get(&p).ok_or(ReviewRefusal::UnknownLevel)?;
        points += p;
        short |= minimum.is_some_and(|m| p < m);
        rows.push(ReviewScore {
            id: ReviewScoreId::new(),
            review_id: review.clone(),
            criterion_id: criterion.clone(),
            level_id: level.clone(),
            points: p,
            comment: s.comment.trim().to_string(),
        });
    }
    let complete = rubric
        .values()
        .all(|(c, _, _)| rows.iter().any(|r| &r.criterion_id == c));
    Ok((rows, points, complete, short))
}

/// Whether a save completes the review.
#[derive(Clone, Copy)]
enum Mode<'a> {
    Draft,
    Submit(&'a Composer),
}

/// Saves a draft of the review: scores, comments, feedback and decision as typed so far.
pub fn save_draft(
    conn: &mut DbConnection,
    actor: &Identity,
    id: &ReviewId,
    input: &ReviewInput,
    now: NaiveDateTime,
) -> Outcome<ReviewStatus> {
    save(conn, actor, id, input, Mode::Draft, now)
}

/// Completes the review with its decision; when the version's reviews are complete the
/// trainee receives the decision. Refused while something is missing (the draft is saved).
pub fn submit(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    id: &ReviewId,
    input: &ReviewInput,
    now: NaiveDateTime,
) -> Outcome<ReviewStatus> {
    save(conn, actor, id, input, Mode::Submit(composer), now)
}

/// The review's status with these points.
fn status(review: &Review, points: i32, threshold: i32, short: bool) -> ReviewStatus {
    ReviewStatus {
        state: review.state.to_string(),
        lock_version: review.lock_version,
        points,
        suggested: suggestion(points, threshold, short).into(),
    }
}

/// The form checked against the rubric: what [`store`] writes.
struct Scored<'a> {
    rows: Vec<ReviewScore>,
    points: i32,
    complete: bool,
    /// A required criterion is below its minimum.
    short: bool,
    decision: Option<GradingDecision>,
    input: &'a ReviewInput,
}

/// What [`save`]'s transaction ends with: the review saved as asked, or its draft kept while
/// completing it was refused (written, unlike every other refusal, which rolls back).
enum Saved {
    Done(ReviewStatus),
    DraftKept(Refusal),
}

fn save(
    conn: &mut DbConnection,
    actor: &Identity,
    id: &ReviewId,
    input: &ReviewInput,
    mode: Mode<'_>,
    now: NaiveDateTime,
) -> Outcome<ReviewStatus> {
    match refusable_tx(conn, |conn| save_in_tx(conn, actor, id, input, mode, now))? {
        Ok(Saved::Done(status)) => Ok(Ok(status)),
        Ok(Saved::DraftKept(refusal)) | Err(refusal) => Ok(Err(refusal)),
    }
}

fn save_in_tx(
    conn: &mut DbConnection,
    actor: &Identity,
    id: &ReviewId,
    input: &ReviewInput,
    mode: Mode<'_>,
    now: NaiveDateTime,
) -> Outcome<Saved> {
    {
        let mut review = Review::find(conn, id)?
            .filter(|r| r.reviewer_id == actor.person.id)
            .ok_or(AppError::NotFound)?;
        let item = super::items::load_one(conn, &review.submission_version_id)?;
        if let Mode::Submit(_) = mode {
            // A decision may complete the certificate: decisions about one trainee take their
            // turn, before this transaction touches anything that refers to the enrollment
            // (two transactions upgrading a shared lock would deadlock).
            crate::db::models::Enrollment::lock(conn, &item.enrollment.id)?;
        }
        let threshold = item.assignment.pass_threshold;
        let refuse = |review: &Review, points: i32, r: ReviewRefusal| {
            Ok(Err(
                Refusal::from(r).with_current(status(review, points, threshold, false))
            ))
        };
        let scored = match checked(conn, &review, &item, input)? {
            Ok(scored) => scored,
            Err((points, r)) => return refuse(&review, points, r),
        };
        let points = scored.points;
        if let Mode::Submit(_) = mode
            && let Some(r) = missing(&scored, threshold)
        {
            // Keep what was typed: the draft is saved, the refusal explains what is missing.
            proceed!(store(conn, actor, &mut review, &scored, false, now));
            let kept =
                Refusal::from(r).with_current(status(&review, points, threshold, scored.short));
            return Ok(Ok(Saved::DraftKept(kept)));
        }
        proceed!(store(
            conn,
            actor,
            &mut review,
            &scored,
            matches!(mode, Mode::Submit(_)),
            now,
        ));
        if item.submission.state == SubmissionState::Submitted {
            let mut submission = item.submission.clone();
            submission.state = SubmissionState::InReview;
            submission.updated_at = now;
            if !Submission::save(conn, &submission, item.submission.lock_version)? {
                return Ok(Err(ReviewRefusal::SubmissionChanged.into()));
            }
        }
        if let Mode::Submit(composer) = mode {
            AuditEntry::new(
                now,
                Some(&actor.person.id),
                "review_submitted",
                "review",
                Some(review.id.as_str()),
            )
            .details(json!({ "decision": scored.decision, "points": points }))
            .record(conn)?;
            settle(conn, composer, &item.version.id, now)?;
            // Capacity freed: work waiting for a co-trainer may fit now.
            super::allocate::drain_in(conn, composer, 50, now)?;
        }
        Ok(Ok(Saved::Done(status(
            &review,
            points,
            threshold,
            scored.short,
        ))))
    }
}

/// Checks that the review may change and the form fits the rubric; a refusal comes with the
/// points to show beside it.
fn checked<'a>(
    conn: &mut DbConnection,
    review: &Review,
    item: &super::items::WorkItem,
    input: &'a ReviewInput,
) -> Result<Result<Scored<'a>, (i32, ReviewRefusal)>, AppError> {
    let kept = review.total_points.unwrap_or(0);
    let in_grading = matches!(
        item.submission.state,
        SubmissionState::Submitted | SubmissionState::InReview
    ) && item.submission.current_version == item.version.number;
    if !review.is_open() || !in_grading {
        return Ok(Err((kept, ReviewRefusal::NotEditable)));
    }
    if review.lock_version != input.lock_version {
        return Ok(Err((kept, ReviewRefusal::Stale)));
    }
    let rubric = rubric(conn, &item.assignment.id)?;
    let (rows, points, complete, short) = match scores(&review.id, &rubric, input) {
        Ok(v) => v,
        Err(r) => return Ok(Err((0, r))),
    };
    let decision = input
        .decision
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    if decision.is_some_and(|d| GradingDecision::parse(d).is_none()) {
        return Ok(Err((points, ReviewRefusal::UnknownDecision)));
    }
    let decision = decision.and_then(GradingDecision::parse);
    if input.feedback.chars().count() > MAX_TEXT || input.override_reason.chars().count() > MAX_TEXT
    {
        return Ok(Err((points, ReviewRefusal::TooLong)));
    }
    Ok(Ok(Scored {
        rows,
        points,
        complete,
        short,
        decision,
        input,
    }))
}

/// What a completed review still lacks, if anything.
fn missing(scored: &Scored<'_>, threshold: i32) -> Option<ReviewRefusal> {
    let passed = scored.decision == Some(GradingDecision::Passed);
    let against = scored
        .decision
        .is_some_and(|d| (d == GradingDecision::Passed) != (scored.points >= threshold));
    if !scored.complete {
        Some(ReviewRefusal::Incomplete)
    } else if scored.decision.is_none() {
        Some(ReviewRefusal::NoDecision)
    } else if passed && scored.short {
        Some(ReviewRefusal::RequiredBelowMinimum)
    } else if scored.input.feedback.trim().is_empty() {
        Some(ReviewRefusal::NoFeedback)
    } else if against && !scored.short && scored.input.override_reason.trim().is_empty() {
        Some(ReviewRefusal::NeedsReason)
    } else {
        None
    }
}

/// Writes the review, its scores and a history entry.
fn store(
    conn: &mut DbConnection,
    actor: &Identity,
    review: &mut Review,
    scored: &Scored<'_>,
    complete: bool,
    now: NaiveDateTime,
) -> Outcome<()> {
    let (rows, input, decision, points) =
        (&scored.rows, scored.input, scored.decision, scored.points);
    let before = (
        review.decision,
        review.total_points,
        review.feedback.clone(),
    );
    let lock = review.lock_version;
    if review.started_at.is_none() {
        review.started_at = Some(now);
    }
    review.state = if complete {
        ReviewState::Completed
    } else {
        ReviewState::Started
    };
    review.completed_at = complete.then_some(now);
    review.decision = decision;
    review.total_points = Some(points);
    review.feedback = input.feedback.trim().to_string();
    review.override_reason = input.override_reason.trim().to_string();
    if !Review::save(conn, review, lock)? {
        return Ok(Err(ReviewRefusal::Stale.into()));
    }
    review.lock_version = lock + 1;
    ReviewScore::replace(conn, &review.id, rows)?;
    ReviewEvent::record(
        conn,
        &review.id,
        Some(&actor.person.id),
        if complete { "submitted" } else { "draft_saved" },
        json!({
            "decision": decision,
            "points": points,
            "scores": rows.iter().map(|r| r.points).collect::<Vec<_>>(),
            "decision_changed": before.0 != decision,
            "feedback_changed": before.2 != review.feedback,
            "override_reason": review.override_reason,
        }),
        now,
    )?;
    Ok(Ok(()))
}
