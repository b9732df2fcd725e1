//! Who a credential is about, without naming their address: a random subject id and an Open
//! Badges `IdentityObject`, the salted SHA-256 hash of the holder's address (salt per
//! certificate), so a verifier who is told the address can check it and nobody else learns
//! it. Written with the certificate's status list position once per certificate: at issue,
//! or, for a certificate issued before credentials carried them, at its first credential
//! download (with the holder's address then).

use chrono::NaiveDateTime;
use rand::RngCore;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::db::DbConnection;
use crate::db::models::{Certificate, CertificateCredential, Person};
use crate::error::AppError;

/// The identity hash of an address with a salt: `sha256$` and the hex SHA-256 of the address
/// (trimmed, lower case) followed by the salt, as Open Badges defines it.
pub fn identity_hash(email: &str, salt: &str) -> String {
    let address = email.trim().to_lowercase();
    let digest = Sha256::digest(format!("{address}{salt}").as_bytes());
    format!("sha256${}", hex::encode(digest))
}

/// Whether an address is the one a credential's identity hash was made from.
pub fn email_matches(facts: &CertificateCredential, email: &str) -> bool {
    !email.trim().is_empty() && identity_hash(email, &facts.identity_salt) == facts.identity_hash
}

/// The `IdentityObject` of the credential subject.
pub fn identity_object(facts: &CertificateCredential) -> Value {
    json!({
        "type": "IdentityObject",
        "identityHash": facts.identity_hash,
        "identityType": "emailAddress",
        "hashed": true,
        "salt": facts.identity_salt,
    })
}

/// Writes the credential facts of a certificate: a free status list position, a random
/// subject id, and the hash of the holder's address with a fresh salt. When another
/// transaction wrote the certificate's facts first, those stand; when it took the same
/// position first, another is drawn.
pub fn assign(
    conn: &mut DbConnection,
    cert: &Certificate,
    email: &str,
    now: NaiveDateTime,
) -> Result<CertificateCredential, AppError> {
    loop {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        let salt = hex::encode(salt);
        let facts = CertificateCredential {
            certificate_id: cert.id.clone(),
            status_index: super::status_list::free_index(conn)?,
            subject_id: format!("urn:uuid:{}", uuid::Uuid::new_v4()),
            identity_hash: identity_hash(email, &salt),
            identity_salt: salt,
            created_at: now,
        };
        if CertificateCredential::create_if_absent(conn, &facts)? {
            return Ok(facts);
        }
        if let Some(first) = CertificateCredential::find(conn, &cert.id)? {
            return Ok(first);
        }
    }
}

/// The credential facts of a certificate, written now (with the holder's current address) if
/// it was issued before credentials carried them. Runs in a write transaction.
pub fn ensure(
    conn: &mut DbConnection,
    cert: &Certificate,
    now: NaiveDateTime,
) -> Result<CertificateCredential, AppError> {
    if let Some(facts) = CertificateCredential::find(conn, &cert.id)? {
        return Ok(facts);
    }
    let person = Person::find(conn, &cert.person_id)?.ok_or(AppError::NotFound)?;
    assign(conn, cert, &person.email, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(email: &str) -> CertificateCredential {
        let salt = "5f1c0a".to_string();
        CertificateCredential {
            certificate_id: crate::domain::ids::CertificateId("c".into()),
            status_index: 7,
            subject_id: "urn:uuid:x".into(),
            identity_hash: identity_hash(email, &salt),
            identity_salt: salt,
            created_at: chrono::NaiveDateTime::default(),
        }
    }

    #[test]
    fn the_identity_hash_verifies_for_the_right_address_and_not_another() {
        let f = facts("tara@example.com");
        assert!(email_matches(&f, "tara@example.com"));
        assert!(email_matches(&f, " Tara@Example.com "), "as typed");
        assert!(!email_matches(&f, "tarb@example.com"));
        assert!(!email_matches(&f, ""));
        // sha256("tara@example.com" + "5f1c0a"), as any Open Badges verifier computes it.
        let expected = hex::encode(Sha256::digest(b"tara@example.com5f1c0a"));
        assert_eq!(f.identity_hash, format!("sha256${expected}"));
        let object = identity_object(&f);
        assert_eq!(object["hashed"], true);
        assert_eq!(object["identityType"], "emailAddress");
        assert_eq!(object["salt"], "5f1c0a");
    }
}
