//! Sessions kept in the database: sign-out, disabling an account and "sign out everywhere" end
//! them at once on every instance. Idle and absolute limits are enforced on each request.

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use chrono::{Duration, NaiveDateTime};

use super::tokens::{hash_token, random_token};
use crate::config::Settings;
use crate::db::DbConnection;
use crate::db::models::session::SessionLookup;
use crate::db::models::{Person, Session};
use crate::domain::ids::{ApiTokenId, PersonId};

/// The session cookie's name: `__Host-` prefixed (and so Secure) on https.
pub fn cookie_name(settings: &Settings) -> &'static str {
    if settings.is_https() {
        "__Host-qualify_session"
    } else {
        "qualify_session"
    }
}

/// The cookie that carries a session.
pub fn cookie(settings: &Settings, value: String) -> Cookie<'static> {
    Cookie::build(cookie_name(settings), value)
        .path("/")
        .http_only(true)
        .secure(settings.is_https())
        .same_site(SameSite::Lax)
        .finish()
}

/// A cookie that removes the session cookie.
pub fn removal(settings: &Settings) -> Cookie<'static> {
    let mut c = cookie(settings, String::new());
    c.set_max_age(CookieDuration::ZERO);
    c
}

/// Starts a session for a person; returns the cookie value (shown once, stored hashed).
pub fn start(
    conn: &mut DbConnection,
    person: &PersonId,
    user_agent: Option<String>,
    now: NaiveDateTime,
    settings: &Settings,
) -> diesel::QueryResult<String> {
    let value = random_token();
    Session::create(
        conn,
        &Session {
            id_hash: hash_token(&value),
            person_id: person.clone(),
            csrf_token: random_token(),
            created_at: now,
            last_seen_at: now,
            expires_at: now + Duration::hours(i64::from(settings.session_absolute_hours)),
            user_agent: user_agent.map(|ua| ua.chars().take(200).collect()),
        },
    )?;
    Person::touch_sign_in(conn, person, now)?;
    Ok(value)
}

/// A write a lookup asks for. It is done after the lookup, off the request's path: the
/// answer does not depend on it.
#[derive(Debug)]
pub enum Upkeep {
    /// Note that the session (by hash) was used now.
    SeenSession(String),
    /// Delete a session (by hash) that has ended.
    DropSession(String),
    /// Note that the API token (by id) was used now.
    UsedToken(ApiTokenId),
}

impl Upkeep {
    /// Performs the write.
    pub fn apply(self, conn: &mut DbConnection, now: NaiveDateTime) -> diesel::QueryResult<()> {
        match self {
            Self::SeenSession(hash) => Session::touch(conn, &hash, now),
            Self::DropSession(hash) => Session::delete(conn, &hash).map(|_| ()),
            Self::UsedToken(id) => crate::db::models::ApiToken::touch(conn, &id, now),
        }
    }
}

/// What a session lookup found (the session, its person, and whether the person is an owner
/// and a co-trainer), and the write it asks for.
pub type Lookup = (Option<SessionLookup>, Option<Upkeep>);

/// The live session and person behind a cookie value (reads only). An expired or idle
/// session, or one of a disabled account, gives `None` and asks for its deletion; a live one
/// asks to be marked as seen at most once a minute.
pub fn resolve(
    conn: &mut DbConnection,
    value: &str,
    now: NaiveDateTime,
    settings: &Settings,
) -> diesel::QueryResult<Lookup> {
    let hash = hash_token(value);
    let Some((session, person, is_owner, is_cotrainer)) = Session::find_with_person(conn, &hash)?
    else {
        return Ok((None, None));
    };
    let person = Some(person);
    let idle_limit = Duration::minutes(i64::from(settings.session_idle_minutes));
    let live = session.expires_at > now && session.last_seen_at + idle_limit > now;
    match person {
        Some(person) if live && person.is_active() => {
            let seen = (now - session.last_seen_at > Duration::seconds(60))
                .then_some(Upkeep::SeenSession(hash));
            Ok((Some((session, person, is_owner, is_cotrainer)), seen))
        }
        _ => Ok((None, Some(Upkeep::DropSession(hash)))),
    }
}
