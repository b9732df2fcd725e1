//! Attachments: upload (multipart, streamed to disk, type checked by content), download (as an
//! attachment, `nosniff`, sandboxed), and removal from the draft.

use actix_multipart::Multipart;
use actix_web::body::SizedStream;
use actix_web::http::StatusCode;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, web};
use futures_util::StreamExt;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::accounts::SignedIn;
use crate::accounts::identity::CsrfPending;
use crate::accounts::tokens::constant_time_eq;
use crate::db::models::Attachment;
use crate::domain::file_type::{TypeProblem, sniff};
use crate::domain::ids::{AttachmentId, EnrollmentId};
use crate::error::AppError;
use crate::state::AppState;
use crate::submissions::attachments;
use crate::web::http::see_other;

const HEAD: usize = 8192;

async fn refused(
    req: &HttpRequest,
    state: &AppState,
    me: &SignedIn,
    enrollment: &str,
    slug: &str,
    key: &'static str,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    super::learn::page_with_error(
        req,
        state,
        me,
        enrollment.to_string(),
        slug.to_string(),
        key,
        status,
    )
    .await
}

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
                let name = field
                    .content_disposition()
                    .and_then(|cd| cd.get_filename())
                    .unwrap_or("file")
                    .to_string();
                return match receive(&state, &me, &enrollment, &slug, &name, field).await? {
                    Ok(_) => Ok(see_other(&format!(
                        "/learn/{enrollment}/assignments/{slug}?done=attached"
                    ))),
                    Err((key, status)) => {
                        refused(&req, &state, &me, &enrollment, &slug, key, status).await
                    }
                };
            }
            _ => return Err(AppError::BadRequest("unexpected form field".into())),
        }
    }
    Err(AppError::BadRequest("no file in the upload".into()))
}

/// Streams one uploaded file to disk, checks it, and records it; a refusal comes back as its
/// message key and status, with nothing left on disk.
pub async fn receive(
    state: &AppState,
    me: &SignedIn,
    enrollment: &str,
    slug: &str,
    name: &str,
    mut field: actix_multipart::Field,
) -> Result<Result<Attachment, (&'static str, StatusCode)>, AppError> {
    let settings = state.settings.clone();
    let (person, lang, now) = (
        me.0.person.id.clone(),
        me.0.person.language.clone(),
        state.clock.now_naive(),
    );
    let (p, e, s, max_files) = (
        person.clone(),
        EnrollmentId(enrollment.to_string()),
        slug.to_string(),
        settings.upload_max_files,
    );
    let submission = match crate::db::run(&state.pool, move |conn| {
        attachments::prepare(conn, &p, &e, &s, &lang, max_files, now)
    })
    .await?
    {
        Ok(id) => id,
        Err(refusal) => {
            return Ok(Err((refusal.key(), StatusCode::UNPROCESSABLE_ENTITY)));
        }
    };
    let id = uuid::Uuid::new_v4().to_string();
    let tmp_path = state.storage.staging_dir().join(&id);
    let mut file = tokio::fs::File::create(&tmp_path)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let (mut size, mut head, mut hasher) = (0u64, Vec::with_capacity(HEAD), Sha256::new());
    while let Some(chunk) = field.next().await {
        let chunk = match chunk {
            Ok(c) => c,
            Err(e) => {
                let _ = std::fs::remove_file(&tmp_path);
                return Err(AppError::BadRequest(format!("upload interrupted: {e}")));
            }
        };
        size += chunk.len() as u64;
        if size > settings.upload_max_bytes {
            drop(file);
            let _ = std::fs::remove_file(&tmp_path);
            return Ok(Err((
                "attach-error-too-large",
                StatusCode::PAYLOAD_TOO_LARGE,
            )));
        }
        if head.len() < HEAD {
            head.extend_from_slice(&chunk[..chunk.len().min(HEAD - head.len())]);
        }
        hasher.update(&chunk);
        if let Err(e) = file.write_all(&chunk).await {
            let _ = std::fs::remove_file(&tmp_path);
            return Err(AppError::Internal(e.into()));
        }
    }
    if let Err(e) = file.flush().await {
        let _ = std::fs::remove_file(&tmp_path);
        return Err(AppError::Internal(e.into()));
    }
    drop(file);
    let kind = match sniff(&head, name, &settings.upload_types) {
        Ok(kind) if size > 0 => kind,
        result => {
            let _ = std::fs::remove_file(&tmp_path);
            let key = match result {
                Err(TypeProblem::NameMismatch) => "attach-error-name",
                Ok(_) => "attach-error-empty",
                Err(TypeProblem::Unsupported) => "attach-error-type",
            };
            return Ok(Err((key, StatusCode::UNSUPPORTED_MEDIA_TYPE)));
        }
    };
    let key = format!("{}/{id}", &id[..2]);
    state
        .storage
        .put_file(&key, &tmp_path)
        .await
        .map_err(AppError::Internal)?;
    let row = Attachment {
        id: AttachmentId(id),
        submission_id: submission,
        submission_version_id: None,
        original_name: name
            .chars()
            .filter(|c| !c.is_control() && !matches!(c, '/' | '\\'))
            .take(200)
            .collect(),
        content_type: kind.mime().to_string(),
        size_bytes: size as i64,
        sha256: hex::encode(hasher.finalize()),
        storage_key: key,
        uploaded_by: person,
        created_at: now,
    };
    let stored = row.clone();
    if let Err(e) = crate::db::run(&state.pool, move |conn| {
        attachments::record(conn, &stored, now)
    })
    .await
    {
        let _ = state.storage.delete(&row.storage_key).await;
        return Err(e);
    }
    Ok(Ok(row))
}

/// `GET /attachments/{id}`: always a download, never rendered by the browser.
pub async fn download(
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let viewer = me.0;
    let (attachment, name) = crate::db::run(&state.pool, move |conn| {
        attachments::for_download(conn, &viewer, &AttachmentId(id.into_inner()))
    })
    .await?;
    let file = state
        .storage
        .get(&attachment.storage_key)
        .await
        .map_err(AppError::Internal)?;
    Ok(crate::web::http::download(
        SizedStream::new(file.size, file.body),
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
    let removed = crate::db::run(&state.pool, move |conn| {
        attachments::remove_from_draft(conn, &person, &AttachmentId(id), now)
    })
    .await?;
    if let Err(e) = state.storage.delete(&removed.storage_key).await {
        tracing::warn!(error = %e, "a removed attachment's file stays in storage");
    }
    Ok(see_other(&format!(
        "/learn/{enrollment}/assignments/{slug}?done=removed"
    )))
}
