//! Co-trainers and grading: the pool, allocation of submitted work, rubric reviews, the
//! decision a trainee receives, moderation and disputes, escalation of overdue reviews, and the
//! owner's figures. Every use case takes the acting person, checks permission and does its work
//! in one transaction with its outbox rows.

pub mod alerts;
pub mod allocate;
pub mod calibration;
mod calibration_view;
mod candidates;
pub mod decide;
pub mod escalation;
pub mod items;
pub mod moderation;
pub mod overview;
pub mod overview_kept;
pub mod pool;
pub mod pool_page;
pub mod queue;
pub mod reassign;
pub mod review;
pub mod review_page;
pub mod review_stats;
pub mod trainee;
pub mod views;
