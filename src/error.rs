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
    /// Input that cannot be read (unparsable JSON, a wrong type, a missing or unknown field
    /// or parameter): 400, with the place it was found where it is known.
    #[error("malformed input: {detail}")]
    Malformed {
        /// What is wrong, as the parser says it.
        detail: String,
        /// Where: the body field as a JSON pointer (`/name`), or a query or path parameter.
        at: Option<InputLocation>,
    },
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
            Self::BadRequest(_) | Self::Malformed { .. } => StatusCode::BAD_REQUEST,
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
            Self::Malformed { detail, .. } => Some(detail.clone()),
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
        if let Self::Malformed { at: Some(at), .. } = self {
            response.extensions_mut().insert(at.clone());
        }
        response.extensions_mut().insert(ErrorDetail(detail));
        response
    }
}

/// Where a piece of unreadable input was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputLocation {
    /// A field of the JSON body, as a JSON pointer (`/name`).
    Body(String),
    /// A query parameter, by name.
    Query(String),
    /// A path parameter, by name.
    Path(String),
}

impl InputLocation {
    /// The entry of a problem document's `errors` array for this place.
    pub fn problem_entry(&self, message: &str) -> serde_json::Value {
        match self {
            Self::Body(pointer) => serde_json::json!({ "pointer": pointer, "detail": message }),
            Self::Query(name) => {
                serde_json::json!({ "parameter": name, "in": "query", "detail": message })
            }
            Self::Path(name) => {
                serde_json::json!({ "parameter": name, "in": "path", "detail": message })
            }
        }
    }
}

/// Every problem document's `type` is `urn:qualify:problem:<name>`: a URN rather than a URL
/// under the service's base URL, so a type is the same on every installation, stable across
/// moves of the service, and never expected to resolve. A refusal's name is its reason
/// (`urn:qualify:problem:stale`); other errors are named by their status ([`status_problem`]).
pub const PROBLEM_TYPE_PREFIX: &str = "urn:qualify:problem:";

/// The `type` URI of a problem with this name.
pub fn problem_type(name: &str) -> String {
    format!("{PROBLEM_TYPE_PREFIX}{name}")
}

/// The problem name of an error that is not a refusal, by its status.
pub fn status_problem(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "malformed",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        406 => "not_acceptable",
        409 => "conflict",
        413 => "too_large",
        415 => "unsupported_media_type",
        422 => "invalid",
        429 => "too_many_requests",
        503 => "unavailable",
        s if s < 500 => "client_error",
        _ => "internal",
    }
}

/// The problem document for a status, as JSON (RFC 9457).
pub fn problem_response(status: StatusCode, title: &str, detail: Option<&str>) -> HttpResponse {
    problem_document(status, problem_body(status, title, detail))
}

/// The problem document's members for a status (RFC 9457): `type`, `title`, `status` and,
/// where there is one, `detail`.
pub fn problem_body(status: StatusCode, title: &str, detail: Option<&str>) -> serde_json::Value {
    let title = if title.is_empty() {
        status.canonical_reason().unwrap_or("Error")
    } else {
        title
    };
    let mut body = serde_json::json!({
        "type": problem_type(status_problem(status)),
        "title": title,
        "status": status.as_u16(),
    });
    if let Some(detail) = detail {
        body["detail"] = serde_json::json!(detail);
    }
    body
}

/// A problem document as the response.
pub fn problem_document(status: StatusCode, body: serde_json::Value) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("application/problem+json")
        .body(body.to_string())
}

/// A field the user must correct, with the message key of what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// The field, as the form and the API name it.
    pub field: &'static str,
    /// The message key.
    pub key: &'static str,
    /// The line of a field with one entry per line, where it applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl FieldError {
    /// A field and what is wrong with it.
    pub fn new(field: &'static str, key: &'static str) -> Self {
        Self {
            field,
            key,
            line: None,
        }
    }

    /// The same, on one line of the field.
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }
}

/// Why a use case said no: the one shape every use case refuses with. It knows its reason as
/// the API names it (`stale`), the message key of its text, and the HTTP status both front
/// doors answer with; each front door turns it into a response by one function
/// (`routes::refused`, `api::refused`). Nothing was changed by a refused use case, unless its
/// reason says what was kept (a draft saved although handing in was refused).
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    /// The reason's name in the API, `snake_case`.
    pub reason: &'static str,
    /// The message key of its text.
    pub key: &'static str,
    /// The status both front doors answer with.
    pub status: StatusCode,
    /// A value shown after the text (a name, an address), if any.
    pub detail: Option<String>,
    /// The fields to correct, for refused input.
    pub fields: Vec<FieldError>,
    /// The object as it is now (state, lock version), for a client that tries again.
    pub current: Option<serde_json::Value>,
}

impl Refusal {
    /// A refusal with a reason, a text and a status.
    pub fn new(reason: &'static str, key: &'static str, status: StatusCode) -> Self {
        Self {
            reason,
            key,
            status,
            detail: None,
            fields: Vec::new(),
            current: None,
        }
    }

    /// Input with fields to correct (422).
    pub fn invalid(fields: Vec<FieldError>) -> Self {
        let key = fields.first().map_or("error-400", |f| f.key);
        Self {
            fields,
            ..Self::new("invalid", key, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }

    /// The fields to correct, or the refusal's own text as the one problem: for pages that
    /// list problems.
    pub fn problems(&self) -> Vec<FieldError> {
        if self.fields.is_empty() {
            vec![FieldError::new("", self.key)]
        } else {
            self.fields.clone()
        }
    }

    /// Adds a value shown after the text.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// Adds the object as it is now.
    pub fn with_current(mut self, current: impl serde::Serialize) -> Self {
        self.current = serde_json::to_value(current).ok();
        self
    }
}

/// What a use case returns: its result, a refusal the user can act on, or an error.
pub type Outcome<T> = Result<Result<T, Refusal>, AppError>;

/// Inside a use case returning an [`Outcome`]: the value of a step that returns one too, or
/// return its error or its refusal as they are (`?` for outcomes).
macro_rules! proceed {
    ($step:expr) => {
        match $step? {
            Ok(value) => value,
            Err(refusal) => return Ok(Err(refusal.into())),
        }
    };
}
pub(crate) use proceed;

/// Declares the reasons one area's use cases refuse with, each with its API name, message key
/// and HTTP status written once: an enum (for the API document and for matching) that turns
/// into a [`Refusal`].
macro_rules! reasons {
    ($(#[$doc:meta])* $vis:vis enum $name:ident {
        $($(#[$vdoc:meta])* $variant:ident = $reason:literal => ($key:literal, $status:ident),)+
    }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
        $vis enum $name {
            $($(#[$vdoc])* #[serde(rename = $reason)] $variant,)+
        }

        impl $name {
            /// The message key of the reason's text.
            pub fn key(self) -> &'static str {
                match self { $(Self::$variant => $key,)+ }
            }

            /// The reason as the API names it.
            pub fn reason(self) -> &'static str {
                match self { $(Self::$variant => $reason,)+ }
            }

            /// The HTTP status both front doors answer with.
            pub fn status(self) -> actix_web::http::StatusCode {
                match self { $(Self::$variant => actix_web::http::StatusCode::$status,)+ }
            }
        }

        impl From<$name> for $crate::error::Refusal {
            fn from(r: $name) -> Self {
                $crate::error::Refusal::new(r.reason(), r.key(), r.status())
            }
        }
    };
}
pub(crate) use reasons;
