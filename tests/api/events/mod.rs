//! Live sessions: planning, registration with its waitlist, and the calendar invitations
//! mailed about them.

mod api;
mod api_admin;
mod attendance;
mod attendance_standing;
mod calendar_feed;
mod certification_rule;
mod cohort_sessions;
mod guests;
mod import;
mod invitations;
mod pages;
mod reminder;
mod roll_call;
mod waitlist;
