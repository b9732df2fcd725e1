//! A certificate after it is issued: frozen after a name change, verifiable by anyone (page,
//! API, a credential any JWT library verifies with the published key, at a limited rate per
//! address), printable as a PDF whose text holds the name with umlauts, re-issued and revoked.

use diesel::prelude::*;
use qualify::db::models::Certificate;
use qualify::db::schema::{outbox, people};
use qualify::domain::ids::PersonId;

use crate::support::api::{api, download, token};
use crate::support::app::{TestApp, spawn_app};
use crate::support::browser::Browser;
use crate::support::fixtures::certificates::{certificates_of, nearly_certified};
use crate::support::fixtures::grading::pass;
use crate::support::fixtures::grading::{Grading, Who};
use crate::support::pdf::pdftotext;

#[actix_web::test]
async fn a_certificate_is_frozen_verifiable_revocable_and_signed() {
    let app = spawn_app().await;
    let (g, tara, _enrollment, a, b) = nearly_certified(&app).await;
    let reviews = g.reviews();
    for r in &reviews {
        pass(&app, &token(&app, &r.reviewer_id), &r.id.0).await;
    }
    let _ = (a, b);
    let cert = certificates_of(&app, &tara).remove(0);
    let anon = Browser::new(&app);
    anyone_verifies_it_on_the_public_page(&anon, &cert).await;
    a_name_change_changes_no_issued_certificate(&app, &anon, &tara, &cert).await;
    let holder = token(&app, &tara);
    the_pdf_holds_the_name_the_program_and_the_address_to_verify(&app, &holder, &cert).await;
    the_credential_verifies_with_the_published_key(&app, &anon, &holder, &cert).await;
    let new = a_reissue_with_the_new_name_supersedes_it(&app, &g.owner_token, &holder, &cert).await;
    a_revoked_certificate_is_gone_and_the_holder_is_told(
        &app,
        &anon,
        &g.owner_token,
        &holder,
        &new,
    )
    .await;
    only_the_holder_sees_the_certificate(&g, &holder, &cert).await;
}

/// The public page: no sign-in, not indexed, German for visitors without a language.
async fn anyone_verifies_it_on_the_public_page(anon: &Browser<'_>, cert: &Certificate) {
    let page = anon.get(&format!("/verify/{}", cert.public_id)).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.header("x-robots-tag"), Some("noindex"));
    assert!(page.body.contains("Jörg Maß-Übel"));
    assert!(
        page.body.contains("Dieses Zertifikat ist gültig."),
        "German for visitors without a language"
    );
    assert_eq!(
        anon.get("/verify/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
            .await
            .status,
        404
    );
}

/// The holder's new name does not reach the issued certificate.
async fn a_name_change_changes_no_issued_certificate(
    app: &TestApp,
    anon: &Browser<'_>,
    holder: &PersonId,
    cert: &Certificate,
) {
    {
        let mut conn = app.conn();
        diesel::update(people::table.find(holder))
            .set(people::name.eq("Jörg Neuname"))
            .execute(&mut **conn)
            .unwrap();
    }
    let page = anon.get(&format!("/verify/{}", cert.public_id)).await;
    assert!(page.body.contains("Jörg Maß-Übel"));
    assert!(!page.body.contains("Neuname"));
}

/// The PDF holds the name with umlauts, the program and the verification URL, identically every
/// time.
async fn the_pdf_holds_the_name_the_program_and_the_address_to_verify(
    app: &TestApp,
    holder: &str,
    cert: &Certificate,
) {
    let pdf_path = format!("/api/v1/certificates/{}/pdf?lang=de", cert.id);
    let (_, _, _, pdf) = download(app, holder, &pdf_path).await;
    let (_, _, _, again) = download(app, holder, &pdf_path).await;
    assert_eq!(pdf, again, "byte-identical");
    let doc = lopdf::Document::load_mem(&pdf).expect("a valid PDF");
    assert_eq!(doc.get_pages().len(), 1);
    let Some(text) = pdftotext(&pdf, &[]) else {
        return;
    };
    assert!(text.contains("Jörg Maß-Übel"), "{text}");
    assert!(
        text.contains("Qualifizierung für Community Manager:innen"),
        "{text}"
    );
    assert!(
        text.contains(&format!("/verify/{}", cert.public_id)),
        "{text}"
    );
    assert!(text.contains("Zertifikat"));
}

/// The credential verifies with an independent JWT library against the published key; a
/// tampered one does not, neither there nor on the verify page.
async fn the_credential_verifies_with_the_published_key(
    app: &TestApp,
    anon: &Browser<'_>,
    holder: &str,
    cert: &Certificate,
) {
    let jwt = api(
        app,
        holder,
        "GET",
        &format!("/api/v1/certificates/{}/credential", cert.id),
        None,
    )
    .await
    .body;
    let jwks = anon.get("/.well-known/jwks.json").await.json();
    let x = jwks["keys"][0]["x"].as_str().unwrap();
    let key = jsonwebtoken::DecodingKey::from_ed_components(x).unwrap();
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::EdDSA);
    validation.required_spec_claims.clear();
    validation.validate_exp = true;
    let data = jsonwebtoken::decode::<serde_json::Value>(&jwt, &key, &validation)
        .expect("valid credential");
    assert_eq!(data.claims["credentialSubject"]["name"], "Jörg Maß-Übel");
    assert_eq!(
        data.claims["iss"],
        format!("{}/issuer", app.settings.base_url)
    );
    let mut parts: Vec<&str> = jwt.split('.').collect();
    let forged = base64_url(&serde_json::json!({ "iss": data.claims["iss"], "id": data.claims["id"], "credentialSubject": { "name": "Mallory" } }).to_string());
    parts[1] = &forged;
    let tampered = parts.join(".");
    assert!(jsonwebtoken::decode::<serde_json::Value>(&tampered, &key, &validation).is_err());
    anon.get("/verify").await;
    let checked = anon.post("/verify", &[("jwt", &jwt)]).await;
    assert!(
        checked
            .body
            .contains("Die Signatur ist echt und das Zertifikat gültig.")
    );
    let refused = anon.post("/verify", &[("jwt", &tampered)]).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("kein echter Nachweis"));
    let profile = anon.get("/issuer").await.json();
    assert_eq!(profile["verificationMethod"][0]["publicKeyJwk"]["x"], x);
}

/// Re-issued after the name change: a new certificate with the new name supersedes the old one,
/// and the holder's dashboard shows the replacement. Returns the new certificate.
async fn a_reissue_with_the_new_name_supersedes_it(
    app: &TestApp,
    owner: &str,
    holder: &str,
    cert: &Certificate,
) -> Certificate {
    let reissued = api(
        app,
        owner,
        "POST",
        &format!("/api/v1/certificates/{}/reissue", cert.id),
        Some(serde_json::json!({ "reason": "Name change" })),
    )
    .await;
    assert_eq!(reissued.status, 200, "{}", reissued.body);
    let new_id = reissued.json()["certificate_id"]
        .as_str()
        .unwrap()
        .to_string();
    let old = api(
        app,
        owner,
        "GET",
        &format!("/api/v1/verify/{}", cert.public_id),
        None,
    )
    .await;
    assert_eq!(old.json()["status"], "superseded");
    let new = {
        let mut conn = app.conn();
        Certificate::find(
            &mut conn,
            &qualify::domain::ids::CertificateId(new_id.clone()),
        )
        .unwrap()
        .unwrap()
    };
    assert_eq!(new.holder_name, "Jörg Neuname");
    // The holder's dashboard shows the replacement, not the replaced one.
    let progress = api(app, holder, "GET", "/api/v1/me/progress", None).await;
    assert_eq!(
        progress.json()["cohorts"][0]["certificate"]["id"],
        new_id.as_str()
    );
    assert_eq!(
        progress.json()["cohorts"][0]["certificate"]["status"],
        "active"
    );
    new
}

/// Revoked (with a reason): the page says so in plain words, the API answers 410, the holder's
/// dashboard no longer shows it, and the holder is told.
async fn a_revoked_certificate_is_gone_and_the_holder_is_told(
    app: &TestApp,
    anon: &Browser<'_>,
    owner: &str,
    holder: &str,
    new: &Certificate,
) {
    let new_id = &new.id;
    let no_reason = api(
        app,
        owner,
        "POST",
        &format!("/api/v1/certificates/{new_id}/revoke"),
        Some(serde_json::json!({ "reason": " " })),
    )
    .await;
    assert_eq!(no_reason.status, 422);
    let revoked = api(
        app,
        owner,
        "POST",
        &format!("/api/v1/certificates/{new_id}/revoke"),
        Some(serde_json::json!({ "reason": "Plagiarism in the capstone" })),
    )
    .await;
    assert_eq!(revoked.status, 200, "{}", revoked.body);
    let gone = app
        .get(&format!("/api/v1/verify/{}", new.public_id), None)
        .await;
    assert_eq!(gone.status, 410);
    assert_eq!(gone.json()["revoked_reason"], "Plagiarism in the capstone");
    let page = anon.get(&format!("/verify/{}", new.public_id)).await;
    assert!(page.body.contains("Dieses Zertifikat wurde widerrufen."));
    // No freshly signed credential for a revoked certificate, for the holder or the owner.
    for who in [holder, owner] {
        let credential = api(
            app,
            who,
            "GET",
            &format!("/api/v1/certificates/{new_id}/credential"),
            None,
        )
        .await;
        assert_eq!(credential.status, 410, "{}", credential.body);
        assert_eq!(credential.json()["refusal"], "ended");
    }
    // A revoked certificate is no longer shown on the holder's dashboard.
    let progress = api(app, holder, "GET", "/api/v1/me/progress", None).await;
    assert_eq!(
        progress.json()["cohorts"][0]["certificate"],
        serde_json::Value::Null
    );
    let mut conn = app.conn();
    let told: i64 = outbox::table
        .filter(outbox::kind.eq("certificate_revoked"))
        .count()
        .get_result(&mut **conn)
        .unwrap();
    assert_eq!(told, 1);
}

/// A stranger cannot see the certificate; the holder sees both of theirs.
async fn only_the_holder_sees_the_certificate(g: &Grading<'_>, holder: &str, cert: &Certificate) {
    let app = g.app;
    let stranger = g.person(Who::new("s@example.com", "Stranger"));
    let st = token(app, &stranger);
    assert_eq!(
        api(
            app,
            &st,
            "GET",
            &format!("/api/v1/certificates/{}", cert.id),
            None
        )
        .await
        .status,
        404
    );
    assert_eq!(
        api(app, holder, "GET", "/api/v1/me/certificates", None)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[actix_web::test]
async fn the_verification_is_rate_limited_per_address() {
    let app = spawn_app().await;
    let mut last = 0;
    for _ in 0..61 {
        last = app
            .get("/api/v1/verify/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", None)
            .await
            .status;
    }
    assert_eq!(last, 429, "the 61st lookup within a minute is refused");
    app.clock.advance(chrono::Duration::minutes(2));
    assert_eq!(
        app.get("/api/v1/verify/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", None)
            .await
            .status,
        404
    );
}

fn base64_url(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

/// Behind one trusted proxy the client is the address that proxy appended: a client writing
/// addresses of its own into `X-Forwarded-For` is still counted as itself.
#[actix_web::test]
async fn a_client_cannot_escape_the_limit_by_naming_other_addresses() {
    let app = crate::support::app::spawn_app_with(|s| {
        s.insert("QUALIFY_TRUSTED_PROXIES".into(), "1".into());
    })
    .await;
    let lookup = |spoofed: String| {
        app.client
            .get(app.url("/api/v1/verify/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"))
            .insert_header(("X-Forwarded-For", format!("{spoofed}, 203.0.113.7")))
            .send()
    };
    let mut last = 0;
    for i in 0..61 {
        last = lookup(format!("198.51.100.{i}"))
            .await
            .unwrap()
            .status()
            .as_u16();
    }
    assert_eq!(last, 429, "the 61st lookup from 203.0.113.7 is refused");
    // Another client behind the same proxy has its own count.
    let other = app
        .client
        .get(app.url("/api/v1/verify/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"))
        .insert_header(("X-Forwarded-For", "203.0.113.8"))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status().as_u16(), 404);
}
