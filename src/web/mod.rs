//! What both front doors share for rendering: the embedded templates and their language
//! copies, the German and English texts, Markdown, error pages, and small HTTP helpers.

pub mod copy_calls;
pub mod error_pages;
pub mod fluent_function;
pub mod formats;
pub mod http;
pub mod i18n;
pub mod language_copies;
pub mod markdown;
pub mod pager;
pub mod ranges;
pub mod templates;
mod text_coverage;
pub mod viewer;
