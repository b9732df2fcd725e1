//! Moderation: the owner checks reviews whose two graders disagree, a random sample, and
//! trainees' disputes, and confirms the decision, changes it (the note joins the trainee's
//! feedback) or sends the review back to its co-trainer(s).

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::decide::{mean_points, release};
use super::items::{WorkItem, load_lean, load_one};
use crate::accounts::Identity;
use crate::db::models::{
    AuditEntry, ModerationItem, Person, Review, ReviewEvent, Submission, SubmissionVersion,
};
use crate::db::{DbConnection, write_tx};
use crate::domain::ids::{CohortId, ModerationItemId, PersonId, SubmissionVersionId};
use crate::domain::states::{
    GradingDecision, ModerationAction, ModerationState, ReviewState, SubmissionState,
};
use crate::error::{AppError, Outcome, reasons};
use crate::mail::compose::{Composer, Email, enqueue};

/// The owner's decision on an item.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ModerateInput {
    /// confirm, change or send_back.
    pub action: String,
    /// The new decision (for change).
    pub decision: Option<String>,
    /// A note: required to change or send back; joins the trainee's feedback on change.
    #[serde(default)]
    pub note: String,
    /// The item's lock version as loaded.
    pub lock_version: i32,
}

reasons! {
    /// Why moderation was refused.
    pub enum ModerationRefusal {
        /// Resolved or changed meanwhile.
        Stale = "stale" => ("moderation-error-stale", UNPROCESSABLE_ENTITY),
        /// No decision was released yet (the graders disagree): choose one.
        NeedsDecision = "needs_decision" => ("moderation-error-needs-decision", UNPROCESSABLE_ENTITY),
        /// A note is required.
        NeedsNote = "needs_note" => ("moderation-error-needs-note", UNPROCESSABLE_ENTITY),
    }
}

/// One review as the owner sees it in moderation.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReviewSummary {
    /// Review id.
    pub id: String,
    /// The co-trainer.
    pub reviewer: String,
    /// Their decision.
    pub decision: Option<String>,
    /// Their points.
    pub points: Option<i32>,
}

/// An item in the owner's moderation list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ModerationView {
    /// Item id.
    pub id: String,
    /// disagreement, sample, dispute.
    pub reason: String,
    /// open, closed.
    pub state: String,
    /// The trainee's reason (disputes).
    pub statement: String,
    /// The trainee.
    pub trainee: String,
    /// Cohort.
    pub cohort: String,
    /// Assignment title.
    pub assignment: String,
    /// Version number.
    pub version: i32,
    /// The decision released (none while graders disagree).
    pub released: Option<String>,
    /// The reviews.
    pub reviews: Vec<ReviewSummary>,
    /// confirmed, changed, sent_back (closed items).
    pub action: Option<String>,
    /// The decision after moderation.
    pub decision: Option<String>,
    /// The owner's note.
    pub note: String,
    /// Send back with the decision.
    pub lock_version: i32,
}

/// Moderation items for the owner (open ones, or all), optionally of one cohort.
pub fn list(
    conn: &mut DbConnection,
    actor: &Identity,
    only_open: bool,
    cohort: Option<&CohortId>,
    lang: &str,
    limit: i64,
) -> Result<Vec<ModerationView>, AppError> {
    if !actor.is_owner {
        return Err(AppError::NotFound);
    }
    let items = ModerationItem::list(conn, only_open, cohort, limit)?;
    let ids: Vec<SubmissionVersionId> = items
        .iter()
        .map(|i| i.submission_version_id.clone())
        .collect();
    let work: HashMap<SubmissionVersionId, WorkItem> = load_lean(conn, &ids)?
        .into_iter()
        .map(|w| (w.version.id.clone(), w))
        .collect();
    let mut out = Vec::new();
    for m in items {
        let Some(w) = work.get(&m.submission_version_id) else {
            continue;
        };
        let reviews = Review::list_active_by_version(conn, &w.version.id)?;
        let reviewer_ids: Vec<PersonId> = reviews.iter().map(|r| r.reviewer_id.clone()).collect();
        let names: HashMap<PersonId, String> = Person::list_by_ids(conn, &reviewer_ids)?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect();
        let released = SubmissionVersion::find(conn, &w.version.id)?.and_then(|v| v.decision);
        out.push(ModerationView {
            id: m.id.0.clone(),
            reason: m.reason,
            state: m.state.to_string(),
            statement: m.statement,
            trainee: w.trainee.name.clone(),
            cohort: w.cohort.name.clone(),
            assignment: w.title(lang).to_string(),
            version: w.version.number,
            released: released.map(|d| d.to_string()),
            reviews: reviews
                .iter()
                .map(|r| ReviewSummary {
                    id: r.id.0.clone(),
                    reviewer: names.get(&r.reviewer_id).cloned().unwrap_or_default(),
                    decision: r.decision.map(|d| d.to_string()),
                    points: r.total_points,
                })
                .collect(),
            action: m.action.map(|a| a.to_string()),
            decision: m.decision.map(|d| d.to_string()),
            note: m.note,
            lock_version: m.lock_version,
        });
    }
    Ok(out)
}

/// The owner resolves an item.
pub fn moderate(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    id: &ModerationItemId,
    input: &ModerateInput,
    now: NaiveDateTime,
) -> Outcome<()> {
    if !actor.is_owner {
        return Err(AppError::NotFound);
    }
    write_tx(conn, |conn| {
        let mut m = ModerationItem::find(conn, id)?.ok_or(AppError::NotFound)?;
        if m.state != ModerationState::Open || m.lock_version != input.lock_version {
            return Ok(Err(ModerationRefusal::Stale.into()));
        }
        let item = load_one(conn, &m.submission_version_id)?;
        // As in grading: decisions about one trainee take their turn (see `review::save`).
        crate::db::models::Enrollment::lock(conn, &item.enrollment.id)?;
        let reviews = Review::list_active_by_version(conn, &item.version.id)?;
        let note = input.note.trim();
        let released = item.version.decision;
        let decision = match input.action.as_str() {
            "confirm" => match released {
                Some(d) => Some(d),
                None => return Ok(Err(ModerationRefusal::NeedsDecision.into())),
            },
            "change" => {
                let Some(d) = input.decision.as_deref().and_then(GradingDecision::parse) else {
                    return Ok(Err(ModerationRefusal::NeedsDecision.into()));
                };
                if note.is_empty() {
                    return Ok(Err(ModerationRefusal::NeedsNote.into()));
                }
                release(
                    conn,
                    composer,
                    &item,
                    d,
                    mean_points(&reviews),
                    Some(note),
                    now,
                )?;
                Some(d)
            }
            "send_back" => {
                if note.is_empty() {
                    return Ok(Err(ModerationRefusal::NeedsNote.into()));
                }
                send_back(conn, composer, actor, &item, &reviews, note, now)?;
                None
            }
            _ => {
                return Err(AppError::BadRequest(
                    "moderation-error-unknown-action".into(),
                ));
            }
        };
        let lock = m.lock_version;
        m.resolved_by = Some(actor.person.id.clone());
        m.resolved_at = Some(now);
        m.action = Some(match input.action.as_str() {
            "confirm" => ModerationAction::Confirmed,
            "change" => ModerationAction::Changed,
            _ => ModerationAction::SentBack,
        });
        m.decision = decision;
        m.note = note.to_string();
        if !ModerationItem::resolve(conn, &m, lock)? {
            return Ok(Err(ModerationRefusal::Stale.into()));
        }
        record_moderation(conn, actor, &m, &reviews, now)?;
        Ok(Ok(()))
    })
}

/// Records a resolved item in each review's history and in the audit log.
fn record_moderation(
    conn: &mut DbConnection,
    actor: &Identity,
    m: &ModerationItem,
    reviews: &[Review],
    now: NaiveDateTime,
) -> Result<(), AppError> {
    for r in reviews {
        ReviewEvent::record(
            conn,
            &r.id,
            Some(&actor.person.id),
            "moderated",
            json!({ "item": m.id.0, "action": m.action, "decision": m.decision }),
            now,
        )?;
    }
    AuditEntry::new(
        now,
        Some(&actor.person.id),
        "review_moderated",
        "moderation",
        Some(m.id.as_str()),
    )
    .details(json!({ "reason": m.reason, "action": m.action, "decision": m.decision }))
    .record(conn)?;
    Ok(())
}

/// Sends the reviews of a version back to their co-trainers, who are told by mail.
fn send_back(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    item: &WorkItem,
    reviews: &[Review],
    note: &str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    SubmissionVersion::undecide(conn, &item.version.id)?;
    let mut submission = Submission::find(conn, &item.submission.id)?.ok_or(AppError::NotFound)?;
    if submission.current_version == item.version.number {
        let lock = submission.lock_version;
        submission.state = SubmissionState::InReview;
        submission.updated_at = now;
        if !Submission::save(conn, &submission, lock)? {
            return Err(AppError::Conflict("error-changed-meanwhile".into()));
        }
    }
    for r in reviews {
        let mut back = r.clone();
        back.state = ReviewState::Started;
        back.completed_at = None;
        back.due_at = super::allocate::grading_due(item, now);
        back.escalated_at = None;
        if !Review::save(conn, &back, r.lock_version)? {
            return Err(AppError::Conflict("error-changed-meanwhile".into()));
        }
        ReviewEvent::record(
            conn,
            &r.id,
            Some(&actor.person.id),
            "sent_back",
            json!({ "note": note }),
            now,
        )?;
        if let Some(reviewer) = Person::find(conn, &r.reviewer_id)? {
            let mut context = tera::Context::new();
            context.insert("note", note);
            context.insert("link", &format!("{}/reviews/{}", composer.base_url, r.id));
            enqueue(
                conn,
                composer,
                now,
                Email {
                    key: format!("sent-back:{}:{}", r.id, now.and_utc().timestamp()),
                    template: "review_sent_back",
                    to: &reviewer,
                    context,
                },
            )?;
        }
    }
    Ok(())
}
