//! `review_events`: the history of every review (who did what, when).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::review_events;
use crate::db::{DbConnection, per_backend};
use crate::domain::ids::{PersonId, ReviewEventId, ReviewId};

/// One change to a review.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = review_events)]
pub struct ReviewEvent {
    /// Id.
    pub id: ReviewEventId,
    /// The review.
    pub review_id: ReviewId,
    /// Who (none: the system).
    pub actor_id: Option<PersonId>,
    /// When.
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub at: NaiveDateTime,
    /// allocated, draft_saved, submitted, reassigned, escalated, sent_back, moderated, rated.
    pub action: String,
    /// What changed (JSON).
    pub details: String,
}

impl ReviewEvent {
    /// Records an event.
    pub fn record(
        conn: &mut DbConnection,
        review: &ReviewId,
        actor: Option<&PersonId>,
        action: &str,
        details: serde_json::Value,
        at: NaiveDateTime,
    ) -> QueryResult<()> {
        diesel::insert_into(review_events::table)
            .values(&ReviewEvent {
                // Time-ordered, so the history keeps its order under a fixed clock too.
                id: ReviewEventId(uuid::Uuid::now_v7().to_string()),
                review_id: review.clone(),
                actor_id: actor.cloned(),
                at,
                action: action.to_string(),
                details: details.to_string(),
            })
            .execute(conn)
            .map(|_| ())
    }

    /// Records many events at once.
    pub fn record_all(conn: &mut DbConnection, rows: &[ReviewEvent]) -> QueryResult<()> {
        if rows.is_empty() {
            return Ok(());
        }
        // In chunks: PostgreSQL takes at most 65,535 parameters per statement.
        for chunk in rows.chunks(2_000) {
            per_backend!(conn, c => diesel::insert_into(review_events::table).values(chunk).execute(c))?;
        }
        Ok(())
    }

    /// A review's history, oldest first.
    pub fn list_by_review(
        conn: &mut DbConnection,
        review: &ReviewId,
    ) -> QueryResult<Vec<ReviewEvent>> {
        review_events::table
            .filter(review_events::review_id.eq(review))
            .order((review_events::at.asc(), review_events::id.asc()))
            .select(ReviewEvent::as_select())
            .load(conn)
    }
}
