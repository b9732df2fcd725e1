//! Who is asking: the [`Identity`] the authentication middleware attaches to a request, and
//! the extractors that guard routes ([`SignedIn`], [`Owner`]). Authorization lives here and in
//! the use cases, never in templates.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest};

use crate::db::models::{Person, Session};
use crate::error::AppError;

/// The signed-in person behind a request.
#[derive(Debug, Clone)]
pub struct Identity {
    /// The person.
    pub person: Person,
    /// The browser session (none when signed in with an API token).
    pub session: Option<Session>,
    /// Holds the program-owner role.
    pub is_owner: bool,
    /// In a co-trainer pool (for navigation only; every grading action checks for itself).
    pub is_cotrainer: bool,
}

pub use crate::web::viewer::{CsrfToken, csrf_token};

/// Set on a multipart upload whose token travels inside the form: the handler must check the
/// `csrf_token` field against this before it accepts any file.
#[derive(Debug, Clone)]
pub struct CsrfPending(pub String);

/// The identity of this request, if signed in.
pub fn identity(req: &HttpRequest) -> Option<Identity> {
    req.extensions().get::<Identity>().cloned()
}

fn sign_in_required(req: &HttpRequest) -> AppError {
    let api = req.path().starts_with("/api/");
    let next = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    AppError::SignInRequired { next, api }
}

/// Extractor: a signed-in person; otherwise pages redirect to sign-in and the API answers 401.
#[derive(Debug, Clone)]
pub struct SignedIn(pub Identity);

impl FromRequest for SignedIn {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            identity(req)
                .map(SignedIn)
                .ok_or_else(|| sign_in_required(req)),
        )
    }
}

/// Extractor: a signed-in program owner; anyone else signed in gets 403.
#[derive(Debug, Clone)]
pub struct Owner(pub Identity);

impl FromRequest for Owner {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(match identity(req) {
            Some(id) if id.is_owner => Ok(Owner(id)),
            Some(_) => Err(AppError::Forbidden),
            None => Err(sign_in_required(req)),
        })
    }
}

/// The client's address for rate limits and the audit log: the connection's peer, or the
/// address the trusted proxies in front name (`QUALIFY_TRUSTED_PROXIES`).
pub fn client_ip(
    req: &HttpRequest,
    trusted: &crate::config::proxies::TrustedProxies,
) -> Option<String> {
    let forwarded: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .collect();
    trusted
        .client(req.peer_addr().map(|a| a.ip()), &forwarded)
        .map(|ip| ip.to_string())
}
