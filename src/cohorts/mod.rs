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

/// The states of a cohort, in order.
pub const STATES: [&str; 4] = ["planned", "running", "completed", "archived"];

/// Whether a cohort in `state` may still change (schedule, roster, enrollments).
pub fn is_editable(state: &str) -> bool {
    matches!(state, "planned" | "running")
}

/// Whether a cohort may go from `from` to `to`: one step forward at a time.
pub fn can_transition(from: &str, to: &str) -> bool {
    let index = |s: &str| STATES.iter().position(|x| *x == s);
    matches!((index(from), index(to)), (Some(a), Some(b)) if b == a + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_move_forward_one_step() {
        assert!(can_transition("planned", "running"));
        assert!(can_transition("running", "completed"));
        assert!(can_transition("completed", "archived"));
        assert!(!can_transition("planned", "completed"));
        assert!(!can_transition("completed", "running"));
        assert!(!can_transition("archived", "planned"));
        assert!(!is_editable("completed") && !is_editable("archived") && is_editable("running"));
    }
}
