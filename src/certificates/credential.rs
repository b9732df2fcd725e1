//! The Open Badges 3.0 credential of a certificate: a W3C Verifiable Credential as a JWT signed
//! with Ed25519 (`alg: EdDSA`). The public key is published as a JWKS at
//! `/.well-known/jwks.json` and in the issuer profile at `/issuer`, so any standard JWT library
//! can verify it. Signing is deterministic: the same certificate gives the same credential.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde_json::{Value, json};

use super::record::Record;
use crate::db::models::Certificate;

/// The issuer: its key, key id and public URLs.
#[derive(Clone)]
pub struct Issuer {
    key: SigningKey,
    /// Public base URL.
    pub base_url: String,
    /// Display name.
    pub name: String,
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
        let seed: [u8; 32] = seed
            .try_into()
            .map_err(|_| anyhow::anyhow!("the issuer key must be 32 bytes"))?;
        Ok(Self {
            key: SigningKey::from_bytes(&seed),
            base_url: base_url.trim_end_matches('/').to_string(),
            name: name.to_string(),
        })
    }

    /// The issuer's id (its profile URL).
    pub fn id(&self) -> String {
        format!("{}/issuer", self.base_url)
    }

    /// The key id.
    pub fn kid(&self) -> String {
        format!("{}#key-1", self.id())
    }

    /// The public key, base64url.
    pub fn public_x(&self) -> String {
        B64.encode(self.key.verifying_key().as_bytes())
    }

    /// The JWKS document.
    pub fn jwks(&self) -> Value {
        json!({ "keys": [{
            "kty": "OKP", "crv": "Ed25519", "x": self.public_x(),
            "kid": self.kid(), "alg": "EdDSA", "use": "sig",
        }] })
    }

    /// The issuer profile (Open Badges 3.0 `Profile`).
    pub fn profile(&self) -> Value {
        json!({
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
            "id": self.id(),
            "type": ["Profile"],
            "name": self.name,
            "url": self.base_url,
            "verificationMethod": [{
                "id": self.kid(),
                "type": "JsonWebKey",
                "controller": self.id(),
                "publicKeyJwk": { "kty": "OKP", "crv": "Ed25519", "x": self.public_x() },
            }],
        })
    }

    /// The verification URL of a certificate.
    pub fn verify_url(&self, cert: &Certificate) -> String {
        format!("{}/verify/{}", self.base_url, cert.public_id)
    }

    /// The credential (JWT) of a certificate.
    pub fn credential(&self, cert: &Certificate) -> String {
        let record: Option<Record> = serde_json::from_str(&cert.record).ok();
        let achievement = json!({
            "id": format!("{}/programs/{}", self.base_url, record.as_ref().map(|r| r.program.as_str()).unwrap_or("")),
            "type": ["Achievement"],
            "name": cert.program_title_en,
            "criteria": { "narrative": "Every required assignment of the program passed, graded by certified co-trainers against published rubrics." },
        });
        let mut vc = json!({
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
            "id": self.verify_url(cert),
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": { "id": self.id(), "type": ["Profile"], "name": self.name },
            "validFrom": cert.issued_at.and_utc().to_rfc3339(),
            "name": cert.program_title_en,
            "credentialSubject": {
                "type": ["AchievementSubject"],
                "name": cert.holder_name,
                "achievement": achievement,
            },
        });
        let mut claims = json!({
            "iss": self.id(),
            "jti": self.verify_url(cert),
            "nbf": cert.issued_at.and_utc().timestamp(),
            "iat": cert.issued_at.and_utc().timestamp(),
        });
        if let Some(e) = cert.expires_at {
            vc["validUntil"] = json!(e.and_utc().to_rfc3339());
            claims["exp"] = json!(e.and_utc().timestamp());
        }
        claims["vc"] = vc;
        let header = json!({ "alg": "EdDSA", "typ": "JWT", "kid": self.kid() });
        let signing_input = format!(
            "{}.{}",
            B64.encode(header.to_string()),
            B64.encode(claims.to_string())
        );
        let signature: Signature = self.key.sign(signing_input.as_bytes());
        format!("{signing_input}.{}", B64.encode(signature.to_bytes()))
    }

    /// Checks a credential's signature against this issuer's key; returns its claims when it
    /// holds.
    pub fn check(&self, jwt: &str) -> Option<Value> {
        let jwt = jwt.trim();
        let (input, signature) = jwt.rsplit_once('.')?;
        let (header, claims) = input.split_once('.')?;
        let header: Value = serde_json::from_slice(&B64.decode(header).ok()?).ok()?;
        if header["alg"] != "EdDSA" {
            return None;
        }
        let signature = Signature::from_slice(&B64.decode(signature).ok()?).ok()?;
        let key: VerifyingKey = self.key.verifying_key();
        key.verify(input.as_bytes(), &signature).ok()?;
        serde_json::from_slice(&B64.decode(claims).ok()?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_credential_checks_and_a_tampered_one_does_not() {
        let issuer = Issuer::new(&[7u8; 32], "https://q.example", "Q").unwrap();
        let now = chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap();
        let cert = Certificate {
            id: crate::domain::ids::CertificateId("c".into()),
            public_id: "abc".into(),
            person_id: crate::domain::ids::PersonId("p".into()),
            program_id: crate::domain::ids::ProgramId("g".into()),
            enrollment_id: None,
            curriculum_version_id: crate::domain::ids::CurriculumVersionId("v".into()),
            holder_name: "Jörg Maß".into(),
            program_title_de: "Q".into(),
            program_title_en: "Q".into(),
            record: "{}".into(),
            issued_at: now,
            expires_at: None,
            issued_by: None,
            issue_reason: None,
            status: crate::domain::states::CertificateStatus::Active,
            revoked_at: None,
            revoked_reason: None,
            superseded_by: None,
            created_at: now,
        };
        let jwt = issuer.credential(&cert);
        assert_eq!(jwt, issuer.credential(&cert), "deterministic");
        let claims = issuer.check(&jwt).expect("valid");
        assert_eq!(claims["vc"]["credentialSubject"]["name"], "Jörg Maß");
        let mut parts: Vec<String> = jwt.split('.').map(str::to_string).collect();
        let forged = json!({ "vc": { "credentialSubject": { "name": "Mallory" } } });
        parts[1] = B64.encode(forged.to_string());
        assert!(issuer.check(&parts.join(".")).is_none());
    }
}
