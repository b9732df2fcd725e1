//! `certificates`: frozen records of a person's certification in a program. At most one active
//! certificate per person and program (a partial unique index); issued rows never change
//! except their status (revoked, superseded, expired).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::enrollment_totals;
use crate::db::schema::certificates;
use crate::db::{DbConnection, per_backend};
use crate::domain::ids::{CertificateId, CurriculumVersionId, EnrollmentId, PersonId, ProgramId};
use crate::domain::states::{CertificateKind, CertificateStatus};

/// A certificate.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = certificates)]
#[diesel(treat_none_as_default_value = false)]
pub struct Certificate {
    /// Internal id (owner and holder pages).
    pub id: CertificateId,
    /// The public verification code (160 random bits, base32).
    pub public_id: String,
    /// The holder.
    pub person_id: PersonId,
    /// The program.
    pub program_id: ProgramId,
    /// The enrollment it was earned in (none when issued by hand without one).
    pub enrollment_id: Option<EnrollmentId>,
    /// The curriculum version it certifies.
    pub curriculum_version_id: crate::domain::ids::CurriculumVersionId,
    /// The holder's name at issue.
    pub holder_name: String,
    /// Program title, German, at issue.
    pub program_title_de: String,
    /// Program title, English, at issue.
    pub program_title_en: String,
    /// The frozen record (JSON, see `certificates::record::Record`).
    pub record: String,
    /// Issued.
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub issued_at: NaiveDateTime,
    /// Expires.
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    pub expires_at: Option<NaiveDateTime>,
    /// Who issued it by hand (none: automatically).
    pub issued_by: Option<PersonId>,
    /// Why it was issued by hand or re-issued.
    pub issue_reason: Option<String>,
    /// The stored status (see [`Certificate::status_at`] for the status shown).
    pub status: CertificateStatus,
    /// When revoked.
    #[serde(serialize_with = "crate::domain::timestamp::serialize_option")]
    pub revoked_at: Option<NaiveDateTime>,
    /// Why revoked.
    pub revoked_reason: Option<String>,
    /// The certificate that replaced it.
    pub superseded_by: Option<CertificateId>,
    /// Created.
    #[serde(serialize_with = "crate::domain::timestamp::serialize")]
    pub created_at: NaiveDateTime,
    /// A certification or a self-study certificate.
    pub kind: CertificateKind,
}

/// What one certificate says that the next one does not (see [`Certificate::issued`]).
#[derive(Debug, Clone)]
pub struct CertificateParts {
    /// The public verification code.
    pub public_id: String,
    /// The holder.
    pub person_id: PersonId,
    /// The program.
    pub program_id: ProgramId,
    /// The enrollment it was earned in.
    pub enrollment_id: Option<EnrollmentId>,
    /// The curriculum version it certifies.
    pub curriculum_version_id: CurriculumVersionId,
    /// The holder's name at issue.
    pub holder_name: String,
    /// Program title, German, at issue.
    pub program_title_de: String,
    /// Program title, English, at issue.
    pub program_title_en: String,
    /// The frozen record (JSON).
    pub record: String,
    /// Issued (and created).
    pub issued_at: NaiveDateTime,
    /// Expires.
    pub expires_at: Option<NaiveDateTime>,
    /// A certification or a self-study certificate.
    pub kind: CertificateKind,
}

/// Which certificates a list shows; every part is optional and applied in the query.
#[derive(Debug, Clone, Default)]
pub struct CertificateFilter {
    /// As shown at the time of the list: an active certificate past its expiry is expired.
    pub status: Option<CertificateStatus>,
    /// Issued from an enrollment in the cohort of this name.
    pub cohort: Option<String>,
    /// Issued on or after this day (UTC).
    pub issued_from: Option<chrono::NaiveDate>,
    /// Issued on or before this day (UTC).
    pub issued_to: Option<chrono::NaiveDate>,
    /// Held by this person.
    pub person: Option<PersonId>,
    /// Of this kind only.
    pub kind: Option<CertificateKind>,
    /// Text in the holder's name, or the verification code.
    pub search: Option<String>,
}

impl Certificate {
    /// A new active certificate, issued automatically (by nobody, for no stated reason).
    pub fn issued(parts: CertificateParts) -> Certificate {
        let CertificateParts {
            public_id,
            person_id,
            program_id,
            enrollment_id,
            curriculum_version_id,
            holder_name,
            program_title_de,
            program_title_en,
            record,
            issued_at,
            expires_at,
            kind,
        } = parts;
        Certificate {
            id: CertificateId::new(),
            public_id,
            person_id,
            program_id,
            enrollment_id,
            curriculum_version_id,
            holder_name,
            program_title_de,
            program_title_en,
            record,
            issued_at,
            expires_at,
            issued_by: None,
            issue_reason: None,
            status: CertificateStatus::Active,
            revoked_at: None,
            revoked_reason: None,
            superseded_by: None,
            created_at: issued_at,
            kind,
        }
    }

    /// The status as of `now` (an active certificate past its expiry is expired).
    pub fn status_at(&self, now: NaiveDateTime) -> CertificateStatus {
        match (self.status, self.expires_at) {
            (CertificateStatus::Active, Some(e)) if e < now => CertificateStatus::Expired,
            (s, _) => s,
        }
    }

    /// A certificate by id.
    pub fn find(conn: &mut DbConnection, id: &CertificateId) -> QueryResult<Option<Certificate>> {
        certificates::table
            .find(id)
            .select(Certificate::as_select())
            .first(conn)
            .optional()
    }

    /// A certificate by its verification code.
    pub fn find_by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<Certificate>> {
        certificates::table
            .filter(certificates::public_id.eq(code))
            .select(Certificate::as_select())
            .first(conn)
            .optional()
    }

    /// The active certificate of a person in a program.
    pub fn find_active(
        conn: &mut DbConnection,
        person: &PersonId,
        program: &ProgramId,
    ) -> QueryResult<Option<Certificate>> {
        certificates::table
            .filter(certificates::person_id.eq(person))
            .filter(certificates::program_id.eq(program))
            .filter(certificates::status.eq(CertificateStatus::Active))
            .select(Certificate::as_select())
            .first(conn)
            .optional()
    }

    /// Those of `people` who hold an active certificate of the program.
    pub fn holders_among(
        conn: &mut DbConnection,
        program: &ProgramId,
        people: &[PersonId],
    ) -> QueryResult<std::collections::HashSet<PersonId>> {
        let mut holders = std::collections::HashSet::new();
        for chunk in people.chunks(500) {
            holders.extend(
                certificates::table
                    .filter(certificates::program_id.eq(program))
                    .filter(certificates::person_id.eq_any(chunk))
                    .filter(certificates::status.eq(CertificateStatus::Active))
                    .select(certificates::person_id)
                    .load::<PersonId>(conn)?,
            );
        }
        Ok(holders)
    }

    /// Whether the person holds an active certificate of the program.
    pub fn has_active(
        conn: &mut DbConnection,
        person: &PersonId,
        program: &ProgramId,
    ) -> QueryResult<bool> {
        Ok(Self::find_active(conn, person, program)?.is_some())
    }

    /// The newest certificate of an enrollment that was neither revoked nor replaced.
    pub fn current_of_enrollment(
        conn: &mut DbConnection,
        enrollment: &str,
    ) -> QueryResult<Option<Certificate>> {
        // Two plain comparisons (not a list), so the connection keeps the statement prepared.
        per_backend!(conn, c => certificates::table
            .filter(certificates::enrollment_id.eq(enrollment))
            .filter(certificates::status.ne(CertificateStatus::Revoked))
            .filter(certificates::status.ne(CertificateStatus::Superseded))
            .order(certificates::issued_at.desc())
            .select(Certificate::as_select())
            .first(c)
            .optional())
    }

    /// A person's certificates, newest first.
    pub fn list_by_person(
        conn: &mut DbConnection,
        person: &PersonId,
    ) -> QueryResult<Vec<Certificate>> {
        certificates::table
            .filter(certificates::person_id.eq(person))
            .order(certificates::issued_at.desc())
            .select(Certificate::as_select())
            .load(conn)
    }

    /// Certificates that pass the filter, newest first (by issue time, then id), at most
    /// `limit`, after the row `after` (issue time and id) when given. The status is the one
    /// shown at `now`: an active certificate past its expiry is `expired`.
    pub fn list(
        conn: &mut DbConnection,
        filter: &CertificateFilter,
        now: NaiveDateTime,
        after: Option<(NaiveDateTime, CertificateId)>,
        limit: i64,
    ) -> QueryResult<Vec<Certificate>> {
        use crate::db::schema::{cohorts, enrollments};
        let mut q = certificates::table
            .order((certificates::issued_at.desc(), certificates::id.desc()))
            .limit(limit)
            .select(Certificate::as_select())
            .into_boxed();
        q = match filter.status {
            None => q,
            Some(CertificateStatus::Expired) => q
                .filter(certificates::status.eq(CertificateStatus::Active))
                .filter(certificates::expires_at.lt(now)),
            Some(CertificateStatus::Active) => q
                .filter(certificates::status.eq(CertificateStatus::Active))
                .filter(
                    certificates::expires_at
                        .is_null()
                        .or(certificates::expires_at.ge(now)),
                ),
            Some(s) => q.filter(certificates::status.eq(s)),
        };
        if let Some(person) = &filter.person {
            q = q.filter(certificates::person_id.eq(person.clone()));
        }
        if let Some(from) = filter.issued_from {
            q = q.filter(certificates::issued_at.ge(from.and_time(chrono::NaiveTime::MIN)));
        }
        if let Some(to) = filter.issued_to.and_then(|d| d.succ_opt()) {
            q = q.filter(certificates::issued_at.lt(to.and_time(chrono::NaiveTime::MIN)));
        }
        if let Some(name) = &filter.cohort {
            let in_cohort = enrollments::table
                .filter(
                    enrollments::cohort_id.eq_any(
                        cohorts::table
                            .filter(cohorts::name.eq(name.clone()))
                            .select(cohorts::id),
                    ),
                )
                .select(enrollments::id.nullable());
            q = q.filter(certificates::enrollment_id.eq_any(in_cohort));
        }
        if let Some(kind) = filter.kind {
            q = q.filter(certificates::kind.eq(kind));
        }
        if let Some(text) = filter.search.as_deref().filter(|t| !t.trim().is_empty()) {
            let code = certificates::public_id.eq(text.trim().to_string());
            q = match crate::db::search::indexed(conn, "certificates", "certificates_search", text)?
            {
                crate::db::search::Matches::Rare(found)
                | crate::db::search::Matches::Common(found) => q.filter(found.or(code)),
                _ => q.filter(
                    crate::db::sql::lower(certificates::holder_name)
                        .like(crate::db::sql::contains(text))
                        .or(code),
                ),
            };
        }
        if let Some((at, id)) = after {
            q = q.filter(
                certificates::issued_at
                    .lt(at)
                    .or(certificates::issued_at.eq(at).and(certificates::id.lt(id))),
            );
        }
        q.load(conn)
    }

    /// Inserts a certificate unless the person already holds an active one of the program;
    /// returns whether it was inserted.
    pub fn create_if_absent(conn: &mut DbConnection, row: &Certificate) -> QueryResult<bool> {
        let n = per_backend!(conn, c => diesel::insert_into(certificates::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(c))?;
        if n == 1 {
            enrollment_totals::recount_for_certificate(conn, row.id.as_str())?;
        }
        Ok(n == 1)
    }

    /// Active certificates that expire within `days` of `now`.
    pub fn count_expiring(
        conn: &mut DbConnection,
        now: NaiveDateTime,
        days: i64,
    ) -> QueryResult<i64> {
        certificates::table
            .filter(certificates::status.eq(CertificateStatus::Active))
            .filter(certificates::expires_at.gt(now))
            .filter(certificates::expires_at.le(now + chrono::Duration::days(days)))
            .count()
            .get_result(conn)
    }

    /// Points a superseded certificate at the one that replaced it.
    pub fn link_successor(
        conn: &mut DbConnection,
        id: &CertificateId,
        successor: &CertificateId,
    ) -> QueryResult<()> {
        diesel::update(certificates::table.find(id))
            .set(certificates::superseded_by.eq(successor))
            .execute(conn)
            .map(|_| ())
    }

    /// Changes the status of an active certificate; returns whether it was active.
    pub fn end(
        conn: &mut DbConnection,
        id: &CertificateId,
        status: CertificateStatus,
        reason: Option<&str>,
        superseded_by: Option<&CertificateId>,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let n = diesel::update(
            certificates::table
                .filter(certificates::id.eq(id))
                .filter(certificates::status.eq(CertificateStatus::Active)),
        )
        .set((
            certificates::status.eq(status),
            certificates::revoked_at.eq((status == CertificateStatus::Revoked).then_some(now)),
            certificates::revoked_reason.eq(reason),
            certificates::superseded_by.eq(superseded_by),
        ))
        .execute(conn)?;
        if n == 1 {
            enrollment_totals::recount_for_certificate(conn, id.as_str())?;
        }
        Ok(n == 1)
    }
}

/// Kept for callers that only ask "certified?".
pub struct Certificates;

impl Certificates {
    /// Whether the person holds an active certificate of the program.
    pub fn has_active(
        conn: &mut DbConnection,
        person: &PersonId,
        program: &ProgramId,
    ) -> QueryResult<bool> {
        Certificate::has_active(conn, person, program)
    }
}
