//! `curriculum_versions`: immutable, content-addressed snapshots of a program's curriculum.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::curriculum_versions;
use crate::domain::ids::{CurriculumVersionId, ProgramId};

/// A curriculum version.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = curriculum_versions)]
pub struct CurriculumVersion {
    /// Id.
    pub id: CurriculumVersionId,
    /// The program.
    pub program_id: ProgramId,
    /// 1, 2, 3 … per program.
    pub sequence: i32,
    /// SHA-256 of the curriculum's content.
    pub content_hash: String,
    /// Program title, German.
    pub title_de: String,
    /// Program title, English.
    pub title_en: String,
    /// Description, German.
    pub description_de: String,
    /// Description, English.
    pub description_en: String,
    /// Certificate validity.
    pub validity_months: i32,
    /// Minimum total points for the certificate.
    pub min_total_points: i32,
    /// Minimum share of the cohort's live sessions attended, in percent (0: none).
    pub min_attendance_percent: i32,
    /// Whether an excused absence counts as attended.
    pub excused_counts: bool,
    /// Days to grade a submission.
    pub grading_days: i32,
    /// Late submissions refused after the due moment.
    pub hard_cutoff: bool,
    /// When it was synced.
    pub created_at: NaiveDateTime,
    /// Co-trainers see a pseudonym instead of the trainee.
    pub anonymous_grading: bool,
    /// Trainees see their co-trainer's name.
    pub reveal_reviewer: bool,
    /// Share of decisions sampled for moderation (0-100).
    pub moderation_sample_percent: i32,
    /// Overdue reviews not yet started move to another co-trainer automatically.
    pub reallocate_overdue: bool,
    /// Reference submissions a new co-trainer grades before real reviews (0: no calibration).
    pub calibration_references: i32,
    /// Share (percent) of allocations that also put a hidden reference in the queue.
    pub calibration_hidden_percent: i32,
    /// Where learners ask questions, German.
    pub community_de: Option<String>,
    /// Where learners ask questions, English.
    pub community_en: Option<String>,
    /// A self-paced program's pass mark for knowledge checks (percent correct).
    pub pass_percent: i32,
    /// The self-paced program whose certificate applicants must hold.
    pub requires_program: Option<String>,
    /// Applicants' managers approve before the owner decides.
    pub manager_approval: bool,
    /// The program whose certification a pass of this one renews (a refresher).
    pub renews_program: Option<String>,
    /// Months after expiry a holder may still be enrolled to renew (a refresher's).
    pub renewal_grace_months: i32,
    /// The live sessions laid on every new cohort (JSON of
    /// [`crate::content::model::LiveSessionPlan`]); none: no sessions.
    pub live_sessions: Option<String>,
}

/// New versions are inserted whole.
pub type NewCurriculumVersion = CurriculumVersion;

impl CurriculumVersion {
    /// The version of a program with this content hash.
    pub fn find_by_hash(
        conn: &mut DbConnection,
        program: &ProgramId,
        hash: &str,
    ) -> QueryResult<Option<CurriculumVersion>> {
        curriculum_versions::table
            .filter(curriculum_versions::program_id.eq(program))
            .filter(curriculum_versions::content_hash.eq(hash))
            .select(CurriculumVersion::as_select())
            .first(conn)
            .optional()
    }

    /// The newest version of a program.
    pub fn find_current(
        conn: &mut DbConnection,
        program: &ProgramId,
    ) -> QueryResult<Option<CurriculumVersion>> {
        curriculum_versions::table
            .filter(curriculum_versions::program_id.eq(program))
            .order(curriculum_versions::sequence.desc())
            .select(CurriculumVersion::as_select())
            .first(conn)
            .optional()
    }

    /// A version by id.
    pub fn find(
        conn: &mut DbConnection,
        id: &CurriculumVersionId,
    ) -> QueryResult<Option<CurriculumVersion>> {
        curriculum_versions::table
            .find(id)
            .select(CurriculumVersion::as_select())
            .first(conn)
            .optional()
    }

    /// Every version of a program, oldest first.
    pub fn list_by_program(
        conn: &mut DbConnection,
        program: &ProgramId,
    ) -> QueryResult<Vec<CurriculumVersion>> {
        curriculum_versions::table
            .filter(curriculum_versions::program_id.eq(program))
            .order(curriculum_versions::sequence.asc())
            .select(CurriculumVersion::as_select())
            .load(conn)
    }

    /// The highest sequence number so far (0 when none).
    pub fn max_sequence(conn: &mut DbConnection, program: &ProgramId) -> QueryResult<i32> {
        curriculum_versions::table
            .filter(curriculum_versions::program_id.eq(program))
            .select(diesel::dsl::max(curriculum_versions::sequence))
            .first::<Option<i32>>(conn)
            .map(|m| m.unwrap_or(0))
    }

    /// Inserts a version.
    pub fn create(conn: &mut DbConnection, new: &NewCurriculumVersion) -> QueryResult<()> {
        diesel::insert_into(curriculum_versions::table)
            .values(new)
            .execute(conn)
            .map(|_| ())
    }
}
