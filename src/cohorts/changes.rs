//! The owner's changes to a cohort — its name, its next state, its modules' dates — checked
//! against the version the owner read (optimistic locking) and made in one transaction: a
//! change made meanwhile by someone else is refused with "changed meanwhile", never
//! overwritten, and a refused change leaves nothing half-done.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;
use serde_json::json;

use super::{CohortRefusal, can_transition, is_editable};
use crate::accounts::Identity;
use crate::db::models::{AuditEntry, Cohort, ScheduleEntry};
use crate::db::{DbConnection, refusable_tx};
use crate::domain::ids::{CohortId, ModuleId};
use crate::domain::schedule::{end_of_day, local_to_utc};
use crate::domain::states::CohortState;
use crate::error::{AppError, FieldError, Outcome, Refusal};

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
fn dates(m: &ScheduleMove) -> Result<(NaiveDate, NaiveDate), Refusal> {
    let unlock = m.unlock_on.trim().parse::<NaiveDate>();
    let due = m.due_on.trim().parse::<NaiveDate>();
    let mut fields = Vec::new();
    if unlock.is_err() {
        fields.push(FieldError::new("unlock_on", "error-date-format"));
    }
    if due.is_err() {
        fields.push(FieldError::new("due_on", "error-date-format"));
    }
    match (unlock, due) {
        (Ok(unlock), Ok(due)) if due < unlock => Err(Refusal::invalid(vec![FieldError::new(
            "due_on",
            "error-due-before-open",
        )])),
        (Ok(unlock), Ok(due)) => Ok((unlock, due)),
        _ => Err(Refusal::invalid(fields)),
    }
}

/// Applies `change` if the cohort is still at `change.lock_version`. A completed cohort may only
/// be archived; a planned or running one may be renamed, moved on one state and rescheduled.
pub fn apply(
    conn: &mut DbConnection,
    actor: &Identity,
    id: &CohortId,
    change: &CohortChange<'_>,
    now: NaiveDateTime,
) -> Outcome<()> {
    if !actor.is_owner {
        return Err(AppError::Forbidden);
    }
    let moves = match change
        .schedule
        .iter()
        .map(|m| dates(m).map(|d| (m, d)))
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(moves) => moves,
        Err(refusal) => return Ok(Err(refusal)),
    };
    refusable_tx(conn, |conn| {
        let cohort = Cohort::find(conn, id)?.ok_or(AppError::NotFound)?;
        // `None` when the typed state names no state.
        let new_state = change.state.map_or(Some(cohort.state), CohortState::parse);
        let only_archiving = change.name.is_none()
            && moves.is_empty()
            && cohort.state == CohortState::Completed
            && new_state == Some(CohortState::Archived);
        if !is_editable(cohort.state) && !only_archiving {
            return Ok(Err(CohortRefusal::ReadOnly.into()));
        }
        let Some(new_state) =
            new_state.filter(|s| *s == cohort.state || can_transition(cohort.state, *s))
        else {
            return Ok(Err(CohortRefusal::Transition.into()));
        };
        let new_name = change.name.map(str::trim).unwrap_or(&cohort.name);
        if new_name.is_empty() || new_name.chars().count() > 120 {
            return Ok(Err(Refusal::invalid(vec![FieldError::new(
                "name",
                "cohort-error-name",
            )])));
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
            return Ok(Err(CohortRefusal::Stale.into()));
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
        Ok(Ok(()))
    })
}
