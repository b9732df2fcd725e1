//! Cross-site request protection for every state-changing request: Fetch Metadata
//! (`Sec-Fetch-Site`) or `Origin` must show the request comes from this site, and a token bound
//! to the session (or, before sign-in, to a random cookie) must come along in the form field
//! `csrf_token` or the `X-CSRF-Token` header. Requests with an API token need neither.

use actix_web::dev::ServiceRequest;
use actix_web::http::{Method, header};

/// The form field that carries the token; the middleware removes it before handlers see the form.
pub const FIELD: &str = "csrf_token";
/// The header that carries the token.
pub const HEADER: &str = "x-csrf-token";

/// Whether the method changes nothing.
pub fn is_safe(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// Whether the request's origin headers allow a state change.
pub fn same_origin(req: &ServiceRequest, base_url: &str) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        // Neither header: not a browser acting for a user (curl, scripts); the token decides.
        return true;
    };
    let host = req.connection_info().host().to_string();
    let base_origin: String = base_url.split('/').take(3).collect::<Vec<_>>().join("/");
    origin == base_origin
        || origin == format!("http://{host}")
        || origin == format!("https://{host}")
}

/// Splits the token out of an urlencoded form body; returns it and the remaining body.
pub fn take_from_form(body: &[u8]) -> (Option<String>, String) {
    let mut token = None;
    let mut rest = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(body) {
        if key == FIELD {
            token = Some(value.into_owned());
        } else {
            rest.append_pair(&key, &value);
        }
    }
    (token, rest.finish())
}

#[cfg(test)]
mod tests {
    use super::take_from_form;

    #[test]
    fn the_token_is_taken_out_and_the_rest_kept() {
        let (token, rest) = take_from_form(b"name=J%C3%BCrgen+M&csrf_token=abc&x=1");
        assert_eq!(token.as_deref(), Some("abc"));
        assert_eq!(rest, "name=J%C3%BCrgen+M&x=1");
    }
}
