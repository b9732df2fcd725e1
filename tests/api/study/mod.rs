//! Self-study: enrolling with one click, lessons with guides, videos served in byte ranges
//! with captions, knowledge checks with retries, and the self-study certificate.

mod credential;
mod journey;
mod video;
