//! Integration tests: the real application on port 0 with a fresh database — a SQLite file,
//! or a new PostgreSQL database when `TEST_DATABASE_URL` is set — and a fixed clock.
//!
//! `support/` holds what the tests share (the app, the API and browser clients, the SMTP peer,
//! fixtures by area); the tests sit in one folder per area and never import each other.

mod support;

mod accounts;
mod applications;
mod architecture;
mod certificates;
mod cohorts;
mod content;
mod directory;
mod events;
mod experts;
mod forms;
mod grading;
mod layout;
mod lists;
mod mail;
mod operations;
mod permissions;
mod reports;
mod study;
mod submissions;
