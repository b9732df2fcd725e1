//! What people see of certificates: the holder and the owner see the whole certificate, anyone
//! with the code sees the verification (name, program, dates, status in plain words).

use chrono::NaiveDateTime;
use serde::Serialize;

use super::badge::Format;
use super::credential::Issuer;
use super::record::{Bilingual, ModuleResult, Record};
use crate::accounts::Identity;
use crate::db::keyset::{self, After, Paged};
pub use crate::db::models::CertificateFilter;
use crate::db::models::{Certificate, CertificateCredential, CurriculumVersion, Person};
use crate::db::{DbConnection, write_tx};
use crate::domain::ids::CertificateId;
use crate::domain::language::Language;
use crate::domain::states::CertificateStatus;
use crate::error::AppError;

/// A certificate as its holder or the owner sees it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CertificateView {
    /// Id (pages, downloads).
    pub id: String,
    /// The verification code.
    pub code: String,
    /// The holder's name (as issued).
    pub holder_name: String,
    /// Program title in the viewer's language.
    pub program: String,
    /// Cohort.
    pub cohort: String,
    /// Issue date.
    #[schema(format = Date)]
    pub issued_on: String,
    /// Expiry date.
    #[schema(format = Date)]
    pub expires_on: Option<String>,
    /// active, expired, revoked, superseded.
    pub status: String,
    /// Why revoked.
    pub revoked_reason: Option<String>,
    /// Issued by hand: why.
    pub issue_reason: Option<String>,
    /// The public verification URL (also the share page).
    pub verify_url: String,
    /// Add to LinkedIn.
    pub linkedin_url: String,
    /// Modules and results.
    pub modules: Vec<ModuleResult>,
    /// Curriculum version certified.
    pub curriculum_version: i32,
    /// `certification` or `self_study`.
    pub kind: String,
    /// A self-study certificate's lessons with their best check results.
    pub lessons: Vec<super::record::LessonResult>,
    /// Renewed through this refresher (its title in the viewer's language) on the issue date.
    pub renewed_through: Option<String>,
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The view of a certificate.
pub fn view(
    cert: &Certificate,
    issuer: &Issuer,
    lang: &str,
    now: NaiveDateTime,
) -> CertificateView {
    let record: Option<Record> = serde_json::from_str(&cert.record).ok();
    let program = if lang == "de" {
        cert.program_title_de.clone()
    } else {
        cert.program_title_en.clone()
    };
    let verify_url = issuer.verify_url(cert);
    let issued = cert.issued_at.date();
    let mut linkedin = format!(
        "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name={}&organizationName={}&issueYear={}&issueMonth={}&certUrl={}&certId={}",
        enc(&program),
        enc(&issuer.name),
        chrono::Datelike::year(&issued),
        chrono::Datelike::month(&issued),
        enc(&verify_url),
        enc(&cert.public_id),
    );
    if let Some(e) = cert.expires_at {
        linkedin.push_str(&format!(
            "&expirationYear={}&expirationMonth={}",
            chrono::Datelike::year(&e.date()),
            chrono::Datelike::month(&e.date())
        ));
    }
    CertificateView {
        id: cert.id.0.clone(),
        code: cert.public_id.clone(),
        holder_name: cert.holder_name.clone(),
        program,
        cohort: record
            .as_ref()
            .map(|r| r.cohort.clone())
            .unwrap_or_default(),
        issued_on: issued.to_string(),
        expires_on: cert.expires_at.map(|e| e.date().to_string()),
        status: cert.status_at(now).to_string(),
        revoked_reason: cert.revoked_reason.clone(),
        issue_reason: cert.issue_reason.clone(),
        verify_url,
        linkedin_url: linkedin,
        modules: record
            .as_ref()
            .map(|r| r.modules.clone())
            .unwrap_or_default(),
        curriculum_version: record
            .as_ref()
            .map(|r| r.curriculum_version)
            .unwrap_or_default(),
        kind: cert.kind.to_string(),
        renewed_through: renewed_through(record.as_ref(), lang),
        lessons: record
            .and_then(|r| r.self_study)
            .map(|s| s.lessons)
            .unwrap_or_default(),
    }
}

/// The title of the refresher a certificate was renewed through, in `lang`.
fn renewed_through(record: Option<&Record>, lang: &str) -> Option<String> {
    record
        .and_then(|r| r.renewed_through.as_ref())
        .map(|t| t.title.get(lang).to_string())
}

/// The certificates a viewer may list, newest first: any for the owner, one's own for anyone
/// else, as the filter says.
pub fn list(
    conn: &mut DbConnection,
    viewer: &Identity,
    mut filter: CertificateFilter,
    issuer: &Issuer,
    lang: &str,
    now: NaiveDateTime,
    limit: i64,
) -> Result<Vec<CertificateView>, AppError> {
    if !viewer.is_owner {
        filter.person = Some(viewer.person.id.clone());
    }
    Ok(Certificate::list(conn, &filter, now, None, limit)?
        .iter()
        .map(|c| view(c, issuer, lang, now))
        .collect())
}

/// The list's name in its cursors.
const LIST: &str = "certificates";

/// One page of the certificates the viewer may see, newest first, after the cursor's row.
#[allow(clippy::too_many_arguments)]
pub fn page(
    conn: &mut DbConnection,
    viewer: &Identity,
    mut filter: CertificateFilter,
    issuer: &Issuer,
    lang: &str,
    now: NaiveDateTime,
    cursor: Option<&str>,
    limit: i64,
) -> Result<Paged<CertificateView>, AppError> {
    if !viewer.is_owner {
        filter.person = Some(viewer.person.id.clone());
    }
    let after = match keyset::decode(LIST, "issued", cursor)? {
        Some(a) => Some((a.time()?, CertificateId(a.id))),
        None => None,
    };
    let rows = Certificate::list(conn, &filter, now, after, limit + 1)?;
    let key = |c: &Certificate| After {
        key: keyset::key_of_time(c.issued_at),
        id: c.id.0.clone(),
    };
    Ok(keyset::page(LIST, "issued", rows, limit, key).map(|c| view(&c, issuer, lang, now)))
}

/// A certificate the viewer may see as a PDF in a language: the file and its name.
pub fn pdf(
    conn: &mut DbConnection,
    viewer: &Identity,
    id: &CertificateId,
    issuer: &Issuer,
    lang: &str,
) -> Result<(Vec<u8>, String), AppError> {
    let cert = visible(conn, viewer, id)?;
    let record: Record =
        serde_json::from_str(&cert.record).map_err(|e| AppError::Internal(e.into()))?;
    let url = issuer.verify_url(&cert);
    let bytes = super::pdf::render(&super::pdf::Page {
        record: &record,
        verify_url: &url,
        lang,
        logo: issuer.logo.as_ref(),
    })?;
    Ok((bytes, format!("certificate-{}-{lang}.pdf", cert.public_id)))
}

/// A certificate the viewer may see as its signed credential: the JWT and a file name.
pub fn credential(
    conn: &mut DbConnection,
    viewer: &Identity,
    id: &CertificateId,
    issuer: &Issuer,
    now: NaiveDateTime,
) -> crate::error::Outcome<(String, String)> {
    let cert = visible(conn, viewer, id)?;
    if ended(&cert) {
        return Ok(Err(super::issue::CertificateRefusal::Ended.into()));
    }
    let (jwt, _) = signed(conn, issuer, &cert, now)?;
    Ok(Ok((jwt, format!("certificate-{}.jwt", cert.public_id))))
}

/// A certificate the viewer may see as its badge image with the signed credential baked in
/// (PNG or SVG, in the holder's language): the bytes and a file name.
pub fn baked_badge(
    conn: &mut DbConnection,
    viewer: &Identity,
    id: &CertificateId,
    issuer: &Issuer,
    format: Format,
    now: NaiveDateTime,
) -> crate::error::Outcome<(Vec<u8>, String)> {
    let cert = visible(conn, viewer, id)?;
    if ended(&cert) {
        return Ok(Err(super::issue::CertificateRefusal::Ended.into()));
    }
    let (jwt, lang) = signed(conn, issuer, &cert, now)?;
    let image = super::badge::baked(title_in(&cert, lang), &jwt, format);
    let name = format!("certificate-{}.{}", cert.public_id, format.extension());
    Ok(Ok((image, name)))
}

/// Revoked or superseded: no freshly signed credential any more.
fn ended(cert: &Certificate) -> bool {
    matches!(
        cert.status,
        CertificateStatus::Revoked | CertificateStatus::Superseded
    )
}

fn title_in(cert: &Certificate, lang: Language) -> &str {
    match lang {
        Language::De => &cert.program_title_de,
        Language::En => &cert.program_title_en,
    }
}

/// The signed credential of a certificate, in its holder's language (and that language):
/// writes the credential facts first if the certificate was issued before it had them.
fn signed(
    conn: &mut DbConnection,
    issuer: &Issuer,
    cert: &Certificate,
    now: NaiveDateTime,
) -> Result<(String, Language), AppError> {
    let facts = match CertificateCredential::find(conn, &cert.id)? {
        Some(facts) => facts,
        None => write_tx(conn, |conn| super::subject::ensure(conn, cert, now))?,
    };
    let lang = Person::find(conn, &cert.person_id)?
        .and_then(|p| Language::parse(&p.language))
        .unwrap_or_default();
    let description = match CurriculumVersion::find(conn, &cert.curriculum_version_id)? {
        Some(v) => Bilingual {
            de: v.description_de,
            en: v.description_en,
        },
        None => Bilingual {
            de: String::new(),
            en: String::new(),
        },
    };
    let record: Option<Record> = serde_json::from_str(&cert.record).ok();
    let program = record.map(|r| r.program).unwrap_or_default();
    let facts = super::ob3::Facts {
        subject: &facts,
        program: &program,
        description: &description,
        lang,
    };
    Ok((super::ob3::sign(issuer, cert, &facts), lang))
}

/// The public badge image of a certificate in a language (`None`: no such certificate).
pub fn badge_image(
    conn: &mut DbConnection,
    code: &str,
    lang: Language,
) -> Result<Option<Vec<u8>>, AppError> {
    if !super::code::looks_like_code(code) {
        return Ok(None);
    }
    Ok(Certificate::find_by_code(conn, code)?.map(|c| super::badge::png(title_in(&c, lang))))
}

/// Whether an address is the one a certificate was issued to: the text key of the answer
/// (`verify-email-unknown` when its credential carries no address yet).
pub fn email_check(
    conn: &mut DbConnection,
    code: &str,
    email: &str,
) -> Result<&'static str, AppError> {
    let facts = match Certificate::find_by_code(conn, code)? {
        Some(c) => CertificateCredential::find(conn, &c.id)?,
        None => None,
    };
    Ok(match facts {
        None => "verify-email-unknown",
        Some(f) if super::subject::email_matches(&f, email) => "verify-email-match",
        Some(_) => "verify-email-no-match",
    })
}

/// A certificate its holder or the owner may see; anyone else gets "not found".
pub fn visible(
    conn: &mut DbConnection,
    viewer: &Identity,
    id: &CertificateId,
) -> Result<Certificate, AppError> {
    Certificate::find(conn, id)?
        .filter(|c| viewer.is_owner || c.person_id == viewer.person.id)
        .ok_or(AppError::NotFound)
}

/// What the public verification shows.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Verification {
    /// The holder's name.
    pub holder_name: String,
    /// Program title in the viewer's language.
    pub program: String,
    /// Issue date.
    #[schema(format = Date)]
    pub issued_on: String,
    /// Expiry date.
    #[schema(format = Date)]
    pub expires_on: Option<String>,
    /// active, expired, revoked, superseded.
    pub status: String,
    /// Revocation date.
    #[schema(format = Date)]
    pub revoked_on: Option<String>,
    /// Why revoked.
    pub revoked_reason: Option<String>,
    /// The verification URL.
    pub verify_url: String,
    /// `certification` or `self_study`.
    pub kind: String,
    /// Renewed through this refresher (its title in the viewer's language) on the issue date.
    pub renewed_through: Option<String>,
}

/// The verification of a code (`None`: no such certificate).
pub fn verification(
    conn: &mut DbConnection,
    issuer: &Issuer,
    code: &str,
    lang: &str,
    now: NaiveDateTime,
) -> Result<Option<Verification>, AppError> {
    if !super::code::looks_like_code(code) {
        return Ok(None);
    }
    Ok(
        Certificate::find_by_code(conn, code)?.map(|c| Verification {
            holder_name: c.holder_name.clone(),
            program: if lang == "de" {
                c.program_title_de.clone()
            } else {
                c.program_title_en.clone()
            },
            issued_on: c.issued_at.date().to_string(),
            expires_on: c.expires_at.map(|e| e.date().to_string()),
            status: c.status_at(now).to_string(),
            revoked_on: c.revoked_at.map(|r| r.date().to_string()),
            revoked_reason: c.revoked_reason.clone(),
            verify_url: issuer.verify_url(&c),
            kind: c.kind.to_string(),
            renewed_through: renewed_through(
                serde_json::from_str::<Record>(&c.record).ok().as_ref(),
                lang,
            ),
        }),
    )
}
