//! Small HTTP helpers both front doors use: local-only `next` targets, the redirect after a
//! form, query encoding, and file downloads that the browser never renders.

use actix_web::HttpResponse;
use actix_web::body::MessageBody;

/// Only local paths are followed after a form (no open redirect).
pub fn safe_next(next: &str) -> &str {
    let local = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    if local { next } else { "/" }
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
        assert_eq!(safe_next("/learn"), "/learn");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
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
