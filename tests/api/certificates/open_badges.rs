//! The credential as an independent Open Badges 3.0 implementation sees it: `openbadgeslib`
//! accepts an active credential and checks its status list, rejects it once the certificate
//! is revoked and rejects a tampered one, and reads the baked badge back to the same token.
//! Beside it, what qualify itself publishes: the signed status list, the baked badge only for
//! the holder and the owner, the holder's address checked on the verify pages, and credentials
//! of the earlier form still verifying there.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use qualify::db::models::Certificate;

use crate::support::api::{api, download, token};
use crate::support::app::{TestApp, spawn_app, spawn_app_with};
use crate::support::browser::Browser;
use crate::support::fixtures::certificates::{certificates_of, nearly_certified};
use crate::support::fixtures::grading::{Grading, pass};
use crate::support::ob3;

/// A certified trainee: the fixture, its certificate, the holder's and the owner's tokens
/// (made after the clock moved to today: the status list is signed "now", and the verifier
/// compares with its own clock).
async fn certified(app: &TestApp) -> (Grading<'_>, Certificate, String, String) {
    let (g, tara, _enrollment, _a, _b) = nearly_certified(app).await;
    for r in g.reviews() {
        pass(app, &token(app, &r.reviewer_id), &r.id.0).await;
    }
    let cert = certificates_of(app, &tara).remove(0);
    app.clock.set(chrono::Utc::now());
    let (holder, owner) = (token(app, &tara), token(app, &g.owner_id));
    (g, cert, holder, owner)
}

async fn credential(app: &TestApp, holder: &str, cert: &Certificate) -> String {
    let path = format!("/api/v1/certificates/{}/credential", cert.id);
    let resp = api(app, holder, "GET", &path, None).await;
    assert_eq!(resp.status, 200, "{}", resp.body);
    resp.body
}

/// The credential with the holder's name changed in its payload (signature kept).
fn tampered(jwt: &str) -> String {
    let parts: Vec<&str> = jwt.split('.').collect();
    let mut payload: serde_json::Value =
        serde_json::from_slice(&B64.decode(parts[1]).unwrap()).unwrap();
    payload["credentialSubject"]["name"] = "Mallory".into();
    let forged = B64.encode(payload.to_string());
    format!("{}.{forged}.{}", parts[0], parts[2])
}

#[actix_web::test]
async fn an_independent_verifier_accepts_checks_revocation_and_reads_the_baked_badge() {
    if !ob3::available(
        "an_independent_verifier_accepts_checks_revocation_and_reads_the_baked_badge",
    ) {
        return;
    }
    let app = spawn_app().await;
    let (_g, cert, holder, owner) = certified(&app).await;
    let jwt = credential(&app, &holder, &cert).await;
    let badge_path = format!("/api/v1/certificates/{}/badge", cert.id);
    let (status, kind, _, png) = download(&app, &holder, &badge_path).await;
    assert_eq!((status, kind.as_str()), (200, "image/png"));
    let svg_path = format!("{badge_path}?format=svg");
    let (status, kind, _, svg) = download(&app, &holder, &svg_path).await;
    assert_eq!((status, kind.as_str()), (200, "image/svg+xml"));

    let images: [(&str, &[u8]); 2] = [("badge.png", &png), ("badge.svg", &svg)];
    let verdict = ob3::verify(&app, &jwt, &images).await;
    assert!(verdict.verified, "accepted: {verdict:?}");
    assert_eq!(
        verdict.images_match,
        [true, true],
        "both baked badges read back"
    );

    let forged = ob3::verify(&app, &tampered(&jwt), &[]).await;
    assert!(!forged.verified);
    assert!(forged.error.unwrap().contains("signature"));

    let path = format!("/api/v1/certificates/{}/revoke", cert.id);
    let body = serde_json::json!({ "reason": "Plagiarism" });
    let revoked = api(&app, &owner, "POST", &path, Some(body)).await;
    assert!(revoked.status < 300, "{}", revoked.body);
    let after = ob3::verify(&app, &jwt, &[]).await;
    assert!(!after.verified, "rejected after the revocation");
    let why = after.error.unwrap();
    assert!(
        why.contains("revocation") && why.contains("is set"),
        "{why}"
    );
    let (gone, _, _, _) = download(&app, &holder, &badge_path).await;
    assert_eq!(gone, 410, "no baked badge for a revoked certificate");
}

/// The bit of a credential in the published list (which verifies with the JWKS key).
async fn status_bit(anon: &Browser<'_>, jwt: &str) -> bool {
    let claims = decode(jwt);
    let entry = &claims["credentialStatus"];
    let index: usize = entry["statusListIndex"].as_str().unwrap().parse().unwrap();
    let url = entry["statusListCredential"].as_str().unwrap();
    let path = &url[url.find("/status-lists/").expect("the list's path")..];
    let resp = anon.get(path).await;
    assert_eq!(resp.status, 200);
    assert_eq!(resp.header("content-type"), Some("application/vc+jwt"));
    let list = verified(anon, &resp.body).await;
    assert_eq!(list["issuer"], claims["iss"]);
    assert_eq!(list["credentialSubject"]["statusPurpose"], "revocation");
    let encoded = list["credentialSubject"]["encodedList"].as_str().unwrap();
    let gz = B64.decode(encoded.strip_prefix('u').unwrap()).unwrap();
    let mut bits = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut bits).unwrap();
    assert!(bits.len() >= 16_384, "at least 16 KB");
    bits[index / 8] & (0x80 >> (index % 8)) != 0
}

fn decode(jwt: &str) -> serde_json::Value {
    let payload = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(&B64.decode(payload).unwrap()).unwrap()
}

/// A JWT's claims after checking its signature with the JWKS key its `kid` names.
async fn verified(anon: &Browser<'_>, jwt: &str) -> serde_json::Value {
    let kid = jsonwebtoken::decode_header(jwt).unwrap().kid.unwrap();
    let jwks = anon.get("/.well-known/jwks.json").await.json();
    let jwk = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kid"] == kid.as_str());
    let x = jwk.expect("the kid is published")["x"].as_str().unwrap();
    let key = jsonwebtoken::DecodingKey::from_ed_components(x).unwrap();
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::EdDSA);
    validation.required_spec_claims.clear();
    validation.validate_exp = false;
    jsonwebtoken::decode::<serde_json::Value>(jwt, &key, &validation)
        .expect("signed with the published key")
        .claims
}

#[actix_web::test]
async fn revocation_flips_the_bit_of_the_signed_status_list_at_once() {
    let app = spawn_app().await;
    let (_g, cert, holder, owner) = certified(&app).await;
    let anon = Browser::new(&app);
    let jwt = credential(&app, &holder, &cert).await;
    let claims = verified(&anon, &jwt).await;
    assert_eq!(
        claims["credentialSubject"]["achievement"]["achievementType"],
        "Certification"
    );
    assert!(!status_bit(&anon, &jwt).await, "active: the bit is clear");
    let path = format!("/api/v1/certificates/{}/revoke", cert.id);
    let body = serde_json::json!({ "reason": "Plagiarism" });
    api(&app, &owner, "POST", &path, Some(body)).await;
    assert!(status_bit(&anon, &jwt).await, "revoked: the bit is set");
    let badge = anon
        .get(&format!("/verify/{}/badge.png?lang=en", cert.public_id))
        .await;
    assert_eq!(badge.status, 200, "the achievement's image stays public");
}

#[actix_web::test]
async fn only_the_holder_and_the_owner_download_the_baked_badge() {
    let app = spawn_app().await;
    let (g, cert, holder, owner) = certified(&app).await;
    let path = format!("/api/v1/certificates/{}/badge", cert.id);
    let (status, _, disposition, png) = download(&app, &holder, &path).await;
    assert_eq!(status, 200);
    assert!(disposition.contains(".png"), "{disposition}");
    assert!(png.windows(19).any(|w| w == b"openbadgecredential"));
    let (owner, _, _, _) = download(&app, &owner, &path).await;
    assert_eq!(owner, 200);
    let reviewer = token(&app, &g.reviews()[0].reviewer_id);
    let (other, _, _, _) = download(&app, &reviewer, &path).await;
    assert_eq!(other, 404, "anyone else: not found");
    let (other, _, _, _) = download(&app, &reviewer, &format!("{path}?format=svg")).await;
    assert_eq!(other, 404, "in either format");
    let (bad, _, _, _) = download(&app, &holder, &format!("{path}?format=gif")).await;
    assert_eq!(bad, 400);
}

#[actix_web::test]
async fn the_verify_pages_say_whether_an_address_is_the_holders() {
    let app = spawn_app().await;
    let (_g, cert, holder, _owner) = certified(&app).await;
    let jwt = credential(&app, &holder, &cert).await;
    let anon = Browser::new(&app);
    let code_page = format!("/verify/{}", cert.public_id);
    anon.get(&code_page).await;
    let right = anon
        .post(&code_page, &[("email", "Tara@Example.com")])
        .await;
    assert_eq!(right.status, 200);
    assert!(
        right.body.contains("Diese E-Mail-Adresse ist die, auf die"),
        "{}",
        right.body
    );
    let wrong = anon
        .post(&code_page, &[("email", "mallory@example.com")])
        .await;
    assert!(wrong.body.contains("Diese E-Mail-Adresse ist nicht die"));
    anon.get("/verify").await;
    let pasted = anon
        .post("/verify", &[("jwt", &jwt), ("email", "tara@example.com")])
        .await;
    assert!(
        pasted
            .body
            .contains("Die Signatur ist echt und das Zertifikat gültig.")
    );
    assert!(
        pasted
            .body
            .contains("Diese E-Mail-Adresse ist die, auf die")
    );
    let other = anon
        .post("/verify", &[("jwt", &jwt), ("email", "x@example.com")])
        .await;
    assert!(other.body.contains("Diese E-Mail-Adresse ist nicht die"));
}

const KEY: &str = "3333333333333333333333333333333333333333333333333333333333333333";

#[actix_web::test]
async fn a_credential_of_the_earlier_form_keeps_verifying_on_the_verify_page() {
    use ed25519_dalek::pkcs8::EncodePrivateKey;
    let app = spawn_app_with(|s| {
        s.insert("QUALIFY_ISSUER_KEY".into(), KEY.into());
    })
    .await;
    let (_g, cert, _holder, _owner) = certified(&app).await;
    let anon = Browser::new(&app);
    let jwks = anon.get("/.well-known/jwks.json").await.json();
    let issuer = format!("{}/issuer", app.settings.base_url);
    let id = format!("{}/verify/{}", app.settings.base_url, cert.public_id);
    // As credentials were signed before the payload was the credential: a `vc` claim.
    let old = serde_json::json!({
        "iss": issuer, "jti": id, "nbf": 1_772_438_400,
        "vc": { "id": id, "type": ["VerifiableCredential", "OpenBadgeCredential"],
                "credentialSubject": { "name": "Jörg Maß-Übel" } },
    });
    let seed: [u8; 32] = hex::decode(KEY).unwrap().try_into().unwrap();
    let der = ed25519_dalek::SigningKey::from_bytes(&seed)
        .to_pkcs8_der()
        .unwrap();
    let header = jsonwebtoken::Header {
        kid: jwks["keys"][0]["kid"].as_str().map(str::to_string),
        ..jsonwebtoken::Header::new(jsonwebtoken::Algorithm::EdDSA)
    };
    let key = jsonwebtoken::EncodingKey::from_ed_der(der.as_bytes());
    let jwt = jsonwebtoken::encode(&header, &old, &key).unwrap();
    anon.get("/verify").await;
    let checked = anon
        .post("/verify", &[("jwt", &jwt), ("email", "tara@example.com")])
        .await;
    assert!(
        checked
            .body
            .contains("Die Signatur ist echt und das Zertifikat gültig.")
    );
    assert!(
        checked
            .body
            .contains("Dieser Nachweis enthält keine E-Mail-Adresse")
    );
}

#[actix_web::test]
async fn a_certificate_issued_before_credentials_carried_a_status_gets_one_at_its_first_download() {
    use diesel::prelude::*;
    use qualify::db::models::CertificateCredential;
    use qualify::db::schema::certificate_credentials;
    let app = spawn_app().await;
    let (_g, cert, holder, _owner) = certified(&app).await;
    let issued = CertificateCredential::find(&mut app.conn(), &cert.id).unwrap();
    assert!(issued.is_some(), "written at issue");
    diesel::delete(certificate_credentials::table)
        .execute(&mut **app.conn())
        .unwrap();
    let jwt = credential(&app, &holder, &cert).await;
    let facts = CertificateCredential::find(&mut app.conn(), &cert.id)
        .unwrap()
        .expect("written at the first download");
    let claims = decode(&jwt);
    assert_eq!(
        claims["credentialStatus"]["statusListIndex"],
        facts.status_index.to_string()
    );
    assert_eq!(
        claims["credentialSubject"]["identifier"][0]["identityHash"],
        facts.identity_hash
    );
    assert_eq!(jwt, credential(&app, &holder, &cert).await, "and kept");
    let anon = Browser::new(&app);
    anon.get("/verify").await;
    let pasted = anon
        .post("/verify", &[("jwt", &jwt), ("email", "tara@example.com")])
        .await;
    assert!(
        pasted
            .body
            .contains("Diese E-Mail-Adresse ist die, auf die")
    );
}
