//! A certificate as an Open Badges 3.0 `OpenBadgeCredential` (VC Data Model 2.0) secured as a
//! JWT the way Open Badges 3.0 and VC-JOSE-COSE define it: the JWT payload is the credential
//! itself, and the registered claims beside it repeat its properties (`iss` the issuer's id,
//! `jti` the credential's id, `sub` the subject's id, `nbf` and `exp` its validity).
//!
//! The credential carries what wallets show and verifiers check: the holder as a salted hash
//! of their address (`subject`), the achievement (name and description in the holder's
//! language, the other language as a related achievement, criteria, type, badge image), and
//! its bit in the revocation status list (`status_list`). It names its contexts by their
//! canonical URLs; copies are vendored in `static/contexts/` and never fetched.
//!
//! Credentials signed before this form wrapped the credential in a `vc` claim (VC 1.1 style);
//! [`credential_id`] reads both, so they keep verifying on qualify's own `/verify`.

use serde_json::{Value, json};

use super::credential::Issuer;
use super::record::Bilingual;
use crate::db::models::{Certificate, CertificateCredential};
use crate::domain::language::Language;

/// The contexts of every credential: VC Data Model 2.0, then Open Badges 3.0.3.
pub const CONTEXTS: [&str; 2] = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];

/// 1EdTech's JSON Schema for an achievement credential, named so validators can check one.
const SCHEMA: &str =
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

/// What a credential says beyond the certificate row.
pub struct Facts<'a> {
    /// Position in the status list, subject id and identity hash.
    pub subject: &'a CertificateCredential,
    /// The program's slug (the achievement's page).
    pub program: &'a str,
    /// The program's description at the certified curriculum version.
    pub description: &'a Bilingual,
    /// The holder's language.
    pub lang: Language,
}

/// The kind of achievement a certificate is (Open Badges `achievementType`). The one place
/// that chooses it: the certified program is a `Certification`, completed self-study a
/// `Course`.
pub fn achievement_type(kind: crate::domain::states::CertificateKind) -> &'static str {
    match kind {
        crate::domain::states::CertificateKind::Certification => "Certification",
        crate::domain::states::CertificateKind::SelfStudy => "Course",
    }
}

fn other(lang: Language) -> Language {
    match lang {
        Language::De => Language::En,
        Language::En => Language::De,
    }
}

/// The achievement's id in a language: its public program page.
fn achievement_id(issuer: &Issuer, program: &str, lang: Language) -> String {
    format!(
        "{}/programs/{program}?lang={}",
        issuer.base_url,
        lang.code()
    )
}

/// The public badge image of a certificate in a language.
pub fn image_url(issuer: &Issuer, cert: &Certificate, lang: Language) -> String {
    format!(
        "{}/verify/{}/badge.png?lang={}",
        issuer.base_url,
        cert.public_id,
        lang.code()
    )
}

fn title(cert: &Certificate, lang: Language) -> &str {
    match lang {
        Language::De => &cert.program_title_de,
        Language::En => &cert.program_title_en,
    }
}

/// The achievement, in the holder's language.
fn achievement(issuer: &Issuer, cert: &Certificate, facts: &Facts<'_>) -> Value {
    let lang = facts.lang;
    let page = format!("{}/programs/{}", issuer.base_url, facts.program);
    json!({
        "id": achievement_id(issuer, facts.program, lang),
        "type": ["Achievement"],
        "achievementType": achievement_type(cert.kind),
        "name": title(cert, lang),
        "description": facts.description.get(lang.code()),
        "criteria": {
            "id": page,
            "narrative": crate::web::i18n::t(lang, "credential-criteria"),
        },
        "image": {
            "id": image_url(issuer, cert, lang),
            "type": "Image",
            "caption": title(cert, lang),
        },
        "inLanguage": lang.code(),
        "related": [{
            "id": achievement_id(issuer, facts.program, other(lang)),
            "type": ["Related"],
            "inLanguage": other(lang).code(),
        }],
    })
}

/// The credential with its registered claims: the payload to sign.
pub fn payload(issuer: &Issuer, cert: &Certificate, facts: &Facts<'_>) -> Value {
    use crate::domain::timestamp::rfc3339;
    let id = issuer.verify_url(cert);
    let mut vc = json!({
        "@context": CONTEXTS,
        "id": id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": title(cert, facts.lang),
        "issuer": {
            "id": issuer.id(),
            "type": ["Profile"],
            "name": issuer.name,
            "url": issuer.base_url,
        },
        "validFrom": rfc3339(&cert.issued_at),
        "credentialSubject": {
            "id": facts.subject.subject_id,
            "type": ["AchievementSubject"],
            "name": cert.holder_name,
            "identifier": [super::subject::identity_object(facts.subject)],
            "achievement": achievement(issuer, cert, facts),
        },
        "credentialStatus": super::status_list::entry(issuer, facts.subject.status_index),
        "credentialSchema": [{ "id": SCHEMA, "type": "1EdTechJsonSchemaValidator2019" }],
        "iss": issuer.id(),
        "jti": id,
        "sub": facts.subject.subject_id,
        "nbf": cert.issued_at.and_utc().timestamp(),
    });
    if let Some(e) = cert.expires_at {
        vc["validUntil"] = json!(rfc3339(&e));
        vc["exp"] = json!(e.and_utc().timestamp());
    }
    vc
}

/// The signed credential (a compact JWT).
pub fn sign(issuer: &Issuer, cert: &Certificate, facts: &Facts<'_>) -> String {
    issuer.sign(&payload(issuer, cert, facts))
}

/// The credential id in checked claims, of this form or of the earlier `vc`-claim form.
pub fn credential_id(claims: &Value) -> Option<&str> {
    claims["id"]
        .as_str()
        .or_else(|| claims["vc"]["id"].as_str())
}

/// The identity object in checked claims, if the credential carries one.
pub fn identity_in(claims: &Value) -> Option<(&str, &str)> {
    let object = claims["credentialSubject"]["identifier"]
        .as_array()?
        .iter()
        .find(|i| i["identityType"] == "emailAddress" && i["hashed"] == true)?;
    Some((object["identityHash"].as_str()?, object["salt"].as_str()?))
}

#[cfg(test)]
mod tests {
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
                kind: crate::domain::states::CertificateKind::Certification,
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
}
