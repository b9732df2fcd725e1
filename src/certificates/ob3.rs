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

/// The kind of achievement a program's certificate is. The one place that chooses it: the
/// certified program is a `Certification`; a program of another kind would choose here.
pub fn achievement_type() -> &'static str {
    "Certification"
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
        "achievementType": achievement_type(),
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
#[path = "ob3_tests.rs"]
mod tests;
