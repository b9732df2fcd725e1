//! The SCIM 2.0 front door under `/scim/v2` (not part of `/api/v1`: its clients are identity
//! providers speaking RFC 7644). It passes the call as it came to `directory::scim::handle`,
//! which checks the SCIM bearer token, and answers `application/scim+json`.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};

use crate::directory::scim::{self, ScimRequest};
use crate::error::AppError;
use crate::state::AppState;

/// Every SCIM call.
pub async fn call(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<HashMap<String, String>>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let path = req
        .path()
        .strip_prefix("/scim/v2")
        .unwrap_or_default()
        .split('/')
        .filter(|s| !s.is_empty())
        .map(percent_decode)
        .collect();
    let bearer = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string());
    let request = ScimRequest {
        method: req.method().as_str().to_string(),
        path,
        query: query.into_inner(),
        body: body.to_vec(),
        bearer,
        base_url: state.settings.base_url.clone(),
    };
    let (composer, now) = (state.composer.clone(), state.clock.now_naive());
    let answer = crate::db::run(&state.pool, move |conn| {
        scim::handle(conn, &composer, &request, now)
    })
    .await?;
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK);
    let mut response = HttpResponse::build(status);
    if status == StatusCode::UNAUTHORIZED {
        response.insert_header(("WWW-Authenticate", "Bearer realm=\"scim\""));
    }
    Ok(match answer.body {
        Some(body) => response
            .content_type("application/scim+json")
            .body(body.to_string()),
        None => response.finish(),
    })
}

fn percent_decode(segment: &str) -> String {
    form_urlencoded::parse(format!("x={}", segment.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}
