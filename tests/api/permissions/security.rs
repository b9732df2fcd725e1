//! Security headers, nothing loaded from other origins, cross-site and token-less state changes
//! refused, and localised error pages without internals.

use crate::support::app::{spawn_app, spawn_app_with};
use crate::support::browser::Browser;

#[actix_web::test]
async fn pages_carry_the_security_headers() {
    let app = spawn_app().await;
    for path in [
        "/",
        "/healthz",
        "/api/v1/programs/community-manager",
        "/no-such-page",
    ] {
        let resp = app.get(path, None).await;
        let csp = resp
            .header("content-security-policy")
            .unwrap_or_else(|| panic!("CSP on {path}"));
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"));
        assert_eq!(
            resp.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(
            resp.header("referrer-policy"),
            Some("same-origin"),
            "{path}"
        );
    }
}

/// API answers are for their caller alone: no cache keeps them, found or not.
#[actix_web::test]
async fn api_answers_are_never_cached() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/programs/community-manager",
        "/api/v1/me",
        "/api/v1/no-such-thing",
        "/scim/v2/Users",
    ] {
        let resp = app.get(path, None).await;
        assert_eq!(resp.header("cache-control"), Some("no-store"), "{path}");
    }
}

#[actix_web::test]
async fn pages_load_nothing_from_other_origins() {
    let app = spawn_app().await;
    let page = app.get("/", None).await.body;
    for needle in ["http://", "https://", "//cdn"] {
        let outside = page
            .match_indices(needle)
            .filter(|(i, _)| !page[..*i].ends_with("href=\""))
            .count();
        assert_eq!(outside, 0, "{needle} found in page");
    }
    // Scripts only from this site's vendored files, never inline.
    for (i, _) in page.match_indices("<script") {
        assert!(
            page[i..].starts_with("<script src=\"/static/js/"),
            "a script not from /static/js/: {}",
            &page[i..(i + 60).min(page.len())]
        );
    }
    let css = app.get("/static/css/qualify.css", None).await;
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(!css.body.contains("@import") && !css.body.contains("url(http"));
    assert_eq!(app.get("/static/../Cargo.toml", None).await.status, 404);
}

#[actix_web::test]
async fn cross_site_state_changes_are_refused_even_with_a_valid_token() {
    let app = spawn_app().await;
    let browser = Browser::new(&app);
    browser.get("/").await;
    let token = browser.csrf();
    assert!(!token.is_empty());
    let form = [
        ("lang", "en"),
        ("next", "/"),
        ("csrf_token", token.as_str()),
    ];
    let origin = app.address.as_str();
    assert_eq!(
        browser
            .post_raw("/language", &form, &[("Sec-Fetch-Site", "cross-site")])
            .await
            .status,
        403
    );
    assert_eq!(
        browser
            .post_raw("/language", &form, &[("Origin", "https://evil.example")])
            .await
            .status,
        403
    );
    assert_eq!(
        browser
            .post_raw(
                "/language",
                &form,
                &[("Sec-Fetch-Site", "same-site"), ("Origin", origin)]
            )
            .await
            .status,
        403
    );
    assert_eq!(
        browser
            .post_raw(
                "/language",
                &form,
                &[("Sec-Fetch-Site", "same-origin"), ("Origin", origin)]
            )
            .await
            .status,
        303
    );
    assert_eq!(
        browser
            .post_raw("/language", &form, &[("Origin", origin)])
            .await
            .status,
        303
    );
}

#[actix_web::test]
async fn state_changes_without_the_right_token_are_refused() {
    let app = spawn_app().await;
    let browser = Browser::new(&app);
    browser.get("/").await;
    let origin = [("Origin", app.address.as_str())];
    let missing = browser
        .post_raw("/language", &[("lang", "en")], &origin)
        .await;
    assert_eq!(missing.status, 403);
    let wrong = browser
        .post_raw(
            "/language",
            &[("lang", "en"), ("csrf_token", "forged")],
            &origin,
        )
        .await;
    assert_eq!(wrong.status, 403);
    // A token from another browser is no good either.
    let other = Browser::new(&app);
    other.get("/").await;
    let foreign = other.csrf();
    let borrowed = browser
        .post_raw(
            "/language",
            &[("lang", "en"), ("csrf_token", &foreign)],
            &origin,
        )
        .await;
    assert_eq!(borrowed.status, 403);
    // The header works as well as the field.
    let token = browser.csrf();
    let by_header = browser
        .post_raw(
            "/language",
            &[("lang", "en")],
            &[
                ("Origin", app.address.as_str()),
                ("X-CSRF-Token", token.as_str()),
            ],
        )
        .await;
    assert_eq!(by_header.status, 303);
}

#[actix_web::test]
async fn error_pages_are_localised_and_show_no_internals() {
    let app = spawn_app().await;
    let de = app.get("/does/not/exist", Some("de")).await;
    assert_eq!(de.status, 404);
    assert!(de.header("content-type").unwrap().starts_with("text/html"));
    assert!(de.body.contains("Seite nicht gefunden"));
    let en = app.get("/does/not/exist", Some("en")).await;
    assert!(en.body.contains("Page not found"));
    let browser = Browser::new(&app);
    let bad_form = browser.post("/language", &[("lang", "klingon")]).await;
    assert_eq!(bad_form.status, 400);
    assert!(
        bad_form.body.contains("<html"),
        "an HTML page, not a raw error"
    );
    let unknown_field = browser
        .post("/language", &[("lang", "de"), ("admin", "1")])
        .await;
    assert_eq!(unknown_field.status, 400);
    for leak in ["unknown field", "panicked", "diesel", "src/"] {
        assert!(!unknown_field.body.contains(leak), "{leak} leaked");
    }
}

/// After a form, only a path on this site is followed: a tab or an encoded slash that a
/// browser would turn into `//evil.example` sends the person home instead.
#[actix_web::test]
async fn a_redirect_never_leaves_the_site() {
    let app = spawn_app().await;
    let browser = Browser::new(&app);
    for next in [
        "/\t/evil.example",
        "/%2F/evil.example",
        "/\\evil.example",
        "//evil.example",
    ] {
        let moved = browser
            .post("/language", &[("lang", "en"), ("next", next)])
            .await;
        assert_eq!(moved.status, 303, "{next:?}");
        assert_eq!(moved.header("location"), Some("/"), "{next:?}");
    }
    let moved = browser
        .post("/language", &[("lang", "en"), ("next", "/learn?tab=2")])
        .await;
    assert_eq!(moved.header("location"), Some("/learn?tab=2"));
}

/// Served on https, every answer tells the browser to keep to https; on http it would be
/// ignored, so it is not sent.
#[actix_web::test]
async fn https_answers_carry_strict_transport_security() {
    let plain = spawn_app().await;
    assert_eq!(
        plain
            .get("/", None)
            .await
            .header("strict-transport-security"),
        None
    );
    let app = spawn_app_with(|s| {
        s.insert(
            "QUALIFY_BASE_URL".into(),
            "https://qualify.intranet.example".into(),
        );
    })
    .await;
    for path in ["/", "/healthz", "/api/v1/programs/community-manager"] {
        let hsts = app.get(path, None).await;
        assert_eq!(
            hsts.header("strict-transport-security"),
            Some("max-age=31536000; includeSubDomains"),
            "{path}"
        );
    }
}

/// A personal token acts under `/api/` only: with a leaked token nobody reaches the pages that
/// change the password or mint more tokens.
#[actix_web::test]
async fn api_tokens_do_not_open_the_pages() {
    let app = spawn_app().await;
    let owner = crate::support::fixtures::people::create_person(
        &app,
        "owner@example.com",
        "Olga Owner",
        true,
    );
    let token = crate::support::api::token(&app, &owner);
    let by_token = |method: &'static str, path: &'static str| {
        crate::support::api::send(&app, Some(token.as_str()), method, path, None)
    };
    assert_eq!(by_token("GET", "/api/v1/me").await.status, 200);
    for (method, path) in [
        ("GET", "/me"),
        ("GET", "/dashboard"),
        ("POST", "/me/password"),
        ("POST", "/me/tokens"),
    ] {
        let page = by_token(method, path).await;
        assert!(
            matches!(page.status, 303 | 401 | 403),
            "{method} {path}: {}",
            page.status
        );
        if page.status == 303 {
            assert!(
                page.header("location")
                    .unwrap_or_default()
                    .starts_with("/sign-in"),
                "{method} {path}"
            );
        }
    }
    let tokens: i64 = {
        use diesel::prelude::*;
        qualify::db::schema::api_tokens::table
            .count()
            .get_result(&mut **app.conn())
            .unwrap()
    };
    assert_eq!(tokens, 1, "no token was minted through the page");
}
