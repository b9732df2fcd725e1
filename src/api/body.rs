//! [`Body`]: a request body that must be a JSON object. serde's derived structs also accept a
//! JSON array of their fields in order (`[null, null]`), which a contract that says
//! `type: object` must refuse; this extractor reads the JSON (through `web::Json`, so its size
//! limit and malformed-input answers apply), refuses anything but an object with 400, and
//! then reads the fields.

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
            T::deserialize(value)
                .map(Body)
                .map_err(|e| super::problem::json_error(JsonPayloadError::Deserialize(e), &req))
        })
    }
}
