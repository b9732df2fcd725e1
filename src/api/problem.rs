//! How the API says no: every error is an `application/problem+json` document (RFC 9457)
//! with a stable `type` URI (`urn:qualify:problem:<name>`, see `error::PROBLEM_TYPE_PREFIX`),
//! a `title` in the caller's language, the `status`, a `detail`, and field errors in
//! `errors`, each with a JSON pointer into the body (`/field`).
//!
//! One vocabulary: 400 (`malformed`) for input that cannot be read (unparsable JSON, a wrong
//! type, a missing or unknown field or parameter: the extractor errors below), 422 and the
//! other refusal statuses for well-formed input a rule refuses ([`refused`]).

use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{AppError, InputLocation, Refusal, problem_document, problem_type};

/// A problem document, as every error of the API is answered (the schema of every 4xx/5xx
/// response in the OpenAPI document). A refusal adds the object as it is now (its state,
/// lock version) as further members.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// The problem type: `urn:qualify:problem:<name>`, stable per refusal.
    #[serde(rename = "type")]
    #[schema(format = "uri")]
    pub problem_type: String,
    /// The problem type's short text, in the caller's language.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What happened in this case, in the caller's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The refusal's reason (the last part of `type`), for refusals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refusal: Option<String>,
    /// The fields or parameters to correct.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<ProblemError>>,
}

/// One field or parameter to correct.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemError {
    /// The body field, as a JSON pointer (`/name`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// The query or path parameter, by name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    /// `query` or `path`, with `parameter`.
    #[serde(rename = "in", skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// What is wrong with it, in the caller's language.
    pub detail: String,
    /// The field's name as the form names it (refusals).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The message key (refusals).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The same text as `detail` (refusals, kept for existing clients).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The line of a field with one entry per line, where it applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// A refusal as the API answers it: a problem document with the refusal's status, the type
/// `urn:qualify:problem:<reason>`, the reason's text in the caller's language as `title`
/// (and as `detail`, with the value it concerns), the reason's name as `refusal`, the fields
/// to correct as `errors` (with JSON pointers), and the object as it is now beside them.
pub fn refused(req: &HttpRequest, refusal: &Refusal) -> HttpResponse {
    let lang = crate::web::i18n::request_language(req);
    let text = |key: &str| crate::web::i18n::t(lang, key);
    let title = match refusal.reason {
        "invalid" => text("error-422"),
        _ => text(refusal.key),
    };
    let detail = match &refusal.detail {
        Some(value) => format!("{}: {value}", text(refusal.key)),
        None => text(refusal.key),
    };
    let mut body = serde_json::json!({
        "type": problem_type(refusal.reason),
        "title": title,
        "status": refusal.status.as_u16(),
        "detail": detail,
        "refusal": refusal.reason,
    });
    if !refusal.fields.is_empty() {
        body["errors"] = refusal
            .fields
            .iter()
            .map(|f| {
                let message = text(f.key);
                let mut e = serde_json::json!({
                    "pointer": format!("/{}", f.field),
                    "detail": message,
                    "field": f.field,
                    "key": f.key,
                    "message": message,
                });
                if let Some(line) = f.line {
                    e["line"] = line.into();
                }
                e
            })
            .collect();
    }
    if let Some(serde_json::Value::Object(current)) = &refusal.current {
        for (name, value) in current {
            body[name.as_str()] = value.clone();
        }
    }
    problem_document(refusal.status, body)
}

/// The name a serde message gives a field (`missing field `name``, `unknown field `x``).
fn named_field(message: &str) -> Option<String> {
    let (_, rest) = message.split_once("field `")?;
    let (name, _) = rest.split_once('`')?;
    Some(name.to_string())
}

/// Pages keep actix's own answer to unreadable input (dressed as an error page).
fn is_api(req: &HttpRequest) -> bool {
    req.path().starts_with("/api/")
}

/// A JSON body that cannot be read: 400 with the field where serde names one.
pub fn json_error(err: JsonPayloadError, req: &HttpRequest) -> actix_web::Error {
    match err {
        JsonPayloadError::Deserialize(e) if is_api(req) => {
            let detail = e.to_string();
            let at = named_field(&detail).map(|f| InputLocation::Body(format!("/{f}")));
            AppError::Malformed { detail, at }.into()
        }
        other => other.into(),
    }
}

/// A query string that cannot be read: 400 with the parameter where serde names one.
pub fn query_error(err: QueryPayloadError, req: &HttpRequest) -> actix_web::Error {
    match err {
        QueryPayloadError::Deserialize(e) if is_api(req) => {
            let detail = e.to_string();
            let at = named_field(&detail).map(InputLocation::Query);
            AppError::Malformed { detail, at }.into()
        }
        other => other.into(),
    }
}

/// A path segment that cannot be read: 400.
pub fn path_error(err: PathError, req: &HttpRequest) -> actix_web::Error {
    match err {
        PathError::Deserialize(e) if is_api(req) => {
            let detail = e.to_string();
            let at = named_field(&detail).map(InputLocation::Path);
            AppError::Malformed { detail, at }.into()
        }
        other => other.into(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn serde_names_the_field() {
        assert_eq!(
            super::named_field("missing field `name` at line 1 column 2").as_deref(),
            Some("name")
        );
        assert_eq!(super::named_field("invalid type: string"), None);
    }
}
