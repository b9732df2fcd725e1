//! qualify: a company's community-manager qualification and certification program.
//!
//! Trainees work through curriculum modules in cohorts and submit assignments; certified
//! graduates grade them as co-trainers; the program owner runs cohorts and issues certificates.
//! The crate is laid out by area (see `DESIGN.md` in the shared folder and the README):
//! `content` (curriculum as code), `accounts`, `db`, and the thin front doors `routes` (HTML)
//! and `api` (JSON).

pub mod accounts;
pub mod api;
pub mod backup;
pub mod certificates;
pub mod cli;
mod cli_ops;
pub mod clock;
pub mod cohorts;
pub mod config;
mod config_keys;
mod config_table;
pub mod content;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod error_pages;
pub mod grading;
pub mod i18n;
pub mod jobs;
pub mod mail;
pub mod maintenance;
pub mod markdown;
pub mod metrics;
pub mod reports;
pub mod routes;
pub mod shutdown;
pub mod startup;
pub mod storage;
pub mod submissions;
pub mod telemetry;
pub mod template_calls;
pub mod template_texts;
pub mod template_variants;
pub mod templates;
