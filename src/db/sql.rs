//! SQL functions and patterns both backends share.

diesel::define_sql_function! {
    /// SQL `lower()`, the same on both backends.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// A `LIKE` pattern for "contains `text`, any case": the text lower-cased, its wildcards
/// removed so they match themselves nowhere rather than everything.
pub fn contains(text: &str) -> String {
    format!("%{}%", super::search::normalized(text))
}
