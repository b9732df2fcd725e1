//! Email that arrives once: every mail is rendered at enqueue into the outbox, in the same
//! transaction as the change it reports; a worker delivers it through the configured transport.

pub mod compose;
pub mod outbox;
pub mod preferences;
pub mod transport;
pub mod worker;

pub use compose::{Composer, Email, enqueue};

/// Every kind of mail: one folder under `templates/emails/` each (subject, text and HTML).
pub const TEMPLATES: [&str; 23] = [
    "application_admitted",
    "application_declined",
    "application_manager_decided",
    "application_manager_request",
    "application_waitlisted",
    "certificate_issued",
    "certificate_revoked",
    "event_cancellation",
    "event_guest_link",
    "event_invitation",
    "event_waitlisted",
    "expert_contact",
    "feedback_released",
    "grading_alert",
    "invitation",
    "owner_impact",
    "owner_register",
    "owner_weekly",
    "password_changed",
    "reminder_digest",
    "review_sent_back",
    "reviews_allocated",
    "sign_in_link",
];

/// Mail kinds whose text holds a link that signs someone in. Once such a mail is out (or given
/// up), its text is replaced by [`FORGOTTEN_BODY`]: nothing in the database can sign anyone in.
pub const CARRIES_SIGN_IN: [&str; 2] = ["sign_in_link", "invitation"];

/// What a sent mail that carried a sign-in link keeps of its text.
pub const FORGOTTEN_BODY: &str = "(removed after sending: the mail carried a sign-in link)";
pub use transport::{SendError, SentMail, Transport};
pub use worker::Worker;
