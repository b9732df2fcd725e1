//! Security headers, nothing loaded from other origins, cross-site and token-less state changes
//! refused, and localised error pages without internals.

use crate::support::app::spawn_app;
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

#[actix_web::test]
async fn pages_load_nothing_from_other_origins() {
    let app = spawn_app().await;
    let page = app.get("/", None).await.body;
    for needle in ["http://", "https://", "//cdn", "<script"] {
        let outside = page
            .match_indices(needle)
            .filter(|(i, _)| !page[..*i].ends_with("href=\""))
            .count();
        assert_eq!(outside, 0, "{needle} found in page");
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
