//! Signing in: by emailed one-time link (the primary way) or by password; signing out.
//! Requests for a link answer the same whether or not the account exists. With
//! `QUALIFY_SSO_ONLY`, people who have an identity at the provider sign in only through it:
//! no link is sent to them and their password is not accepted; a link printed by
//! `qualify owner create` (`break_glass`) still works, so the owner can always get in.

use chrono::{Duration, NaiveDateTime};
use serde_json::json;

use super::password;
use super::session;
use super::tokens::{hash_token, mask_email, random_token};
use crate::config::Settings;
use crate::db::models::{AuditEntry, Person, RateLimit, Session, SignInToken, SsoIdentity};
use crate::db::{DbConnection, DbPool, write_tx};
use crate::domain::ids::PersonId;
use crate::error::{AppError, Outcome};
use crate::mail::{Composer, Email, enqueue};

/// What the browser brings to a sign-in: its previous session (ended at sign-in, so a session
/// id can never be fixed in advance), its user agent and its address.
#[derive(Debug, Clone, Default)]
pub struct Client {
    /// The session cookie the browser had, if any.
    pub previous_session: Option<String>,
    /// The User-Agent header.
    pub user_agent: Option<String>,
    /// The client address.
    pub ip: Option<String>,
}

crate::error::reasons! {
    /// Why a link or a password did not sign anyone in.
    pub enum SignInRefusal {
        /// The link is expired, used or unknown.
        LinkUnusable = "link_unusable" => ("sign-in-invalid-text", GONE),
        /// The email or the password is wrong.
        WrongPassword = "wrong_password" => ("sign-in-error-password", UNAUTHORIZED),
        /// The person signs in through the identity provider only.
        SsoOnly = "sso_only" => ("sign-in-error-sso-only", FORBIDDEN),
    }
}

/// Whether `QUALIFY_SSO_ONLY` keeps this person from signing in by link or password.
fn sso_only_for(
    conn: &mut DbConnection,
    settings: &Settings,
    person: &PersonId,
) -> diesel::QueryResult<bool> {
    Ok(settings.sso_only && SsoIdentity::exists_for_person(conn, person)?)
}

/// Link mails per account, failed passwords per account and address, failed passwords per
/// account from anywhere, and attempts per client address, in each window.
const LINKS_PER_ACCOUNT: i32 = 5;
const FAILURES_PER_ACCOUNT_AND_ADDRESS: i32 = 5;
pub(super) const FAILURES_PER_ACCOUNT: i32 = 100;
const PER_ADDRESS: i32 = 30;
const WINDOW_MINUTES: i64 = 15;

fn window() -> Duration {
    Duration::minutes(WINDOW_MINUTES)
}

/// The window of the account-wide failure count: at most 100 failed passwords an hour.
pub(super) fn account_window() -> Duration {
    Duration::hours(1)
}

fn address_key(ip: Option<&str>) -> String {
    crate::config::proxies::rate_key(ip.unwrap_or("unknown"))
}

pub(super) fn account_key(email: &str) -> String {
    hash_token(&email.trim().to_lowercase())
}

/// Counts an attempt against the client address's limit (every attempt, of any account).
fn limit_address(
    conn: &mut DbConnection,
    kind: &str,
    ip: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let bucket = format!("{kind}:ip:{}", address_key(ip));
    RateLimit::hit(conn, &bucket, PER_ADDRESS, window(), now)?.map_err(AppError::TooManyRequests)
}

/// The buckets failed passwords count in: this account from this address (a low limit, so
/// guessing from one place stops soon) and this account from anywhere (a high one, so that
/// nobody locks a person out by failing on purpose from a single address).
fn failure_buckets(email: &str, ip: Option<&str>) -> [(String, i32, Duration); 2] {
    let account = account_key(email);
    [
        (
            format!("signin-password-failed:{account}:{}", address_key(ip)),
            FAILURES_PER_ACCOUNT_AND_ADDRESS,
            window(),
        ),
        (
            account_failure_bucket(email),
            FAILURES_PER_ACCOUNT,
            account_window(),
        ),
    ]
}

/// The bucket of an account's failed passwords from anywhere, by any way of typing one.
pub(super) fn account_failure_bucket(email: &str) -> String {
    format!("signin-password-failed:{}", account_key(email))
}

/// Refuses a password attempt while this address or this account has failed too often.
fn limit_password(
    conn: &mut DbConnection,
    email: &str,
    ip: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    limit_address(conn, "signin-password", ip, now)?;
    for (bucket, limit, window) in failure_buckets(email, ip) {
        RateLimit::peek(conn, &bucket, limit, window, now)?.map_err(AppError::TooManyRequests)?;
    }
    Ok(())
}

/// Counts a failed password.
fn count_failure(
    conn: &mut DbConnection,
    email: &str,
    ip: Option<&str>,
    now: NaiveDateTime,
) -> diesel::QueryResult<()> {
    for (bucket, limit, window) in failure_buckets(email, ip) {
        // Past its limit the bucket stays full; counting further changes nothing.
        let _ = RateLimit::hit(conn, &bucket, limit, window, now)?;
    }
    Ok(())
}

/// Creates a one-time link for a person and returns its token (the caller mails or prints it).
pub fn create_link(
    conn: &mut DbConnection,
    person: &PersonId,
    purpose: &str,
    valid_for: Duration,
    now: NaiveDateTime,
) -> diesel::QueryResult<String> {
    let token = random_token();
    SignInToken::create(
        conn,
        &SignInToken {
            token_hash: hash_token(&token),
            person_id: person.clone(),
            purpose: purpose.to_string(),
            created_at: now,
            expires_at: now + valid_for,
            used_at: None,
        },
    )?;
    Ok(token)
}

/// The URL a link token is opened at.
pub fn link_url(base_url: &str, token: &str) -> String {
    format!("{base_url}/sign-in/link/{token}")
}

/// The part of a link request that happens before the answer, the same for every address:
/// the per-address limit (a refusal is the answer) and the per-account cap on link mails.
/// Returns whether the account's cap is reached; [`send_link`] then sends nothing.
pub fn admit_link_request(
    conn: &mut DbConnection,
    email: &str,
    ip: Option<&str>,
    now: NaiveDateTime,
) -> Result<bool, AppError> {
    write_tx(conn, |conn| {
        limit_address(conn, "signin-link", ip, now)?;
        // Over the account's cap no further mail goes out, and the answer is the same: the
        // links already sent keep working, and nobody learns whether the account exists.
        let bucket = format!("signin-link:account:{}", account_key(email));
        Ok(RateLimit::hit(conn, &bucket, LINKS_PER_ACCOUNT, window(), now)?.is_err())
    })
}

/// Queues a sign-in link for `email` if it belongs to an active account that may sign in by
/// link. Runs after the answer has gone out ([`crate::db::after_response`]), so the answer
/// takes the same time whether or not the account exists.
pub fn send_link(
    conn: &mut DbConnection,
    composer: &Composer,
    settings: &Settings,
    request: LinkRequest,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let LinkRequest { email, ip, capped } = request;
    let ip = ip.as_deref();
    write_tx(conn, |conn| {
        let person = Person::find_by_email(conn, &email)?.filter(Person::is_active);
        let Some(person) = person else {
            tracing::info!(email = %mask_email(&email), "sign-in link requested for no active account");
            return Ok(());
        };
        if capped {
            audit_link_outcome(conn, &person, "sign_in_link_capped", None, ip, now)?;
            return Ok(());
        }
        if sso_only_for(conn, settings, &person.id)? {
            let details = json!({ "method": "link", "reason": "sso_only" });
            audit_link_outcome(conn, &person, "sign_in_failed", Some(details), ip, now)?;
            return Ok(());
        }
        let valid = Duration::minutes(i64::from(settings.sign_in_link_minutes));
        let token = create_link(conn, &person.id, "sign_in", valid, now)?;
        let mut ctx = tera::Context::new();
        ctx.insert("link", &link_url(&settings.base_url, &token));
        ctx.insert("minutes", &settings.sign_in_link_minutes);
        enqueue(
            conn,
            composer,
            now,
            Email {
                key: format!("signin:{}", hash_token(&token)),
                template: "sign_in_link",
                to: &person,
                context: ctx,
            },
        )?;
        audit_link_outcome(conn, &person, "sign_in_link_requested", None, ip, now)
    })
}

/// A link request admitted by [`admit_link_request`], for [`send_link`].
#[derive(Debug, Clone)]
pub struct LinkRequest {
    /// The address typed.
    pub email: String,
    /// The client's address, for the audit log.
    pub ip: Option<String>,
    /// Whether the account's cap on link mails is reached.
    pub capped: bool,
}

/// Records what became of a link request for a known person.
fn audit_link_outcome(
    conn: &mut DbConnection,
    person: &Person,
    action: &str,
    details: Option<serde_json::Value>,
    ip: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let mut entry = AuditEntry::new(
        now,
        Some(&person.id),
        action,
        "person",
        Some(person.id.as_str()),
    );
    if let Some(details) = details {
        entry = entry.details(details);
    }
    entry.ip(ip.map(str::to_string)).record(conn)?;
    Ok(())
}

/// Whether a link token can still be used (for the confirm page).
pub fn link_is_usable(
    conn: &mut DbConnection,
    token: &str,
    now: NaiveDateTime,
) -> diesel::QueryResult<bool> {
    Ok(SignInToken::find(conn, &hash_token(token))?
        .is_some_and(|t| t.used_at.is_none() && t.expires_at > now))
}

/// Uses a link token and starts a session; ends the browser's previous session, if any.
/// Returns the new session cookie value, or a refusal when the link is expired, used or
/// unknown, or the person signs in through the identity provider only.
pub fn confirm_link(
    conn: &mut DbConnection,
    settings: &Settings,
    token: &str,
    client: Client,
    now: NaiveDateTime,
) -> Outcome<String> {
    write_tx(conn, |conn| {
        let (person, purpose) = match SignInToken::consume(conn, &hash_token(token), now)? {
            Some((id, purpose)) => (Person::find(conn, &id)?.filter(Person::is_active), purpose),
            None => (None, String::new()),
        };
        let Some(person) = person else {
            AuditEntry::new(now, None, "sign_in_failed", "sign_in_link", None)
                .details(json!({ "reason": "invalid or used link" }))
                .ip(client.ip.clone())
                .record(conn)?;
            return Ok(Err(SignInRefusal::LinkUnusable.into()));
        };
        if purpose != "break_glass" && sso_only_for(conn, settings, &person.id)? {
            AuditEntry::new(
                now,
                Some(&person.id),
                "sign_in_failed",
                "person",
                Some(person.id.as_str()),
            )
            .details(json!({ "method": "link", "reason": "sso_only" }))
            .ip(client.ip.clone())
            .record(conn)?;
            return Ok(Err(SignInRefusal::SsoOnly.into()));
        }
        if let Some(old) = &client.previous_session {
            Session::delete(conn, &hash_token(old))?;
        }
        let value = session::start(conn, &person.id, client.user_agent.clone(), now, settings)?;
        AuditEntry::new(
            now,
            Some(&person.id),
            "sign_in",
            "person",
            Some(person.id.as_str()),
        )
        .details(json!({ "method": "link", "purpose": purpose }))
        .ip(client.ip.clone())
        .record(conn)?;
        Ok(Ok(value))
    })
}

/// Signs in with a password. The hash is checked off the request threads; an unknown email
/// costs the same time as a wrong password.
pub async fn with_password(
    pool: &DbPool,
    settings: &Settings,
    email: String,
    password: String,
    client: Client,
    now: NaiveDateTime,
) -> Outcome<String> {
    let (lookup_email, lookup_ip) = (email.clone(), client.ip.clone());
    let person = crate::db::run(pool, move |conn| {
        write_tx(conn, |conn| {
            limit_password(conn, &lookup_email, lookup_ip.as_deref(), now)?;
            Ok(Person::find_by_email(conn, &lookup_email)?)
        })
    })
    .await?;
    let hash = person.as_ref().and_then(|p| p.password_hash.clone());
    let stale = hash.as_deref().is_some_and(password::needs_rehash);
    let ok = password::verify(password.clone(), hash).await
        && person.as_ref().is_some_and(Person::is_active);
    let rehashed = match ok && stale {
        true => Some(password::hash(password).await?),
        false => None,
    };
    let settings = settings.clone();
    crate::db::run(pool, move |conn| {
        write_tx(conn, |conn| {
            let Some(person) = person.filter(|_| ok) else {
                count_failure(conn, &email, client.ip.as_deref(), now)?;
                AuditEntry::new(now, None, "sign_in_failed", "person", None)
                    .details(json!({ "method": "password", "email": mask_email(&email) }))
                    .ip(client.ip.clone())
                    .record(conn)?;
                return Ok(Err(SignInRefusal::WrongPassword.into()));
            };
            if sso_only_for(conn, &settings, &person.id)? {
                AuditEntry::new(
                    now,
                    Some(&person.id),
                    "sign_in_failed",
                    "person",
                    Some(person.id.as_str()),
                )
                .details(json!({ "method": "password", "reason": "sso_only" }))
                .ip(client.ip.clone())
                .record(conn)?;
                return Ok(Err(SignInRefusal::SsoOnly.into()));
            }
            if let Some(old) = &client.previous_session {
                Session::delete(conn, &hash_token(old))?;
            }
            if let Some(new) = &rehashed {
                Person::set_password_hash(conn, &person.id, new, now)?;
            }
            let value =
                session::start(conn, &person.id, client.user_agent.clone(), now, &settings)?;
            AuditEntry::new(
                now,
                Some(&person.id),
                "sign_in",
                "person",
                Some(person.id.as_str()),
            )
            .details(json!({ "method": "password" }))
            .ip(client.ip.clone())
            .record(conn)?;
            Ok(Ok(value))
        })
    })
    .await
}

/// Ends one session.
pub fn sign_out(
    conn: &mut DbConnection,
    person: &PersonId,
    session_hash: &str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    write_tx(conn, |conn| {
        Session::delete(conn, session_hash)?;
        AuditEntry::new(
            now,
            Some(person),
            "sign_out",
            "person",
            Some(person.as_str()),
        )
        .record(conn)?;
        Ok(())
    })
}

/// Ends every session of the person, on every instance.
pub fn sign_out_everywhere(
    conn: &mut DbConnection,
    person: &PersonId,
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    write_tx(conn, |conn| {
        let n = Session::delete_by_person(conn, person)?;
        AuditEntry::new(
            now,
            Some(person),
            "sign_out_everywhere",
            "person",
            Some(person.as_str()),
        )
        .details(json!({ "sessions": n }))
        .record(conn)?;
        Ok(n)
    })
}
