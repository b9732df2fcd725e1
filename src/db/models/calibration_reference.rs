//! `calibration_references`: reference submissions a lead trainer graded, stored with the
//! curriculum version they came with (gold levels per criterion, each with a rationale).

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::calibration_references;
use crate::domain::ids::{AssignmentId, ReferenceId};

/// A reference submission with its gold grading.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = calibration_references)]
pub struct CalibrationReference {
    /// Id.
    pub id: ReferenceId,
    /// The assignment it answers.
    pub assignment_id: AssignmentId,
    /// Folder name under `references/`.
    pub slug: String,
    /// Order within the assignment.
    pub position: i32,
    /// The submission, German (Markdown).
    pub body_de: String,
    /// The submission, English (Markdown).
    pub body_en: String,
    /// The gold grading, JSON: `[{criterion, points, rationale_de, rationale_en}]`.
    pub gold: String,
}

/// New references are inserted whole.
pub type NewCalibrationReference = CalibrationReference;

impl CalibrationReference {
    /// One reference.
    pub fn find(
        conn: &mut DbConnection,
        id: &ReferenceId,
    ) -> QueryResult<Option<CalibrationReference>> {
        calibration_references::table
            .find(id)
            .select(CalibrationReference::as_select())
            .first(conn)
            .optional()
    }

    /// The references of these assignments (assignment, then position).
    pub fn list_by_assignments(
        conn: &mut DbConnection,
        ids: &[AssignmentId],
    ) -> QueryResult<Vec<CalibrationReference>> {
        calibration_references::table
            .filter(calibration_references::assignment_id.eq_any(ids))
            .order((
                calibration_references::assignment_id.asc(),
                calibration_references::position.asc(),
            ))
            .select(CalibrationReference::as_select())
            .load(conn)
    }

    /// Inserts references.
    pub fn create_many(
        conn: &mut DbConnection,
        new: &[NewCalibrationReference],
    ) -> QueryResult<()> {
        for row in new {
            diesel::insert_into(calibration_references::table)
                .values(row)
                .execute(conn)?;
        }
        Ok(())
    }
}
