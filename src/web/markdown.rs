//! Markdown to safe HTML: pulldown-cmark, then ammonia (raw HTML and scripts removed, links
//! get `rel="noopener noreferrer"`).

use pulldown_cmark::{Options, Parser, html};

/// Renders Markdown into sanitised HTML that may be inserted into a page unescaped.
pub fn to_safe_html(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .url_schemes(["http", "https", "mailto"].into())
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn scripts_and_event_handlers_are_removed() {
        let html = to_safe_html(
            "Hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn links_get_a_safe_rel_and_tables_render() {
        let html =
            to_safe_html("[Intranet](https://example.org)\n\n| a | b |\n|---|---|\n| 1 | 2 |");
        assert!(html.contains(r#"rel="noopener noreferrer""#), "{html}");
        assert!(html.contains("<table>"), "{html}");
    }
}
