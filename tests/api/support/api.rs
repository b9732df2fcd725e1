//! The JSON API client: requests under `/api/v1` with a personal API token, as scripts and
//! integrations send them (no cookies, no CSRF token).

use qualify::domain::ids::PersonId;

use crate::support::app::{Response, TestApp};

/// Sends `method path` with the bearer token and, if given, a JSON body.
pub async fn api(
    app: &TestApp,
    token: &str,
    method: &str,
    path: &str,
    body: Option<serde_json::Value>,
) -> Response {
    send(app, Some(token), method, path, body.as_ref()).await
}

/// Sends `method path` with a bearer token if there is one (none: as an anonymous caller).
pub async fn send(
    app: &TestApp,
    bearer: Option<&str>,
    method: &str,
    path: &str,
    body: Option<&serde_json::Value>,
) -> Response {
    let url = app.url(path);
    let mut req = match method {
        "GET" => app.client.get(url),
        "POST" => app.client.post(url),
        "PATCH" => app.client.patch(url),
        "PUT" => app.client.put(url),
        "DELETE" => app.client.delete(url),
        other => panic!("{other}"),
    };
    if let Some(token) = bearer {
        req = req.insert_header(("Authorization", format!("Bearer {token}")));
    }
    let sent = match body {
        Some(b) => req.send_json(b).await,
        None => req.send().await,
    };
    Response::from(sent.unwrap()).await
}

/// A file from the API: status, `Content-Type`, `Content-Disposition` (empty when absent) and
/// the body as bytes.
pub async fn download(app: &TestApp, token: &str, path: &str) -> (u16, String, String, Vec<u8>) {
    let mut resp = app
        .client
        .get(app.url(path))
        .insert_header(("Authorization", format!("Bearer {token}")))
        .send()
        .await
        .unwrap();
    let body = resp.body().limit(50 << 20).await.unwrap().to_vec();
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    (
        resp.status().as_u16(),
        header("content-type"),
        header("content-disposition"),
        body,
    )
}

/// A new personal API token of the person.
pub fn token(app: &TestApp, person: &PersonId) -> String {
    let mut conn = app.conn();
    qualify::accounts::profile::create_token(
        &mut conn,
        person,
        "test",
        qualify::clock::Clock::now_naive(&*app.clock),
    )
    .unwrap()
    .0
}

/// Posts `body` as text of this content type with the bearer token (a file sent as the body).
pub async fn post_text(
    app: &TestApp,
    token: &str,
    path: &str,
    content_type: &str,
    body: &str,
) -> Response {
    let sent = app
        .client
        .post(app.url(path))
        .insert_header(("Authorization", format!("Bearer {token}")))
        .insert_header(("Content-Type", content_type.to_string()))
        .send_body(body.to_string())
        .await
        .unwrap();
    Response::from(sent).await
}
