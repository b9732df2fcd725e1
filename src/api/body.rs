//! [`Body`]: a request body that must be a JSON object. serde's derived structs also accept a
//! JSON array of their fields in order (`[null, null]`), which a contract that says
//! `type: object` must refuse; this extractor reads the JSON (through `web::Json`, so its size
//! limit and malformed-input answers apply), refuses anything but an object with 400, and
//! then reads the fields. Text with a NUL character is refused with 400 as well: no field
//! has a use for it, and PostgreSQL cannot store it in a text column.

use actix_web::error::JsonPayloadError;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

use crate::error::{AppError, InputLocation};

/// A JSON object body, read into `T`.
#[derive(Debug)]
pub struct Body<T>(pub T);

impl<T> Body<T> {
    /// The body's value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Body<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Body<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = web::Json::<serde_json::Value>::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move {
            let value = json.await?.into_inner();
            if !value.is_object() {
                return Err(AppError::Malformed {
                    detail: "the body must be a JSON object".into(),
                    at: Some(InputLocation::Body(String::new())),
                }
                .into());
            }
            if let Some(pointer) = nul_at(&value, String::new()) {
                return Err(AppError::Malformed {
                    detail: "text must not contain the NUL character".into(),
                    at: Some(InputLocation::Body(pointer)),
                }
                .into());
            }
            T::deserialize(value)
                .map(Body)
                .map_err(|e| super::problem::json_error(JsonPayloadError::Deserialize(e), &req))
        })
    }
}

/// Refuses a path or query string with an encoded NUL character (`%00`) with 400, as the body
/// reader refuses one in the body.
pub async fn refuse_nul_in_url(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<
    actix_web::dev::ServiceResponse<actix_web::body::EitherBody<impl actix_web::body::MessageBody>>,
    actix_web::Error,
> {
    if req.path().contains("%00") || req.query_string().contains("%00") {
        let refused = AppError::Malformed {
            detail: "the address must not contain the NUL character".into(),
            at: None,
        };
        return Ok(req.error_response(refused).map_into_right_body());
    }
    Ok(next.call(req).await?.map_into_left_body())
}

/// The JSON pointer of the first string (or key) holding a NUL character.
fn nul_at(value: &serde_json::Value, pointer: String) -> Option<String> {
    use serde_json::Value;
    let step = |pointer: &str, name: &str| {
        format!("{pointer}/{}", name.replace('~', "~0").replace('/', "~1"))
    };
    match value {
        Value::String(s) if s.contains('\0') => Some(pointer),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| nul_at(item, step(&pointer, &i.to_string()))),
        Value::Object(fields) => fields.iter().find_map(|(name, item)| {
            if name.contains('\0') {
                Some(step(&pointer, name))
            } else {
                nul_at(item, step(&pointer, name))
            }
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_the_nul_character_by_pointer() {
        let value = serde_json::json!({ "a": "ok", "emails": ["x", "y\u{0}"], "b/c": 1 });
        assert_eq!(
            super::nul_at(&value, String::new()).as_deref(),
            Some("/emails/1")
        );
        assert_eq!(
            super::nul_at(&serde_json::json!({ "a/b": "\u{0}" }), String::new()).as_deref(),
            Some("/a~1b")
        );
        assert_eq!(
            super::nul_at(&serde_json::json!({ "a": 1 }), String::new()),
            None
        );
    }
}
