//! Cohorts: their life cycle and schedule, enrolling trainees (in a refresher only holders of a certificate it renews) and moving them, the running
//! totals kept per enrollment, and schedule changes reaching the trainees at once.

mod enrollment;
mod enrollment_page;
mod enrollment_totals;
mod life_cycle;
mod refresher_enrollment;
mod rosters;
mod schedule_changes;
