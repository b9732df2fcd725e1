//! The curriculum: the public program page and its API, syncing the folder into versions, and
//! the validator's findings, and the glossary every text follows.

mod glossary;
mod program;
mod rubric_rules;
mod self_paced;
mod sync;
mod validation;
