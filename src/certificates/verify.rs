//! Public verification of a certificate by its code: no sign-in, so every look-up counts
//! against the caller's address (60 a minute).

use chrono::{Duration, NaiveDateTime};

use super::credential::Issuer;
use super::views::{self, Verification};
use crate::db::models::RateLimit;
use crate::db::{DbConnection, write_tx};
use crate::error::AppError;

/// Verifications per address and minute.
const PER_MINUTE: i32 = 60;

/// Looks a code up for a caller at this address (`None`: no such certificate); too many
/// look-ups from one address are refused for a while.
pub fn lookup(
    conn: &mut DbConnection,
    issuer: &Issuer,
    caller: &str,
    code: &str,
    lang: &str,
    now: NaiveDateTime,
) -> Result<Option<Verification>, AppError> {
    write_tx(conn, |conn| {
        let bucket = format!("verify:ip:{}", crate::config::proxies::rate_key(caller));
        if let Err(secs) = RateLimit::hit(conn, &bucket, PER_MINUTE, Duration::minutes(1), now)? {
            return Err(AppError::TooManyRequests(secs));
        }
        views::verification(conn, issuer, code, lang, now)
    })
}
