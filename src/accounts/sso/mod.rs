//! Single sign-on with OpenID Connect (authorization code flow with PKCE S256, `state` and
//! `nonce`). [`begin`] stores the state (hashed), the nonce and the PKCE verifier in the
//! database and sends the browser to the provider; [`finish`] takes that row out again
//! (exactly once, within ten minutes, on whichever instance the provider returns to),
//! redeems the code, checks the ID token and signs the person in. The state is also bound to
//! the browser that began (a cookie), so nobody can finish their own sign-in in someone
//! else's browser.

pub mod id_token;
pub mod link;
pub mod provider;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{Duration, NaiveDateTime};
use serde_json::json;
use sha2::{Digest, Sha256};

pub use provider::Provider;

use super::session;
use super::sign_in::Client;
use super::tokens::{hash_token, random_token};
use crate::config::Settings;
use crate::db::models::{AuditEntry, Session, SsoLogin};
use crate::db::{DbPool, write_tx};
use crate::error::{Outcome, Refusal, proceed};

/// A begun sign-in is refused after this long.
pub const LOGIN_MINUTES: i64 = 10;

crate::error::reasons! {
    /// Why a single sign-on did not sign anyone in.
    pub enum SsoProblem {
        /// Single sign-on is not configured.
        Off = "sso_off" => ("sso-error-off", NOT_FOUND),
        /// The person cancelled, or the provider refused them (`access_denied`).
        Denied = "sso_denied" => ("sso-error-denied", FORBIDDEN),
        /// The provider answered with another error.
        ProviderError = "sso_provider_error" => ("sso-error-provider", BAD_GATEWAY),
        /// The provider could not be reached or answered nonsense.
        Unreachable = "sso_unreachable" => ("sso-error-unreachable", BAD_GATEWAY),
        /// The state is unknown, used, expired, or from another browser.
        State = "sso_state" => ("sso-error-state", BAD_REQUEST),
        /// The ID token failed a check.
        Token = "sso_token" => ("sso-error-token", UNAUTHORIZED),
        /// The provider sent no usable email for a new person.
        NoEmail = "sso_no_email" => ("sso-error-no-email", UNPROCESSABLE_ENTITY),
        /// The email belongs to a person, but the provider does not vouch for it.
        EmailUnverified = "sso_email_unverified" => ("sso-error-email-unverified", CONFLICT),
        /// The person may not sign in (not active).
        Inactive = "sso_inactive" => ("sso-error-inactive", FORBIDDEN),
    }
}

/// The PKCE S256 challenge of a verifier.
pub fn pkce_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// The redirect URL registered at the provider.
pub fn callback_url(base_url: &str) -> String {
    format!("{base_url}/sign-in/sso/callback")
}

/// A begun sign-in: where to send the browser, and the state to bind to it (a cookie).
#[derive(Debug, Clone)]
pub struct Begun {
    /// The provider's authorization URL with every parameter.
    pub url: String,
    /// The `state` parameter.
    pub state: String,
}

/// Begins a sign-in: stores state, nonce and verifier; gives the provider's URL.
pub async fn begin(
    pool: &DbPool,
    provider: Option<&Provider>,
    base_url: &str,
    next: &str,
    now: NaiveDateTime,
) -> Outcome<Begun> {
    let Some(provider) = provider else {
        return Ok(Err(SsoProblem::Off.into()));
    };
    let doc = match provider.discovery().await {
        Ok(doc) => doc,
        Err(e) => {
            tracing::warn!(error = %e, "single sign-on could not begin");
            return Ok(Err(SsoProblem::Unreachable.into()));
        }
    };
    let (state, nonce, verifier) = (random_token(), random_token(), random_token());
    let row = SsoLogin {
        state_hash: hash_token(&state),
        nonce: nonce.clone(),
        pkce_verifier: verifier.clone(),
        next_path: next.to_string(),
        created_at: now,
        expires_at: now + Duration::minutes(LOGIN_MINUTES),
    };
    crate::db::run(pool, move |conn| {
        write_tx(conn, |conn| {
            SsoLogin::delete_expired(conn, now)?;
            SsoLogin::create(conn, &row)
        })
        .map_err(Into::into)
    })
    .await?;
    let setting = &provider.setting;
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("response_type", "code")
        .append_pair("client_id", &setting.client_id)
        .append_pair("redirect_uri", &callback_url(base_url))
        .append_pair("scope", &setting.scopes)
        .append_pair("state", &state)
        .append_pair("nonce", &nonce)
        .append_pair("code_challenge", &pkce_challenge(&verifier))
        .append_pair("code_challenge_method", "S256")
        .finish();
    let joiner = if doc.authorization_endpoint.contains('?') {
        '&'
    } else {
        '?'
    };
    Ok(Ok(Begun {
        url: format!("{}{joiner}{query}", doc.authorization_endpoint),
        state,
    }))
}

/// What the provider sent back to the callback.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Callback {
    /// The state of [`begin`].
    #[serde(default)]
    pub state: Option<String>,
    /// The authorization code.
    #[serde(default)]
    pub code: Option<String>,
    /// An error code such as `access_denied`.
    #[serde(default)]
    pub error: Option<String>,
    /// The provider's description of the error (logged, not shown).
    #[serde(default)]
    pub error_description: Option<String>,
}

/// A finished sign-in: the new session's cookie value and where to go.
#[derive(Debug, Clone)]
pub struct Started {
    /// The session cookie value.
    pub session: String,
    /// The local path to open.
    pub next: String,
}

/// Finishes a sign-in on any instance: takes the stored state once, redeems the code, checks
/// the ID token, finds or creates the person and starts a session.
pub async fn finish(
    pool: &DbPool,
    provider: Option<&Provider>,
    settings: &Settings,
    callback: Callback,
    browser_state: Option<String>,
    client: Client,
    now: NaiveDateTime,
) -> Outcome<Started> {
    let Some(provider) = provider else {
        return Ok(Err(SsoProblem::Off.into()));
    };
    let login = proceed!(take_login(pool, &callback, browser_state, client.ip.clone(), now).await);
    let Some(code) = callback.code.as_deref() else {
        return failed(pool, SsoProblem::ProviderError, "no code", client.ip, now).await;
    };
    let expected = id_token::Expected {
        issuer: &provider.setting.issuer,
        client_id: &provider.setting.client_id,
        nonce: &login.nonce,
        now,
    };
    let redirect = callback_url(&settings.base_url);
    let claims = match provider
        .redeem(code, &login.pkce_verifier, &redirect, &expected)
        .await
    {
        Ok(claims) => claims,
        Err(e) => {
            tracing::warn!(error = %e, "single sign-on refused");
            let problem = match e {
                provider::ProviderError::Token(_) => SsoProblem::Token,
                _ => SsoProblem::Unreachable,
            };
            return failed(pool, problem, &e.to_string(), client.ip, now).await;
        }
    };
    let (setting, settings) = (provider.setting.clone(), settings.clone());
    let next = login.next_path;
    crate::db::run(pool, move |conn| {
        write_tx(conn, |conn| {
            sign_in_person(conn, &setting, &settings, &claims, &client, next, now)
        })
    })
    .await
}

/// Finds or creates the person of verified claims and starts their session, or records why
/// not (inside the caller's transaction).
fn sign_in_person(
    conn: &mut crate::db::DbConnection,
    setting: &crate::config::oidc::OidcSetting,
    settings: &Settings,
    claims: &id_token::Claims,
    client: &Client,
    next: String,
    now: NaiveDateTime,
) -> Outcome<Started> {
    let person = match link::person_for(conn, setting, claims, now)? {
        Ok(person) if person.is_active() => person,
        outcome => {
            let refusal = outcome.err().unwrap_or_else(|| SsoProblem::Inactive.into());
            AuditEntry::new(now, None, "sign_in_failed", "person", None)
                .details(json!({ "method": "sso", "reason": refusal.reason }))
                .ip(client.ip.clone())
                .record(conn)?;
            return Ok(Err(refusal));
        }
    };
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
    .details(json!({ "method": "sso" }))
    .ip(client.ip.clone())
    .record(conn)?;
    Ok(Ok(Started {
        session: value,
        next,
    }))
}

/// Takes the stored sign-in of the callback's state, if it is this browser's and still valid;
/// a provider error is answered after the state is used up.
async fn take_login(
    pool: &DbPool,
    callback: &Callback,
    browser_state: Option<String>,
    ip: Option<String>,
    now: NaiveDateTime,
) -> Outcome<SsoLogin> {
    let state = callback.state.clone().unwrap_or_default();
    let hash = hash_token(&state);
    let login = crate::db::run(pool, move |conn| {
        Ok(write_tx(conn, |conn| SsoLogin::take(conn, &hash, now))?)
    })
    .await?;
    if let Some(error) = &callback.error {
        let problem = if error == "access_denied" {
            SsoProblem::Denied
        } else {
            SsoProblem::ProviderError
        };
        let detail = format!(
            "{error}: {}",
            callback.error_description.as_deref().unwrap_or("")
        );
        return failed(pool, problem, &detail, ip, now).await;
    }
    let same_browser = browser_state.is_some_and(|b| !state.is_empty() && b == state);
    match login {
        Some(login) if same_browser => Ok(Ok(login)),
        _ => {
            failed(
                pool,
                SsoProblem::State,
                "unknown, used or expired state",
                ip,
                now,
            )
            .await
        }
    }
}

/// Records a failed single sign-on and gives its refusal.
async fn failed<T>(
    pool: &DbPool,
    problem: SsoProblem,
    detail: &str,
    ip: Option<String>,
    now: NaiveDateTime,
) -> Outcome<T> {
    let details = json!({ "method": "sso", "reason": problem.reason(), "detail": detail });
    crate::db::run(pool, move |conn| {
        AuditEntry::new(now, None, "sign_in_failed", "person", None)
            .details(details)
            .ip(ip)
            .record(conn)
            .map_err(Into::into)
    })
    .await?;
    Ok(Err(Refusal::from(problem)))
}

/// Ends the session; tells whether to offer the provider's sign-out too (the person has an
/// identity there and single sign-on is configured).
pub async fn sign_out(
    pool: &DbPool,
    provider: Option<&Provider>,
    person: crate::domain::ids::PersonId,
    session_hash: String,
    now: NaiveDateTime,
) -> Result<bool, crate::error::AppError> {
    let has_identity = crate::db::run(pool, move |conn| {
        super::sign_in::sign_out(conn, &person, &session_hash, now)?;
        Ok(crate::db::models::SsoIdentity::exists_for_person(
            conn, &person,
        )?)
    })
    .await?;
    Ok(has_identity && provider.is_some())
}

/// The provider's sign-out URL (`end_session_endpoint`), returning to qualify's start page,
/// when the provider offers one.
pub async fn end_session_url(provider: Option<&Provider>, base_url: &str) -> Option<String> {
    let provider = provider?;
    let url = match provider.cached_discovery() {
        Some(doc) => doc.end_session_endpoint,
        None => provider.discovery().await.ok()?.end_session_endpoint,
    }?;
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("client_id", &provider.setting.client_id)
        .append_pair("post_logout_redirect_uri", &format!("{base_url}/"))
        .finish();
    let joiner = if url.contains('?') { '&' } else { '?' };
    Some(format!("{url}{joiner}{query}"))
}
