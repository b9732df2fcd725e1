//! Live sessions: planning, registration with its waitlist, and the calendar invitations
//! mailed about them.

mod calendar_feed;
mod invitations;
mod pages;
mod waitlist;
