//! Forms in the browser: a refused form comes back with each message beside its field (the
//! field marked `aria-invalid` and described by the message) and what was typed kept; empty
//! lists say what to do next.

mod application_decisions;
mod applications;
mod cohorts_and_reports;
mod cotrainers;
mod empty_lists;
mod enrollment_actions;
mod profile_and_sign_in;
