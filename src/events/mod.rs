//! Live sessions and community events. An event belongs to a cohort (one of its live sessions:
//! seen by its trainees and co-trainers) or is open to every signed-in employee. The owner
//! plans, changes and calls off events; people register with one click and get a calendar
//! invitation; a full event keeps a waitlist whose first person moves up, and is told, when a
//! place is freed.
//!
//! Hosts take the roll call once a session has begun, and people with a place check in with a
//! code that changes every minute (`attendance`, `check_in`).
//!
//! Every change calendars must learn of raises the event's iCalendar `SEQUENCE` and mails the
//! invitation again, in the same transaction, through the outbox.

pub mod attendance;
pub mod attendance_import;
pub mod check_in;
pub mod cohort_sessions;
pub mod guests;
pub mod ical;
pub mod input;
pub mod invitations;
pub mod manage;
pub mod registration;
pub mod view;

use crate::error::reasons;

reasons! {
    /// Why something about an event was refused, besides fields to correct.
    pub enum EventRefusal {
        /// The event was called off.
        Canceled = "event_canceled" => ("event-error-canceled", CONFLICT),
        /// Registration has ended (its window closed, or the event began).
        Closed = "registration_closed" => ("event-error-closed", CONFLICT),
        /// Every place is taken and the event keeps no waitlist.
        Full = "full" => ("event-error-full", CONFLICT),
        /// The event has begun: a place can no longer be given up.
        Started = "started" => ("event-error-started", CONFLICT),
        /// Someone changed the event since it was read.
        Stale = "stale" => ("error-changed-meanwhile", CONFLICT),
        /// Attendance is taken once the session has begun.
        NotStarted = "not_started" => ("event-error-not-started", CONFLICT),
        /// Checking in is open from shortly before the start to the end.
        CheckInClosed = "check_in_closed" => ("event-error-check-in-closed", CONFLICT),
        /// Only people with a place check in.
        NotRegistered = "not_registered" => ("event-error-not-registered", CONFLICT),
        /// A guest's link was not followed in time: they register again.
        GuestLinkExpired = "guest_link_expired" => ("event-error-guest-link-expired", GONE),
    }
}
