//! Cross-site request protection for every state-changing request: browsers' Fetch Metadata
//! (`Sec-Fetch-Site`) and, where that header is absent, the `Origin` header must show that the
//! request comes from this site. (The session-bound form token joins this with sign-in.)

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::{ResponseError, web};

use crate::error::AppError;
use crate::startup::AppState;

fn is_safe(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// Whether the request's origin headers allow a state change.
pub fn same_origin(req: &ServiceRequest, base_url: &str) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        // Neither header: not a browser request made on a user's behalf (curl, scripts).
        return true;
    };
    let host = req.connection_info().host().to_string();
    let base_origin: String = base_url.split('/').take(3).collect::<Vec<_>>().join("/");
    origin == base_origin
        || origin == format!("http://{host}")
        || origin == format!("https://{host}")
}

/// Middleware: refuses cross-site state-changing requests with 403.
pub async fn reject_cross_site(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody, BoxBody>>, actix_web::Error> {
    if !is_safe(req.method()) {
        let base_url = req
            .app_data::<web::Data<AppState>>()
            .map(|s| s.settings.base_url.clone())
            .unwrap_or_default();
        if !same_origin(&req, &base_url) {
            tracing::warn!(path = req.path(), "cross-site request refused");
            let response = AppError::Forbidden.error_response();
            return Ok(req.into_response(response).map_into_right_body());
        }
    }
    Ok(next.call(req).await?.map_into_left_body())
}
