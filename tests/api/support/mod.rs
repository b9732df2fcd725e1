//! What the tests share, and the only module test files import from (besides `qualify`):
//!
//! - the running app: [`app`] (`spawn_app`, settings, database, `Response`), [`clock`] (moving
//!   the fixed clock), [`jobs`] (the scheduler's jobs run by hand, the mail composer);
//! - the clients: [`api`] (bearer-token requests under `/api/v1`, one `api()` and one `token()`),
//!   [`browser`] (cookies, CSRF token, forms), [`uploads`] (multipart forms), [`scrape`] (values
//!   read out of pages and mails), [`cli`] (the binary);
//! - the peers: [`smtp_server`] (a real SMTP server on loopback), [`oidc_provider`] (a real
//!   OpenID Connect provider on loopback), [`oidc_fake`] (a scripted one, for forged tokens
//!   and rotated keys);
//! - the data: [`content`] (the curriculum and writable copies), [`fixtures`] (data sets by
//!   area), [`permission_table`] (the rows and how a row is called);
//! - the files: [`pdf`] (a PDF's text read back with poppler's pdftotext), [`ob3`] (an
//!   independent Open Badges 3.0 verifier checking credentials and baked badges);
//! - the layout checks: [`sources`] (the repository's own Rust files);
//! - the language checks: [`glossary`] (the scanner behind the glossary test) and
//!   [`glossary_sources`] (the lines of each kind of source it reads).

pub mod api;
pub mod app;
pub mod browser;
pub mod cli;
pub mod clock;
pub mod content;
pub mod fixtures;
pub mod glossary;
pub mod glossary_sources;
pub mod jobs;
pub mod ob3;
pub mod oidc_fake;
pub mod oidc_provider;
pub mod pdf;
pub mod permission_table;
pub mod scrape;
pub mod smtp_server;
pub mod sources;
pub mod uploads;
