//! Kinds of mail a person may switch off, with one-click unsubscribe links (signed, expiring)
//! and the RFC 8058 `List-Unsubscribe` headers. Sign-in links, invitations and certificates
//! are not among them: they cannot be unsubscribed.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use chrono::{Duration, NaiveDateTime};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::db::models::{AuditEntry, mail_preference};
use crate::db::{DbConnection, write_tx};
use crate::domain::ids::PersonId;
use crate::error::AppError;

/// The kinds, in the order the profile lists them.
pub const KINDS: [&str; 4] = ["reminders", "feedback", "reviews", "owner_alerts"];

/// How long an unsubscribe link works.
pub const LINK_DAYS: i64 = 90;

/// The kind a mail template belongs to (`None`: essential, cannot be unsubscribed).
pub fn kind_of(template: &str) -> Option<&'static str> {
    match template {
        "reminder_digest" => Some("reminders"),
        "feedback_released" => Some("feedback"),
        "reviews_allocated" | "review_sent_back" => Some("reviews"),
        "grading_alert" | "owner_weekly" | "owner_register" | "owner_impact" => {
            Some("owner_alerts")
        }
        _ => None,
    }
}

fn mac(key: &[u8], payload: &str) -> Vec<u8> {
    let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("any key length");
    m.update(b"unsubscribe:");
    m.update(payload.as_bytes());
    m.finalize().into_bytes().to_vec()
}

/// A signed token for "person no longer wants `kind`", valid for [`LINK_DAYS`].
pub fn token(key: &[u8], person: &PersonId, kind: &str, now: NaiveDateTime) -> String {
    let expires = (now + Duration::days(LINK_DAYS)).and_utc().timestamp();
    let payload = format!("{person}|{kind}|{expires}");
    format!(
        "{}.{}",
        B64.encode(&payload),
        B64.encode(mac(key, &payload))
    )
}

/// Why a token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// Not ours, or changed.
    Invalid,
    /// Too old.
    Expired,
}

/// The person and kind of a valid token.
pub fn check(
    key: &[u8],
    token: &str,
    now: NaiveDateTime,
) -> Result<(PersonId, String), TokenError> {
    let (payload, sig) = token.split_once('.').ok_or(TokenError::Invalid)?;
    let payload = String::from_utf8(B64.decode(payload).map_err(|_| TokenError::Invalid)?)
        .map_err(|_| TokenError::Invalid)?;
    let sig = B64.decode(sig).map_err(|_| TokenError::Invalid)?;
    let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("any key length");
    m.update(b"unsubscribe:");
    m.update(payload.as_bytes());
    m.verify_slice(&sig).map_err(|_| TokenError::Invalid)?;
    let mut parts = payload.split('|');
    let (Some(person), Some(kind), Some(expires)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(TokenError::Invalid);
    };
    if !KINDS.contains(&kind) {
        return Err(TokenError::Invalid);
    }
    let expires: i64 = expires.parse().map_err(|_| TokenError::Invalid)?;
    if now.and_utc().timestamp() > expires {
        return Err(TokenError::Expired);
    }
    Ok((PersonId(person.to_string()), kind.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap()
    }

    #[test]
    fn tokens_check_and_tampered_or_old_ones_do_not() {
        let key = [9u8; 32];
        let p = PersonId("p-1".into());
        let t = token(&key, &p, "feedback", now());
        assert_eq!(check(&key, &t, now()), Ok((p.clone(), "feedback".into())));
        let other = token(&[8u8; 32], &p, "feedback", now());
        assert_eq!(check(&key, &other, now()), Err(TokenError::Invalid));
        let (payload, sig) = t.split_once('.').unwrap();
        let changed = B64.encode(
            String::from_utf8(B64.decode(payload).unwrap())
                .unwrap()
                .replace("feedback", "reviews"),
        );
        assert_eq!(
            check(&key, &format!("{changed}.{sig}"), now()),
            Err(TokenError::Invalid)
        );
        let later = now() + Duration::days(LINK_DAYS + 1);
        assert_eq!(check(&key, &t, later), Err(TokenError::Expired));
    }
}

/// One kind of mail and whether the person receives it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct MailPreference {
    /// reminders, feedback, reviews, owner_alerts.
    pub kind: String,
    /// Received.
    pub enabled: bool,
}

/// Every kind of mail a person may switch off, and whether they receive it.
pub fn get(conn: &mut DbConnection, person: &PersonId) -> Result<Vec<MailPreference>, AppError> {
    let disabled = mail_preference::disabled_kinds(conn, person)?;
    Ok(KINDS
        .iter()
        .map(|k| MailPreference {
            kind: k.to_string(),
            enabled: !disabled.iter().any(|d| d == k),
        })
        .collect())
}

/// Switches kinds of mail on or off (kinds not listed stay as they are); an unknown kind is
/// refused and nothing changes.
pub fn set(
    conn: &mut DbConnection,
    person: &PersonId,
    choices: &[MailPreference],
    now: NaiveDateTime,
) -> Result<Vec<MailPreference>, AppError> {
    if let Some(p) = choices.iter().find(|p| !KINDS.contains(&p.kind.as_str())) {
        return Err(AppError::BadRequest(format!(
            "unknown mail kind '{}': use {}",
            p.kind,
            KINDS.join(", ")
        )));
    }
    write_tx(conn, |conn| {
        for p in choices {
            mail_preference::set(conn, person, &p.kind, p.enabled, now)?;
        }
        Ok::<_, AppError>(())
    })?;
    get(conn, person)
}

/// Switches one kind off through a checked unsubscribe link, and records it.
pub fn unsubscribe(
    conn: &mut DbConnection,
    person: &PersonId,
    kind: &str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    write_tx(conn, |conn| {
        mail_preference::set(conn, person, kind, false, now)?;
        AuditEntry::new(
            now,
            Some(person),
            "mail_unsubscribed",
            "person",
            Some(person.as_str()),
        )
        .details(serde_json::json!({ "kind": kind }))
        .record(conn)?;
        Ok(())
    })
}
