//! Unit tests of the credential's form: registered claims against the credential, every
//! term defined by the vendored contexts, and the holder's identity.

use std::collections::BTreeSet;

use super::*;
use crate::db::models::CertificateParts;
use crate::domain::ids::{CertificateId, CurriculumVersionId, PersonId, ProgramId};

fn issuer() -> Issuer {
    Issuer::new(&[7u8; 32], "https://q.example", "Q").unwrap()
}

fn certificate() -> Certificate {
    let at = |y, m, d| {
        chrono::NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap()
    };
    Certificate {
        id: CertificateId("c".into()),
        ..Certificate::issued(CertificateParts {
            public_id: "abc".into(),
            person_id: PersonId("p".into()),
            program_id: ProgramId("g".into()),
            enrollment_id: None,
            curriculum_version_id: CurriculumVersionId("v".into()),
            holder_name: "Jörg Maß".into(),
            program_title_de: "Community-Management".into(),
            program_title_en: "Community management".into(),
            record: "{}".into(),
            issued_at: at(2026, 3, 2),
            expires_at: Some(at(2028, 3, 2)),
        })
    }
}

fn subject() -> CertificateCredential {
    CertificateCredential {
        certificate_id: CertificateId("c".into()),
        status_index: 4711,
        subject_id: "urn:uuid:0b6e3c5e-8f0e-4d43-a4a2-43e2b2f7c0de".into(),
        identity_salt: "a1b2".into(),
        identity_hash: crate::certificates::subject::identity_hash("tara@example.com", "a1b2"),
        created_at: chrono::NaiveDateTime::default(),
    }
}

fn claims(lang: Language) -> Value {
    let issuer = issuer();
    let subject = subject();
    let description = Bilingual {
        de: "Beschreibung".into(),
        en: "Description".into(),
    };
    let facts = Facts {
        subject: &subject,
        program: "community",
        description: &description,
        lang,
    };
    let jwt = sign(&issuer, &certificate(), &facts);
    assert_eq!(jwt, sign(&issuer, &certificate(), &facts), "deterministic");
    issuer.check(&jwt).expect("signed by the issuer")
}

#[test]
fn the_registered_claims_equal_the_credentials_fields() {
    let c = claims(Language::En);
    assert_eq!(c["iss"], c["issuer"]["id"]);
    assert_eq!(c["iss"], "https://q.example/issuer");
    assert_eq!(c["jti"], c["id"]);
    assert_eq!(c["jti"], "https://q.example/verify/abc");
    assert_eq!(c["sub"], c["credentialSubject"]["id"]);
    let valid_from = chrono::DateTime::parse_from_rfc3339(c["validFrom"].as_str().unwrap());
    assert_eq!(c["nbf"], valid_from.unwrap().timestamp());
    let valid_until = chrono::DateTime::parse_from_rfc3339(c["validUntil"].as_str().unwrap());
    assert_eq!(c["exp"], valid_until.unwrap().timestamp());
    assert!(c.get("vc").is_none(), "the payload is the credential");
    assert_eq!(c["@context"], json!(CONTEXTS));
    assert_eq!(
        c["type"],
        json!(["VerifiableCredential", "OpenBadgeCredential"])
    );
    assert_eq!(credential_id(&c), Some("https://q.example/verify/abc"));
}

#[test]
fn the_achievement_speaks_the_holders_language_and_names_the_other() {
    let en = claims(Language::En);
    let a = &en["credentialSubject"]["achievement"];
    assert_eq!(a["name"], "Community management");
    assert_eq!(a["description"], "Description");
    assert_eq!(a["achievementType"], "Certification");
    assert_eq!(a["inLanguage"], "en");
    assert_eq!(a["related"][0]["inLanguage"], "de");
    assert_eq!(a["criteria"]["id"], "https://q.example/programs/community");
    assert!(a["criteria"]["narrative"].as_str().unwrap().len() > 20);
    assert_eq!(
        a["image"]["id"],
        "https://q.example/verify/abc/badge.png?lang=en"
    );
    let de = claims(Language::De);
    let a = &de["credentialSubject"]["achievement"];
    assert_eq!(a["name"], "Community-Management");
    assert_eq!(a["description"], "Beschreibung");
    assert_eq!(
        a["related"][0]["id"],
        en["credentialSubject"]["achievement"]["id"]
    );
    assert_ne!(
        de["credentialSubject"]["achievement"]["criteria"]["narrative"],
        en["credentialSubject"]["achievement"]["criteria"]["narrative"]
    );
}

#[test]
fn the_subject_is_a_hashed_address_and_the_status_names_its_bit() {
    let c = claims(Language::En);
    let (hash, salt) = identity_in(&c).expect("an identity object");
    assert_eq!(salt, "a1b2");
    assert_eq!(
        hash,
        crate::certificates::subject::identity_hash("tara@example.com", salt)
    );
    assert!(!c.to_string().contains("tara@example.com"));
    let status = &c["credentialStatus"];
    assert_eq!(status["type"], "BitstringStatusListEntry");
    assert_eq!(status["statusPurpose"], "revocation");
    assert_eq!(status["statusListIndex"], "4711");
    assert_eq!(
        status["statusListCredential"],
        "https://q.example/status-lists/revocation"
    );
}

/// Every term a context defines, at any depth (type-scoped contexts included).
fn terms(context: &Value, out: &mut BTreeSet<String>) {
    if let Some(map) = context.as_object() {
        for (key, value) in map {
            if !key.starts_with('@') {
                out.insert(key.clone());
            }
            if let Some(inner) = value.get("@context") {
                terms(inner, out);
            }
        }
    }
}

/// Every property name used in a JSON document, outside the JWT's registered claims.
fn used(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                out.insert(key.clone());
                used(inner, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| used(i, out)),
        _ => {}
    }
}

#[test]
fn every_term_of_the_credential_is_defined_by_the_vendored_contexts() {
    let mut defined = BTreeSet::new();
    for file in [
        include_str!("../../static/contexts/credentials-v2.json"),
        include_str!("../../static/contexts/ob-v3p0-context-3.0.3.json"),
    ] {
        let document: Value = serde_json::from_str(file).unwrap();
        terms(&document["@context"], &mut defined);
    }
    let mut names = BTreeSet::new();
    let mut c = claims(Language::De);
    for claim in ["iss", "sub", "jti", "nbf", "exp"] {
        c.as_object_mut().unwrap().remove(claim);
    }
    used(&c, &mut names);
    let undefined: Vec<&String> = names
        .iter()
        .filter(|n| !n.starts_with('@') && !defined.contains(*n))
        .collect();
    assert!(undefined.is_empty(), "undefined terms: {undefined:?}");
}

#[test]
fn credentials_of_the_earlier_form_are_read_too() {
    let old = json!({ "iss": "https://q.example/issuer", "vc": { "id": "https://q.example/verify/abc" } });
    assert_eq!(credential_id(&old), Some("https://q.example/verify/abc"));
    assert_eq!(identity_in(&old), None);
}
