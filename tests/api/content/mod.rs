//! The curriculum: the public program page and its API, syncing the folder into versions, and
//! the validator's findings (a refresher's `renews` among them), and the glossary every text follows.

mod glossary;
mod live_sessions;
mod program;
mod renewal;
mod rubric_rules;
mod self_paced;
mod sync;
mod topics;
mod validation;
