//! Issuing, re-issuing and revoking. Automatic issue happens inside the transaction that records
//! the deciding review, under a lock on the enrollment, so two final decisions at the same
//! moment give exactly one certificate; a unique index (one active certificate per person and
//! program) makes a second one impossible anyway.

use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::json;

use super::code::new_code;
use super::record::{Record, Standings, standings};
use super::renewal::Target;
use crate::accounts::Identity;
use crate::db::models::{AuditEntry, Certificate, CertificateParts, Enrollment, Person};
use crate::db::{DbConnection, refusable_tx, write_tx};
use crate::domain::ids::{CertificateId, CohortId, EnrollmentId, PersonId};
use crate::domain::states::CertificateStatus;
use crate::error::{AppError, Outcome, reasons};
use crate::mail::compose::{Composer, Email, enqueue};

/// The issuer named on certificates.
pub fn issuer_name(composer: &Composer) -> String {
    composer.organization.clone()
}

/// Issues a certificate from standings (superseding an active one from another enrollment).
/// A refresher's pass certifies the program it renews and supersedes that certificate.
fn issue_from(
    conn: &mut DbConnection,
    composer: &Composer,
    s: &Standings,
    mut record: Record,
    by: Option<(&PersonId, &str)>,
    now: NaiveDateTime,
) -> Result<Option<Certificate>, AppError> {
    let target = Target::of(conn, s)?;
    let old = Certificate::find_active(conn, &s.person.id, &target.program.id)?;
    if let Some(old) = &old {
        if old.enrollment_id.as_ref() == Some(&s.enrollment.id) {
            return Ok(None);
        }
        // Recertification: the new certificate supersedes the old (linked once it exists).
        Certificate::end(
            conn,
            &old.id,
            CertificateStatus::Superseded,
            None,
            None,
            now,
        )?;
    } else if target.through.is_some() && by.is_none() {
        // Nothing left to renew (revoked since enrollment): only the owner may issue by hand.
        tracing::warn!(enrollment = %s.enrollment.id, "refresher passed without a certificate to renew");
        return Ok(None);
    }
    target.stamp(&mut record, old.as_ref(), now);
    let cert = Certificate {
        issued_by: by.map(|(p, _)| p.clone()),
        issue_reason: by.map(|(_, r)| r.to_string()),
        ..Certificate::issued(CertificateParts {
            public_id: new_code(),
            person_id: s.person.id.clone(),
            program_id: target.program.id.clone(),
            enrollment_id: Some(s.enrollment.id.clone()),
            curriculum_version_id: target.version.id.clone(),
            holder_name: record.holder_name.clone(),
            program_title_de: record.program_title.de.clone(),
            program_title_en: record.program_title.en.clone(),
            record: serde_json::to_string(&record).expect("record serialises"),
            issued_at: now,
            expires_at: target.expiry(now),
            kind: crate::domain::states::CertificateKind::Certification,
        })
    };
    if !Certificate::create_if_absent(conn, &cert)? {
        return Ok(None);
    }
    if let Some(old) = &old {
        Certificate::link_successor(conn, &old.id, &cert.id)?;
    }
    super::subject::assign(conn, &cert, &s.person.email, now)?;
    AuditEntry::new(
        now,
        by.map(|(p, _)| p),
        "certificate_issued",
        "certificate",
        Some(cert.id.as_str()),
    )
    .details(json!({
        "person": cert.person_id,
        "by_hand": by.is_some(),
        "supersedes": old.as_ref().map(|o| &o.id),
    }))
    .record(conn)?;
    tell(conn, composer, &s.person, &cert, "certificate_issued", now)?;
    Ok(Some(cert))
}

/// Mails the holder about a certificate (issued or revoked), once per certificate and kind.
pub(super) fn tell(
    conn: &mut DbConnection,
    composer: &Composer,
    person: &Person,
    cert: &Certificate,
    template: &'static str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let mut context = tera::Context::new();
    context.insert(
        "program",
        if person.language == "en" {
            &cert.program_title_en
        } else {
            &cert.program_title_de
        },
    );
    context.insert(
        "link",
        &format!("{}/certificates/{}", composer.base_url, cert.id),
    );
    context.insert(
        "verify",
        &format!("{}/verify/{}", composer.base_url, cert.public_id),
    );
    context.insert("reason", &cert.revoked_reason.clone().unwrap_or_default());
    let renewed = serde_json::from_str::<Record>(&cert.record)
        .ok()
        .and_then(|r| r.renewed_through);
    if let Some(through) = renewed {
        context.insert("refresher", through.title.get(&person.language));
    }
    enqueue(
        conn,
        composer,
        now,
        Email {
            key: format!("{template}:{}", cert.id),
            template,
            to: person,
            context,
        },
    )?;
    Ok(())
}

/// Called when a decision is released: issues the certificate if the trainee now meets the
/// rule. Runs inside the decision's transaction.
pub fn on_decision(
    conn: &mut DbConnection,
    composer: &Composer,
    enrollment: &EnrollmentId,
    now: NaiveDateTime,
) -> Result<Option<Certificate>, AppError> {
    Enrollment::lock(conn, enrollment)?;
    let enrollment = Enrollment::find(conn, enrollment)?.ok_or(AppError::NotFound)?;
    let s = standings(conn, &enrollment)?;
    if !s.standing.met {
        return Ok(None);
    }
    let record = s.record(&issuer_name(composer), now);
    issue_from(conn, composer, &s, record, None, now)
}

/// One line of a by-hand issue plan.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlanLine {
    /// Enrollment id.
    pub enrollment_id: String,
    /// The trainee.
    pub name: String,
    /// Meets the certification rule.
    pub meets_rule: bool,
    /// Required assignments not passed.
    pub missing: Vec<String>,
    /// The cohort's live sessions and how many were attended, when the program asks for a
    /// share of them.
    pub sessions: i64,
    /// Live sessions attended, as the program counts them.
    pub sessions_attended: i64,
    /// Already holds a certificate from this enrollment.
    pub already: bool,
}

reasons! {
    /// Why the owner's change to a certificate was refused.
    pub enum CertificateRefusal {
        /// Issuing by hand, revoking and re-issuing need a reason.
        NoReason = "no_reason" => ("certificate-error-reason", UNPROCESSABLE_ENTITY),
        /// The certificate is no longer active.
        NotActive = "not_active" => ("certificate-error-not-active", UNPROCESSABLE_ENTITY),
        /// Addresses of nobody enrolled in the cohort (named in the detail).
        UnknownPeople = "unknown_people" => ("certificate-error-unknown", UNPROCESSABLE_ENTITY),
        /// Revoked or superseded: no credential is signed for it any more.
        Ended = "ended" => ("certificate-error-ended", GONE),
        /// Someone else changed the certificate first.
        Stale = "stale" => ("error-changed-meanwhile", CONFLICT),
    }
}

/// The owner issues certificates by hand to these enrollments (an exception, with a reason).
/// With `dry_run` nothing changes and the plan says who would get what.
pub fn issue_by_hand(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    enrollments: &[EnrollmentId],
    reason: &str,
    dry_run: bool,
    now: NaiveDateTime,
) -> Outcome<Vec<PlanLine>> {
    if !actor.is_owner {
        return Err(AppError::NotFound);
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Ok(Err(CertificateRefusal::NoReason.into()));
    }
    write_tx(conn, |conn| {
        let mut plan = Vec::new();
        for id in enrollments {
            Enrollment::lock(conn, id)?;
            let enrollment = Enrollment::find(conn, id)?.ok_or(AppError::NotFound)?;
            let s = standings(conn, &enrollment)?;
            let certified = Target::of(conn, &s)?.program.id;
            let already = Certificate::find_active(conn, &s.person.id, &certified)?
                .is_some_and(|c| c.enrollment_id.as_ref() == Some(id));
            plan.push(PlanLine {
                enrollment_id: id.0.clone(),
                name: s.person.name.clone(),
                meets_rule: s.standing.met,
                missing: s.standing.missing.clone(),
                sessions: s.standing.sessions,
                sessions_attended: s.standing.sessions_attended,
                already,
            });
            if !dry_run && !already {
                let record = s.record(&issuer_name(composer), now);
                issue_from(
                    conn,
                    composer,
                    &s,
                    record,
                    Some((&actor.person.id, reason)),
                    now,
                )?;
            }
        }
        Ok(Ok(plan))
    })
}

/// A hand issue as the owner's form sends it: the cohort and its people's addresses.
#[derive(Debug, Clone)]
pub struct HandIssue {
    /// The cohort the people are enrolled in.
    pub cohort: CohortId,
    /// Their addresses, separated by spaces, commas, semicolons or lines.
    pub emails: String,
    /// Why (required).
    pub reason: String,
    /// Only say who would get what.
    pub dry_run: bool,
}

/// The owner issues by hand to people of a cohort named by their addresses; addresses of
/// nobody enrolled there are refused, naming them, and nothing is issued.
pub fn issue_by_hand_to(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    hand: &HandIssue,
    now: NaiveDateTime,
) -> Outcome<Vec<PlanLine>> {
    if !actor.is_owner {
        return Err(AppError::NotFound);
    }
    let mut ids = Vec::new();
    let mut unknown = Vec::new();
    for email in hand
        .emails
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|e| !e.is_empty())
    {
        let enrollment = match Person::find_by_email(conn, email)? {
            Some(p) => Enrollment::find_in(conn, &hand.cohort, &p.id)?,
            None => None,
        };
        match enrollment {
            Some(e) => ids.push(e.id),
            None => unknown.push(email),
        }
    }
    if !unknown.is_empty() {
        let refusal = crate::error::Refusal::from(CertificateRefusal::UnknownPeople);
        return Ok(Err(refusal.with_detail(unknown.join(", "))));
    }
    issue_by_hand(conn, composer, actor, &ids, &hand.reason, hand.dry_run, now)
}

/// The owner revokes an active certificate, with a reason; the holder is told.
pub fn revoke(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    id: &CertificateId,
    reason: &str,
    now: NaiveDateTime,
) -> Outcome<()> {
    if !actor.is_owner {
        return Err(AppError::NotFound);
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Ok(Err(CertificateRefusal::NoReason.into()));
    }
    write_tx(conn, |conn| {
        let cert = Certificate::find(conn, id)?.ok_or(AppError::NotFound)?;
        if !Certificate::end(
            conn,
            id,
            CertificateStatus::Revoked,
            Some(reason),
            None,
            now,
        )? {
            return Ok(Err(CertificateRefusal::NotActive.into()));
        }
        // A graduate whose certificate is revoked grades no more until the owner says so.
        crate::db::models::Cotrainer::take_out_graduate(
            conn,
            &cert.program_id,
            &cert.person_id,
            now,
        )?;
        AuditEntry::new(
            now,
            Some(&actor.person.id),
            "certificate_revoked",
            "certificate",
            Some(id.as_str()),
        )
        .details(json!({ "reason": reason }))
        .record(conn)?;
        let revoked = Certificate::find(conn, id)?.unwrap_or(cert);
        if let Some(person) = Person::find(conn, &revoked.person_id)? {
            tell(
                conn,
                composer,
                &person,
                &revoked,
                "certificate_revoked",
                now,
            )?;
        }
        Ok(Ok(()))
    })
}

/// The owner re-issues an active certificate (e.g. after a name change): a new certificate
/// with the holder's current name supersedes it; everything else of the record is kept.
pub fn reissue(
    conn: &mut DbConnection,
    composer: &Composer,
    actor: &Identity,
    id: &CertificateId,
    reason: &str,
    now: NaiveDateTime,
) -> Outcome<Certificate> {
    if !actor.is_owner {
        return Err(AppError::NotFound);
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Ok(Err(CertificateRefusal::NoReason.into()));
    }
    refusable_tx(conn, |conn| {
        let old = Certificate::find(conn, id)?.ok_or(AppError::NotFound)?;
        if old.status != CertificateStatus::Active {
            return Ok(Err(CertificateRefusal::NotActive.into()));
        }
        let person = Person::find(conn, &old.person_id)?.ok_or(AppError::NotFound)?;
        let mut record: Record =
            serde_json::from_str(&old.record).map_err(|e| AppError::Internal(e.into()))?;
        record.holder_name = person.name.clone();
        let new_id = CertificateId::new();
        Certificate::end(
            conn,
            &old.id,
            CertificateStatus::Superseded,
            None,
            None,
            now,
        )?;
        let cert = Certificate {
            id: new_id,
            public_id: new_code(),
            holder_name: person.name.clone(),
            record: serde_json::to_string(&record).expect("record serialises"),
            issued_at: now,
            issued_by: Some(actor.person.id.clone()),
            issue_reason: Some(reason.to_string()),
            status: CertificateStatus::Active,
            created_at: now,
            ..old.clone()
        };
        if !Certificate::create_if_absent(conn, &cert)? {
            return Ok(Err(CertificateRefusal::Stale.into()));
        }
        Certificate::link_successor(conn, &old.id, &cert.id)?;
        super::subject::assign(conn, &cert, &person.email, now)?;
        AuditEntry::new(
            now,
            Some(&actor.person.id),
            "certificate_reissued",
            "certificate",
            Some(cert.id.as_str()),
        )
        .details(json!({ "supersedes": old.id, "reason": reason }))
        .record(conn)?;
        tell(conn, composer, &person, &cert, "certificate_issued", now)?;
        Ok(Ok(cert))
    })
}
