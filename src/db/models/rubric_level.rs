//! `rubric_levels`: the levels of a rubric criterion.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::rubric_levels;
use crate::domain::ids::{CriterionId, LevelId};

/// A level of a criterion.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = rubric_levels)]
pub struct RubricLevel {
    /// Id.
    pub id: LevelId,
    /// Its criterion.
    pub criterion_id: CriterionId,
    /// Order (by points).
    pub position: i32,
    /// Points.
    pub points: i32,
    /// Description, German.
    pub description_de: String,
    /// Description, English.
    pub description_en: String,
}

/// New levels are inserted whole.
pub type NewRubricLevel = RubricLevel;

impl RubricLevel {
    /// The levels of these criteria, by points.
    pub fn list_by_criteria(
        conn: &mut DbConnection,
        ids: &[CriterionId],
    ) -> QueryResult<Vec<RubricLevel>> {
        rubric_levels::table
            .filter(rubric_levels::criterion_id.eq_any(ids))
            .order((
                rubric_levels::criterion_id.asc(),
                rubric_levels::position.asc(),
            ))
            .select(RubricLevel::as_select())
            .load(conn)
    }

    /// Inserts levels.
    pub fn create_many(conn: &mut DbConnection, new: &[NewRubricLevel]) -> QueryResult<()> {
        for row in new {
            diesel::insert_into(rubric_levels::table)
                .values(row)
                .execute(conn)?;
        }
        Ok(())
    }
}
