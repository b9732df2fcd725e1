//! Renewing a certification through a refresher: a cohort program whose `program.toml` says
//! `renews = "<program>"`. The owner enrolls only people whose certificate of the renewed
//! program is active, or expired less than the refresher's grace months ago (revoked and
//! superseded ones never count). Passing the refresher issues a certification of the renewed
//! program, valid as long as that program says from the day of the pass, which supersedes the
//! old certificate; its record says through which refresher it was renewed.

use chrono::{Months, NaiveDateTime};

use super::record::{Bilingual, Record, RenewedThrough, Standings, expiry};
use crate::db::DbConnection;
use crate::db::models::{Certificate, CurriculumVersion, Program};
use crate::domain::ids::{CurriculumVersionId, PersonId};
use crate::error::AppError;

/// What a pass of an enrollment certifies: its own program, or the one its refresher renews.
pub struct Target {
    /// The program certified.
    pub program: Program,
    /// Its version whose title and validity the certificate takes.
    pub version: CurriculumVersion,
    /// For a refresher: its id and title.
    pub through: Option<(String, Bilingual)>,
}

impl Target {
    /// The target of the standings' enrollment.
    pub fn of(conn: &mut DbConnection, s: &Standings) -> Result<Target, AppError> {
        Ok(match renewed_by(conn, &s.version)? {
            Some((program, version)) => Target {
                program,
                version,
                through: Some((
                    s.program.slug.clone(),
                    Bilingual {
                        de: s.version.title_de.clone(),
                        en: s.version.title_en.clone(),
                    },
                )),
            },
            None => Target {
                program: s.program.clone(),
                version: s.version.clone(),
                through: None,
            },
        })
    }

    /// The expiry of a certificate issued at `now`.
    pub fn expiry(&self, now: NaiveDateTime) -> Option<NaiveDateTime> {
        expiry(self.version.validity_months, now)
    }

    /// Turns the refresher's record into the renewed program's: its id, title and validity,
    /// and how it was renewed (`previous`: the certificate it supersedes).
    pub fn stamp(&self, record: &mut Record, previous: Option<&Certificate>, now: NaiveDateTime) {
        let Some((slug, title)) = &self.through else {
            return;
        };
        record.program = self.program.slug.clone();
        record.program_title = Bilingual {
            de: self.version.title_de.clone(),
            en: self.version.title_en.clone(),
        };
        record.expires_on = self.expiry(now).map(|e| e.date().to_string());
        record.renewed_through = Some(RenewedThrough {
            program: slug.clone(),
            title: title.clone(),
            previous: previous.map(|c| c.public_id.clone()),
        });
    }
}

/// The program a refresher version renews, with that program's current version (`None`: the
/// version renews nothing).
pub fn renewed_by(
    conn: &mut DbConnection,
    version: &CurriculumVersion,
) -> Result<Option<(Program, CurriculumVersion)>, AppError> {
    let Some(slug) = &version.renews_program else {
        return Ok(None);
    };
    let program = Program::find_by_slug(conn, slug)?.ok_or(AppError::NotFound)?;
    let current = CurriculumVersion::find_current(conn, &program.id)?.ok_or(AppError::NotFound)?;
    Ok(Some((program, current)))
}

/// Who may be enrolled in a cohort of a refresher.
pub struct Gate {
    program: Program,
    grace_months: i32,
}

impl Gate {
    /// The gate of cohorts pinned to this version (`None`: anyone may be enrolled).
    pub fn of_version(
        conn: &mut DbConnection,
        version: &CurriculumVersionId,
    ) -> Result<Option<Gate>, AppError> {
        let version = CurriculumVersion::find(conn, version)?.ok_or(AppError::NotFound)?;
        Ok(renewed_by(conn, &version)?.map(|(program, _)| Gate {
            program,
            grace_months: version.renewal_grace_months,
        }))
    }

    /// Whether the person holds a certificate of the renewed program that is active, or
    /// expired less than the grace months ago.
    pub fn admits(
        &self,
        conn: &mut DbConnection,
        person: &PersonId,
        now: NaiveDateTime,
    ) -> Result<bool, AppError> {
        Ok(Certificate::find_active(conn, person, &self.program.id)?
            .is_some_and(|c| within_grace(c.expires_at, self.grace_months, now)))
    }
}

/// Whether a certificate that expires at `expires_at` (never: `None`) may still be renewed at
/// `now`, `grace_months` after its expiry at the latest.
pub fn within_grace(
    expires_at: Option<NaiveDateTime>,
    grace_months: i32,
    now: NaiveDateTime,
) -> bool {
    let Some(expires) = expires_at else {
        return true;
    };
    let grace = Months::new(u32::try_from(grace_months).unwrap_or(0));
    expires
        .checked_add_months(grace)
        .is_some_and(|end| now < end)
}

#[cfg(test)]
mod tests {
    use super::within_grace;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
    }

    #[test]
    fn active_and_recently_expired_certificates_may_be_renewed() {
        let expires = Some(day(2028, 3, 1));
        assert!(within_grace(expires, 0, day(2028, 2, 28)), "still active");
        assert!(!within_grace(expires, 0, day(2028, 3, 2)), "no grace");
        assert!(
            within_grace(expires, 6, day(2028, 8, 31)),
            "within six months"
        );
        assert!(
            !within_grace(expires, 6, day(2028, 9, 2)),
            "beyond six months"
        );
        assert!(within_grace(None, 0, day(2040, 1, 1)), "never expires");
    }
}
