//! Cohorts: their life cycle and schedule, enrolling trainees and moving them, the running
//! totals kept per enrollment, and schedule changes reaching the trainees at once.

mod enrollment;
mod enrollment_totals;
mod life_cycle;
mod schedule_changes;
