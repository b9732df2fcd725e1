//! The machinery of the permission table: cases, expectations, how a case is called, and the
//! list of registered routes read from the route tables.

use crate::support::api::send;
use crate::support::app::{Response, TestApp};
use crate::support::browser::Browser;

/// What a role may expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// This status.
    Status(u16),
    /// Redirected to the sign-in page.
    SignIn,
}

/// One row of the table: a request and what each role may expect.
pub struct Case {
    /// HTTP method.
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
    /// A co-trainer (a graduate in the pool, without other roles), where it differs from a
    /// trainee (with the made-up ids of the table it never does; the co-trainer's real
    /// objects are in `permissions::foreign_objects`).
    pub cotrainer: Option<Expect>,
}

impl Case {
    /// What a co-trainer may expect.
    pub fn cotrainer_expects(&self) -> Expect {
        self.cotrainer.unwrap_or(self.expect[1])
    }
}

/// A request without a body.
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
        cotrainer: None,
    }
}

/// A form sent with POST to an HTML route.
pub fn form_case(
    pattern: &'static str,
    path: String,
    form: &[(&'static str, &str)],
    expect: [Expect; 3],
) -> Case {
    Case {
        method: "POST",
        pattern,
        path,
        form: form.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        json: None,
        expect,
        cotrainer: None,
    }
}

/// A request with a JSON body to an API route (`path` in full, with `/api/v1`).
pub fn api_case(
    method: &'static str,
    pattern: &'static str,
    path: String,
    json: serde_json::Value,
    expect: [Expect; 3],
) -> Case {
    Case {
        method,
        pattern,
        path,
        form: vec![],
        json: Some(json),
        expect,
        cotrainer: None,
    }
}

/// Sends the case as the role: API routes with the role's bearer token (if any), pages through
/// the role's browser (forms with its CSRF token).
pub async fn call(
    app: &TestApp,
    browser: &Browser<'_>,
    bearer: Option<&str>,
    c: &Case,
) -> Response {
    if c.path.starts_with("/api/") {
        return send(app, bearer, c.method, &c.path, c.json.as_ref()).await;
    }
    match c.method {
        "GET" => browser.get(&c.path).await,
        _ => {
            let fields: Vec<(&str, &str)> = c.form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            browser.post(&c.path, &fields).await
        }
    }
}

/// `(METHOD, pattern)` of every `.route(…)` in the route tables: the full path with the
/// prefixes of the scopes it sits in, except the API's `/api/v1` (the table names API routes
/// as the API registers them).
pub fn registered_routes() -> Vec<(String, String)> {
    let mut found = Vec::new();
    for file in ["src/routes/mod.rs", "src/api/mod.rs"] {
        let text =
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
                .unwrap();
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join("");
        let quoted = |from: usize| flat[from..].split('"').next().unwrap().to_string();
        // Open scopes: the parenthesis depth of the `.service(` they are in, and their prefix.
        let mut scopes: Vec<(usize, String)> = Vec::new();
        let mut depth = 0usize;
        for (i, c) in flat.char_indices() {
            let rest = &flat[i..];
            if rest.starts_with("scope(\"") {
                scopes.push((depth, quoted(i + "scope(\"".len())));
            } else if rest.starts_with(".route(\"") {
                let pattern = quoted(i + ".route(\"".len());
                let after = &rest[".route(\"".len() + pattern.len() + 2..];
                let method = after
                    .trim_start_matches("web::")
                    .split("()")
                    .next()
                    .unwrap()
                    .to_uppercase();
                let prefix: String = scopes.iter().map(|(_, p)| p.as_str()).collect();
                let full = format!("{prefix}{pattern}");
                let full = full.strip_prefix("/api/v1").unwrap_or(&full).to_string();
                found.push((method, if full.is_empty() { "/".into() } else { full }));
            }
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    while scopes.last().is_some_and(|(d, _)| *d > depth) {
                        scopes.pop();
                    }
                }
                _ => {}
            }
        }
    }
    assert!(found.len() > 20, "{found:?}");
    found
}
