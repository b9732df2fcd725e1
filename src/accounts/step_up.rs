//! Confirming that it is really the person before the changes a stolen session would want
//! most, a new password and a new API token: a sign-in within the last ten minutes, or the
//! current password typed again. Wrong passwords typed here count like failed sign-ins: five
//! in fifteen minutes stop this way of confirming (signing in again still works), and each
//! counts towards the account's hundred an hour.

use chrono::{Duration, NaiveDateTime};

use super::identity::Identity;
use super::password;
use super::sign_in::{FAILURES_PER_ACCOUNT, account_failure_bucket, account_key, account_window};
use crate::db::models::RateLimit;
use crate::db::{DbPool, write_tx};
use crate::error::{AppError, FieldError, Refusal};

/// How long after signing in a person may make these changes without their password.
pub const RECENT_MINUTES: i64 = 10;

/// Wrong current passwords per account in [`FAILURE_WINDOW_MINUTES`].
const FAILURES: i32 = 5;
const FAILURE_WINDOW_MINUTES: i64 = 15;

/// Whether the person signed in on this session within [`RECENT_MINUTES`].
pub fn signed_in_recently(identity: &Identity, now: NaiveDateTime) -> bool {
    identity
        .session
        .as_ref()
        .is_some_and(|s| now - s.created_at <= Duration::minutes(RECENT_MINUTES))
}

/// Passes when the person signed in recently or typed their current password; otherwise the
/// refusal names the `current_password` field (which says to sign in again when the person
/// has no password, or after too many wrong ones).
pub async fn confirm(
    pool: &DbPool,
    identity: &Identity,
    current_password: &str,
    now: NaiveDateTime,
) -> Result<Result<(), Refusal>, AppError> {
    if signed_in_recently(identity, now) {
        return Ok(Ok(()));
    }
    let hash = identity.person.password_hash.clone();
    if hash.is_none() {
        return Ok(Err(refusal("profile-error-sign-in-again")));
    }
    let email = identity.person.email.clone();
    let guard = email.clone();
    let blocked = crate::db::run(pool, move |conn| {
        let limits = buckets(&guard);
        for (bucket, limit, window) in &limits {
            if RateLimit::peek(conn, bucket, *limit, *window, now)?.is_err() {
                return Ok(true);
            }
        }
        Ok(false)
    })
    .await?;
    if blocked {
        return Ok(Err(refusal("profile-error-too-many-attempts")));
    }
    if password::verify(current_password.to_string(), hash).await {
        return Ok(Ok(()));
    }
    crate::db::run(pool, move |conn| {
        write_tx(conn, |conn| {
            for (bucket, limit, window) in buckets(&email) {
                let _ = RateLimit::hit(conn, &bucket, limit, window, now)?;
            }
            Ok::<_, AppError>(())
        })
    })
    .await?;
    Ok(Err(refusal("profile-error-current-password")))
}

/// This way of confirming's own count, and the account's count of failed passwords.
fn buckets(email: &str) -> [(String, i32, Duration); 2] {
    [
        (
            format!("step-up-failed:{}", account_key(email)),
            FAILURES,
            Duration::minutes(FAILURE_WINDOW_MINUTES),
        ),
        (
            account_failure_bucket(email),
            FAILURES_PER_ACCOUNT,
            account_window(),
        ),
    ]
}

fn refusal(key: &'static str) -> Refusal {
    Refusal::invalid(vec![FieldError::new("current_password", key)])
}
