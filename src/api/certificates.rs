//! `listCertificates`, `getCertificate`, `issueCertificate`, `revokeCertificate`,
//! `reissueCertificate`, `getMyCertificates`, `downloadCertificatePdf`, `getCredential`,
//! `verifyCertificate`: certificates as JSON, through the same use cases as the pages.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::accounts::identity::client_ip;
use crate::accounts::{Owner, SignedIn};
use crate::certificates::badge::Format;
use crate::certificates::issue::{self, PlanLine};
use crate::certificates::verify;
use crate::certificates::views::CertificateFilter;
use crate::certificates::views::{self, CertificateView, Verification};
use crate::db::keyset::{self, Paged};
use crate::domain::ids::{CertificateId, EnrollmentId};
use crate::domain::states::{CertificateKind, CertificateStatus};
use crate::error::{AppError, Refusal};
use crate::state::AppState;
use crate::web::http::download;

/// The list filter.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// active, expired, revoked or superseded.
    pub status: Option<String>,
    /// One cohort only (cohort name as issued).
    pub cohort: Option<String>,
    /// Issued on or after (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Issued on or before (`YYYY-MM-DD`).
    pub to: Option<String>,
    /// certification or self_study.
    pub kind: Option<String>,
    /// Text in the holder's name, or the verification code.
    pub search: Option<String>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
}

/// Certificates, newest first, a page at a time (owner).
#[utoipa::path(get, path = "/api/v1/certificates", operation_id = "listCertificates", tag = "certificates", security(("bearer" = [])),
    params(ListQuery), responses((status = 200, body = Paged<CertificateView>)))]
pub async fn list_certificates(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = super::api_language(&req, None)?.code();
    let (issuer, now, q) = (
        state.issuer.clone(),
        state.clock.now_naive(),
        query.into_inner(),
    );
    let date = |d: Option<String>| match d {
        None => Ok(None),
        Some(d) => d
            .parse::<chrono::NaiveDate>()
            .map(Some)
            .map_err(|_| AppError::BadRequest(format!("not a date (YYYY-MM-DD): {d}"))),
    };
    let status = match q.status.as_deref() {
        None => None,
        Some(s) => Some(CertificateStatus::parse(s).ok_or_else(|| {
            AppError::BadRequest(format!(
                "status must be active, expired, revoked or superseded, not '{s}'"
            ))
        })?),
    };
    let kind = match q.kind.as_deref() {
        None | Some("") => None,
        Some(k) => Some(
            CertificateKind::parse(k).ok_or_else(|| AppError::Malformed {
                detail: "kind must be certification or self_study".into(),
                at: Some(crate::error::InputLocation::Query("kind".into())),
            })?,
        ),
    };
    let filter = CertificateFilter {
        status,
        kind,
        search: q.search,
        cohort: q.cohort,
        issued_from: date(q.from)?,
        issued_to: date(q.to)?,
        person: None,
    };
    let (viewer, limit) = (owner.0, keyset::limit(q.limit)?);
    let list = crate::db::run(&state.pool, move |conn| {
        views::page(
            conn,
            &viewer,
            filter,
            &issuer,
            lang,
            now,
            q.cursor.as_deref(),
            limit,
        )
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
    let (issuer, now, mut viewer) = (state.issuer.clone(), state.clock.now_naive(), me.0);
    // Only one's own, also for the owner.
    viewer.is_owner = false;
    let list = crate::db::run(&state.pool, move |conn| {
        views::list(
            conn,
            &viewer,
            CertificateFilter::default(),
            &issuer,
            lang,
            now,
            10_000,
        )
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
}

fn answer(req: &HttpRequest, outcome: Result<ActionAnswer, Refusal>) -> HttpResponse {
    match outcome {
        Ok(body) => HttpResponse::Ok().json(body),
        Err(refusal) => super::refused(req, &refusal),
    }
}

fn plan(plan: Vec<PlanLine>) -> ActionAnswer {
    ActionAnswer {
        plan,
        certificate_id: None,
    }
}

/// Issues certificates by hand (owner), with `dryRun` first.
#[utoipa::path(post, path = "/api/v1/certificates", operation_id = "issueCertificate", tag = "certificates", security(("bearer" = [])),
    request_body = IssueRequest, responses((status = 200, body = ActionAnswer), (status = 422, body = ActionAnswer)))]
pub async fn issue_certificate(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    body: super::Body<IssueRequest>,
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
    Ok(answer(&req, outcome.map(plan)))
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
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    body: super::Body<ReasonRequest>,
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
    Ok(answer(&req, outcome.map(|()| plan(Vec::new()))))
}

/// Re-issues a certificate with the holder's current name (owner).
#[utoipa::path(post, path = "/api/v1/certificates/{certificate_id}/reissue", operation_id = "reissueCertificate", tag = "certificates", security(("bearer" = [])),
    request_body = ReasonRequest, params(("certificate_id" = String, Path, description = "Certificate id")),
    responses((status = 200, body = ActionAnswer), (status = 422, body = ActionAnswer)))]
pub async fn reissue_certificate(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    body: super::Body<ReasonRequest>,
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
    Ok(answer(
        &req,
        outcome.map(|cert| ActionAnswer {
            plan: Vec::new(),
            certificate_id: Some(cert.id.0),
        }),
    ))
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
    query: web::Query<PdfQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = super::api_language(&req, query.into_inner().lang.as_deref())?.code();
    let (viewer, issuer, id) = (me.0, state.issuer.clone(), id.into_inner());
    let (bytes, name) = crate::db::run(&state.pool, move |conn| {
        views::pdf(conn, &viewer, &CertificateId(id), &issuer, lang)
    })
    .await?;
    Ok(download(bytes, "application/pdf", &name))
}

/// The language of a PDF.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PdfQuery {
    /// de or en; absent: the request's language.
    pub lang: Option<String>,
}

/// The signed Open Badges 3.0 credential (JWT, EdDSA) of a certificate.
#[utoipa::path(get, path = "/api/v1/certificates/{certificate_id}/credential", operation_id = "getCredential", tag = "certificates", security(("bearer" = [])),
    params(("certificate_id" = String, Path, description = "Certificate id")),
    responses((status = 200, content_type = "application/vc+jwt", description = "The credential"),
        (status = 410, description = "Revoked or superseded: no credential is signed for it")))]
pub async fn get_credential(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (viewer, issuer, id) = (me.0, state.issuer.clone(), id.into_inner());
    let now = state.clock.now_naive();
    match crate::db::run(&state.pool, move |conn| {
        views::credential(conn, &viewer, &CertificateId(id), &issuer, now)
    })
    .await?
    {
        Ok((jwt, name)) => Ok(download(jwt.into_bytes(), "application/vc+jwt", &name)),
        Err(refusal) => Ok(super::refused(&req, &refusal)),
    }
}

/// The image format of a baked badge.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BadgeQuery {
    /// png (the default) or svg.
    #[param(pattern = "^(png|svg)$")]
    pub format: Option<String>,
}

/// The badge image of a certificate with its signed credential baked in, as Open Badges 3.0
/// bakes it: PNG (an `iTXt` chunk `openbadgecredential`) or SVG (an `openbadges:credential`
/// element), for wallets that take images.
#[utoipa::path(get, path = "/api/v1/certificates/{certificate_id}/badge", operation_id = "getBakedBadge", tag = "certificates", security(("bearer" = [])),
    params(("certificate_id" = String, Path, description = "Certificate id"), BadgeQuery),
    responses((status = 200, description = "The badge with the credential baked in",
            content(("image/png"), ("image/svg+xml"))),
        (status = 410, description = "Revoked or superseded: no credential is signed for it")))]
pub async fn get_baked_badge(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
    query: web::Query<BadgeQuery>,
) -> Result<HttpResponse, AppError> {
    let format = match query.format.as_deref() {
        None => Format::Png,
        Some(f) => {
            Format::parse(f).ok_or(AppError::BadRequest("format must be png or svg".into()))?
        }
    };
    let (viewer, issuer, id) = (me.0, state.issuer.clone(), id.into_inner());
    let now = state.clock.now_naive();
    match crate::db::run(&state.pool, move |conn| {
        views::baked_badge(conn, &viewer, &CertificateId(id), &issuer, format, now)
    })
    .await?
    {
        Ok((image, name)) => Ok(download(image, format.content_type(), &name)),
        Err(refusal) => Ok(super::refused(&req, &refusal)),
    }
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
    let caller =
        client_ip(&req, &state.settings.trusted_proxies).unwrap_or_else(|| "unknown".into());
    let (issuer, now, code) = (
        state.issuer.clone(),
        state.clock.now_naive(),
        code.into_inner(),
    );
    let v = crate::db::run(&state.pool, move |conn| {
        verify::lookup(conn, &issuer, &caller, &code, lang, now)
    })
    .await?
    .ok_or(AppError::NotFound)?;
    let mut resp = if v.status == "revoked" {
        HttpResponse::Gone()
    } else {
        HttpResponse::Ok()
    };
    Ok(resp.insert_header(("X-Robots-Tag", "noindex")).json(v))
}
