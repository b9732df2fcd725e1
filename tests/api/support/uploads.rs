//! Uploads as a browser sends them: a multipart form with the session cookies and this site's
//! Origin, and the smallest valid PNG.

use crate::support::app::{Response, TestApp};
use crate::support::browser::Browser;

/// A one-pixel PNG.
pub const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

/// Sends a multipart form: `(field, file name, content)`; `None` file name for plain fields.
pub async fn multipart(
    app: &TestApp,
    browser: &Browser<'_>,
    path: &str,
    parts: &[(&str, Option<&str>, &[u8])],
) -> Response {
    let boundary = "----qualifytestboundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, file, content) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes()),
            None => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
        }
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let cookies = ["qualify_session", "qualify_csrf"]
        .iter()
        .filter_map(|c| browser.cookie(c).map(|v| format!("{c}={v}")))
        .collect::<Vec<_>>()
        .join("; ");
    let resp = app
        .client
        .post(app.url(path))
        .insert_header(("Cookie", cookies))
        .insert_header(("Origin", app.address.clone()))
        .insert_header((
            "Content-Type",
            format!("multipart/form-data; boundary={boundary}"),
        ))
        .send_body(body)
        .await
        .unwrap();
    Response::from(resp).await
}
