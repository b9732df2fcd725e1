//! Small HTTP helpers both front doors use: local-only `next` targets, the redirect after a
//! form, query encoding, and file downloads that the browser never renders.

use actix_web::HttpResponse;
use actix_web::body::MessageBody;

/// Only a path on this site is followed after a form or a sign-in (no open redirect): it
/// starts with one `/` and holds no control character, whitespace or backslash (browsers drop
/// tabs and newlines and read `\\` as `/`, so `/<tab>/evil.example` would leave the site),
/// and its second character is no slash in any spelling, encoded ones included.
pub fn safe_next(next: &str) -> &str {
    let clean = !next
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    let rest = next.strip_prefix('/').unwrap_or("//").to_ascii_lowercase();
    let another_slash = ["/", "%2f", "%5c", "%252f", "%255c"]
        .iter()
        .any(|s| rest.starts_with(s));
    if clean && !another_slash { next } else { "/" }
}

/// A 303 redirect after a successful POST.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", location.to_string()))
        .finish()
}

/// Percent-encodes a value for a query string.
pub fn encode_query(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// A file download that is never rendered by the browser: `attachment` disposition (the name
/// as ASCII, and in full as RFC 5987 UTF-8), a sandbox policy, no sniffing, no caching.
pub fn download<B: MessageBody + 'static>(body: B, content_type: &str, name: &str) -> HttpResponse {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = form_urlencoded::byte_serialize(name.as_bytes())
        .collect::<String>()
        .replace('+', "%20");
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"),
        ))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Content-Security-Policy", "sandbox"))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(body)
}

/// A stored file as a download (streamed with its known length, never rendered).
pub fn stored_download(
    file: crate::storage::Download,
    content_type: &str,
    name: &str,
) -> HttpResponse {
    download(
        actix_web::body::SizedStream::new(file.size, file.body),
        content_type,
        name,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        for local in [
            "/learn",
            "/learn?x=1#top",
            "/cohorts/a%2Fb",
            "/",
            "/verify/ABC-123",
        ] {
            assert_eq!(safe_next(local), local);
        }
        // Known ways out of the site, as they arrive after the query string is decoded.
        for bypass in [
            "",
            "//evil.example",
            "///evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "/\\evil.example",
            "\\/evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r//evil.example",
            "/ /evil.example",
            "\t//evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%5C/evil.example",
            "/%252F/evil.example",
            "/\u{0}//evil.example",
            "/\u{3000}/evil.example",
            "evil.example",
            "./evil",
        ] {
            assert_eq!(safe_next(bypass), "/", "{bypass:?}");
        }
    }

    #[test]
    fn a_download_names_the_file_in_ascii_and_utf8() {
        let r = download(Vec::<u8>::new(), "application/pdf", "Zertifikat Müller.pdf");
        let cd = r
            .headers()
            .get("Content-Disposition")
            .unwrap()
            .to_str()
            .unwrap();
        assert_eq!(
            cd,
            "attachment; filename=\"Zertifikat_M_ller.pdf\"; filename*=UTF-8''Zertifikat%20M%C3%BCller.pdf"
        );
        assert_eq!(
            r.headers().get("Content-Security-Policy").unwrap(),
            "sandbox"
        );
    }
}
