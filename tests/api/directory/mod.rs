//! The HR directory: the people sync (dry run, idempotency, leavers, reinstatement, the
//! guard, manager errors), the reporting line in allocation, and SCIM provisioning.

mod cli;
mod reporting_line;
mod scim;
mod sync;
mod sync_effects;
