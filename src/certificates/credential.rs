//! The issuer of the Open Badges 3.0 credentials: its Ed25519 keys, which sign credentials as
//! JWTs (`alg: EdDSA`) with `jsonwebtoken`, and its public documents. The public key is published as a JWKS at
//! `/.well-known/jwks.json` and in the issuer profile at `/issuer`, so any standard JWT library
//! can verify it. Signing is deterministic: the same certificate gives the same credential.
//!
//! Keys rotate: the issuer holds the current key, which signs, and any earlier keys, which
//! only verify. Every key is published with its own `kid` (its RFC 7638 thumbprint), so
//! credentials signed before a rotation keep verifying anywhere. Credentials signed before
//! keys had thumbprint ids name `#key-1`: the oldest key is published under that id too.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use ed25519_dalek::SigningKey;
use ed25519_dalek::pkcs8::EncodePrivateKey;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde_json::{Value, json};

use crate::db::models::Certificate;

/// One signing key pair.
#[derive(Clone)]
struct Key {
    /// The private key as PKCS#8 DER, the form `jsonwebtoken` signs with.
    signing: EncodingKey,
    /// The public key, the form `jsonwebtoken` verifies with.
    verifying: DecodingKey,
    /// The public key, base64url (the JWK's `x`).
    x: String,
}

impl Key {
    fn from_seed(seed: &[u8]) -> anyhow::Result<Self> {
        let seed: [u8; 32] = seed
            .try_into()
            .map_err(|_| anyhow::anyhow!("an issuer key must be 32 bytes"))?;
        let key = SigningKey::from_bytes(&seed);
        let der = key
            .to_pkcs8_der()
            .map_err(|e| anyhow::anyhow!("the issuer key cannot be encoded: {e}"))?;
        let x = B64.encode(key.verifying_key().as_bytes());
        Ok(Self {
            signing: EncodingKey::from_ed_der(der.as_bytes()),
            verifying: DecodingKey::from_ed_components(&x)?,
            x,
        })
    }

    /// The JWK thumbprint (RFC 7638) of the public key.
    fn thumbprint(&self) -> String {
        use sha2::Digest;
        let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{}"}}"#, self.x);
        B64.encode(sha2::Sha256::digest(canonical.as_bytes()))
    }
}

/// The issuer: its keys (the first signs), key ids and public URLs.
#[derive(Clone)]
pub struct Issuer {
    /// The current key first, then earlier ones, newest first.
    keys: Vec<Key>,
    /// Public base URL.
    pub base_url: String,
    /// Display name.
    pub name: String,
    /// The organisation's logo (`QUALIFY_ORGANIZATION_LOGO`), on the profile and the PDF.
    pub logo: Option<crate::config::logo::Logo>,
}

impl std::fmt::Debug for Issuer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the key.
        f.debug_struct("Issuer").field("id", &self.id()).finish()
    }
}

impl Issuer {
    /// An issuer from a 32-byte Ed25519 seed.
    pub fn new(seed: &[u8], base_url: &str, name: &str) -> anyhow::Result<Self> {
        Self::with_keys(&[seed.to_vec()], base_url, name)
    }

    /// An issuer from the current seed followed by earlier ones (newest first).
    pub fn with_keys(seeds: &[Vec<u8>], base_url: &str, name: &str) -> anyhow::Result<Self> {
        let keys = seeds
            .iter()
            .map(|s| Key::from_seed(s))
            .collect::<anyhow::Result<Vec<_>>>()?;
        anyhow::ensure!(!keys.is_empty(), "no issuer key");
        let issuer = Self {
            keys,
            base_url: base_url.trim_end_matches('/').to_string(),
            name: name.to_string(),
            logo: None,
        };
        // Signing parses the key each time: a key it refuses is refused here, at start-up.
        jsonwebtoken::encode(&issuer.header(), &json!({}), &issuer.keys[0].signing)?;
        Ok(issuer)
    }

    /// The JWT header: EdDSA, `typ: JWT` and the current key's id.
    fn header(&self) -> Header {
        Header {
            kid: Some(self.kid()),
            ..Header::new(Algorithm::EdDSA)
        }
    }

    fn kid_of(&self, key: &Key) -> String {
        format!("{}#{}", self.id(), key.thumbprint())
    }

    /// The id credentials signed before keys had thumbprint ids carry (the oldest key's).
    fn legacy_kid(&self) -> String {
        format!("{}#key-1", self.id())
    }

    /// Every published key with its ids: its thumbprint id, and the legacy id for the oldest.
    fn published(&self) -> Vec<(String, &Key)> {
        let mut out: Vec<(String, &Key)> = self.keys.iter().map(|k| (self.kid_of(k), k)).collect();
        if let Some(oldest) = self.keys.last() {
            out.push((self.legacy_kid(), oldest));
        }
        out
    }

    /// The same issuer with the organisation's logo.
    pub fn with_logo(mut self, logo: Option<crate::config::logo::Logo>) -> Self {
        self.logo = logo;
        self
    }

    /// The issuer's id (its profile URL).
    pub fn id(&self) -> String {
        format!("{}/issuer", self.base_url)
    }

    /// The current key's id.
    pub fn kid(&self) -> String {
        self.kid_of(&self.keys[0])
    }

    /// The current public key, base64url.
    pub fn public_x(&self) -> String {
        self.keys[0].x.clone()
    }

    /// The JWKS document: every key, current and earlier.
    pub fn jwks(&self) -> Value {
        let keys: Vec<Value> = self
            .published()
            .into_iter()
            .map(|(kid, k)| {
                json!({ "kty": "OKP", "crv": "Ed25519", "x": k.x, "kid": kid, "alg": "EdDSA", "use": "sig" })
            })
            .collect();
        json!({ "keys": keys })
    }

    /// The issuer profile (Open Badges 3.0 `Profile`).
    pub fn profile(&self) -> Value {
        let mut profile = json!({
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
            "id": self.id(),
            "type": ["Profile"],
            "name": self.name,
            "url": self.base_url,
            "verificationMethod": self.published().into_iter().map(|(kid, k)| json!({
                "id": kid,
                "type": "JsonWebKey",
                "controller": self.id(),
                "publicKeyJwk": { "kty": "OKP", "crv": "Ed25519", "x": k.x },
            })).collect::<Vec<_>>(),
        });
        if self.logo.is_some() {
            profile["image"] = json!({
                "id": format!("{}{}", self.base_url, crate::config::logo::PATH),
                "type": "Image",
                "caption": self.name,
            });
        }
        profile
    }

    /// The verification URL of a certificate.
    pub fn verify_url(&self, cert: &Certificate) -> String {
        format!("{}/verify/{}", self.base_url, cert.public_id)
    }

    /// Signs a JWT payload with the current key (`alg: EdDSA`, its `kid`). The payload of a
    /// credential is the credential itself (see `certificates::ob3`).
    pub fn sign(&self, payload: &Value) -> String {
        jsonwebtoken::encode(&self.header(), payload, &self.keys[0].signing)
            .expect("the key was proven by signing in Issuer::new, and JSON claims serialize")
    }

    /// Checks a credential's signature (`alg: EdDSA`, this issuer's key) and returns its claims
    /// when it holds. Only the signature: whether the certificate is still valid (expired,
    /// revoked) is the certificate's status, looked up by the caller.
    /// The key is the one the header's `kid` names, or any of the issuer's keys without one.
    pub fn check(&self, jwt: &str) -> Option<Value> {
        let mut validation = Validation::new(Algorithm::EdDSA);
        validation.required_spec_claims.clear();
        validation.validate_exp = false;
        validation.validate_aud = false;
        let kid = jsonwebtoken::decode_header(jwt.trim()).ok()?.kid;
        self.published()
            .into_iter()
            .filter(|(id, _)| kid.as_ref().is_none_or(|k| k == id))
            .find_map(|(_, key)| {
                jsonwebtoken::decode::<Value>(jwt.trim(), &key.verifying, &validation).ok()
            })
            .map(|data| data.claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issuer() -> Issuer {
        Issuer::new(&[7u8; 32], "https://q.example", "Q").unwrap()
    }

    fn signed(issuer: &Issuer) -> String {
        issuer.sign(&json!({ "id": "https://q.example/verify/abc", "name": "Jörg Maß" }))
    }

    #[test]
    fn a_signature_checks_and_a_tampered_one_does_not() {
        let issuer = issuer();
        let jwt = signed(&issuer);
        assert_eq!(jwt, signed(&issuer), "deterministic");
        let claims = issuer.check(&jwt).expect("valid");
        assert_eq!(claims["name"], "Jörg Maß");
        let mut parts: Vec<String> = jwt.split('.').map(str::to_string).collect();
        parts[1] = B64.encode(json!({ "name": "Mallory" }).to_string());
        assert!(issuer.check(&parts.join(".")).is_none());
    }

    #[test]
    fn a_signature_verifies_with_the_jwks_key_until_one_payload_byte_changes() {
        let issuer = issuer();
        let jwt = signed(&issuer);
        let header = jsonwebtoken::decode_header(&jwt).unwrap();
        assert_eq!(header.alg, Algorithm::EdDSA);
        assert_eq!(header.kid, Some(issuer.kid()));
        assert!(issuer.kid().starts_with("https://q.example/issuer#"));

        let jwks = issuer.jwks();
        let x = jwks["keys"][0]["x"].as_str().unwrap();
        let key = DecodingKey::from_ed_components(x).unwrap();
        let mut validation = Validation::new(Algorithm::EdDSA);
        validation.required_spec_claims.clear();
        let claims = jsonwebtoken::decode::<Value>(&jwt, &key, &validation)
            .expect("verifies with the published key")
            .claims;
        assert_eq!(claims["id"], "https://q.example/verify/abc");

        let (head, rest) = jwt.split_once('.').unwrap();
        let (payload, signature) = rest.split_once('.').unwrap();
        let mut bytes = B64.decode(payload).unwrap();
        let at = bytes.iter().position(|b| *b == b'J').expect("the J");
        bytes[at] = b'G';
        let tampered = format!("{head}.{}.{signature}", B64.encode(&bytes));
        assert!(jsonwebtoken::decode::<Value>(&tampered, &key, &validation).is_err());
        assert!(issuer.check(&tampered).is_none());

        let other = Issuer::new(&[8u8; 32], "https://q.example", "Q").unwrap();
        assert!(other.check(&jwt).is_none(), "another key");
    }

    #[test]
    fn check_refuses_other_algorithms_and_ignores_expiry() {
        let issuer = issuer();
        // The public key used as an HMAC secret: the classic algorithm confusion.
        let hs256 = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &json!({ "id": "https://q.example/verify/abc" }),
            &EncodingKey::from_secret(issuer.public_x().as_bytes()),
        )
        .unwrap();
        assert!(issuer.check(&hs256).is_none());
        // An expired certificate's credential is genuine; its status says it no longer holds.
        let expired = issuer.sign(&json!({ "exp": 978_307_200 }));
        let claims = issuer.check(&format!(" {expired}\n"));
        assert!(claims.is_some_and(|c| c["exp"].is_i64()));
    }
}
