//! Extensions: the owner gives one trainee a later due date for one assignment; it also lifts
//! a hard cut-off for that assignment.

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use serde_json::json;

use super::{CohortRefusal, is_editable};
use crate::accounts::Identity;
use crate::db::models::{Assignment, AuditEntry, Cohort, Enrollment, Extension};
use crate::db::{DbConnection, write_tx};
use crate::domain::ids::{CohortId, EnrollmentId, ExtensionId};
use crate::domain::schedule::end_of_day;
use crate::error::{AppError, FieldError, Outcome, Refusal};

/// Grants (or changes) an extension until the end of `until` in the cohort's time zone;
/// returns the enrollment's cohort.
pub fn grant(
    conn: &mut DbConnection,
    actor: &Identity,
    enrollment: &EnrollmentId,
    assignment_slug: &str,
    until: &str,
    reason: &str,
    now: NaiveDateTime,
) -> Outcome<CohortId> {
    if !actor.is_owner {
        return Err(AppError::Forbidden);
    }
    let until = until.trim().parse::<NaiveDate>();
    let reason = reason.trim();
    let mut fields = Vec::new();
    if until.is_err() {
        fields.push(FieldError::new("until", "error-date-format"));
    }
    if reason.is_empty() || reason.chars().count() > 500 {
        fields.push(FieldError::new("reason", "error-reason-missing"));
    }
    let Ok(until) = until else {
        return Ok(Err(Refusal::invalid(fields)));
    };
    if !fields.is_empty() {
        return Ok(Err(Refusal::invalid(fields)));
    }
    write_tx(conn, |conn| {
        let enrollment = Enrollment::find(conn, enrollment)?.ok_or(AppError::NotFound)?;
        let cohort = Cohort::find(conn, &enrollment.cohort_id)?.ok_or(AppError::NotFound)?;
        if !is_editable(cohort.state) {
            return Ok(Err(CohortRefusal::ReadOnly.into()));
        }
        let assignment = Assignment::list_by_version(conn, &cohort.curriculum_version_id)?
            .into_iter()
            .find(|a| a.slug == assignment_slug)
            .ok_or(AppError::NotFound)?;
        let tz: Tz = cohort.time_zone.parse().unwrap_or(chrono_tz::UTC);
        if until < tz.from_utc_datetime(&now).date_naive() {
            return Ok(Err(Refusal::invalid(vec![FieldError::new(
                "until",
                "extension-error-past",
            )])));
        }
        let row = Extension {
            id: ExtensionId::new(),
            enrollment_id: enrollment.id.clone(),
            assignment_id: assignment.id.clone(),
            due_at: end_of_day(tz, until),
            reason: reason.to_string(),
            granted_by: Some(actor.person.id.clone()),
            created_at: now,
        };
        Extension::upsert(conn, &row)?;
        AuditEntry::new(
            now,
            Some(&actor.person.id),
            "extension_granted",
            "enrollment",
            Some(enrollment.id.as_str()),
        )
        .details(json!({ "assignment": assignment.slug, "until": until, "reason": reason }))
        .record(conn)?;
        Ok(Ok(enrollment.cohort_id))
    })
}
