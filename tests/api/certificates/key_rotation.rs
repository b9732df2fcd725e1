//! The credential-signing key rotates: the new key signs, the earlier one still verifies, and
//! both are published with their own ids, so a credential downloaded before the rotation
//! verifies with any JWT library that picks the key by its `kid`.

use crate::support::api::{api, token};
use crate::support::app::{TestApp, spawn_app_with, spawn_beside};
use crate::support::browser::Browser;
use crate::support::fixtures::certificates::{certificates_of, nearly_certified};
use crate::support::fixtures::grading::pass;

const OLD: &str = "1111111111111111111111111111111111111111111111111111111111111111";
const NEW: &str = "2222222222222222222222222222222222222222222222222222222222222222";

/// Verifies a credential as a standard verifier does: the key the JWKS publishes under the
/// header's `kid`.
async fn verified_by_kid(app: &TestApp, jwt: &str) -> Result<serde_json::Value, String> {
    let kid = jsonwebtoken::decode_header(jwt)
        .map_err(|e| e.to_string())?
        .kid
        .ok_or("no kid")?;
    let jwks = Browser::new(app).get("/.well-known/jwks.json").await.json();
    let jwk = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kid"] == kid.as_str())
        .ok_or(format!("{kid} is not published"))?;
    let key = jsonwebtoken::DecodingKey::from_ed_components(jwk["x"].as_str().unwrap())
        .map_err(|e| e.to_string())?;
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::EdDSA);
    validation.required_spec_claims.clear();
    jsonwebtoken::decode::<serde_json::Value>(jwt, &key, &validation)
        .map(|d| d.claims)
        .map_err(|e| e.to_string())
}

#[actix_web::test]
async fn credentials_signed_before_a_rotation_keep_verifying() {
    let before = spawn_app_with(|s| {
        s.insert("QUALIFY_ISSUER_KEY".into(), OLD.into());
    })
    .await;
    let (g, tara, _enrollment, _a, _b) = nearly_certified(&before).await;
    for r in g.reviews() {
        pass(&before, &token(&before, &r.reviewer_id), &r.id.0).await;
    }
    let cert = certificates_of(&before, &tara).remove(0);
    let holder = token(&before, &tara);
    let path = format!("/api/v1/certificates/{}/credential", cert.id);
    let old_jwt = api(&before, &holder, "GET", &path, None).await.body;
    assert!(verified_by_kid(&before, &old_jwt).await.is_ok());

    let after = spawn_beside(&before, |s| {
        s.insert("QUALIFY_ISSUER_KEY".into(), format!("{NEW}, {OLD}"));
    })
    .await;
    let new_jwt = api(&after, &holder, "GET", &path, None).await.body;
    let (old_kid, new_kid) = (
        jsonwebtoken::decode_header(&old_jwt).unwrap().kid,
        jsonwebtoken::decode_header(&new_jwt).unwrap().kid,
    );
    assert_ne!(old_kid, new_kid, "the new key signs");
    for jwt in [&old_jwt, &new_jwt] {
        let claims = verified_by_kid(&after, jwt).await.expect("verifies by kid");
        assert_eq!(claims["credentialSubject"]["name"], "Jörg Maß-Übel");
    }
    let anon = Browser::new(&after);
    anon.get("/verify").await;
    let checked = anon.post("/verify", &[("jwt", &old_jwt)]).await;
    assert!(
        checked
            .body
            .contains("Die Signatur ist echt und das Zertifikat gültig."),
        "the verify page accepts the earlier key"
    );
    let profile = anon.get("/issuer").await.json();
    assert!(profile["verificationMethod"].as_array().unwrap().len() >= 2);

    // Without the earlier key, its credentials no longer verify.
    let forgot = spawn_beside(&before, |s| {
        s.insert("QUALIFY_ISSUER_KEY".into(), NEW.into());
    })
    .await;
    assert!(verified_by_kid(&forgot, &old_jwt).await.is_err());
    let anon = Browser::new(&forgot);
    anon.get("/verify").await;
    assert_eq!(anon.post("/verify", &[("jwt", &old_jwt)]).await.status, 422);
}
