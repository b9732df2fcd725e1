//! The review page: the work and its files, the brief, earlier versions with their feedback,
//! the rubric as a form with this review's choices, and the review's history.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use chrono_tz::Tz;
use serde::Serialize;

use super::items::WorkItem;
use super::views::{FileView, TraineeLabel, file_name, suggestion, trainee_label};
use crate::accounts::Identity;
use crate::db::DbConnection;
use crate::db::models::{
    Attachment, Person, Review, ReviewEvent, ReviewScore, RubricCriterion, RubricLevel,
    SubmissionVersion,
};
use crate::domain::ids::{CriterionId, PersonId, ReviewId};
use crate::domain::language::Language;
use crate::domain::states::ReviewState;
use crate::error::AppError;
use crate::web::markdown::to_safe_html;

use crate::domain::schedule::local_text as local;

/// One level of a criterion on the review form.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LevelOption {
    /// Points.
    pub points: i32,
    /// What work at this level looks like.
    pub description: String,
    /// Chosen in this review.
    pub chosen: bool,
}

/// A criterion on the review form.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CriterionForm {
    /// Criterion id (slug).
    pub id: String,
    /// Title.
    pub title: String,
    /// Levels, lowest first.
    pub levels: Vec<LevelOption>,
    /// The co-trainer's comment.
    pub comment: String,
    /// For a required criterion, the points it must reach for the work to pass.
    pub minimum: Option<i32>,
    /// Required, and the chosen level is below its minimum.
    pub below_minimum: bool,
}

/// An earlier version with its decision and feedback.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EarlierVersion {
    /// Number.
    pub number: i32,
    /// Text, sanitised HTML.
    pub body_html: String,
    /// Its decision.
    pub decision: Option<String>,
    /// Its points.
    pub points: Option<i32>,
    /// The feedback given, sanitised HTML.
    pub feedback_html: Vec<String>,
}

/// One entry of a review's history.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct HistoryEntry {
    /// When (viewer's time zone).
    pub at_local: String,
    /// Who (absent: the system).
    pub actor: Option<String>,
    /// What happened.
    pub action: String,
    /// Details (JSON).
    pub details: serde_json::Value,
}

/// The review page.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReviewView {
    /// Review id.
    pub id: String,
    /// allocated, started, completed, reassigned, cancelled.
    pub state: String,
    /// Whether the viewer may change it now.
    pub editable: bool,
    /// The trainee (or pseudonym).
    pub trainee: TraineeLabel,
    /// Cohort.
    pub cohort: String,
    /// Assignment title.
    pub assignment: String,
    /// The brief, sanitised HTML.
    pub brief_html: String,
    /// Version number.
    pub version: i32,
    /// Submitted (viewer's time zone).
    pub submitted_local: String,
    /// Handed in late.
    pub late: bool,
    /// The work, sanitised HTML.
    pub body_html: String,
    /// The work's files.
    pub files: Vec<FileView>,
    /// Earlier versions, newest first.
    pub earlier: Vec<EarlierVersion>,
    /// The rubric with this review's choices.
    pub rubric: Vec<CriterionForm>,
    /// Points from the chosen levels.
    pub points: i32,
    /// Rubric maximum.
    pub max_points: i32,
    /// Points needed to pass.
    pub pass_threshold: i32,
    /// What the rubric suggests (passed or revision_requested).
    pub suggested: String,
    /// Required criteria whose chosen level is below their minimum (titles): the work fails
    /// whatever the total.
    pub failed_required: Vec<String>,
    /// The decision chosen.
    pub decision: Option<String>,
    /// Overall feedback (Markdown).
    pub feedback: String,
    /// Why the decision differs from the suggestion.
    pub override_reason: String,
    /// Send back with the next change.
    pub lock_version: i32,
    /// Grading deadline (viewer's time zone).
    pub due_local: String,
    /// Past the deadline.
    pub overdue: bool,
    /// Why this co-trainer (owner only).
    pub allocation_reason: Option<serde_json::Value>,
    /// The reviewer's name (owner only).
    pub reviewer: Option<String>,
    /// Every change (who, when, what).
    pub history: Vec<HistoryEntry>,
}

/// Loads a review the viewer may see: the owner, or its co-trainer while the review is theirs
/// (a co-trainer moved off a review, or whose review was cancelled, no longer reads the work);
/// anyone else gets "not found".
pub fn load_visible(
    conn: &mut DbConnection,
    viewer: &Identity,
    id: &ReviewId,
) -> Result<(Review, WorkItem), AppError> {
    let review = Review::find(conn, id)?
        .filter(|r| {
            viewer.is_owner
                || (r.reviewer_id == viewer.person.id
                    && !matches!(r.state, ReviewState::Reassigned | ReviewState::Cancelled))
        })
        .ok_or(AppError::NotFound)?;
    let item = super::items::load_one(conn, &review.submission_version_id)?;
    Ok((review, item))
}

/// The review page for a viewer.
pub fn page(
    conn: &mut DbConnection,
    viewer: &Identity,
    id: &ReviewId,
    lang: Language,
    now: NaiveDateTime,
) -> Result<ReviewView, AppError> {
    let (review, item) = load_visible(conn, viewer, id)?;
    let tz = viewer.person.tz();
    let de = lang == Language::De;
    let anonymous = item.curriculum.anonymous_grading && !viewer.is_owner;
    let files = Attachment::list_by_submission(conn, &item.submission.id)?
        .into_iter()
        .filter(|a| a.submission_version_id.as_ref() == Some(&item.version.id))
        .enumerate()
        .map(|(n, a)| FileView {
            name: file_name(&a, &item, anonymous, n + 1),
            id: a.id.0,
            size_bytes: a.size_bytes,
        })
        .collect();
    let rubric = rubric_form(conn, &item, &review, de)?;
    let points = rubric
        .iter()
        .flat_map(|c| c.levels.iter().filter(|l| l.chosen).map(|l| l.points))
        .sum();
    let history = history(conn, &review, tz, viewer.is_owner)?;
    let failed_required: Vec<String> = rubric
        .iter()
        .filter(|c| c.below_minimum)
        .map(|c| c.title.clone())
        .collect();
    Ok(ReviewView {
        id: review.id.0.clone(),
        editable: review.is_open() && review.reviewer_id == viewer.person.id,
        state: review.state.to_string(),
        trainee: trainee_label(conn, &item, viewer.is_owner)?,
        cohort: item.cohort.name.clone(),
        assignment: item.title(lang.code()).to_string(),
        brief_html: crate::content::pinned::load(conn, &item.assignment.curriculum_version_id)?
            .map(|p| p.brief_html(&item.assignment.id, lang).to_string())
            .unwrap_or_default(),
        version: item.version.number,
        submitted_local: local(tz, item.version.submitted_at),
        late: item.version.late,
        body_html: to_safe_html(&item.version.body),
        files,
        earlier: earlier_versions(conn, &item)?,
        rubric,
        points,
        max_points: item.assignment.max_points,
        pass_threshold: item.assignment.pass_threshold,
        suggested: suggestion(
            points,
            item.assignment.pass_threshold,
            !failed_required.is_empty(),
        )
        .into(),
        failed_required,
        decision: review.decision.map(|d| d.to_string()),
        feedback: review.feedback.clone(),
        override_reason: review.override_reason.clone(),
        lock_version: review.lock_version,
        due_local: local(tz, review.due_at),
        overdue: review.is_open() && review.due_at < now,
        allocation_reason: viewer
            .is_owner
            .then(|| serde_json::from_str(&review.allocation_reason).unwrap_or_default()),
        reviewer: if viewer.is_owner {
            Person::find(conn, &review.reviewer_id)?.map(|p| p.name)
        } else {
            None
        },
        history,
    })
}

fn rubric_form(
    conn: &mut DbConnection,
    item: &WorkItem,
    review: &Review,
    de: bool,
) -> Result<Vec<CriterionForm>, AppError> {
    let criteria =
        RubricCriterion::list_by_assignments(conn, std::slice::from_ref(&item.assignment.id))?;
    let ids: Vec<CriterionId> = criteria.iter().map(|c| c.id.clone()).collect();
    let levels = RubricLevel::list_by_criteria(conn, &ids)?;
    let scores: HashMap<CriterionId, ReviewScore> =
        ReviewScore::list_for(conn, std::slice::from_ref(&review.id))?
            .into_iter()
            .map(|s| (s.criterion_id.clone(), s))
            .collect();
    Ok(criteria
        .into_iter()
        .map(|c| {
            let score = scores.get(&c.id);
            let below_minimum = c
                .min_points
                .zip(score)
                .is_some_and(|(min, s)| s.points < min);
            CriterionForm {
                minimum: c.min_points,
                below_minimum,
                id: c.slug.clone(),
                title: if de {
                    c.title_de.clone()
                } else {
                    c.title_en.clone()
                },
                levels: levels
                    .iter()
                    .filter(|l| l.criterion_id == c.id)
                    .map(|l| LevelOption {
                        points: l.points,
                        description: if de {
                            l.description_de.clone()
                        } else {
                            l.description_en.clone()
                        },
                        chosen: score.is_some_and(|s| s.level_id == l.id),
                    })
                    .collect(),
                comment: score.map(|s| s.comment.clone()).unwrap_or_default(),
            }
        })
        .collect())
}

fn earlier_versions(
    conn: &mut DbConnection,
    item: &WorkItem,
) -> Result<Vec<EarlierVersion>, AppError> {
    let reviews = Review::list_by_submissions(conn, std::slice::from_ref(&item.submission.id))?;
    Ok(
        SubmissionVersion::list_by_submission(conn, &item.submission.id)?
            .into_iter()
            .filter(|v| v.number < item.version.number)
            .map(|v| EarlierVersion {
                number: v.number,
                body_html: to_safe_html(&v.body),
                feedback_html: reviews
                    .iter()
                    .filter(|r| {
                        r.submission_version_id == v.id && r.state == ReviewState::Completed
                    })
                    .map(|r| to_safe_html(&r.feedback))
                    .collect(),
                decision: v.decision.map(|d| d.to_string()),
                points: v.points,
            })
            .collect(),
    )
}

/// The review's history: its allocation (the review row itself records it, with the reason),
/// then every recorded change. Only the owner sees how the allocation chose (who was skipped
/// for sharing the trainee's org unit or being their manager) and the other details of each
/// change; a co-trainer sees decisions and points.
fn history(
    conn: &mut DbConnection,
    review: &Review,
    tz: Tz,
    owner: bool,
) -> Result<Vec<HistoryEntry>, AppError> {
    let shown = |details: &str| {
        let all: serde_json::Value = serde_json::from_str(details).unwrap_or_default();
        if owner {
            return all;
        }
        let mut kept = serde_json::Map::new();
        for key in ["decision", "points"] {
            if let Some(value) = all.get(key) {
                kept.insert(key.into(), value.clone());
            }
        }
        serde_json::Value::Object(kept)
    };
    let allocated = HistoryEntry {
        at_local: local(tz, review.allocated_at),
        actor: None,
        action: "allocated".into(),
        details: shown(&review.allocation_reason),
    };
    let events = ReviewEvent::list_by_review(conn, &review.id)?;
    let actors: Vec<PersonId> = events.iter().filter_map(|e| e.actor_id.clone()).collect();
    let names: HashMap<PersonId, String> = Person::list_by_ids(conn, &actors)?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    Ok(std::iter::once(allocated)
        .chain(events.into_iter().map(|e| HistoryEntry {
            at_local: local(tz, e.at),
            actor: e.actor_id.and_then(|a| names.get(&a).cloned()),
            action: e.action,
            details: shown(&e.details),
        }))
        .collect())
}
