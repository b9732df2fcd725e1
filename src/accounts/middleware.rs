//! The authentication middleware: resolves the session cookie or API token into an
//! [`Identity`], provides the request's CSRF token, and refuses state-changing requests that
//! come from another site or lack the token.

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse, ResponseError, web};

use super::identity::{CsrfToken, Identity};
use super::session::Upkeep;
use super::tokens::{constant_time_eq, hash_token, random_token, sign};
use super::{csrf, session};
use crate::config::Settings;
use crate::db::models::{ApiToken, Person, RoleGrant};
use crate::error::AppError;

fn anon_cookie_name(settings: &Settings) -> &'static str {
    if settings.is_https() {
        "__Host-qualify_csrf"
    } else {
        "qualify_csrf"
    }
}

fn bearer(req: &ServiceRequest) -> Option<String> {
    let value = req.headers().get("authorization")?.to_str().ok()?;
    value.strip_prefix("Bearer ").map(|t| t.trim().to_string())
}

/// What the middleware needs of the application, registered as app data by `startup`: the
/// pool, the settings and the clock, and nothing of the areas it serves.
#[derive(Debug, Clone)]
pub struct Gate {
    /// The database pool.
    pub pool: crate::db::DbPool,
    /// The settings in force.
    pub settings: std::sync::Arc<Settings>,
    /// The clock.
    pub clock: std::sync::Arc<dyn crate::clock::Clock>,
}

impl Gate {
    fn sqlite(&self) -> bool {
        matches!(
            self.settings.database,
            crate::config::DatabaseTarget::Sqlite(_)
        )
    }
}

enum Resolved {
    Anonymous { stale_cookie: bool },
    Session(Box<Identity>),
    Token(Box<Identity>),
    BadToken,
}

fn resolve(
    state: &Gate,
    conn: &mut crate::db::DbConnection,
    bearer: Option<String>,
    cookie: Option<String>,
) -> Result<(Resolved, Option<Upkeep>), AppError> {
    let now = state.clock.now_naive();
    if let Some(token) = bearer {
        let Some(api_token) = ApiToken::find_active(conn, &hash_token(&token), now)? else {
            return Ok((Resolved::BadToken, None));
        };
        let Some(person) = Person::find(conn, &api_token.person_id)?.filter(Person::is_active)
        else {
            return Ok((Resolved::BadToken, None));
        };
        let used = api_token
            .last_used_at
            .is_none_or(|t| now - t > chrono::Duration::minutes(1))
            .then(|| Upkeep::UsedToken(api_token.id.clone()));
        let is_owner = RoleGrant::has_role(conn, &person.id, "owner")?;
        let identity = Identity {
            person,
            session: None,
            is_owner,
            is_cotrainer: false,
        };
        return Ok((Resolved::Token(Box::new(identity)), used));
    }
    let Some(value) = cookie else {
        return Ok((
            Resolved::Anonymous {
                stale_cookie: false,
            },
            None,
        ));
    };
    match session::resolve(conn, &value, now, &state.settings)? {
        (Some((session, person, is_owner, is_cotrainer)), upkeep) => {
            let identity = Identity {
                person,
                session: Some(session),
                is_owner,
                is_cotrainer,
            };
            Ok((Resolved::Session(Box::new(identity)), upkeep))
        }
        (None, upkeep) => Ok((Resolved::Anonymous { stale_cookie: true }, upkeep)),
    }
}

/// Who is asking. The lookups are a few indexed reads: on SQLite they run right here when a
/// connection is free (handing them to another thread costs more than the reads, and a WAL
/// reader never waits for a writer); otherwise, and always on PostgreSQL, on the blocking
/// pool. Marking a session as seen (once a minute) is done before answering; the other
/// writes (a token's last use, deleting an ended session) follow off the request's path.
async fn lookup(
    state: &web::Data<Gate>,
    bearer: Option<String>,
    cookie: Option<String>,
) -> Result<Resolved, AppError> {
    if bearer.is_none() && cookie.is_none() {
        return Ok(Resolved::Anonymous {
            stale_cookie: false,
        });
    }
    let st = state.clone();
    let (resolved, upkeep) = crate::db::run_read(&state.pool, state.sqlite(), move |conn| {
        resolve(&st, conn, bearer, cookie)
    })
    .await?;
    let (pool, now) = (state.pool.clone(), state.clock.now_naive());
    match upkeep {
        // Once a minute per session, and the idle limit depends on it: done before answering.
        Some(seen @ Upkeep::SeenSession(_)) => {
            crate::db::run(&pool, move |conn| Ok(seen.apply(conn, now)?)).await?;
        }
        Some(upkeep) => {
            actix_web::rt::spawn(async move {
                let done = crate::db::run(&pool, move |conn| Ok(upkeep.apply(conn, now)?)).await;
                if let Err(e) = done {
                    tracing::warn!(error = %e, "session upkeep failed");
                }
            });
        }
        None => {}
    }
    Ok(resolved)
}

/// The middleware.
pub async fn authenticate(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody, BoxBody>>, actix_web::Error> {
    let Some(state) = req.app_data::<web::Data<Gate>>().cloned() else {
        return Ok(next.call(req).await?.map_into_left_body());
    };
    let settings = state.settings.clone();
    let cookie = req
        .cookie(session::cookie_name(&settings))
        .map(|c| c.value().to_string())
        .filter(|v| !v.is_empty());
    // Personal tokens act under `/api/` only: a leaked token must not reach the pages that
    // change the password or mint more tokens. `/metrics` checks its own scrape token and
    // `/scim/` its SCIM token.
    let scim = req.path().starts_with("/scim/");
    let bearer = bearer(&req).filter(|_| req.path().starts_with("/api/"));
    let resolved = match lookup(&state, bearer, cookie).await {
        Ok(r) => r,
        Err(e) => return Ok(req.into_response(e.error_response()).map_into_right_body()),
    };
    let (identity, via_token, stale_cookie) = match resolved {
        Resolved::BadToken => {
            let refusal = AppError::Unauthorized.error_response();
            return Ok(req.into_response(refusal).map_into_right_body());
        }
        Resolved::Token(id) => (Some(*id), true, false),
        Resolved::Session(id) => (Some(*id), false, false),
        Resolved::Anonymous { stale_cookie } => (None, false, stale_cookie),
    };
    let (expected, new_anon_cookie) = expected_csrf(&req, &settings, identity.as_ref());
    req.extensions_mut().insert(CsrfToken(expected.clone()));
    // API calls carrying no credential have no ambient authority to abuse: they meet the
    // route's own 401 instead of a CSRF refusal.
    let anonymous_api = req.path().starts_with("/api/") && identity.is_none() && !stale_cookie;
    // One-click unsubscribe (RFC 8058) comes from mail clients; its signed token is the
    // authority and it can only switch a mail kind off.
    let unsubscribe = req.path().starts_with("/unsubscribe/");
    // SCIM calls carry the SCIM bearer token, which the handler checks; a session cookie gives
    // no authority there, so there is nothing for a cross-site request to borrow.
    if !csrf::is_safe(req.method())
        && !via_token
        && !scim
        && !anonymous_api
        && !unsubscribe
        && let Err(refusal) = check_csrf(&mut req, &settings, &expected).await
    {
        return Ok(req.into_response(refusal).map_into_right_body());
    }
    if let Some(identity) = identity {
        attach(&req, identity);
    }
    let mut res = next.call(req).await?;
    set_cookies(&mut res, &settings, new_anon_cookie, stale_cookie);
    Ok(res.map_into_left_body())
}

/// The CSRF token forms must carry: the session's, or one bound to a random pre-session
/// cookie. Returns it, and the value of a new pre-session cookie to set when there was none.
#[inline]
fn expected_csrf(
    req: &ServiceRequest,
    settings: &Settings,
    identity: Option<&Identity>,
) -> (String, Option<String>) {
    let mut new_anon_cookie = None;
    let expected = match identity.and_then(|i| i.session.as_ref()) {
        Some(session) => session.csrf_token.clone(),
        None => {
            let value = req
                .cookie(anon_cookie_name(settings))
                .map(|c| c.value().to_string())
                .filter(|v| v.len() >= 32);
            let value = value.unwrap_or_else(|| {
                let fresh = random_token();
                new_anon_cookie = Some(fresh.clone());
                fresh
            });
            sign(&settings.secret_key, &format!("csrf:{value}"))
        }
    };
    (expected, new_anon_cookie)
}

/// Refuses a state-changing request from another site or without the expected CSRF token
/// (in the `X-CSRF-Token` header or the form body, which is put back without it). A
/// multipart upload without the header is let through with the check pending, for the
/// upload handler to make on the form's first field.
async fn check_csrf(
    req: &mut ServiceRequest,
    settings: &Settings,
    expected: &str,
) -> Result<(), HttpResponse> {
    if !csrf::same_origin(req, &settings.base_url) {
        tracing::warn!(area = logged_area(req.path()), "cross-site request refused");
        return Err(AppError::Forbidden.error_response());
    }
    let mut provided = req
        .headers()
        .get(csrf::HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let is_form = req.content_type() == "application/x-www-form-urlencoded";
    if is_form {
        let body = match req.extract::<web::Bytes>().await {
            Ok(body) => body,
            Err(e) => return Err(e.error_response()),
        };
        let (token, rest) = csrf::take_from_form(&body);
        provided = provided.or(token);
        req.set_payload(Payload::from(web::Bytes::from(rest)));
    }
    // A page's multipart upload carries its token as the form's first field; the upload
    // handler checks it before it takes any file. The API's upload has no form to carry it.
    let is_upload = req.content_type() == "multipart/form-data"
        && (req.path().ends_with("/attachments") || req.path().ends_with("/attendance/import"))
        && !req.path().starts_with("/api/");
    if is_upload && provided.is_none() {
        req.extensions_mut()
            .insert(super::identity::CsrfPending(expected.to_string()));
    } else if !provided.is_some_and(|p| constant_time_eq(&p, expected)) {
        tracing::warn!(
            area = logged_area(req.path()),
            "request without a valid CSRF token refused"
        );
        return Err(AppError::Forbidden.error_response());
    }
    Ok(())
}

/// The first segment of a refused request's path, for the log: later segments can carry a
/// signed link's token.
fn logged_area(path: &str) -> &str {
    let end = path[1.min(path.len())..]
        .find('/')
        .map_or(path.len(), |i| i + 1);
    &path[..end]
}

/// Puts the signed-in person on the request: the identity, and the viewer templates show.
#[inline]
fn attach(req: &ServiceRequest, identity: Identity) {
    let viewer = crate::web::viewer::Viewer {
        name: identity.person.name.clone(),
        language: identity.person.language.clone(),
        is_owner: identity.is_owner,
        is_cotrainer: identity.is_cotrainer,
    };
    let mut extensions = req.extensions_mut();
    extensions.insert(viewer);
    extensions.insert(crate::ops::logs::Actor(identity.person.id.0.clone()));
    extensions.insert(identity);
}

/// Sets the new pre-session cookie, and removes a stale session cookie unless the handler
/// set a new one.
#[inline]
fn set_cookies<B>(
    res: &mut ServiceResponse<B>,
    settings: &Settings,
    new_anon_cookie: Option<String>,
    stale_cookie: bool,
) {
    if let Some(value) = new_anon_cookie {
        let cookie = Cookie::build(anon_cookie_name(settings), value)
            .path("/")
            .http_only(true)
            .secure(settings.is_https())
            .same_site(SameSite::Lax)
            .finish();
        let _ = res.response_mut().add_cookie(&cookie);
    }
    if stale_cookie
        && !res.headers().get_all("set-cookie").any(|c| {
            c.to_str()
                .is_ok_and(|c| c.starts_with(session::cookie_name(settings)))
        })
    {
        let _ = res.response_mut().add_cookie(&session::removal(settings));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_refusal_logs_the_first_segment_only() {
        assert_eq!(super::logged_area("/sign-in/link/SECRET"), "/sign-in");
        assert_eq!(super::logged_area("/language"), "/language");
        assert_eq!(super::logged_area("/"), "/");
        assert_eq!(super::logged_area(""), "");
    }
}
