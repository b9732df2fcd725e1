//! People, roles, sign-in, sessions, API tokens, guards and CSRF protection.

pub mod csrf;
