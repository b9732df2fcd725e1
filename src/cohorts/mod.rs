//! Cohorts and enrollment: creating a cohort with its schedule, its life cycle (planned →
//! running → completed → archived; a completed cohort is read-only), co-trainers, and
//! enrolling, moving, deferring and withdrawing trainees, and applications for a cohort program.

pub mod application_decisions;
pub mod application_form;
pub mod application_list;
pub mod application_manager;
pub mod application_status;
pub mod applications;
pub mod changes;
pub mod context;
pub mod enrollment;
pub mod enrollment_view;
pub mod extensions;
pub mod lifecycle;
pub mod live_sessions;
pub mod schedule_cache;
pub mod view;

use crate::accounts::Identity;
use crate::db::DbConnection;
use crate::db::models::Cohort;
use crate::domain::ids::CohortId;
use crate::domain::states::CohortState;
use crate::error::{AppError, Outcome, Refusal, reasons};

reasons! {
    /// Why a change to a cohort or its enrollments was refused, besides fields to correct.
    pub enum CohortRefusal {
        /// Addresses of nobody with an active account (named in the detail).
        UnknownCotrainers = "unknown_cotrainers" => ("error-unknown-cotrainers", UNPROCESSABLE_ENTITY),
        /// A completed or archived cohort no longer changes.
        ReadOnly = "read_only" => ("error-cohort-read-only", CONFLICT),
        /// Someone changed the cohort or the enrollment since it was read.
        Stale = "stale" => ("error-changed-meanwhile", CONFLICT),
        /// The state asked for is not the next one.
        Transition = "transition" => ("error-cohort-transition", UNPROCESSABLE_ENTITY),
        /// The cohort to move to no longer takes trainees.
        TargetClosed = "target_closed" => ("error-target-cohort-closed", CONFLICT),
        /// The cohort to move to is the trainee's own.
        SameCohort = "same_cohort" => ("error-same-cohort", UNPROCESSABLE_ENTITY),
        /// The cohort to move to follows another curriculum version.
        OtherVersion = "other_version" => ("error-other-version", CONFLICT),
        /// A deferral must go to a cohort that starts later.
        DeferLater = "defer_later" => ("error-defer-later", UNPROCESSABLE_ENTITY),
        /// The trainee is already enrolled in the cohort to move to.
        AlreadyEnrolled = "already_enrolled" => ("error-already-enrolled", CONFLICT),
        /// A refresher's cohort takes only people whose certificate it renews is active or
        /// expired within its grace months (those who are not are named in the detail).
        NotRenewable = "not_renewable" => ("error-enroll-no-certificate", UNPROCESSABLE_ENTITY),
    }
}

/// Loads a cohort for a change by the owner: it must exist and still be editable.
pub fn for_change(conn: &mut DbConnection, actor: &Identity, id: &CohortId) -> Outcome<Cohort> {
    if !actor.is_owner {
        return Err(AppError::Forbidden);
    }
    let cohort = Cohort::find(conn, id)?.ok_or(AppError::NotFound)?;
    if !is_editable(cohort.state) {
        return Ok(Err(Refusal::from(CohortRefusal::ReadOnly)));
    }
    Ok(Ok(cohort))
}

/// The states of a cohort, in order.
pub const STATES: [CohortState; 4] = [
    CohortState::Planned,
    CohortState::Running,
    CohortState::Completed,
    CohortState::Archived,
];

/// Whether a cohort in `state` may still change (schedule, roster, enrollments).
pub fn is_editable(state: CohortState) -> bool {
    matches!(state, CohortState::Planned | CohortState::Running)
}

/// Whether a cohort may go from `from` to `to`: one step forward at a time.
pub fn can_transition(from: CohortState, to: CohortState) -> bool {
    let index = |s: CohortState| STATES.iter().position(|x| *x == s);
    matches!((index(from), index(to)), (Some(a), Some(b)) if b == a + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use CohortState::*;

    #[test]
    fn states_move_forward_one_step() {
        assert!(can_transition(Planned, Running));
        assert!(can_transition(Running, Completed));
        assert!(can_transition(Completed, Archived));
        assert!(!can_transition(Planned, Completed));
        assert!(!can_transition(Completed, Running));
        assert!(!can_transition(Archived, Planned));
        assert!(!is_editable(Completed) && !is_editable(Archived) && is_editable(Running));
    }

    #[test]
    fn the_order_holds_every_state() {
        assert_eq!(STATES.as_slice(), CohortState::ALL);
    }
}
