//! Reading a small file from a page's multipart form into memory, with the form's CSRF token
//! checked first (a multipart body is not read by the CSRF middleware): for imports of a few
//! MiB, not for attachments, which are streamed to storage.

use actix_multipart::Multipart;
use actix_web::{HttpMessage, HttpRequest};
use futures_util::StreamExt;

use crate::accounts::identity::CsrfPending;
use crate::accounts::tokens::constant_time_eq;
use crate::error::AppError;

/// The file of the form, or that it was over the limit (read no further).
pub enum FormFile {
    /// The bytes.
    Read(Vec<u8>),
    /// More than the limit.
    TooLarge,
}

/// Reads the form's `csrf_token` and its `file` field (at most `limit` bytes). A missing or
/// wrong token is refused before the file is read.
pub async fn read_file(
    req: &HttpRequest,
    mut payload: Multipart,
    limit: usize,
) -> Result<FormFile, AppError> {
    let pending = req.extensions().get::<CsrfPending>().cloned();
    let mut verified = pending.is_none();
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|e| AppError::BadRequest(format!("upload: {e}")))?;
        let name = field.name().unwrap_or("").to_string();
        if name == "file" && !verified {
            return Err(AppError::Forbidden);
        }
        let max = if name == "file" { limit } else { 200 };
        let mut value = Vec::new();
        while let Some(chunk) = field.next().await {
            value.extend_from_slice(&chunk.map_err(|e| AppError::BadRequest(e.to_string()))?);
            if value.len() > max {
                return match name.as_str() {
                    "file" => Ok(FormFile::TooLarge),
                    _ => Err(AppError::Forbidden),
                };
            }
        }
        match name.as_str() {
            "csrf_token" => {
                let expected = pending.as_ref().map(|p| p.0.as_str()).unwrap_or("");
                verified = verified || constant_time_eq(&String::from_utf8_lossy(&value), expected);
            }
            "file" => return Ok(FormFile::Read(value)),
            _ => return Err(AppError::BadRequest("unexpected form field".into())),
        }
    }
    Err(AppError::BadRequest("no file in the upload".into()))
}
