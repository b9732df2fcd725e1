//! Security headers, cross-site request refusal, and error pages without internals.

use crate::helpers::{Response, spawn_app};

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
async fn cross_site_state_changes_are_refused() {
    let app = spawn_app().await;
    let post = |site: Option<&'static str>, origin: Option<String>| {
        let mut req = app.client.post(app.url("/language"));
        if let Some(site) = site {
            req = req.insert_header(("Sec-Fetch-Site", site));
        }
        if let Some(origin) = origin {
            req = req.insert_header(("Origin", origin));
        }
        async move {
            Response::from(
                req.send_form(&[("lang", "en"), ("next", "/")])
                    .await
                    .unwrap(),
            )
            .await
        }
    };
    assert_eq!(post(Some("cross-site"), None).await.status, 403);
    assert_eq!(
        post(None, Some("https://evil.example".into())).await.status,
        403
    );
    assert_eq!(
        post(Some("same-site"), Some(app.address.clone()))
            .await
            .status,
        403
    );
    assert_eq!(
        post(Some("same-origin"), Some(app.address.clone()))
            .await
            .status,
        303
    );
    assert_eq!(post(None, Some(app.address.clone())).await.status, 303);
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
    let bad_form = app
        .client
        .post(app.url("/language"))
        .send_form(&[("lang", "klingon")])
        .await
        .unwrap();
    let bad_form = Response::from(bad_form).await;
    assert_eq!(bad_form.status, 400);
    assert!(
        bad_form.body.contains("<html"),
        "an HTML page, not a raw error"
    );
    let unknown_field = app
        .client
        .post(app.url("/language"))
        .send_form(&[("lang", "de"), ("admin", "1")])
        .await
        .unwrap();
    let unknown_field = Response::from(unknown_field).await;
    assert_eq!(unknown_field.status, 400);
    for leak in ["unknown field", "panicked", "diesel", "src/"] {
        assert!(!unknown_field.body.contains(leak), "{leak} leaked");
    }
}
