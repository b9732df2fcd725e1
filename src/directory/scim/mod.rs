//! SCIM 2.0 provisioning (RFC 7643/7644) under `/scim/v2`, so an identity provider (Entra
//! ID, Okta) can create, update and suspend people on its own schedule. It has a bearer token
//! of its own (made by `qualify scim token`, stored as a SHA-256 hash, compared in constant
//! time); session cookies and personal API tokens carry no authority here. Every call is
//! written to the audit log. Deleting a user suspends the person and hides them from SCIM;
//! nothing is erased.

pub mod discovery;
pub mod user;
mod users;

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde_json::{Value, json};

use crate::accounts::tokens::{constant_time_eq, hash_token, random_token};
use crate::db::models::{AuditEntry, ScimToken};
use crate::db::{DbConnection, write_tx};
use crate::error::AppError;
use crate::mail::compose::Composer;

/// A SCIM call as the front door received it.
#[derive(Debug, Clone)]
pub struct ScimRequest {
    /// `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
    pub method: String,
    /// The path after `/scim/v2/`, split at `/`.
    pub path: Vec<String>,
    /// The query parameters.
    pub query: HashMap<String, String>,
    /// The body, if any (not yet parsed).
    pub body: Vec<u8>,
    /// The bearer token, if any.
    pub bearer: Option<String>,
    /// The service's public URL (for `location`).
    pub base_url: String,
}

/// The answer: a status and a SCIM JSON body.
#[derive(Debug, Clone)]
pub struct ScimResponse {
    /// HTTP status.
    pub status: u16,
    /// The body (none for 204).
    pub body: Option<Value>,
}

impl ScimResponse {
    fn ok(status: u16, body: Value) -> Self {
        Self {
            status,
            body: Some(body),
        }
    }

    fn error(status: u16, scim_type: Option<&str>, detail: &str) -> Self {
        Self::ok(status, discovery::error(status, scim_type, detail))
    }
}

/// Makes a new SCIM token, replacing any earlier one, and returns it (shown once).
pub fn mint_token(conn: &mut DbConnection, now: NaiveDateTime) -> Result<String, AppError> {
    let token = format!("scim_{}", random_token());
    write_tx(conn, |conn| {
        let replaced = ScimToken::delete_all(conn)?;
        ScimToken::create(
            conn,
            &ScimToken {
                id: uuid::Uuid::new_v4().to_string(),
                token_hash: hash_token(&token),
                created_at: now,
                last_used_at: None,
            },
        )?;
        AuditEntry::new(now, None, "scim_token_created", "scim", None)
            .details(json!({ "replaced": replaced }))
            .record(conn)
    })?;
    Ok(token)
}

/// Whether `bearer` is the SCIM token (every stored hash is compared, in constant time).
fn authorized(
    conn: &mut DbConnection,
    bearer: Option<&str>,
    now: NaiveDateTime,
) -> Result<bool, AppError> {
    let Some(token) = bearer.filter(|t| !t.is_empty()) else {
        return Ok(false);
    };
    let hash = hash_token(token);
    let mut found = None;
    for stored in ScimToken::list(conn)? {
        if constant_time_eq(&stored.token_hash, &hash) {
            found = Some(stored);
        }
    }
    let Some(stored) = found else {
        return Ok(false);
    };
    if stored
        .last_used_at
        .is_none_or(|t| now - t > chrono::Duration::minutes(1))
    {
        ScimToken::touch(conn, &stored.id, now)?;
    }
    Ok(true)
}

/// Answers one SCIM call and writes it to the audit log.
pub fn handle(
    conn: &mut DbConnection,
    composer: &Composer,
    request: &ScimRequest,
    now: NaiveDateTime,
) -> Result<ScimResponse, AppError> {
    let response = if authorized(conn, request.bearer.as_deref(), now)? {
        dispatch(conn, composer, request, now)?
    } else {
        ScimResponse::error(401, None, "a valid SCIM bearer token is required")
    };
    let object = match request.path.as_slice() {
        [users, id, ..] if users == "Users" => Some(id.as_str()),
        _ => None,
    };
    write_tx(conn, |conn| {
        AuditEntry::new(now, None, "scim_request", "scim", object)
            .details(json!({
                "method": request.method,
                "path": format!("/scim/v2/{}", request.path.join("/")),
                "status": response.status,
            }))
            .record(conn)
    })?;
    Ok(response)
}

/// `POST /Users/.search`: the query parameters of a list, in the body.
fn search(conn: &mut DbConnection, r: &ScimRequest, base: &str) -> Result<ScimResponse, AppError> {
    let Ok(Value::Object(body)) = serde_json::from_slice::<Value>(&r.body) else {
        return Ok(ScimResponse::error(
            400,
            Some("invalidSyntax"),
            "the body is not JSON",
        ));
    };
    let query: HashMap<String, String> = body
        .into_iter()
        .filter_map(|(k, v)| {
            let text = match v {
                Value::String(s) => s,
                Value::Number(n) => n.to_string(),
                Value::Array(list) => list
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(","),
                _ => return None,
            };
            Some((k, text))
        })
        .collect();
    Ok(project(users::list(conn, &query, base)?, &query))
}

/// Applies `attributes` / `excludedAttributes` to a User or to each User of a list.
fn project(mut response: ScimResponse, query: &HashMap<String, String>) -> ScimResponse {
    let param = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let (attributes, excluded) = (param("attributes"), param("excludedAttributes"));
    if response.status != 200 || (attributes.is_none() && excluded.is_none()) {
        return response;
    }
    if let Some(body) = response.body.as_mut() {
        match body.get_mut("Resources").and_then(Value::as_array_mut) {
            Some(list) => list
                .iter_mut()
                .for_each(|u| user::project(u, attributes, excluded)),
            None => user::project(body, attributes, excluded),
        }
    }
    response
}

fn dispatch(
    conn: &mut DbConnection,
    composer: &Composer,
    r: &ScimRequest,
    now: NaiveDateTime,
) -> Result<ScimResponse, AppError> {
    let base = r.base_url.trim_end_matches('/');
    let path: Vec<&str> = r.path.iter().map(String::as_str).collect();
    let get = r.method == "GET";
    Ok(match (r.method.as_str(), path.as_slice()) {
        ("GET", ["ServiceProviderConfig"]) => {
            ScimResponse::ok(200, discovery::service_provider_config(base))
        }
        ("GET", ["ResourceTypes"]) => {
            ScimResponse::ok(200, discovery::list(vec![discovery::user_type(base)], 1, 1))
        }
        ("GET", ["ResourceTypes", "User"]) => ScimResponse::ok(200, discovery::user_type(base)),
        ("GET", ["Schemas"]) => ScimResponse::ok(
            200,
            discovery::list(vec![discovery::user_schema(base)], 1, 1),
        ),
        ("GET", ["Schemas", id]) if *id == discovery::USER => {
            ScimResponse::ok(200, discovery::user_schema(base))
        }
        ("GET", ["Users"]) => project(users::list(conn, &r.query, base)?, &r.query),
        ("POST", ["Users", ".search"] | [".search"]) => search(conn, r, base)?,
        ("GET", ["Users", _]) => project(
            users::one(conn, composer, "GET", path[1], &r.body, base, now)?,
            &r.query,
        ),
        ("POST", ["Users"]) => users::create(conn, composer, &r.body, base, now)?,
        (_, ["Users", id]) => users::one(conn, composer, &r.method, id, &r.body, base, now)?,
        (
            _,
            [
                "ServiceProviderConfig" | "ResourceTypes" | "Schemas" | "Users",
                ..,
            ],
        ) if !get => ScimResponse::error(405, None, "method not supported here"),
        _ => ScimResponse::error(404, None, "no such resource"),
    })
}
