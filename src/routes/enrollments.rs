//! `/enrollments/{id}` (owner): one trainee's enrollment page, and moving, deferring,
//! withdrawing and extending it.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::Owner;
use crate::cohorts::enrollment;
use crate::domain::ids::{CohortId, EnrollmentId};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::http::see_other;
use crate::web::templates::Page;

/// `GET /enrollments/{id}`: one trainee's enrollment, to move, defer, extend or withdraw.
pub async fn enrollment_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    shown(&req, &state, owner, id.into_inner(), None).await
}

/// A refused action on the page: which form, its problems (each at its field) and what was
/// typed, so the page shows them again as the owner left them.
struct Refused {
    form: &'static str,
    refusal: crate::error::Refusal,
    typed: serde_json::Value,
}

async fn shown(
    req: &HttpRequest,
    state: &AppState,
    owner: Owner,
    id: String,
    refused: Option<Refused>,
) -> Result<HttpResponse, AppError> {
    let (actor, id) = (owner.0, EnrollmentId(id));
    let e = crate::db::run(&state.pool, move |conn| {
        crate::cohorts::enrollment_view::actions(conn, &actor, &id)
    })
    .await?;
    let page = Page::new(req, "cohorts/enrollment.html").with("e", &e);
    match refused {
        None => page.render(&state.templates),
        Some(r) => page
            .status(r.refusal.status)
            .with("failed", r.form)
            .with("typed", &r.typed)
            .with_problems(&r.refusal.problems())
            .render(&state.templates),
    }
}

/// Where to move an enrollment.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoveForm {
    cohort_id: String,
    #[serde(default)]
    mode: Option<String>,
}

/// `POST /enrollments/{id}/move`: moves (or, with `mode=defer`, defers) with the work.
pub async fn move_enrollment(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let defer = form.mode.as_deref() == Some("defer");
    let typed = serde_json::json!({ "cohort_id": form.cohort_id });
    let (actor, now, id, target, composer) = (
        owner.0.clone(),
        state.clock.now_naive(),
        EnrollmentId(id.into_inner()),
        CohortId(form.cohort_id),
        state.composer.clone(),
    );
    let page_id = id.0.clone();
    let back = format!("/cohorts/{target}?saved=1");
    match crate::db::run(&state.pool, move |conn| {
        enrollment::move_to(conn, &composer, &actor, &id, &target, defer, now)
    })
    .await?
    {
        Ok(()) => Ok(see_other(&back)),
        Err(mut refusal) => {
            // A cohort that cannot take the trainee is the choice's problem.
            if refusal.fields.is_empty() {
                refusal.fields = vec![crate::error::FieldError::new("cohort_id", refusal.key)];
            }
            let form = "move";
            let refused = Refused {
                form,
                refusal,
                typed,
            };
            shown(&req, &state, owner, page_id, Some(refused)).await
        }
    }
}

/// `POST /enrollments/{id}/withdraw`.
pub async fn withdraw(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (actor, now, id, composer) = (
        owner.0.clone(),
        state.clock.now_naive(),
        EnrollmentId(id.into_inner()),
        state.composer.clone(),
    );
    let page_id = id.0.clone();
    match crate::db::run(&state.pool, move |conn| {
        enrollment::withdraw(conn, &composer, &actor, &id, now)
    })
    .await?
    {
        Ok(cohort) => Ok(see_other(&format!("/cohorts/{cohort}?saved=1"))),
        Err(refusal) => {
            let (form, typed) = ("withdraw", serde_json::Value::Null);
            let refused = Refused {
                form,
                refusal,
                typed,
            };
            shown(&req, &state, owner, page_id, Some(refused)).await
        }
    }
}

/// The extension form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtensionForm {
    assignment: String,
    until: String,
    reason: String,
}

/// `POST /enrollments/{id}/extensions`: a later due date for one assignment.
pub async fn extend(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    form: web::Form<ExtensionForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let typed = serde_json::json!({
        "assignment": form.assignment, "until": form.until, "reason": form.reason,
    });
    let (actor, now, id) = (
        owner.0.clone(),
        state.clock.now_naive(),
        EnrollmentId(id.into_inner()),
    );
    let page_id = id.0.clone();
    let granted = crate::db::run(&state.pool, move |conn| {
        crate::cohorts::extensions::grant(
            conn,
            &actor,
            &id,
            &form.assignment,
            &form.until,
            &form.reason,
            now,
        )
    })
    .await?;
    match granted {
        Ok(cohort) => Ok(see_other(&format!("/cohorts/{cohort}?saved=1"))),
        Err(refusal) => {
            let refused = Refused {
                form: "extension",
                refusal,
                typed,
            };
            shown(&req, &state, owner, page_id, Some(refused)).await
        }
    }
}
