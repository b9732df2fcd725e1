//! Live sessions: planning, registration with its waitlist, and the calendar invitations
//! mailed about them.

mod api;
mod attendance;
mod calendar_feed;
mod certification_rule;
mod import;
mod invitations;
mod pages;
mod reminder;
mod roll_call;
mod waitlist;
