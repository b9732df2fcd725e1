//! The trainee's side of grading: the feedback and rubric scores of each decided version (the
//! co-trainer's name only where the program allows it), one dispute per decision, and a rating
//! of the feedback's usefulness.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::json;

use super::alerts::{Alert, tell_owners};
use super::decide::raise;
use super::items::load_one;
use crate::cohorts::context::EnrollmentContext;
use crate::db::models::{
    AuditEntry, ModerationItem, Person, Review, ReviewEvent, ReviewScore, RubricCriterion,
    SubmissionVersion,
};
use crate::db::{DbConnection, write_tx};
use crate::domain::ids::{
    CriterionId, EnrollmentId, PersonId, ReviewId, SubmissionId, SubmissionVersionId,
};
use crate::domain::states::ReviewState;
use crate::error::{AppError, Outcome, reasons};
use crate::mail::compose::Composer;
use crate::web::markdown::to_safe_html;

/// One criterion's score as the trainee sees it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ScoreView {
    /// Criterion title.
    pub criterion: String,
    /// Points given.
    pub points: i32,
    /// The criterion's maximum.
    pub max_points: i32,
    /// The co-trainer's comment.
    pub comment: String,
    /// For a required criterion, the points it must reach for the work to pass.
    pub minimum: Option<i32>,
    /// Required and below its minimum: why the work did not pass, whatever the total.
    pub below_minimum: bool,
}

/// One co-trainer's feedback.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReviewFeedback {
    /// Review id (to rate it).
    pub id: String,
    /// The co-trainer's name, where the program reveals it.
    pub reviewer: Option<String>,
    /// 1 or 2.
    pub slot: i32,
    /// Overall feedback, sanitised HTML.
    pub feedback_html: String,
    /// Scores per criterion.
    pub scores: Vec<ScoreView>,
    /// The trainee's rating (1-5).
    pub rating: Option<i32>,
}

/// The decision on one version with its feedback.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Feedback {
    /// passed, revision_requested, failed.
    pub decision: String,
    /// Points.
    pub points: i32,
    /// The program owner's note from moderation, sanitised HTML.
    pub moderation_note_html: Option<String>,
    /// The co-trainers' feedback.
    pub reviews: Vec<ReviewFeedback>,
    /// The dispute, if the trainee raised one: open or closed.
    pub dispute: Option<String>,
    /// Whether the trainee can still dispute this decision.
    pub can_dispute: bool,
}

/// The feedback of every decided version of a submission, by version id.
pub fn feedback_for(
    conn: &mut DbConnection,
    submission: &SubmissionId,
    reveal_reviewer: bool,
    de: bool,
) -> Result<HashMap<SubmissionVersionId, Feedback>, AppError> {
    let versions: Vec<SubmissionVersion> = SubmissionVersion::list_by_submission(conn, submission)?
        .into_iter()
        .filter(|v| v.decision.is_some())
        .collect();
    if versions.is_empty() {
        return Ok(HashMap::new());
    }
    let reviews: Vec<Review> = Review::list_by_submissions(conn, std::slice::from_ref(submission))?
        .into_iter()
        .filter(|r| r.state == ReviewState::Completed)
        .collect();
    let ids: Vec<ReviewId> = reviews.iter().map(|r| r.id.clone()).collect();
    let scores = ReviewScore::list_for(conn, &ids)?;
    let criteria_ids: Vec<CriterionId> = scores.iter().map(|s| s.criterion_id.clone()).collect();
    let criteria: HashMap<CriterionId, RubricCriterion> =
        RubricCriterion::list_by_ids(conn, &criteria_ids)?
            .into_iter()
            .map(|c| (c.id.clone(), c))
            .collect();
    let names: HashMap<PersonId, String> = if reveal_reviewer {
        let people: Vec<PersonId> = reviews.iter().map(|r| r.reviewer_id.clone()).collect();
        Person::list_by_ids(conn, &people)?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect()
    } else {
        HashMap::new()
    };
    let version_ids: Vec<SubmissionVersionId> = versions.iter().map(|v| v.id.clone()).collect();
    let disputes: HashMap<SubmissionVersionId, String> =
        ModerationItem::list_by_versions(conn, &version_ids)?
            .into_iter()
            .filter(|m| m.reason == "dispute")
            .map(|m| (m.submission_version_id, m.state.to_string()))
            .collect();
    let mut out = HashMap::new();
    for v in versions {
        let reviews_here = reviews
            .iter()
            .filter(|r| r.submission_version_id == v.id)
            .map(|r| ReviewFeedback {
                id: r.id.0.clone(),
                reviewer: names.get(&r.reviewer_id).cloned(),
                slot: r.slot,
                feedback_html: to_safe_html(&r.feedback),
                scores: score_views(&scores, &criteria, &r.id, de),
                rating: r.rating,
            })
            .collect();
        let dispute = disputes.get(&v.id).cloned();
        out.insert(
            v.id.clone(),
            Feedback {
                can_dispute: dispute.is_none(),
                decision: v.decision.map(|d| d.to_string()).unwrap_or_default(),
                points: v.points.unwrap_or(0),
                moderation_note_html: v.moderation_note.as_deref().map(to_safe_html),
                reviews: reviews_here,
                dispute,
            },
        );
    }
    Ok(out)
}

/// The scores of one review, in the rubric's order of criteria.
fn score_views(
    scores: &[ReviewScore],
    criteria: &HashMap<CriterionId, RubricCriterion>,
    review: &ReviewId,
    de: bool,
) -> Vec<ScoreView> {
    let mut s: Vec<(i32, ScoreView)> = scores
        .iter()
        .filter(|s| &s.review_id == review)
        .filter_map(|s| {
            let c = criteria.get(&s.criterion_id)?;
            Some((
                c.position,
                ScoreView {
                    criterion: if de {
                        c.title_de.clone()
                    } else {
                        c.title_en.clone()
                    },
                    points: s.points,
                    max_points: c.max_points,
                    comment: s.comment.clone(),
                    minimum: c.min_points,
                    below_minimum: c.min_points.is_some_and(|m| s.points < m),
                },
            ))
        })
        .collect();
    s.sort_by_key(|(p, _)| *p);
    s.into_iter().map(|(_, v)| v).collect()
}

reasons! {
    /// Why a dispute or rating was refused.
    pub enum TraineeRefusal {
        /// No decision to dispute or rate yet.
        NotDecided = "not_decided" => ("dispute-error-not-decided", UNPROCESSABLE_ENTITY),
        /// This decision was disputed already (once per decision).
        AlreadyDisputed = "already_disputed" => ("dispute-error-already", UNPROCESSABLE_ENTITY),
        /// The reason is empty.
        Empty = "empty" => ("dispute-error-empty", UNPROCESSABLE_ENTITY),
        /// The reason is too long.
        TooLong = "too_long" => ("dispute-error-too-long", UNPROCESSABLE_ENTITY),
        /// A rating must be 1 to 5.
        BadRating = "bad_rating" => ("rating-error-range", UNPROCESSABLE_ENTITY),
    }
}

/// The latest decided version of the trainee's submission for an assignment.
fn decided_version(
    conn: &mut DbConnection,
    person: &PersonId,
    enrollment: &EnrollmentId,
    slug: &str,
) -> Result<Option<SubmissionVersion>, AppError> {
    let ctx = EnrollmentContext::load(conn, person, enrollment)?;
    let assignment = ctx.assignment(slug).ok_or(AppError::NotFound)?;
    let Some(submission) = ctx.submission(assignment) else {
        return Ok(None);
    };
    Ok(SubmissionVersion::list_by_submission(conn, &submission.id)?
        .into_iter()
        .find(|v| v.decision.is_some()))
}

/// The trainee disputes the latest decision on an assignment, once, with a reason.
pub fn dispute(
    conn: &mut DbConnection,
    composer: &Composer,
    person: &PersonId,
    enrollment: &EnrollmentId,
    slug: &str,
    statement: &str,
    now: NaiveDateTime,
) -> Outcome<()> {
    let statement = statement.trim();
    if statement.is_empty() {
        return Ok(Err(TraineeRefusal::Empty.into()));
    }
    if statement.chars().count() > 5_000 {
        return Ok(Err(TraineeRefusal::TooLong.into()));
    }
    write_tx(conn, |conn| {
        let Some(version) = decided_version(conn, person, enrollment, slug)? else {
            return Ok(Err(TraineeRefusal::NotDecided.into()));
        };
        let item = load_one(conn, &version.id)?;
        if !raise(conn, &item, "dispute", Some(person), statement, now)? {
            return Ok(Err(TraineeRefusal::AlreadyDisputed.into()));
        }
        AuditEntry::new(
            now,
            Some(person),
            "decision_disputed",
            "submission",
            Some(item.submission.id.as_str()),
        )
        .details(json!({ "version": version.number }))
        .record(conn)?;
        tell_owners(conn, composer, Alert::Moderation, now)?;
        Ok(Ok(()))
    })
}

/// The trainee rates a co-trainer's feedback (1-5); a later rating replaces the earlier one.
pub fn rate(
    conn: &mut DbConnection,
    person: &PersonId,
    enrollment: &EnrollmentId,
    slug: &str,
    review: &ReviewId,
    rating: i32,
    now: NaiveDateTime,
) -> Outcome<()> {
    if !(1..=5).contains(&rating) {
        return Ok(Err(TraineeRefusal::BadRating.into()));
    }
    write_tx(conn, |conn| {
        let ctx = EnrollmentContext::load(conn, person, enrollment)?;
        let assignment = ctx.assignment(slug).ok_or(AppError::NotFound)?;
        let submission = ctx.submission(assignment).ok_or(AppError::NotFound)?;
        let mut row = Review::find(conn, review)?
            .filter(|r| r.submission_id == submission.id)
            .ok_or(AppError::NotFound)?;
        let decided = SubmissionVersion::find(conn, &row.submission_version_id)?
            .is_some_and(|v| v.decision.is_some());
        if row.state != ReviewState::Completed || !decided {
            return Ok(Err(TraineeRefusal::NotDecided.into()));
        }
        let lock = row.lock_version;
        row.rating = Some(rating);
        row.rated_at = Some(now);
        if !Review::save(conn, &row, lock)? {
            return Err(AppError::Conflict("error-changed-meanwhile".into()));
        }
        // No actor: the history a co-trainer reads must not name the trainee.
        ReviewEvent::record(
            conn,
            &row.id,
            None,
            "rated",
            json!({ "rating": rating }),
            now,
        )?;
        Ok(Ok(()))
    })
}
