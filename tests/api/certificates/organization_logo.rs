//! `QUALIFY_ORGANIZATION_LOGO`: the logo is served at `/organization/logo` with its ETag,
//! shown in the page header and footer and in HTML mails, named as the issuer profile's image
//! and drawn on the certificate PDF; without the setting none of it appears.

use diesel::prelude::*;
use qualify::certificates::badge;
use qualify::db::schema::outbox;
use qualify::domain::ids::PersonId;

use crate::support::api::{download, token};
use crate::support::app::{spawn_app, spawn_app_with};
use crate::support::fixtures::certificates::{certificates_of, nearly_certified};
use crate::support::fixtures::grading::pass;

/// Whether the PDF holds an image XObject.
fn has_image(pdf: &[u8]) -> bool {
    let doc = lopdf::Document::load_mem(pdf).expect("a PDF");
    doc.objects.values().any(|o| {
        o.as_stream().is_ok_and(|s| {
            s.dict
                .get(b"Subtype")
                .and_then(|v| v.as_name())
                .is_ok_and(|n| n == b"Image")
        })
    })
}

#[actix_web::test]
async fn a_png_logo_goes_wherever_the_organisation_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("logo.png");
    let png = badge::png("Muster AG");
    std::fs::write(&path, &png).unwrap();
    let app = spawn_app_with(|m| {
        m.insert("QUALIFY_ORGANIZATION".into(), "Muster AG".into());
        m.insert(
            "QUALIFY_ORGANIZATION_LOGO".into(),
            path.display().to_string(),
        );
    })
    .await;

    let mut resp = app
        .client
        .get(app.url("/organization/logo"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let header = |r: &awc::ClientResponse<_>, n: &str| {
        r.headers()
            .get(n)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    assert_eq!(header(&resp, "content-type"), "image/png");
    assert!(header(&resp, "cache-control").contains("max-age="));
    let etag = header(&resp, "etag");
    assert!(etag.starts_with('"'), "{etag}");
    assert_eq!(resp.body().await.unwrap().to_vec(), png);
    let again = app
        .client
        .get(app.url("/organization/logo"))
        .insert_header(("If-None-Match", etag.as_str()))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);

    let page = app.get("/sign-in", Some("en")).await;
    assert!(
        page.body
            .contains(r#"<img class="brand-logo" src="/organization/logo" alt="Muster AG">"#),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains(r#"<img class="footer-logo" src="/organization/logo""#)
    );
    let profile = app.get("/issuer", None).await.json();
    let base = profile["url"].as_str().unwrap().to_string();
    assert_eq!(profile["image"]["id"], format!("{base}/organization/logo"));
    assert_eq!(profile["image"]["type"], "Image");

    let (g, tara, _enrollment, a, b) = nearly_certified(&app).await;
    let reviews = g.reviews();
    let of = |p: &PersonId| {
        reviews
            .iter()
            .find(|r| &r.reviewer_id == p)
            .unwrap()
            .id
            .0
            .clone()
    };
    pass(&app, &token(&app, &a), &of(&a)).await;
    pass(&app, &token(&app, &b), &of(&b)).await;
    let cert = certificates_of(&app, &tara).remove(0);
    let path = format!("/api/v1/certificates/{}/pdf?lang=de", cert.id);
    let (status, _, _, pdf) = download(&app, &token(&app, &tara), &path).await;
    assert_eq!(status, 200);
    assert!(has_image(&pdf), "the logo on the certificate");
    let mails: Vec<String> = outbox::table
        .filter(outbox::kind.eq("certificate_issued"))
        .select(outbox::body_html)
        .load(&mut **app.conn())
        .unwrap();
    let src = format!(r#"<img src="{base}/organization/logo""#);
    assert!(
        !mails.is_empty() && mails.iter().all(|m| m.contains(&src)),
        "{mails:?}"
    );
}

#[actix_web::test]
async fn an_svg_logo_is_served_as_svg_under_a_policy_that_runs_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("logo.svg");
    std::fs::write(&path, badge::svg("Muster AG")).unwrap();
    let app = spawn_app_with(|m| {
        m.insert(
            "QUALIFY_ORGANIZATION_LOGO".into(),
            path.display().to_string(),
        );
    })
    .await;
    let logo = app.get("/organization/logo", None).await;
    assert_eq!(logo.status, 200);
    assert_eq!(logo.header("content-type"), Some("image/svg+xml"));
    assert!(
        logo.header("content-security-policy")
            .unwrap()
            .contains("sandbox")
    );
    assert!(logo.body.starts_with("<svg"));
    assert_eq!(
        app.get("/issuer", None).await.json()["image"]["type"],
        "Image"
    );
}

#[actix_web::test]
async fn without_a_logo_nothing_changes() {
    let app = spawn_app().await;
    assert_eq!(app.get("/organization/logo", None).await.status, 404);
    assert!(app.get("/issuer", None).await.json().get("image").is_none());
    let page = app.get("/sign-in", Some("en")).await;
    assert!(!page.body.contains("/organization/logo"));
}
