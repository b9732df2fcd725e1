//! `rubric_criteria`: the criteria of an assignment's rubric.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::rubric_criteria;
use crate::domain::ids::{AssignmentId, CriterionId};

/// A rubric criterion.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = rubric_criteria)]
pub struct RubricCriterion {
    /// Id.
    pub id: CriterionId,
    /// Its assignment.
    pub assignment_id: AssignmentId,
    /// Id within the assignment.
    pub slug: String,
    /// Order.
    pub position: i32,
    /// Title, German.
    pub title_de: String,
    /// Title, English.
    pub title_en: String,
    /// Highest level's points.
    pub max_points: i32,
    /// For a required criterion, the points it must reach for the work to pass.
    pub min_points: Option<i32>,
}

/// New criteria are inserted whole.
pub type NewRubricCriterion = RubricCriterion;

impl RubricCriterion {
    /// These criteria.
    pub fn list_by_ids(
        conn: &mut DbConnection,
        ids: &[CriterionId],
    ) -> QueryResult<Vec<RubricCriterion>> {
        rubric_criteria::table
            .filter(rubric_criteria::id.eq_any(ids))
            .select(RubricCriterion::as_select())
            .load(conn)
    }

    /// The criteria of these assignments, in order.
    pub fn list_by_assignments(
        conn: &mut DbConnection,
        ids: &[AssignmentId],
    ) -> QueryResult<Vec<RubricCriterion>> {
        rubric_criteria::table
            .filter(rubric_criteria::assignment_id.eq_any(ids))
            .order((
                rubric_criteria::assignment_id.asc(),
                rubric_criteria::position.asc(),
            ))
            .select(RubricCriterion::as_select())
            .load(conn)
    }

    /// Inserts criteria.
    pub fn create_many(conn: &mut DbConnection, new: &[NewRubricCriterion]) -> QueryResult<()> {
        for row in new {
            diesel::insert_into(rubric_criteria::table)
                .values(row)
                .execute(conn)?;
        }
        Ok(())
    }
}
