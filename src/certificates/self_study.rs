//! Issuing a self-study certificate: the same machinery as a certification (frozen record,
//! verify page, PDF, Open Badges credential, status list), of its own kind: no cohort, no
//! grading, no expiry unless the program sets `validity_months`.

use chrono::{Months, NaiveDateTime};
use serde_json::json;

use super::code::new_code;
use super::issue::{issuer_name, tell};
use super::record::{Bilingual, LessonResult, Record, SelfStudyRecord};
use crate::db::DbConnection;
use crate::db::models::{
    AuditEntry, BestResult, Certificate, CertificateParts, CurriculumVersion, Module, Person,
    Program,
};
use crate::domain::states::CertificateKind;
use crate::error::AppError;
use crate::mail::compose::Composer;

/// Issues the self-study certificate of a completed program, inside the completing
/// transaction, and mails the holder. A second call for the same person and program finds
/// the active certificate and issues none.
pub fn issue(
    conn: &mut DbConnection,
    composer: &Composer,
    person: &Person,
    program: &Program,
    version: &CurriculumVersion,
    lessons: &[(&Module, Option<&BestResult>)],
    now: NaiveDateTime,
) -> Result<Certificate, AppError> {
    if let Some(active) = Certificate::find_active(conn, &person.id, &program.id)? {
        return Ok(active);
    }
    let expires_at = u32::try_from(version.validity_months)
        .ok()
        .filter(|m| *m > 0)
        .and_then(|m| now.checked_add_months(Months::new(m)));
    let record = Record {
        holder_name: person.name.clone(),
        program: program.slug.clone(),
        program_title: Bilingual {
            de: version.title_de.clone(),
            en: version.title_en.clone(),
        },
        cohort: String::new(),
        curriculum_version: version.sequence,
        content_hash: version.content_hash.clone(),
        modules: Vec::new(),
        total_points: 0,
        issued_on: now.date().to_string(),
        expires_on: expires_at.map(|e| e.date().to_string()),
        issuer: issuer_name(composer),
        self_study: Some(SelfStudyRecord {
            pass_percent: version.pass_percent,
            lessons: lessons
                .iter()
                .map(|(m, best)| LessonResult {
                    slug: m.slug.clone(),
                    title: Bilingual {
                        de: m.title_de.clone(),
                        en: m.title_en.clone(),
                    },
                    correct: best.map_or(0, |b| b.correct),
                    total: best.map_or(0, |b| b.total),
                })
                .collect(),
        }),
        renewed_through: None,
    };
    let cert = Certificate::issued(CertificateParts {
        public_id: new_code(),
        person_id: person.id.clone(),
        program_id: program.id.clone(),
        enrollment_id: None,
        curriculum_version_id: version.id.clone(),
        holder_name: record.holder_name.clone(),
        program_title_de: record.program_title.de.clone(),
        program_title_en: record.program_title.en.clone(),
        record: serde_json::to_string(&record).expect("record serialises"),
        issued_at: now,
        expires_at,
        kind: CertificateKind::SelfStudy,
    });
    if !Certificate::create_if_absent(conn, &cert)? {
        return Certificate::find_active(conn, &person.id, &program.id)?.ok_or(AppError::NotFound);
    }
    super::subject::assign(conn, &cert, &person.email, now)?;
    AuditEntry::new(
        now,
        None,
        "certificate_issued",
        "certificate",
        Some(cert.id.as_str()),
    )
    .details(json!({ "person": cert.person_id, "kind": CertificateKind::SelfStudy }))
    .record(conn)?;
    tell(conn, composer, person, &cert, "certificate_issued", now)?;
    Ok(cert)
}
