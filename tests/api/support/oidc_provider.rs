//! A real OpenID Connect provider on loopback for the single sign-on tests: PyPI's
//! `oidc-provider-mock`, started per test as `python3 -m oidc_provider_mock` on a free port and
//! stopped when dropped. A test posts its authorize form as a person would, and sets a
//! person's claims at run time (`PUT /users/{sub}`).
//!
//! When the provider cannot be started the tests print that they did not run, unless
//! `QUALIFY_TEST_REQUIRE_OIDC=1` (set by `.ci/run`, which installs the package): then they fail.

use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use chrono::Utc;
use diesel::prelude::*;
use qualify::db::models::SsoIdentity;
use qualify::db::schema::audit_log;

use crate::support::app::{Response, TestApp, spawn_app_with};
use crate::support::browser::Browser;

/// A running provider.
pub struct OidcProvider {
    /// `http://127.0.0.1:PORT`, also its issuer.
    pub issuer: String,
    client: awc::Client,
    child: Child,
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Starts the provider, or says why not (and fails when it is required).
pub async fn start_provider(test: &str) -> Option<OidcProvider> {
    let required = std::env::var("QUALIFY_TEST_REQUIRE_OIDC").as_deref() == Ok("1");
    let port = free_port();
    let python = std::env::var("QUALIFY_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let spawned = Command::new(&python)
        .args(["-m", "oidc_provider_mock", "-H", "127.0.0.1", "-p"])
        .arg(port.to_string())
        .args(["--require-nonce", "true"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let provider = match spawned {
        Ok(child) => OidcProvider {
            issuer: format!("http://127.0.0.1:{port}"),
            client: awc::Client::builder()
                .disable_redirects()
                .timeout(Duration::from_secs(10))
                .finish(),
            child,
        },
        Err(e) => return not_run(test, required, &format!("{python}: {e}")),
    };
    for _ in 0..150 {
        let url = format!("{}/.well-known/openid-configuration", provider.issuer);
        if let Ok(resp) = provider.client.get(url).send().await
            && resp.status().is_success()
        {
            return Some(provider);
        }
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    not_run(test, required, "it did not answer within 15 s")
}

fn not_run(test: &str, required: bool, why: &str) -> Option<OidcProvider> {
    assert!(
        !required,
        "QUALIFY_TEST_REQUIRE_OIDC=1 but the OpenID Connect provider could not be started: {why}"
    );
    eprintln!(
        "single sign-on test {test} not run: no OpenID Connect provider ({why}); \
         pip install oidc-provider-mock (see .ci/run)"
    );
    None
}

impl OidcProvider {
    /// The settings that point an app at this provider.
    pub fn settings(&self, map: &mut BTreeMap<String, String>) {
        map.insert("QUALIFY_OIDC_ISSUER".into(), self.issuer.clone());
        map.insert("QUALIFY_OIDC_CLIENT_ID".into(), "qualify-tests".into());
        map.insert(
            "QUALIFY_OIDC_CLIENT_SECRET".into(),
            "client-secret-0f3c".into(),
        );
        map.insert(
            "QUALIFY_OIDC_LABEL".into(),
            "Sign in with Example Corp".into(),
        );
        map.insert("QUALIFY_OIDC_ORG_UNIT_CLAIM".into(), "department".into());
    }

    /// Sets the claims the provider issues for `sub` from now on.
    pub async fn set_user(&self, sub: &str, claims: serde_json::Value) {
        let resp = self
            .client
            .put(format!("{}/users/{sub}", self.issuer))
            .send_json(&claims)
            .await
            .expect("PUT user");
        assert_eq!(resp.status(), 204, "claims stored");
    }

    async fn post_authorize(&self, authorize_url: &str, fields: &[(&str, &str)]) -> String {
        assert!(authorize_url.starts_with(&self.issuer), "{authorize_url}");
        let resp = self
            .client
            .post(authorize_url)
            .send_form(&fields)
            .await
            .expect("authorize form posted");
        assert_eq!(resp.status(), 302, "the provider redirects back");
        resp.headers()
            .get("location")
            .expect("Location")
            .to_str()
            .unwrap()
            .to_string()
    }

    /// Signs in as `sub` on the provider's authorize form; gives the callback URL.
    pub async fn authorize(&self, authorize_url: &str, sub: &str) -> String {
        self.post_authorize(authorize_url, &[("sub", sub)]).await
    }

    /// Presses "Deny" on the authorize form; gives the callback URL with the error.
    pub async fn deny(&self, authorize_url: &str) -> String {
        self.post_authorize(authorize_url, &[("action", "deny")])
            .await
    }
}

/// An app pointed at the provider, its clock at the real time (the provider signs with it).
pub async fn sso_app(
    provider: &OidcProvider,
    adjust: impl FnOnce(&mut BTreeMap<String, String>),
) -> TestApp {
    let app = spawn_app_with(|map| {
        provider.settings(map);
        adjust(map);
    })
    .await;
    app.clock.set(Utc::now());
    app
}

/// The path of the callback URL the provider sent the browser to (the tests' base URL has
/// no real port, so the path is opened on the app's address).
pub fn local(_app: &TestApp, url: &str) -> String {
    let at = url
        .find("/sign-in/sso/callback")
        .unwrap_or_else(|| panic!("{url} is not the callback"));
    url[at..].to_string()
}

/// A browser that reads English.
pub fn english(app: &TestApp) -> Browser<'_> {
    let browser = Browser::new(app);
    browser.set_cookie("qualify_lang", "en");
    browser
}

/// Presses the button, signs in as `sub` at the provider; gives the callback URL (a path).
pub async fn to_callback(
    app: &TestApp,
    browser: &Browser<'_>,
    provider: &OidcProvider,
    sub: &str,
) -> String {
    let begun = browser.get("/sign-in/sso").await;
    assert_eq!(begun.status, 303, "{}", begun.body);
    let authorize = begun.header("location").unwrap().to_string();
    local(app, &provider.authorize(&authorize, sub).await)
}

/// Signs in as `sub` through the provider; gives the callback's answer.
pub async fn sso_sign_in(
    app: &TestApp,
    browser: &Browser<'_>,
    provider: &OidcProvider,
    sub: &str,
) -> Response {
    let callback = to_callback(app, browser, provider, sub).await;
    browser.get(&callback).await
}

/// Every audited action, oldest first.
pub fn audit_actions(app: &TestApp) -> Vec<String> {
    let mut conn = app.conn();
    audit_log::table
        .order(audit_log::at)
        .select(audit_log::action)
        .load(&mut **conn)
        .unwrap()
}

/// The stored identity of `sub`, if any.
pub fn identity(app: &TestApp, issuer: &str, sub: &str) -> Option<SsoIdentity> {
    SsoIdentity::find(&mut app.conn(), issuer, sub).unwrap()
}

/// Asserts that a page says `words` and shows nothing of the program's insides.
pub fn plain_words(page: &Response, words: &str) {
    assert!(page.body.contains(words), "{words} missing: {}", page.body);
    for leak in ["panicked", "stack backtrace", "RUST_BACKTRACE", "at src/"] {
        assert!(!page.body.contains(leak), "{leak} shown");
    }
}
