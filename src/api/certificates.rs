//! `listCertificates`, `getCertificate`, `issueCertificate`, `revokeCertificate`,
//! `reissueCertificate`, `getMyCertificates`, `downloadCertificatePdf`, `getCredential`,
//! `verifyCertificate`: certificates as JSON, through the same use cases as the pages.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::accounts::{Owner, SignedIn};
use crate::certificates::issue::{self, PlanLine};
use crate::certificates::views::{self, CertificateView, Verification};
use crate::db::models::Certificate;
use crate::domain::ids::{CertificateId, EnrollmentId};
use crate::error::AppError;
use crate::state::AppState;

/// The list filter.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// active, expired, revoked or superseded.
    pub status: Option<String>,
    /// One cohort only (cohort name as issued).
    pub cohort: Option<String>,
    /// Issued on or after (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Issued on or before (`YYYY-MM-DD`).
    pub to: Option<String>,
}

/// Every certificate, newest first (owner).
#[utoipa::path(get, path = "/api/v1/certificates", operation_id = "listCertificates", tag = "certificates", security(("bearer" = [])),
    params(ListQuery), responses((status = 200, body = Vec<CertificateView>)))]
pub async fn list_certificates(
    req: HttpRequest,
    state: web::Data<AppState>,
    _owner: Owner,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = super::api_language(&req, None)?.code();
    let (issuer, now, q) = (
        state.issuer.clone(),
        state.clock.now_naive(),
        query.into_inner(),
    );
    for date in [&q.from, &q.to].into_iter().flatten() {
        if date.parse::<chrono::NaiveDate>().is_err() {
            return Err(AppError::BadRequest(format!(
                "not a date (YYYY-MM-DD): {date}"
            )));
        }
    }
    let list = crate::db::run(&state.pool, move |conn| {
        Ok(Certificate::list(conn, None, 100_000)?
            .iter()
            .map(|c| views::view(c, &issuer, lang, now))
            .filter(|v| q.status.as_deref().is_none_or(|s| v.status == s))
            .filter(|v| q.cohort.as_deref().is_none_or(|c| v.cohort == c))
            .filter(|v| q.from.as_deref().is_none_or(|f| v.issued_on.as_str() >= f))
            .filter(|v| q.to.as_deref().is_none_or(|t| v.issued_on.as_str() <= t))
            .collect::<Vec<_>>())
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// My certificates.
#[utoipa::path(get, path = "/api/v1/me/certificates", operation_id = "getMyCertificates", tag = "certificates", security(("bearer" = [])),
    responses((status = 200, body = Vec<CertificateView>)))]
pub async fn get_my_certificates(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
) -> Result<HttpResponse, AppError> {
    let lang = super::api_language(&req, None)?.code();
    let (issuer, now, person) = (
        state.issuer.clone(),
        state.clock.now_naive(),
        me.0.person.id,
    );
    let list = crate::db::run(&state.pool, move |conn| {
        Ok(Certificate::list_by_person(conn, &person)?
            .iter()
            .map(|c| views::view(c, &issuer, lang, now))
            .collect::<Vec<_>>())
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// One certificate (its holder or the owner).
#[utoipa::path(get, path = "/api/v1/certificates/{certificate_id}", operation_id = "getCertificate", tag = "certificates", security(("bearer" = [])),
    params(("certificate_id" = String, Path, description = "Certificate id")),
    responses((status = 200, body = CertificateView), (status = 404, description = "Not found or not yours")))]
pub async fn get_certificate(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let lang = super::api_language(&req, None)?.code();
    let (issuer, now, viewer, id) = (
        state.issuer.clone(),
        state.clock.now_naive(),
        me.0,
        id.into_inner(),
    );
    let view = crate::db::run(&state.pool, move |conn| {
        Ok(views::view(
            &views::visible(conn, &viewer, &CertificateId(id))?,
            &issuer,
            lang,
            now,
        ))
    })
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Issuing by hand.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueRequest {
    /// The enrollments to certify.
    pub enrollment_ids: Vec<String>,
    /// Why (required: issuing by hand is an exception).
    pub reason: String,
    /// Only say who would get what.
    #[serde(default, rename = "dryRun")]
    pub dry_run: bool,
}

/// The answer to an issue, revoke or re-issue.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionAnswer {
    /// Who would get (dry run) or got what.
    pub plan: Vec<PlanLine>,
    /// The certificate created (re-issue).
    pub certificate_id: Option<String>,
    /// Why refused (a message key).
    pub refusal: Option<String>,
}

fn answer(plan: Vec<PlanLine>, id: Option<String>, refusal: Option<&str>) -> HttpResponse {
    let body = ActionAnswer {
        plan,
        certificate_id: id,
        refusal: refusal.map(str::to_string),
    };
    if body.refusal.is_some() {
        HttpResponse::UnprocessableEntity().json(body)
    } else {
        HttpResponse::Ok().json(body)
    }
}

/// Issues certificates by hand (owner), with `dryRun` first.
#[utoipa::path(post, path = "/api/v1/certificates", operation_id = "issueCertificate", tag = "certificates", security(("bearer" = [])),
    request_body = IssueRequest, responses((status = 200, body = ActionAnswer), (status = 422, body = ActionAnswer)))]
pub async fn issue_certificate(
    state: web::Data<AppState>,
    owner: Owner,
    body: web::Json<IssueRequest>,
) -> Result<HttpResponse, AppError> {
    let (actor, composer, now, body) = (
        owner.0,
        state.composer.clone(),
        state.clock.now_naive(),
        body.into_inner(),
    );
    let ids: Vec<EnrollmentId> = body.enrollment_ids.into_iter().map(EnrollmentId).collect();
    let outcome = crate::db::run(&state.pool, move |conn| {
        issue::issue_by_hand(
            conn,
            &composer,
            &actor,
            &ids,
            &body.reason,
            body.dry_run,
            now,
        )
    })
    .await?;
    Ok(match outcome {
        Ok(plan) => answer(plan, None, None),
        Err(key) => answer(Vec::new(), None, Some(key)),
    })
}

/// A reason.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonRequest {
    /// Why.
    pub reason: String,
}

/// Revokes a certificate (owner); the holder is told.
#[utoipa::path(post, path = "/api/v1/certificates/{certificate_id}/revoke", operation_id = "revokeCertificate", tag = "certificates", security(("bearer" = [])),
    request_body = ReasonRequest, params(("certificate_id" = String, Path, description = "Certificate id")),
    responses((status = 200, body = ActionAnswer), (status = 422, body = ActionAnswer)))]
pub async fn revoke_certificate(
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    body: web::Json<ReasonRequest>,
) -> Result<HttpResponse, AppError> {
    let (actor, composer, now, id) = (
        owner.0,
        state.composer.clone(),
        state.clock.now_naive(),
        id.into_inner(),
    );
    let reason = body.into_inner().reason;
    let outcome = crate::db::run(&state.pool, move |conn| {
        issue::revoke(conn, &composer, &actor, &CertificateId(id), &reason, now)
    })
    .await?;
    Ok(answer(Vec::new(), None, outcome.err()))
}

/// Re-issues a certificate with the holder's current name (owner).
#[utoipa::path(post, path = "/api/v1/certificates/{certificate_id}/reissue", operation_id = "reissueCertificate", tag = "certificates", security(("bearer" = [])),
    request_body = ReasonRequest, params(("certificate_id" = String, Path, description = "Certificate id")),
    responses((status = 200, body = ActionAnswer), (status = 422, body = ActionAnswer)))]
pub async fn reissue_certificate(
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    body: web::Json<ReasonRequest>,
) -> Result<HttpResponse, AppError> {
    let (actor, composer, now, id) = (
        owner.0,
        state.composer.clone(),
        state.clock.now_naive(),
        id.into_inner(),
    );
    let reason = body.into_inner().reason;
    let outcome = crate::db::run(&state.pool, move |conn| {
        issue::reissue(conn, &composer, &actor, &CertificateId(id), &reason, now)
    })
    .await?;
    Ok(match outcome {
        Ok(cert) => answer(Vec::new(), Some(cert.id.0), None),
        Err(key) => answer(Vec::new(), None, Some(key)),
    })
}

/// The certificate as a PDF (its holder or the owner).
#[utoipa::path(get, path = "/api/v1/certificates/{certificate_id}/pdf", operation_id = "downloadCertificatePdf", tag = "certificates", security(("bearer" = [])),
    params(("certificate_id" = String, Path, description = "Certificate id"), ("lang" = Option<String>, Query, description = "de or en")),
    responses((status = 200, content_type = "application/pdf", description = "The PDF")))]
pub async fn download_certificate_pdf(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
    query: web::Query<crate::routes::certificates::PdfQuery>,
) -> Result<HttpResponse, AppError> {
    crate::routes::certificates::pdf(req, state, me, id, query).await
}

/// The signed Open Badges 3.0 credential (JWT, EdDSA) of a certificate.
#[utoipa::path(get, path = "/api/v1/certificates/{certificate_id}/credential", operation_id = "getCredential", tag = "certificates", security(("bearer" = [])),
    params(("certificate_id" = String, Path, description = "Certificate id")),
    responses((status = 200, content_type = "application/vc+jwt", description = "The credential")))]
pub async fn get_credential(
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    crate::routes::certificates::credential(state, me, id).await
}

/// Verifies a certificate by its code (public; 410 when revoked, 404 when unknown).
#[utoipa::path(get, path = "/api/v1/verify/{code}", operation_id = "verifyCertificate", tag = "certificates",
    params(("code" = String, Path, description = "Verification code")),
    responses((status = 200, body = Verification), (status = 410, body = Verification, description = "Revoked"), (status = 404, description = "Unknown code")))]
pub async fn verify_certificate(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let lang = super::api_language(&req, None)?.code();
    let v = crate::routes::verify::lookup(&req, &state, code.into_inner(), lang)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut resp = if v.status == "revoked" {
        HttpResponse::Gone()
    } else {
        HttpResponse::Ok()
    };
    Ok(resp.insert_header(("X-Robots-Tag", "noindex")).json(v))
}
