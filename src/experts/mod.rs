//! The expert directory: certified graduates, and people the owner names experts, opt in with
//! a profile (topics, languages, the communities they run, a short bio, whether they take
//! questions). Only signed-in employees search it; a message reaches an expert by mail through
//! the outbox, without the asker ever seeing the expert's address.
//!
//! Joining is agreeing to the consent text of [`CONSENT_VERSION`]; a new version asks again,
//! and until then the profile is not listed. Withdrawing hides the profile at once.

pub mod contact;
pub mod index;
pub mod profile;
pub mod search;

use chrono::NaiveDateTime;

use crate::db::DbConnection;
use crate::db::models::{Certificate, ExpertProfile, ExpertRole};
use crate::domain::ids::PersonId;
use crate::domain::states::{CertificateKind, CertificateStatus};
use crate::error::{AppError, reasons};

/// The version of the consent text (`expert-consent-text`): raise it when the text changes,
/// and everyone listed is asked again.
pub const CONSENT_VERSION: i32 = 1;

reasons! {
    /// Why something in the expert directory was refused, besides fields to correct.
    pub enum ExpertRefusal {
        /// Only certified graduates and named experts join.
        NotEligible = "not_eligible" => ("expert-error-not-eligible", FORBIDDEN),
        /// The profile changed since it was read.
        Stale = "stale" => ("error-changed-meanwhile", CONFLICT),
        /// The expert takes no messages now.
        NotTakingMessages = "not_taking_messages" => ("expert-error-paused", CONFLICT),
    }
}

/// Whether the profile is listed now: consent current and not withdrawn.
pub fn is_listed(profile: &ExpertProfile) -> bool {
    profile.withdrawn_at.is_none() && profile.consent_version >= CONSENT_VERSION
}

/// The person's certification, as the directory shows it live: `active`, `expired`, or none.
pub fn certification(
    conn: &mut DbConnection,
    person: &PersonId,
    now: NaiveDateTime,
) -> Result<Option<String>, AppError> {
    let mut best: Option<String> = None;
    for c in Certificate::list_by_person(conn, person)? {
        if c.kind != CertificateKind::Certification
            || matches!(
                c.status,
                CertificateStatus::Revoked | CertificateStatus::Superseded
            )
        {
            continue;
        }
        let status = c.status_at(now).to_string();
        if status == "active" {
            return Ok(Some(status));
        }
        best = Some(status);
    }
    Ok(best)
}

/// Whether the person may join: a certified graduate (active or expired), or named an expert
/// or multiplier by the owner.
pub fn may_join(
    conn: &mut DbConnection,
    person: &PersonId,
    now: NaiveDateTime,
) -> Result<bool, AppError> {
    if certification(conn, person, now)?.is_some() {
        return Ok(true);
    }
    Ok(ExpertRole::of(conn, person)?
        .iter()
        .any(|r| r.until.is_none_or(|u| u > now)))
}
