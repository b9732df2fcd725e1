//! Attachments: upload (multipart, streamed to disk, type checked by content), download (as an
//! attachment, `nosniff`, sandboxed), and removal from the draft.

use actix_multipart::Multipart;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, web};
use futures_util::StreamExt;

use super::learn::{Shown, assignment_page};
use crate::accounts::SignedIn;
use crate::accounts::identity::CsrfPending;
use crate::accounts::tokens::constant_time_eq;
use crate::domain::ids::{AttachmentId, EnrollmentId};
use crate::error::AppError;
use crate::state::AppState;
use crate::submissions::upload::{self, Upload};
use crate::web::http::see_other;

/// `POST /learn/{enrollment}/assignments/{assignment}/attachments`.
pub async fn upload(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
    mut payload: Multipart,
) -> Result<HttpResponse, AppError> {
    let (enrollment, slug) = path.into_inner();
    let pending = req.extensions().get::<CsrfPending>().cloned();
    let mut verified = pending.is_none();
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|e| AppError::BadRequest(format!("upload: {e}")))?;
        match field.name().unwrap_or("") {
            "csrf_token" => {
                let mut value = Vec::new();
                while let Some(chunk) = field.next().await {
                    value.extend_from_slice(
                        &chunk.map_err(|e| AppError::BadRequest(e.to_string()))?,
                    );
                    if value.len() > 200 {
                        return Err(AppError::Forbidden);
                    }
                }
                let expected = pending.as_ref().map(|p| p.0.as_str()).unwrap_or("");
                verified = verified || constant_time_eq(&String::from_utf8_lossy(&value), expected);
            }
            "file" if !verified => return Err(AppError::Forbidden),
            "file" => {
                let upload = Upload {
                    person: me.0.person.id.clone(),
                    language: me.0.person.language.clone(),
                    enrollment: EnrollmentId(enrollment.clone()),
                    assignment: slug.clone(),
                    name: field
                        .content_disposition()
                        .and_then(|cd| cd.get_filename())
                        .unwrap_or("file")
                        .to_string(),
                };
                let now = state.clock.now_naive();
                return match upload::upload(state.uploads(), upload, field, now).await? {
                    Ok(_) => Ok(see_other(&format!(
                        "/learn/{enrollment}/assignments/{slug}?done=attached"
                    ))),
                    Err(refusal) => {
                        let shown = Shown {
                            refusal: Some(&refusal),
                            ..Shown::default()
                        };
                        assignment_page(&req, &state, &me, enrollment, slug, shown).await
                    }
                };
            }
            _ => return Err(AppError::BadRequest("unexpected form field".into())),
        }
    }
    Err(AppError::BadRequest("no file in the upload".into()))
}

/// `GET /attachments/{id}`: always a download, never rendered by the browser.
pub async fn download(
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (attachment, name, file) = upload::open(
        &state.pool,
        &state.storage,
        me.0,
        AttachmentId(id.into_inner()),
    )
    .await?;
    Ok(crate::web::http::stored_download(
        file,
        attachment.content_type.as_str(),
        &name,
    ))
}

/// `POST /learn/{enrollment}/assignments/{assignment}/attachments/{id}/delete`: removes a file
/// from the draft.
pub async fn delete(
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (enrollment, slug, id) = path.into_inner();
    let (person, now) = (me.0.person.id.clone(), state.clock.now_naive());
    match upload::remove(&state.pool, &state.storage, person, AttachmentId(id), now).await? {
        Ok(()) => Ok(see_other(&format!(
            "/learn/{enrollment}/assignments/{slug}?done=removed"
        ))),
        Err(refusal) => Ok(super::refused(&refusal)),
    }
}
