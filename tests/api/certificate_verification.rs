//! A certificate after it is issued: frozen after a name change, verifiable by anyone (page,
//! API, a credential any JWT library verifies with the published key), printable as a PDF whose
//! text holds the name with umlauts, re-issued and revoked.

use diesel::prelude::*;
use qualify::db::models::Certificate;
use qualify::db::schema::{outbox, people};

use crate::certificates::{certificates_of, nearly_certified, pass};
use crate::cohorts::{api, token};
use crate::grading_fixture::Who;
use crate::helpers::spawn_app;

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
    let anon = crate::browser::Browser::new(&app);

    // The public page: no sign-in, not indexed.
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

    // A name change changes no issued certificate.
    {
        let mut conn = app.conn();
        diesel::update(people::table.find(&tara))
            .set(people::name.eq("Jörg Neuname"))
            .execute(&mut **conn)
            .unwrap();
    }
    let page = anon.get(&format!("/verify/{}", cert.public_id)).await;
    assert!(page.body.contains("Jörg Maß-Übel"));
    assert!(!page.body.contains("Neuname"));

    // The PDF holds the name with umlauts, the program and the verification URL, identically
    // every time.
    let holder = token(&app, &tara);
    let pdf = app
        .client
        .get(app.url(&format!("/api/v1/certificates/{}/pdf?lang=de", cert.id)))
        .insert_header(("Authorization", format!("Bearer {holder}")))
        .send()
        .await
        .unwrap()
        .body()
        .await
        .unwrap()
        .to_vec();
    let again = app
        .client
        .get(app.url(&format!("/api/v1/certificates/{}/pdf?lang=de", cert.id)))
        .insert_header(("Authorization", format!("Bearer {holder}")))
        .send()
        .await
        .unwrap()
        .body()
        .await
        .unwrap()
        .to_vec();
    assert_eq!(pdf, again, "byte-identical");
    let doc = lopdf::Document::load_mem(&pdf).expect("a valid PDF");
    let text = doc.extract_text(&[1]).expect("text");
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

    // The credential verifies with an independent JWT library against the published key.
    let jwt = api(
        &app,
        &holder,
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
    assert_eq!(
        data.claims["vc"]["credentialSubject"]["name"],
        "Jörg Maß-Übel"
    );
    assert_eq!(
        data.claims["iss"],
        format!("{}/issuer", app.settings.base_url)
    );
    let mut parts: Vec<&str> = jwt.split('.').collect();
    let forged = base64_url(&serde_json::json!({ "iss": data.claims["iss"], "vc": { "id": data.claims["vc"]["id"], "credentialSubject": { "name": "Mallory" } } }).to_string());
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

    // Re-issue after the name change: a new certificate with the new name supersedes the old.
    let owner = &g.owner_token;
    let reissued = api(
        &app,
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
        &app,
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
    let progress = api(&app, &holder, "GET", "/api/v1/me/progress", None).await;
    assert_eq!(progress.json()[0]["certificate"]["id"], new_id.as_str());
    assert_eq!(progress.json()[0]["certificate"]["status"], "active");
    // Revoke: the page says so in plain words; the API answers 410; the holder is told.
    let no_reason = api(
        &app,
        owner,
        "POST",
        &format!("/api/v1/certificates/{new_id}/revoke"),
        Some(serde_json::json!({ "reason": " " })),
    )
    .await;
    assert_eq!(no_reason.status, 422);
    let revoked = api(
        &app,
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
    // A revoked certificate is no longer shown on the holder's dashboard.
    let progress = api(&app, &holder, "GET", "/api/v1/me/progress", None).await;
    assert_eq!(progress.json()[0]["certificate"], serde_json::Value::Null);
    let mut conn = app.conn();
    let told: i64 = outbox::table
        .filter(outbox::kind.eq("certificate_revoked"))
        .count()
        .get_result(&mut **conn)
        .unwrap();
    assert_eq!(told, 1);
    // A stranger cannot see the certificate; the holder can.
    let stranger = g.person(Who::new("s@example.com", "Stranger"));
    let st = token(&app, &stranger);
    assert_eq!(
        api(
            &app,
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
        api(&app, &holder, "GET", "/api/v1/me/certificates", None)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

fn base64_url(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}
