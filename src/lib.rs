//! qualify: a company's community-manager qualification and certification program.
//!
//! Trainees work through curriculum modules in cohorts and submit assignments; certified
//! graduates grade them as co-trainers; the program owner runs cohorts and issues certificates.
//!
//! The crate reads as a table of contents of the domain:
//! - the areas, each owning its use cases (one function per use case, taking the acting person
//!   and validated input, doing its work in one transaction with its outbox rows):
//!   [`accounts`], [`content`], [`cohorts`], [`submissions`], [`grading`], [`certificates`],
//!   [`mail`], [`jobs`], [`reports`], [`directory`] (people data from the HR directory and
//!   SCIM);
//! - what they build on: [`domain`] (validated values, typed ids, states and pure rules, no
//!   I/O), [`db`] (connections, migrations, models that own their tables' queries),
//!   [`storage`] (where uploaded files live: a folder or an S3 bucket), [`clock`], [`error`];
//! - the two front doors, kept thin: [`routes`] (HTML pages) and [`api`] (JSON under
//!   `/api/v1`). They parse, authorize, call one area function and render; they never import
//!   each other and never touch the database (a test reads their sources to keep it so);
//! - what the front doors share for rendering: [`web`] (templates, texts in German and
//!   English, Markdown, error pages, HTTP helpers);
//! - running it: [`startup`] (route table, application), [`state`] (what handlers share), [`config`], [`cli`], [`ops`] (logs,
//!   metrics, graceful shutdown).
//!
//! `docs/development.md` explains the conventions; `docs/features.md` what each area does.

pub mod accounts;
pub mod api;
pub mod certificates;
pub mod cli;
pub mod clock;
pub mod cohorts;
pub mod config;
pub mod content;
pub mod db;
pub mod directory;
pub mod domain;
pub mod error;
pub mod events;
pub mod experts;
pub mod grading;
pub mod jobs;
pub mod learning;
pub mod mail;
pub mod ops;
pub mod reports;
pub mod routes;
pub mod startup;
pub mod state;
pub mod storage;
pub mod submissions;
pub mod web;
