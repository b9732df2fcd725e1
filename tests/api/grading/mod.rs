//! Grading by co-trainers: allocation of reviews, the co-trainer pool, the review queue, the
//! rubric form, and moderation of disagreements and disputes.

mod allocation;
mod anonymity;
mod calibration;
mod moderation;
mod overview_kept;
mod pool;
mod queue;
mod required;
mod review;
