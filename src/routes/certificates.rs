//! `/certificates`: the holder's and the owner's certificate pages, the PDF and the credential
//! downloads, revoking, re-issuing and issuing by hand (with a dry run).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::{Owner, SignedIn};
use crate::certificates::pdf::{self, Page as PdfPage};
use crate::certificates::record::Record;
use crate::certificates::{issue, views};
use crate::db::models::{Certificate, Enrollment, Person};
use crate::domain::ids::{CertificateId, CohortId, EnrollmentId};
use crate::domain::states::CertificateStatus;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::http::{download, see_other};
use crate::web::templates::Page;

/// The list filter.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    done: Option<String>,
}

/// `GET /certificates`: every certificate for the owner, one's own for anyone else.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "certificates/index.html");
    let (viewer, lang, now) = (me.0.clone(), page.lang.code(), state.clock.now_naive());
    let status = query
        .status
        .clone()
        .filter(|s| ["active", "revoked", "superseded", "expired"].contains(&s.as_str()));
    let filter = status.clone();
    let issuer = state.issuer.clone();
    let (list, cohorts) = crate::db::run(&state.pool, move |conn| {
        let rows = if viewer.is_owner {
            Certificate::list(
                conn,
                filter
                    .as_deref()
                    .and_then(CertificateStatus::parse)
                    .filter(|s| *s != CertificateStatus::Expired),
                1_000,
            )?
        } else {
            Certificate::list_by_person(conn, &viewer.person.id)?
        };
        let list: Vec<views::CertificateView> = rows
            .iter()
            .map(|c| views::view(c, &issuer, lang, now))
            .filter(|v| filter.as_deref().is_none_or(|s| v.status == s))
            .collect();
        let cohorts = if viewer.is_owner {
            crate::db::models::Cohort::list_all(conn)?
        } else {
            Vec::new()
        };
        Ok((list, cohorts))
    })
    .await?;
    let cohorts: Vec<(String, String)> = cohorts.into_iter().map(|c| (c.id.0, c.name)).collect();
    page.with("certificates", &list)
        .with("status", &status)
        .with("cohorts", &cohorts)
        .with("done", &query.done.clone().filter(|d| d == "issued"))
        .render(&state.templates)
}

/// `GET /certificates/{id}`.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    render(&req, &state, &me, id.into_inner(), None, StatusCode::OK).await
}

async fn render(
    req: &HttpRequest,
    state: &AppState,
    me: &SignedIn,
    id: String,
    error: Option<&str>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(req, "certificates/show.html");
    let (viewer, lang, now, issuer) = (
        me.0.clone(),
        page.lang.code(),
        state.clock.now_naive(),
        state.issuer.clone(),
    );
    let view = crate::db::run(&state.pool, move |conn| {
        let cert = views::visible(conn, &viewer, &CertificateId(id))?;
        Ok(views::view(&cert, &issuer, lang, now))
    })
    .await?;
    let done = req
        .query_string()
        .strip_prefix("done=")
        .filter(|d| ["revoked", "reissued"].contains(d))
        .map(str::to_string);
    page.status(status)
        .with("certificate", &view)
        .with("error", &error)
        .with("done", &done)
        .render(&state.templates)
}

/// The language of a download.
#[derive(Debug, Deserialize)]
pub struct PdfQuery {
    lang: Option<String>,
}

/// `GET /certificates/{id}/pdf[?lang=de|en]`: the certificate as a PDF download.
pub async fn pdf(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
    query: web::Query<PdfQuery>,
) -> Result<HttpResponse, AppError> {
    let viewer = me.0;
    let issuer = state.issuer.clone();
    let lang = match query.lang.as_deref() {
        Some("de") => "de",
        Some("en") => "en",
        Some(_) => return Err(AppError::BadRequest("lang must be de or en".into())),
        None => Page::new(&req, "certificates/show.html").lang.code(),
    };
    let id = id.into_inner();
    let (cert, person_lang) = crate::db::run(&state.pool, move |conn| {
        let cert = views::visible(conn, &viewer, &CertificateId(id))?;
        let person = Person::find(conn, &cert.person_id)?;
        Ok((cert, person.map(|p| p.language)))
    })
    .await?;
    let _ = person_lang;
    let record: Record =
        serde_json::from_str(&cert.record).map_err(|e| AppError::Internal(e.into()))?;
    let url = issuer.verify_url(&cert);
    let bytes = pdf::render(&PdfPage {
        record: &record,
        verify_url: &url,
        lang,
    });
    Ok(download(
        bytes,
        "application/pdf",
        &format!("certificate-{}-{lang}.pdf", cert.public_id),
    ))
}

/// `GET /certificates/{id}/credential`: the signed Open Badges credential (JWT).
pub async fn credential(
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let viewer = me.0;
    let id = id.into_inner();
    let cert = crate::db::run(&state.pool, move |conn| {
        views::visible(conn, &viewer, &CertificateId(id))
    })
    .await?;
    let jwt = state.issuer.credential(&cert);
    Ok(download(
        jwt.into_bytes(),
        "application/vc+jwt",
        &format!("certificate-{}.jwt", cert.public_id),
    ))
}

/// A reason form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReasonForm {
    reason: String,
}

/// `POST /certificates/{id}/revoke` (owner).
pub async fn revoke(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    form: web::Form<ReasonForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (actor, composer, now) = (
        owner.0.clone(),
        state.composer.clone(),
        state.clock.now_naive(),
    );
    let (cid, reason) = (CertificateId(id.clone()), form.into_inner().reason);
    let outcome = crate::db::run(&state.pool, move |conn| {
        issue::revoke(conn, &composer, &actor, &cid, &reason, now)
    })
    .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!("/certificates/{id}?done=revoked"))),
        Err(key) => {
            let me = SignedIn(owner.0);
            render(
                &req,
                &state,
                &me,
                id,
                Some(key),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// `POST /certificates/{id}/reissue` (owner).
pub async fn reissue(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    form: web::Form<ReasonForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (actor, composer, now) = (
        owner.0.clone(),
        state.composer.clone(),
        state.clock.now_naive(),
    );
    let (cid, reason) = (CertificateId(id.clone()), form.into_inner().reason);
    let outcome = crate::db::run(&state.pool, move |conn| {
        issue::reissue(conn, &composer, &actor, &cid, &reason, now)
    })
    .await?;
    match outcome {
        Ok(cert) => Ok(see_other(&format!(
            "/certificates/{}?done=reissued",
            cert.id
        ))),
        Err(key) => {
            let me = SignedIn(owner.0);
            render(
                &req,
                &state,
                &me,
                id,
                Some(key),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// The by-hand issue form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueForm {
    cohort_id: String,
    emails: String,
    reason: String,
    #[serde(default)]
    confirm: Option<String>,
}

/// `POST /certificates/issue` (owner): a dry run first, then (with `confirm`) the issue.
pub async fn issue_by_hand(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    form: web::Form<IssueForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let dry_run = form.confirm.as_deref() != Some("yes");
    let (actor, composer, now) = (
        owner.0.clone(),
        state.composer.clone(),
        state.clock.now_naive(),
    );
    let (cohort, emails, reason) = (
        form.cohort_id.clone(),
        form.emails.clone(),
        form.reason.clone(),
    );
    let outcome = crate::db::run(&state.pool, move |conn| {
        let mut ids = Vec::new();
        let mut unknown = Vec::new();
        for email in emails.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
            if email.is_empty() {
                continue;
            }
            let enrollment = match Person::find_by_email(conn, email)? {
                Some(p) => Enrollment::find_in(conn, &CohortId(cohort.clone()), &p.id)?,
                None => None,
            };
            match enrollment {
                Some(e) => ids.push(e.id),
                None => unknown.push(email.to_string()),
            }
        }
        if !unknown.is_empty() {
            return Ok((Err("certificate-error-unknown"), unknown));
        }
        let ids: Vec<EnrollmentId> = ids;
        Ok((
            issue::issue_by_hand(conn, &composer, &actor, &ids, &reason, dry_run, now)?,
            unknown,
        ))
    })
    .await?;
    match outcome {
        (Ok(_), _) if !dry_run => Ok(see_other("/certificates?done=issued")),
        (result, unknown) => {
            let page = Page::new(&req, "certificates/plan.html");
            let (plan, error) = match result {
                Ok(plan) => (plan, None),
                Err(key) => (Vec::new(), Some(key)),
            };
            page.status(if error.is_some() {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                StatusCode::OK
            })
            .with("plan", &plan)
            .with("error", &error)
            .with("unknown", &unknown)
            .with(
                "form",
                &serde_json::json!({
                    "cohort_id": form.cohort_id, "emails": form.emails, "reason": form.reason,
                }),
            )
            .render(&state.templates)
        }
    }
}
