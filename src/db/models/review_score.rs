//! `review_scores`: the level chosen per rubric criterion, with a comment.

use diesel::prelude::*;

use crate::db::schema::review_scores;
use crate::db::{DbConnection, per_backend};
use crate::domain::ids::{CriterionId, LevelId, ReviewId, ReviewScoreId};

/// One criterion's score in a review.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = review_scores)]
pub struct ReviewScore {
    /// Id.
    pub id: ReviewScoreId,
    /// The review.
    pub review_id: ReviewId,
    /// The criterion.
    pub criterion_id: CriterionId,
    /// The level chosen.
    pub level_id: LevelId,
    /// Its points.
    pub points: i32,
    /// The co-trainer's comment.
    pub comment: String,
}

impl ReviewScore {
    /// The scores of these reviews.
    pub fn list_for(
        conn: &mut DbConnection,
        reviews: &[ReviewId],
    ) -> QueryResult<Vec<ReviewScore>> {
        review_scores::table
            .filter(review_scores::review_id.eq_any(reviews))
            .select(ReviewScore::as_select())
            .load(conn)
    }

    /// Replaces the scores of a review.
    pub fn replace(
        conn: &mut DbConnection,
        review: &ReviewId,
        rows: &[ReviewScore],
    ) -> QueryResult<()> {
        diesel::delete(review_scores::table.filter(review_scores::review_id.eq(review)))
            .execute(conn)?;
        if rows.is_empty() {
            return Ok(());
        }
        per_backend!(conn, c => diesel::insert_into(review_scores::table).values(rows).execute(c))
            .map(|_| ())
    }
}
