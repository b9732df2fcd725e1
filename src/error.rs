//! The one application error. Handlers return it; the response is a problem document whose
//! final form (a localised HTML page, or `application/problem+json` under `/api`) is produced
//! by the error-page middleware (`web::error_pages`). Users see a message; logs keep the cause chain.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The object does not exist, or is not the caller's to see.
    #[error("not found")]
    NotFound,
    /// The caller lacks the role for this.
    #[error("forbidden")]
    Forbidden,
    /// The caller is not signed in.
    #[error("unauthorized")]
    Unauthorized,
    /// The caller must sign in first: pages redirect, the API answers 401.
    #[error("sign-in required")]
    SignInRequired {
        /// Where to return after signing in.
        next: String,
        /// Whether the request was an API call.
        api: bool,
    },
    /// Too many attempts; try again after this many seconds.
    #[error("rate limited")]
    TooManyRequests(i64),
    /// The request itself is malformed; the text is shown to the user.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// Someone else changed the object first; the text is shown to the user.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The database (or another dependency) cannot be reached right now.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// A bug or an unexpected failure; details go to the log only.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => Self::NotFound,
            other => Self::Internal(other.into()),
        }
    }
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        Self::Unavailable(e.to_string())
    }
}

/// What the error-page middleware needs to render the final response.
#[derive(Debug, Clone)]
pub struct ErrorDetail(pub Option<String>);

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::Unauthorized | Self::SignInRequired { api: true, .. } => StatusCode::UNAUTHORIZED,
            Self::SignInRequired { api: false, .. } => StatusCode::SEE_OTHER,
            Self::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::SignInRequired { next, api: false } = self {
            let target = format!(
                "/sign-in?next={}",
                form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
            );
            return HttpResponse::SeeOther()
                .insert_header(("Location", target))
                .finish();
        }
        let detail = match self {
            Self::BadRequest(m) | Self::Conflict(m) => Some(m.clone()),
            Self::Internal(e) => {
                tracing::error!(error = ?e, "request failed");
                None
            }
            Self::Unavailable(e) => {
                tracing::warn!(error = %e, "dependency unavailable");
                None
            }
            _ => None,
        };
        let status = self.status_code();
        let mut response = problem_response(status, "", detail.as_deref());
        if let Self::TooManyRequests(seconds) = self {
            response.headers_mut().insert(
                actix_web::http::header::RETRY_AFTER,
                actix_web::http::header::HeaderValue::from(*seconds),
            );
        }
        if matches!(self, Self::SignInRequired { .. } | Self::Unauthorized) {
            response.headers_mut().insert(
                actix_web::http::header::WWW_AUTHENTICATE,
                actix_web::http::header::HeaderValue::from_static("Bearer"),
            );
        }
        response.extensions_mut().insert(ErrorDetail(detail));
        response
    }
}

/// The problem document for a status, as JSON (RFC 9457).
pub fn problem_response(status: StatusCode, title: &str, detail: Option<&str>) -> HttpResponse {
    let title = if title.is_empty() {
        status.canonical_reason().unwrap_or("Error")
    } else {
        title
    };
    let mut body =
        serde_json::json!({ "type": "about:blank", "title": title, "status": status.as_u16() });
    if let Some(detail) = detail {
        body["detail"] = serde_json::json!(detail);
    }
    HttpResponse::build(status)
        .content_type("application/problem+json")
        .body(body.to_string())
}
