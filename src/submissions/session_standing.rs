//! The live sessions a trainee attended, against the share their program asks for, as the
//! dashboard and `getMyProgress` show it.

use crate::cohorts::context::EnrollmentContext;
use crate::db::DbConnection;
use crate::error::AppError;
use serde::Serialize;

/// The live sessions a trainee attended out of their cohort's, against the program's share.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SessionStanding {
    /// Sessions attended (an excused absence counting where the program says so).
    pub attended: i64,
    /// The cohort's sessions (not called off).
    pub sessions: i64,
    /// The share the certificate needs, in percent.
    pub min_percent: i32,
    /// Whether the share is reached.
    pub met: bool,
}

/// The live sessions attended, read only where the program asks for a share and the cohort
/// has sessions.
pub fn of(
    conn: &mut DbConnection,
    ctx: &EnrollmentContext,
) -> Result<Option<SessionStanding>, AppError> {
    let min_percent = ctx.version.min_attendance_percent;
    if min_percent == 0 {
        return Ok(None);
    }
    let (sessions, attended) = crate::db::models::EventRegistration::cohort_attendance(
        conn,
        &ctx.cohort.id,
        &ctx.enrollment.person_id,
        ctx.version.excused_counts,
    )?;
    Ok((sessions > 0).then_some(SessionStanding {
        attended,
        sessions,
        min_percent,
        met: attended * 100 >= i64::from(min_percent) * sessions,
    }))
}
