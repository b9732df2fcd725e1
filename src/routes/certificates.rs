//! `/certificates`: the holder's and the owner's certificate pages, the PDF, credential and
//! baked badge downloads, revoking, re-issuing and issuing by hand (with a dry run).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::{Owner, SignedIn};
use crate::certificates::badge::Format;
use crate::certificates::issue::{self, HandIssue};
use crate::certificates::views;
use crate::certificates::views::CertificateFilter;
use crate::domain::ids::{CertificateId, CohortId};
use crate::domain::states::{CertificateKind, CertificateStatus};
use crate::error::{AppError, Refusal};
use crate::state::AppState;
use crate::web::http::{download, see_other};
use crate::web::pager::Pager;
use crate::web::templates::Page;

/// The list filter and the page's start.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    kind: Option<String>,
    #[serde(default, alias = "search")]
    q: String,
    after: Option<String>,
    done: Option<String>,
}

/// Certificates per page.
const PER_PAGE: i64 = 50;

/// `GET /certificates`: every certificate for the owner, one's own for anyone else.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "certificates/index.html");
    let (viewer, lang, now) = (me.0.clone(), page.lang.code(), state.clock.now_naive());
    let query = query.into_inner();
    let status = query.status.as_deref().and_then(CertificateStatus::parse);
    let kind = query.kind.as_deref().and_then(CertificateKind::parse);
    let filter = CertificateFilter {
        status,
        kind,
        search: Some(query.q.clone()),
        ..CertificateFilter::default()
    };
    let (issuer, after) = (state.issuer.clone(), query.after.clone());
    let (list, cohorts) = crate::db::run(&state.pool, move |conn| {
        let list = views::page(
            conn,
            &viewer,
            filter,
            &issuer,
            lang,
            now,
            after.as_deref(),
            PER_PAGE,
        )?;
        let cohorts = match viewer.is_owner {
            true => crate::cohorts::view::choices(conn, &viewer)?,
            false => Vec::new(),
        };
        Ok((list, cohorts))
    })
    .await?;
    let (status_text, kind_text) = (
        status.map(|s| s.to_string()).unwrap_or_default(),
        kind.map(|k| k.to_string()).unwrap_or_default(),
    );
    let pager = Pager::new(
        "/certificates",
        &[
            ("status", &status_text),
            ("kind", &kind_text),
            ("q", &query.q),
        ],
        query.after.as_deref(),
        list.next_cursor.as_deref(),
        None,
    );
    page.with("certificates", &list.items)
        .with("pager", &pager)
        .with("q", &query.q)
        .with("kind", &kind)
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
    render(&req, &state, &me, id.into_inner(), None).await
}

async fn render(
    req: &HttpRequest,
    state: &AppState,
    me: &SignedIn,
    id: String,
    refusal: Option<&Refusal>,
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
    page.status(refusal.map_or(StatusCode::OK, |r| r.status))
        .with("certificate", &view)
        .with("error", &refusal.map(|r| r.key))
        .with("done", &done)
        .render(&state.templates)
}

/// The language of a download.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PdfQuery {
    /// de or en; absent: the request's language.
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
    let lang = match query.lang.as_deref() {
        Some("de") => "de",
        Some("en") => "en",
        Some(_) => return Err(AppError::BadRequest("lang must be de or en".into())),
        None => Page::new(&req, "certificates/show.html").lang.code(),
    };
    let (viewer, issuer, id) = (me.0, state.issuer.clone(), id.into_inner());
    let (bytes, name) = crate::db::run(&state.pool, move |conn| {
        views::pdf(conn, &viewer, &CertificateId(id), &issuer, lang)
    })
    .await?;
    Ok(download(bytes, "application/pdf", &name))
}

/// `GET /certificates/{id}/credential`: the signed Open Badges credential (JWT).
pub async fn credential(
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
        Err(refusal) => Ok(super::refused(&refusal)),
    }
}

/// `GET /certificates/{id}/badge.{png|svg}`: the badge image with the signed credential
/// baked in.
pub async fn baked_badge(
    state: web::Data<AppState>,
    me: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, ext) = path.into_inner();
    let format = Format::parse(&ext).ok_or(AppError::NotFound)?;
    let (viewer, issuer, now) = (me.0, state.issuer.clone(), state.clock.now_naive());
    match crate::db::run(&state.pool, move |conn| {
        views::baked_badge(conn, &viewer, &CertificateId(id), &issuer, format, now)
    })
    .await?
    {
        Ok((image, name)) => Ok(download(image, format.content_type(), &name)),
        Err(refusal) => Ok(super::refused(&refusal)),
    }
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
        Err(refusal) => render(&req, &state, &SignedIn(owner.0), id, Some(&refusal)).await,
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
        Err(refusal) => render(&req, &state, &SignedIn(owner.0), id, Some(&refusal)).await,
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
    let hand = HandIssue {
        cohort: CohortId(form.cohort_id.clone()),
        emails: form.emails.clone(),
        reason: form.reason.clone(),
        dry_run: form.confirm.as_deref() != Some("yes"),
    };
    let dry_run = hand.dry_run;
    let (actor, composer, now) = (owner.0, state.composer.clone(), state.clock.now_naive());
    let outcome = crate::db::run(&state.pool, move |conn| {
        issue::issue_by_hand_to(conn, &composer, &actor, &hand, now)
    })
    .await?;
    if outcome.is_ok() && !dry_run {
        return Ok(see_other("/certificates?done=issued"));
    }
    let (plan, refusal) = match outcome {
        Ok(plan) => (plan, None),
        Err(refusal) => (Vec::new(), Some(refusal)),
    };
    let unknown: Vec<&String> = refusal.iter().filter_map(|r| r.detail.as_ref()).collect();
    Page::new(&req, "certificates/plan.html")
        .status(refusal.as_ref().map_or(StatusCode::OK, |r| r.status))
        .with("plan", &plan)
        .with("error", &refusal.as_ref().map(|r| r.key))
        .with("unknown", &unknown)
        .with(
            "form",
            &serde_json::json!({
                "cohort_id": form.cohort_id, "emails": form.emails, "reason": form.reason,
            }),
        )
        .render(&state.templates)
}
