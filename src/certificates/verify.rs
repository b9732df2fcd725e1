//! Public verification of a certificate by its code: no sign-in, so every look-up (the page,
//! an address checked against the holder's, the badge image) counts against the caller's
//! address (60 a minute).

use chrono::{Duration, NaiveDateTime};

use super::credential::Issuer;
use super::views::{self, Verification};
use crate::db::models::RateLimit;
use crate::db::{DbConnection, write_tx};
use crate::domain::language::Language;
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
        count(conn, caller, now)?;
        views::verification(conn, issuer, code, lang, now)
    })
}

/// Counts one look-up from this address; too many are refused for a while.
fn count(conn: &mut DbConnection, caller: &str, now: NaiveDateTime) -> Result<(), AppError> {
    let bucket = format!("verify:ip:{}", crate::config::proxies::rate_key(caller));
    match RateLimit::hit(conn, &bucket, PER_MINUTE, Duration::minutes(1), now)? {
        Ok(_) => Ok(()),
        Err(secs) => Err(AppError::TooManyRequests(secs)),
    }
}

/// Looks a code up and checks an address against the one its certificate was issued to: the
/// verification and the text key of the answer.
pub fn lookup_with_email(
    conn: &mut DbConnection,
    issuer: &Issuer,
    look: (&str, &str),
    email: &str,
    lang: &str,
    now: NaiveDateTime,
) -> Result<(Option<Verification>, &'static str), AppError> {
    let (caller, code) = look;
    write_tx(conn, |conn| {
        count(conn, caller, now)?;
        let v = views::verification(conn, issuer, code, lang, now)?;
        let answer = match v {
            Some(_) => views::email_check(conn, code, email)?,
            None => "verify-email-unknown",
        };
        Ok((v, answer))
    })
}

/// The public badge image of a certificate (`None`: no such certificate).
pub fn badge(
    conn: &mut DbConnection,
    caller: &str,
    code: &str,
    lang: Language,
    now: NaiveDateTime,
) -> Result<Option<Vec<u8>>, AppError> {
    write_tx(conn, |conn| count(conn, caller, now))?;
    views::badge_image(conn, code, lang)
}

/// Whether an address is the one a checked credential's identity hash was made from: the
/// text key of the answer (`verify-email-unknown` for a credential that carries none).
pub fn email_in_credential(claims: &serde_json::Value, email: &str) -> &'static str {
    match super::ob3::identity_in(claims) {
        Some((hash, salt)) if super::subject::identity_hash(email, salt) == hash => {
            "verify-email-match"
        }
        Some(_) => "verify-email-no-match",
        None => "verify-email-unknown",
    }
}
