//! `calibration_gradings`: a co-trainer's grading of one reference submission, in a
//! calibration round or hidden in their queue. Never linked to a trainee or a submission.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::calibration_gradings;
use crate::domain::ids::{CalibrationGradingId, PersonId, ProgramId, ReferenceId};

/// One grading of a reference.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = calibration_gradings)]
pub struct CalibrationGrading {
    /// Id.
    pub id: CalibrationGradingId,
    /// The program whose pool the co-trainer is in.
    pub program_id: ProgramId,
    /// The co-trainer.
    pub person_id: PersonId,
    /// The reference graded.
    pub reference_id: ReferenceId,
    /// Calibration round (1, 2, …; 0 for a hidden reference in the queue).
    pub round: i32,
    /// Mixed into the queue without saying it is a reference.
    pub hidden: bool,
    /// The grading, JSON: `[{criterion, points, gold, level, gold_level}]` (empty: open).
    pub scores: String,
    /// Handed to the co-trainer.
    pub created_at: NaiveDateTime,
    /// Graded (absent: still open).
    pub graded_at: Option<NaiveDateTime>,
}

/// New gradings are inserted whole.
pub type NewCalibrationGrading = CalibrationGrading;

impl CalibrationGrading {
    /// One grading.
    pub fn find(
        conn: &mut DbConnection,
        id: &CalibrationGradingId,
    ) -> QueryResult<Option<CalibrationGrading>> {
        calibration_gradings::table
            .find(id)
            .select(CalibrationGrading::as_select())
            .first(conn)
            .optional()
    }

    /// A person's gradings in a program, oldest first.
    pub fn list_by_person(
        conn: &mut DbConnection,
        program: &ProgramId,
        person: &PersonId,
    ) -> QueryResult<Vec<CalibrationGrading>> {
        calibration_gradings::table
            .filter(calibration_gradings::program_id.eq(program))
            .filter(calibration_gradings::person_id.eq(person))
            .order((
                calibration_gradings::created_at.asc(),
                calibration_gradings::id.asc(),
            ))
            .select(CalibrationGrading::as_select())
            .load(conn)
    }

    /// Every graded grading of a program (for the owner's overview).
    pub fn list_graded_by_program(
        conn: &mut DbConnection,
        program: &ProgramId,
    ) -> QueryResult<Vec<CalibrationGrading>> {
        calibration_gradings::table
            .filter(calibration_gradings::program_id.eq(program))
            .filter(calibration_gradings::graded_at.is_not_null())
            .order(calibration_gradings::graded_at.asc())
            .select(CalibrationGrading::as_select())
            .load(conn)
    }

    /// Inserts a grading.
    pub fn create(conn: &mut DbConnection, new: &NewCalibrationGrading) -> QueryResult<()> {
        diesel::insert_into(calibration_gradings::table)
            .values(new)
            .execute(conn)
            .map(|_| ())
    }

    /// Records the scores of an open grading; false when it was graded meanwhile.
    pub fn record(
        conn: &mut DbConnection,
        id: &CalibrationGradingId,
        scores: &str,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let n = diesel::update(
            calibration_gradings::table
                .filter(calibration_gradings::id.eq(id))
                .filter(calibration_gradings::graded_at.is_null()),
        )
        .set((
            calibration_gradings::scores.eq(scores),
            calibration_gradings::graded_at.eq(Some(now)),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }
}
