//! Overdue reviews: a review not finished `after` its grading deadline (a setting, see
//! `config::rules`) is escalated to the owners (once), and, where the program allows it, moved
//! to another co-trainer if it was not started.

use chrono::{Duration, NaiveDateTime};
use serde::Serialize;
use serde_json::json;

use super::alerts::{Alert, tell_owners};
use super::items::load_one;
use super::reassign::move_review;
use crate::db::models::{AuditEntry, Review, ReviewEvent};
use crate::db::{DbConnection, write_tx};
use crate::domain::states::ReviewState;
use crate::error::AppError;
use crate::mail::compose::Composer;

/// What one escalation run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Escalated {
    /// Reviews escalated.
    pub escalated: usize,
    /// Of those, moved to another co-trainer.
    pub reallocated: usize,
}

/// Escalates every overdue review not escalated yet. Safe to run in every instance at once:
/// the optimistic lock lets only one of them escalate a review.
pub fn run(
    conn: &mut DbConnection,
    composer: &Composer,
    after: Duration,
    now: NaiveDateTime,
) -> Result<Escalated, AppError> {
    write_tx(conn, |conn| {
        let mut out = Escalated::default();
        for review in Review::list_overdue_unescalated(conn, now - after)? {
            let item = load_one(conn, &review.submission_version_id)?;
            let mut row = review.clone();
            row.escalated_at = Some(now);
            if !Review::save(conn, &row, review.lock_version)? {
                continue;
            }
            row.lock_version += 1;
            out.escalated += 1;
            ReviewEvent::record(
                conn,
                &row.id,
                None,
                "escalated",
                json!({ "due_at": row.due_at }),
                now,
            )?;
            AuditEntry::new(
                now,
                None,
                "review_escalated",
                "review",
                Some(row.id.as_str()),
            )
            .details(json!({ "reviewer": row.reviewer_id, "due_at": row.due_at }))
            .record(conn)?;
            if item.curriculum.reallocate_overdue
                && row.state == ReviewState::Allocated
                && move_review(conn, composer, None, &row, None, now)?.is_ok()
            {
                out.reallocated += 1;
            }
        }
        if out.escalated > 0 {
            tell_owners(conn, composer, Alert::Overdue, now)?;
        }
        Ok(out)
    })
}
