//! The curriculum: the public program page and its API, syncing the folder into versions, and
//! the validator's findings.

mod program;
mod rubric_rules;
mod sync;
mod validation;
