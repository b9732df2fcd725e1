//! Confirming that it is really the person before the changes a stolen session would want
//! most, a new password and a new API token: a sign-in within the last ten minutes, or the
//! current password typed again.

use chrono::{Duration, NaiveDateTime};

use super::identity::Identity;
use super::password;
use crate::error::{FieldError, Refusal};

/// How long after signing in a person may make these changes without their password.
pub const RECENT_MINUTES: i64 = 10;

/// Whether the person signed in on this session within [`RECENT_MINUTES`].
pub fn signed_in_recently(identity: &Identity, now: NaiveDateTime) -> bool {
    identity
        .session
        .as_ref()
        .is_some_and(|s| now - s.created_at <= Duration::minutes(RECENT_MINUTES))
}

/// Passes when the person signed in recently or typed their current password; otherwise the
/// refusal names the `current_password` field (which says to sign in again when the person
/// has no password).
pub async fn confirm(
    identity: &Identity,
    current_password: &str,
    now: NaiveDateTime,
) -> Result<(), Refusal> {
    if signed_in_recently(identity, now) {
        return Ok(());
    }
    let hash = identity.person.password_hash.clone();
    let key = if hash.is_none() {
        "profile-error-sign-in-again"
    } else {
        "profile-error-current-password"
    };
    if hash.is_some() && password::verify(current_password.to_string(), hash).await {
        return Ok(());
    }
    Err(Refusal::invalid(vec![FieldError::new(
        "current_password",
        key,
    )]))
}
