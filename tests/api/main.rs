//! Integration tests: the real application on port 0 with a fresh database — a SQLite file,
//! or a new PostgreSQL database when `TEST_DATABASE_URL` is set — and a fixed clock.

mod attachments;
mod browser;
mod calendar;
mod certificate_verification;
mod certificates;
mod cli;
mod cohorts;
mod content_sync;
mod content_validation;
mod enrollment;
mod grading_allocation;
mod grading_fixture;
mod grading_moderation;
mod grading_pool;
mod grading_review;
mod health;
mod helpers;
mod journey;
mod mail_delivery;
mod mail_preferences;
mod migrations;
mod people;
mod permission_cases;
mod permission_cases_more;
mod permission_table;
mod permissions;
mod program;
mod reminders;
mod security;
mod sessions;
mod settings;
mod sign_in;
mod smtp_server;
