//! The links under a paged list: back to the first page and on to the next, each keeping the
//! list's filters, and how many rows match (a capped count, see [`crate::db::keyset::Count`]).

use serde::Serialize;

use crate::db::keyset::Count;

/// What `partials/pager.html` shows.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    /// The first page, when this is a later one.
    pub first: Option<String>,
    /// The next page, when there is one.
    pub next: Option<String>,
    /// How many rows match, when the list counts.
    pub count: Option<Count>,
}

/// The query text of `fields` with empty values left out.
pub fn query(fields: &[(&str, &str)]) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in fields.iter().filter(|(_, v)| !v.is_empty()) {
        out.append_pair(k, v);
    }
    out.finish()
}

fn href(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    }
}

impl Pager {
    /// The links for a page of `path` with these filters: `after` is the cursor this page
    /// started from (none on the first), `next` the cursor of the following page.
    pub fn new(
        path: &str,
        fields: &[(&str, &str)],
        after: Option<&str>,
        next: Option<&str>,
        count: Option<Count>,
    ) -> Self {
        let base = query(fields);
        let first = after.filter(|a| !a.is_empty()).map(|_| href(path, &base));
        let next = next.map(|cursor| {
            let mut with = fields.to_vec();
            with.push(("after", cursor));
            href(path, &query(&with))
        });
        Self { first, next, count }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_the_filters_and_leave_out_empty_ones() {
        let p = Pager::new(
            "/people",
            &[("q", "Müller & Co"), ("status", "")],
            Some("abc"),
            Some("def"),
            None,
        );
        assert_eq!(p.first.as_deref(), Some("/people?q=M%C3%BCller+%26+Co"));
        assert_eq!(
            p.next.as_deref(),
            Some("/people?q=M%C3%BCller+%26+Co&after=def")
        );
        let first_page = Pager::new("/people", &[], None, None, None);
        assert_eq!((first_page.first, first_page.next), (None, None));
    }
}
