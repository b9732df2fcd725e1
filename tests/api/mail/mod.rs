//! Mail: delivery through the outbox to a real SMTP server, unsubscribing, racing instances,
//! and the reminder digests.

mod delivery;
mod preferences;
mod race;
mod reminders;
