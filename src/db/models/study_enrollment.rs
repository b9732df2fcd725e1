//! `study_enrollments`: a person's self-study of one self-paced program, with counters of
//! lessons done and checks passed kept beside it so lists never count rows per person.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::study_enrollments;
use crate::db::{DbConnection, per_backend};
use crate::domain::ids::{
    CertificateId, CurriculumVersionId, PersonId, ProgramId, StudyEnrollmentId,
};

/// One person's self-study of one program.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable, serde::Serialize)]
#[diesel(table_name = study_enrollments)]
pub struct StudyEnrollment {
    /// Id.
    pub id: StudyEnrollmentId,
    /// The learner.
    pub person_id: PersonId,
    /// The self-paced program.
    pub program_id: ProgramId,
    /// The version they learn (the newest when they enrolled).
    pub curriculum_version_id: CurriculumVersionId,
    /// Enrolled.
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub enrolled_at: NaiveDateTime,
    /// Every lesson done and every check passed.
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    pub completed_at: Option<NaiveDateTime>,
    /// The self-study certificate it earned.
    pub certificate_id: Option<CertificateId>,
    /// Lessons marked done.
    pub lessons_done: i32,
    /// Knowledge checks passed.
    pub checks_passed: i32,
}

impl StudyEnrollment {
    /// A new enrollment at `now`, nothing done yet.
    pub fn start(
        person: &PersonId,
        program: &ProgramId,
        version: &CurriculumVersionId,
        now: NaiveDateTime,
    ) -> StudyEnrollment {
        StudyEnrollment {
            id: StudyEnrollmentId::new(),
            person_id: person.clone(),
            program_id: program.clone(),
            curriculum_version_id: version.clone(),
            enrolled_at: now,
            completed_at: None,
            certificate_id: None,
            lessons_done: 0,
            checks_passed: 0,
        }
    }

    /// Inserts unless the person is already enrolled in the program; true when inserted.
    pub fn create_if_absent(conn: &mut DbConnection, row: &StudyEnrollment) -> QueryResult<bool> {
        let n = per_backend!(conn, c => diesel::insert_into(study_enrollments::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(c))?;
        Ok(n == 1)
    }

    /// The person's enrollment in a program.
    pub fn find_by_person_program(
        conn: &mut DbConnection,
        person: &PersonId,
        program: &ProgramId,
    ) -> QueryResult<Option<StudyEnrollment>> {
        study_enrollments::table
            .filter(study_enrollments::person_id.eq(person))
            .filter(study_enrollments::program_id.eq(program))
            .select(StudyEnrollment::as_select())
            .first(conn)
            .optional()
    }

    /// Every self-study of a person.
    pub fn list_by_person(
        conn: &mut DbConnection,
        person: &PersonId,
    ) -> QueryResult<Vec<StudyEnrollment>> {
        study_enrollments::table
            .filter(study_enrollments::person_id.eq(person))
            .order(study_enrollments::enrolled_at.asc())
            .select(StudyEnrollment::as_select())
            .load(conn)
    }

    /// Stores the counters.
    pub fn set_counts(
        conn: &mut DbConnection,
        id: &StudyEnrollmentId,
        lessons_done: i32,
        checks_passed: i32,
    ) -> QueryResult<()> {
        diesel::update(study_enrollments::table.find(id))
            .set((
                study_enrollments::lessons_done.eq(lessons_done),
                study_enrollments::checks_passed.eq(checks_passed),
            ))
            .execute(conn)
            .map(drop)
    }

    /// Marks it completed with its certificate, unless it already is; true when marked.
    pub fn complete(
        conn: &mut DbConnection,
        id: &StudyEnrollmentId,
        certificate: &CertificateId,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        diesel::update(
            study_enrollments::table
                .find(id)
                .filter(study_enrollments::completed_at.is_null()),
        )
        .set((
            study_enrollments::completed_at.eq(now),
            study_enrollments::certificate_id.eq(certificate),
        ))
        .execute(conn)
        .map(|n| n == 1)
    }

    /// How many people study a program, and how many have completed it.
    pub fn count_by_program(
        conn: &mut DbConnection,
        program: &ProgramId,
    ) -> QueryResult<(i64, i64)> {
        let all = study_enrollments::table
            .filter(study_enrollments::program_id.eq(program))
            .count()
            .get_result(conn)?;
        let done = study_enrollments::table
            .filter(study_enrollments::program_id.eq(program))
            .filter(study_enrollments::completed_at.is_not_null())
            .count()
            .get_result(conn)?;
        Ok((all, done))
    }
}
