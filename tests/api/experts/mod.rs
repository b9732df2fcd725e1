//! The expert directory: joining with consent, searching, asking a question, withdrawing.

mod api;
mod directory;
mod search;
