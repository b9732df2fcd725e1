//! A trainee's work: the journey through the modules of their cohort, drafts, submissions
//! with every version kept, late marking and the cut-off, withdrawal before grading starts.

pub mod attachments;
pub mod calendar;
pub mod journey;
pub mod session_standing;
pub mod upload;
pub mod work;
