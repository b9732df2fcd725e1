//! The owner's changes to a cohort — its name, its next state, its modules' dates — checked
//! against the version the owner read (optimistic locking) and made in one transaction: a
//! change made meanwhile by someone else is refused with "changed meanwhile", never
//! overwritten, and a refused change leaves nothing half-done.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;
use serde_json::json;

use super::{can_transition, is_editable};
use crate::accounts::Identity;
use crate::db::models::{AuditEntry, Cohort, ScheduleEntry};
use crate::db::{DbConnection, write_tx};
use crate::domain::ids::{CohortId, ModuleId};
use crate::domain::schedule::{end_of_day, local_to_utc};
use crate::domain::states::CohortState;
use crate::error::AppError;

/// New dates for one module, as typed (local dates in the cohort's time zone).
#[derive(Debug, Clone)]
pub struct ScheduleMove {
    /// The module.
    pub module: ModuleId,
    /// Opening date.
    pub unlock_on: String,
    /// Due date (due at the end of that day).
    pub due_on: String,
}

/// What the owner asks to change, and the version of the cohort they read.
#[derive(Debug, Default)]
pub struct CohortChange<'a> {
    /// The cohort's `lock_version` as read.
    pub lock_version: i32,
    /// New name.
    pub name: Option<&'a str>,
    /// The next state, as typed (a text that names no state is refused as a transition).
    pub state: Option<&'a str>,
    /// New module dates.
    pub schedule: &'a [ScheduleMove],
}

/// The dates of a move, checked before anything is written.
fn dates(m: &ScheduleMove) -> Result<(NaiveDate, NaiveDate), AppError> {
    let (Ok(unlock), Ok(due)) = (
        m.unlock_on.trim().parse::<NaiveDate>(),
        m.due_on.trim().parse::<NaiveDate>(),
    ) else {
        return Err(AppError::BadRequest("error-date-format".into()));
    };
    if due < unlock {
        return Err(AppError::BadRequest("error-due-before-open".into()));
    }
    Ok((unlock, due))
}

/// Applies `change` if the cohort is still at `change.lock_version`. A completed cohort may only
/// be archived; a planned or running one may be renamed, moved on one state and rescheduled.
pub fn apply(
    conn: &mut DbConnection,
    actor: &Identity,
    id: &CohortId,
    change: &CohortChange<'_>,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    if !actor.is_owner {
        return Err(AppError::Forbidden);
    }
    let moves = change
        .schedule
        .iter()
        .map(|m| dates(m).map(|d| (m, d)))
        .collect::<Result<Vec<_>, _>>()?;
    write_tx(conn, |conn| {
        let cohort = Cohort::find(conn, id)?.ok_or(AppError::NotFound)?;
        // `None` when the typed state names no state.
        let new_state = change.state.map_or(Some(cohort.state), CohortState::parse);
        let only_archiving = change.name.is_none()
            && moves.is_empty()
            && cohort.state == CohortState::Completed
            && new_state == Some(CohortState::Archived);
        if !is_editable(cohort.state) && !only_archiving {
            return Err(AppError::Conflict("error-cohort-read-only".into()));
        }
        let Some(new_state) =
            new_state.filter(|s| *s == cohort.state || can_transition(cohort.state, *s))
        else {
            return Err(AppError::BadRequest("error-cohort-transition".into()));
        };
        let new_name = change.name.map(str::trim).unwrap_or(&cohort.name);
        if new_name.is_empty() || new_name.chars().count() > 120 {
            return Err(AppError::BadRequest("cohort-error-name".into()));
        }
        if !moves.is_empty() {
            let modules: Vec<ModuleId> = ScheduleEntry::list_by_cohort(conn, id)?
                .into_iter()
                .map(|e| e.module_id)
                .collect();
            if moves.iter().any(|(m, _)| !modules.contains(&m.module)) {
                return Err(AppError::NotFound);
            }
        }
        // The version check takes the cohort's row for the rest of this transaction.
        if !Cohort::update(conn, id, change.lock_version, new_name, new_state, now)? {
            return Err(AppError::Conflict("error-changed-meanwhile".into()));
        }
        if change.name.is_some() || change.state.is_some() {
            AuditEntry::new(
                now,
                Some(&actor.person.id),
                "cohort_updated",
                "cohort",
                Some(id.as_str()),
            )
            .details(
                json!({ "name": new_name, "state": new_state, "previous_state": cohort.state }),
            )
            .record(conn)?;
        }
        let tz: Tz = cohort
            .time_zone
            .parse()
            .map_err(|_| AppError::Internal(anyhow::anyhow!("bad stored time zone")))?;
        for (m, (unlock, due)) in moves.iter().copied() {
            let unlock_at = local_to_utc(tz, unlock.and_time(NaiveTime::MIN), false);
            let moments = (unlock_at, end_of_day(tz, due));
            ScheduleEntry::update(conn, id, &m.module, moments, now)?;
            AuditEntry::new(
                now,
                Some(&actor.person.id),
                "cohort_rescheduled",
                "cohort",
                Some(id.as_str()),
            )
            .details(json!({ "module": m.module, "unlock_on": unlock, "due_on": due }))
            .record(conn)?;
        }
        Ok(())
    })
}
