//! The JSON API client: requests under `/api/v1` with a personal API token, as scripts and
//! integrations send them (no cookies, no CSRF token).

use crate::support::app::{Response, TestApp};

/// Sends `method path` with the bearer token and, if given, a JSON body.
pub async fn api(
    app: &TestApp,
    token: &str,
    method: &str,
    path: &str,
    body: Option<serde_json::Value>,
) -> Response {
    let url = app.url(path);
    let req = match method {
        "GET" => app.client.get(url),
        "POST" => app.client.post(url),
        "PATCH" => app.client.patch(url),
        "PUT" => app.client.put(url),
        other => panic!("{other}"),
    }
    .insert_header(("Authorization", format!("Bearer {token}")));
    let sent = match body {
        Some(b) => req.send_json(&b).await,
        None => req.send().await,
    };
    Response::from(sent.unwrap()).await
}

/// A new personal API token of the person.
pub fn token(app: &TestApp, person: &qualify::domain::ids::PersonId) -> String {
    let mut conn = app.conn();
    qualify::accounts::profile::create_token(&mut conn, person, "t", chrono::Utc::now().naive_utc())
        .unwrap()
        .0
}
