//! Forged and broken ID tokens, each refused for its own reason; a good one passes.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, NaiveDateTime};
use ed25519_dalek::SigningKey;
use ed25519_dalek::pkcs8::EncodePrivateKey;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

use super::*;

const ISSUER: &str = "https://idp.example.com";
const CLIENT: &str = "qualify";
const NONCE: &str = "n-0S6_WzA2Mj";

fn now() -> NaiveDateTime {
    DateTime::from_timestamp(1_800_000_000, 0)
        .unwrap()
        .naive_utc()
}

struct Provider {
    signing: SigningKey,
    kid: &'static str,
}

impl Provider {
    fn new(seed: u8, kid: &'static str) -> Self {
        Self {
            signing: SigningKey::from_bytes(&[seed; 32]),
            kid,
        }
    }

    fn public_x(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.signing.verifying_key().as_bytes())
    }

    fn jwks(&self) -> JwkSet {
        serde_json::from_value(json!({ "keys": [{
            "kty": "OKP", "crv": "Ed25519", "use": "sig", "alg": "EdDSA",
            "kid": self.kid, "x": self.public_x(),
        }]}))
        .unwrap()
    }

    fn sign(&self, claims: &Value) -> String {
        let der = self.signing.to_pkcs8_der().unwrap();
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(self.kid.into());
        jsonwebtoken::encode(&header, claims, &EncodingKey::from_ed_der(der.as_bytes())).unwrap()
    }
}

fn claims() -> Value {
    let t = now().and_utc().timestamp();
    json!({
        "iss": ISSUER, "aud": CLIENT, "sub": "248289761001", "nonce": NONCE,
        "iat": t - 5, "exp": t + 300, "email": "jana.schmidt@example.com",
    })
}

fn with(change: impl FnOnce(&mut Value)) -> Value {
    let mut c = claims();
    change(&mut c);
    c
}

fn expected() -> Expected<'static> {
    Expected {
        issuer: ISSUER,
        client_id: CLIENT,
        nonce: NONCE,
        now: now(),
    }
}

fn check(token: &str, keys: &JwkSet) -> Result<Claims, TokenError> {
    verify(token, keys, &expected())
}

fn b64(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(value).unwrap())
}

#[test]
fn a_token_from_the_provider_passes() {
    let idp = Provider::new(7, "k1");
    let verified = check(&idp.sign(&claims()), &idp.jwks()).unwrap();
    assert_eq!(verified["sub"], "248289761001");
    assert_eq!(verified["email"], "jana.schmidt@example.com");
}

#[test]
fn a_wrong_signature_is_refused() {
    let idp = Provider::new(7, "k1");
    let forger = Provider::new(9, "k1");
    assert_eq!(
        check(&forger.sign(&claims()), &idp.jwks()),
        Err(TokenError::Signature)
    );
    let token = idp.sign(&claims());
    let (head, _) = token.split_once('.').unwrap();
    let signature = token.rsplit('.').next().unwrap();
    let changed = with(|c| c["sub"] = json!("someone-else"));
    let spliced = format!("{head}.{}.{signature}", b64(&changed));
    assert_eq!(check(&spliced, &idp.jwks()), Err(TokenError::Signature));
}

#[test]
fn alg_none_is_refused() {
    let idp = Provider::new(7, "k1");
    let head = b64(&json!({ "alg": "none", "typ": "JWT", "kid": "k1" }));
    let unsigned = format!("{head}.{}.", b64(&claims()));
    assert!(matches!(
        check(&unsigned, &idp.jwks()),
        Err(TokenError::Algorithm(_))
    ));
}

#[test]
fn hs256_keyed_with_the_public_key_is_refused() {
    let idp = Provider::new(7, "k1");
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some("k1".into());
    for secret in [
        idp.public_x().into_bytes(),
        idp.signing.verifying_key().as_bytes().to_vec(),
    ] {
        let token =
            jsonwebtoken::encode(&header, &claims(), &EncodingKey::from_secret(&secret)).unwrap();
        assert_eq!(
            check(&token, &idp.jwks()),
            Err(TokenError::Algorithm("HS256".into()))
        );
    }
}

#[test]
fn the_wrong_audience_or_issuer_is_refused() {
    let idp = Provider::new(7, "k1");
    let keys = idp.jwks();
    let other_client = idp.sign(&with(|c| c["aud"] = json!("another-app")));
    assert_eq!(check(&other_client, &keys), Err(TokenError::Claim("aud")));
    let other_issuer = idp.sign(&with(|c| c["iss"] = json!("https://evil.example.com")));
    assert_eq!(check(&other_issuer, &keys), Err(TokenError::Claim("iss")));
    let shared = idp.sign(&with(|c| {
        c["aud"] = json!([CLIENT, "another-app"]);
        c["azp"] = json!("another-app");
    }));
    assert_eq!(check(&shared, &keys), Err(TokenError::Claim("azp")));
}

#[test]
fn an_expired_or_future_token_is_refused_beyond_the_skew() {
    let idp = Provider::new(7, "k1");
    let keys = idp.jwks();
    let t = now().and_utc().timestamp();
    let expired = idp.sign(&with(|c| c["exp"] = json!(t - SKEW_SECONDS - 1)));
    assert_eq!(check(&expired, &keys), Err(TokenError::Claim("exp")));
    let within_skew = idp.sign(&with(|c| c["exp"] = json!(t - 10)));
    assert!(check(&within_skew, &keys).is_ok());
    let future = idp.sign(&with(|c| c["iat"] = json!(t + SKEW_SECONDS + 5)));
    assert_eq!(check(&future, &keys), Err(TokenError::Claim("iat")));
    let stale = idp.sign(&with(|c| c["iat"] = json!(t - 3600)));
    assert_eq!(check(&stale, &keys), Err(TokenError::Claim("iat")));
    let no_exp = idp.sign(&with(|c| {
        c.as_object_mut().unwrap().remove("exp");
    }));
    assert_eq!(check(&no_exp, &keys), Err(TokenError::Claim("exp")));
}

#[test]
fn the_wrong_nonce_is_refused() {
    let idp = Provider::new(7, "k1");
    let keys = idp.jwks();
    let replayed = idp.sign(&with(|c| c["nonce"] = json!("a-nonce-of-another-sign-in")));
    assert_eq!(check(&replayed, &keys), Err(TokenError::Claim("nonce")));
    let missing = idp.sign(&with(|c| {
        c.as_object_mut().unwrap().remove("nonce");
    }));
    assert_eq!(check(&missing, &keys), Err(TokenError::Claim("nonce")));
}

#[test]
fn an_unknown_key_id_asks_for_the_keys_again() {
    let idp = Provider::new(7, "k1");
    let rotated = Provider::new(7, "k2");
    assert_eq!(
        check(&rotated.sign(&claims()), &idp.jwks()),
        Err(TokenError::UnknownKey)
    );
}
