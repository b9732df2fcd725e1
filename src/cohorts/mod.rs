//! Cohorts and enrollment: creating a cohort with its schedule, its life cycle (planned →
//! running → completed → archived; a completed cohort is read-only), co-trainers, and
//! enrolling, moving, deferring and withdrawing trainees.

pub mod changes;
pub mod context;
pub mod enrollment;
pub mod extensions;
pub mod lifecycle;
pub mod schedule_cache;
pub mod view;

use crate::domain::states::CohortState;

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
