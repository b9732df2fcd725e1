//! What the tests share: the running app ([`app`]), the browser that keeps cookies and sends
//! forms with the CSRF token ([`browser`]), the SMTP peer on loopback ([`smtp_server`]), the
//! machinery of the permission table ([`permission_table`]) and the data sets the tests of one
//! area build on ([`fixtures`]). Test modules take what they need from here and never from
//! each other.

pub mod api;
pub mod app;
pub mod browser;
pub mod cli;
pub mod content;
pub mod fixtures;
pub mod permission_table;
pub mod smtp_server;
pub mod uploads;
