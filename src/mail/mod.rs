//! Email that arrives once: every mail is rendered at enqueue into the outbox, in the same
//! transaction as the change it reports; a worker delivers it through the configured transport.

pub mod compose;
pub mod outbox;
pub mod preferences;
pub mod transport;
pub mod worker;

pub use compose::{Composer, Email, enqueue};
pub use transport::{SendError, SentMail, Transport};
pub use worker::Worker;
