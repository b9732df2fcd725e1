//! A small browser for tests: keeps cookies, picks up the CSRF token from every page, sends
//! forms with it and with this site's Origin, and does not follow redirects.

use std::cell::RefCell;
use std::collections::BTreeMap;

use chrono::Duration;
use qualify::accounts::sign_in::create_link;
use qualify::clock::Clock;
use qualify::domain::ids::PersonId;

use crate::support::app::{Response, TestApp};
use crate::support::scrape::csrf_token;

/// One browser with its own cookies.
pub struct Browser<'a> {
    app: &'a TestApp,
    cookies: RefCell<BTreeMap<String, String>>,
    csrf: RefCell<String>,
}

impl<'a> Browser<'a> {
    /// A browser with no cookies.
    pub fn new(app: &'a TestApp) -> Self {
        Self {
            app,
            cookies: RefCell::default(),
            csrf: RefCell::default(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .borrow()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn remember(&self, resp: &Response) {
        for value in resp.headers.get_all("set-cookie") {
            let text = value.to_str().unwrap();
            let pair = text.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            if value.is_empty() || text.contains("Max-Age=0") {
                self.cookies.borrow_mut().remove(name);
            } else {
                self.cookies
                    .borrow_mut()
                    .insert(name.to_string(), value.to_string());
            }
        }
        if let Some(token) = csrf_token(&resp.body).filter(|t| !t.is_empty()) {
            *self.csrf.borrow_mut() = token;
        }
    }

    /// A cookie's value.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.borrow().get(name).cloned()
    }

    /// Sets a cookie (to replay an old one).
    pub fn set_cookie(&self, name: &str, value: &str) {
        self.cookies
            .borrow_mut()
            .insert(name.to_string(), value.to_string());
    }

    /// The CSRF token of the last page.
    pub fn csrf(&self) -> String {
        self.csrf.borrow().clone()
    }

    /// GET a page.
    pub async fn get(&self, path: &str) -> Response {
        let req = self
            .app
            .client
            .get(self.app.url(path))
            .insert_header(("Cookie", self.cookie_header()));
        let resp = Response::from(req.send().await.expect("GET sent")).await;
        self.remember(&resp);
        resp
    }

    /// GET with extra headers, keeping the body as bytes (media, downloads).
    pub async fn get_bytes(
        &self,
        path: &str,
        headers: &[(&str, &str)],
    ) -> (u16, awc::http::header::HeaderMap, Vec<u8>) {
        let mut req = self
            .app
            .client
            .get(self.app.url(path))
            .insert_header(("Cookie", self.cookie_header()));
        for (name, value) in headers {
            req = req.insert_header((*name, *value));
        }
        let mut resp = req.send().await.expect("GET sent");
        let body = resp.body().limit(20 << 20).await.expect("body");
        (
            resp.status().as_u16(),
            resp.headers().clone(),
            body.to_vec(),
        )
    }

    /// POST a form with the current CSRF token (loading `/` first if there is none yet).
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        if self.csrf().is_empty() {
            self.get("/program").await;
        }
        let token = self.csrf();
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf_token", &token));
        self.post_raw(path, &all, &[("Origin", self.app.address.as_str())])
            .await
    }

    /// POST a form exactly as given, with extra headers.
    pub async fn post_raw(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Response {
        let mut req = self
            .app
            .client
            .post(self.app.url(path))
            .insert_header(("Cookie", self.cookie_header()));
        for (name, value) in headers {
            req = req.insert_header((*name, *value));
        }
        let resp = Response::from(req.send_form(&fields).await.expect("POST sent")).await;
        self.remember(&resp);
        resp
    }
}

/// A browser signed in as the person (through the real link confirmation).
pub async fn signed_in<'a>(app: &'a TestApp, person: &PersonId) -> Browser<'a> {
    let browser = Browser::new(app);
    sign_in_with(&browser, app, person).await;
    browser
}

/// Signs an existing browser in as the person.
pub async fn sign_in_with(browser: &Browser<'_>, app: &TestApp, person: &PersonId) -> Response {
    let token = {
        let mut conn = app.conn();
        create_link(
            &mut conn,
            person,
            "sign_in",
            Duration::minutes(10),
            app.clock.now_naive(),
        )
        .unwrap()
    };
    assert_eq!(
        browser.get(&format!("/sign-in/link/{token}")).await.status,
        200
    );
    let resp = browser.post("/sign-in/confirm", &[("token", &token)]).await;
    assert_eq!(resp.status, 303, "{}", resp.body);
    resp
}
