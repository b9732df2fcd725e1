//! The machinery of the permission table: cases, expectations, how a case is called, and the
//! list of registered routes read from the route tables.

use crate::browser::Browser;
use crate::helpers::{Response, TestApp};

/// What a role may expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// This status.
    Status(u16),
    /// Redirected to the sign-in page.
    SignIn,
}

pub struct Case {
    pub method: &'static str,
    /// Route pattern as registered.
    pub pattern: &'static str,
    /// Concrete path.
    pub path: String,
    /// Form fields (HTML routes).
    pub form: Vec<(&'static str, String)>,
    /// JSON body (API routes).
    pub json: Option<serde_json::Value>,
    /// anonymous, trainee, owner
    pub expect: [Expect; 3],
}

pub fn case(
    method: &'static str,
    pattern: &'static str,
    path: impl Into<String>,
    expect: [Expect; 3],
) -> Case {
    Case {
        method,
        pattern,
        path: path.into(),
        form: vec![],
        json: None,
        expect,
    }
}

pub async fn call(
    app: &TestApp,
    browser: &Browser<'_>,
    bearer: Option<&str>,
    c: &Case,
) -> Response {
    if c.path.starts_with("/api/") {
        let url = app.url(&c.path);
        let mut req = match c.method {
            "GET" => app.client.get(url),
            "POST" => app.client.post(url),
            "PATCH" => app.client.patch(url),
            "PUT" => app.client.put(url),
            other => panic!("{other}"),
        };
        if let Some(token) = bearer {
            req = req.insert_header(("Authorization", format!("Bearer {token}")));
        }
        let sent = match &c.json {
            Some(body) => req.send_json(body).await,
            None => req.send().await,
        };
        return Response::from(sent.unwrap()).await;
    }
    match c.method {
        "GET" => browser.get(&c.path).await,
        _ => {
            let fields: Vec<(&str, &str)> = c.form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            browser.post(&c.path, &fields).await
        }
    }
}

pub fn token_for(app: &TestApp, person: &qualify::domain::ids::PersonId) -> String {
    let mut conn = app.conn();
    qualify::accounts::profile::create_token(
        &mut conn,
        person,
        "table",
        chrono::Utc::now().naive_utc(),
    )
    .unwrap()
    .0
}

/// `(METHOD, pattern)` of every `.route(…)` in the route tables.
pub fn registered_routes() -> Vec<(String, String)> {
    let mut found = Vec::new();
    for file in ["src/routes/mod.rs", "src/api/mod.rs"] {
        let text =
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
                .unwrap();
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join("");
        for part in flat.split(".route(\"").skip(1) {
            let pattern = part.split('"').next().unwrap().to_string();
            let method = part
                .split("web::")
                .nth(1)
                .unwrap()
                .split("()")
                .next()
                .unwrap()
                .to_uppercase();
            found.push((method, pattern));
        }
    }
    assert!(found.len() > 20, "{found:?}");
    found
}
