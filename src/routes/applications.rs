//! Applications for a cohort program: the apply form (`/apply/{slug}`), the manager's page
//! (`/applications/{id}/manager`, that manager only), and the program lead's list
//! (`/applications`) with filters, keyset paging, single decisions and bulk decisions after a
//! dry run.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::{Owner, SignedIn};
use crate::cohorts::application_decisions::{self, DecisionInput, Verdict};
use crate::cohorts::application_list::{self, ListParams};
use crate::cohorts::applications::{self, ApplyInput, ManagerInput, ManagerVerdict};
use crate::domain::ids::ApplicationId;
use crate::error::{AppError, FieldError, Refusal};
use crate::state::AppState;
use crate::web::http::{encode_query, see_other};
use crate::web::templates::Page;

/// `GET /apply/{slug}`.
pub async fn form(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    form_page(
        &req,
        &state,
        &me,
        slug.into_inner(),
        &ApplyInput::default(),
        None,
    )
    .await
}

async fn form_page(
    req: &HttpRequest,
    state: &AppState,
    me: &SignedIn,
    slug: String,
    typed: &ApplyInput,
    refusal: Option<&Refusal>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(req, "applications/apply.html");
    let (actor, lang) = (me.0.clone(), page.lang);
    let data = crate::db::run(&state.pool, move |conn| {
        applications::apply_form(conn, &actor, &slug, lang)
    })
    .await?;
    let status = refusal.map_or(actix_web::http::StatusCode::OK, |r| r.status);
    let problems = refusal.map(|r| r.problems()).unwrap_or_default();
    page.with("form", &data)
        .with("motivation", &typed.motivation)
        .with("community_name", &typed.community_name)
        .with("community_url", &typed.community_url)
        .with(
            "preferred",
            &typed.preferred_cohort_id.clone().unwrap_or_default(),
        )
        .with_problems(&problems)
        .status(status)
        .render(&state.templates)
}

/// The apply form's fields.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplyForm {
    motivation: String,
    community_name: String,
    community_url: String,
    #[serde(default)]
    preferred_cohort_id: Option<String>,
}

/// `POST /apply/{slug}`: hands in the application; the form again with the typed values when
/// refused.
pub async fn apply(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    slug: web::Path<String>,
    form: web::Form<ApplyForm>,
) -> Result<HttpResponse, AppError> {
    let f = form.into_inner();
    let input = ApplyInput {
        motivation: f.motivation,
        community_name: f.community_name,
        community_url: f.community_url,
        preferred_cohort_id: f.preferred_cohort_id,
    };
    let (actor, now, slug, composer) = (
        me.0.clone(),
        state.clock.now_naive(),
        slug.into_inner(),
        state.composer.clone(),
    );
    let (typed, slug_again) = (input.clone(), slug.clone());
    match crate::db::run(&state.pool, move |conn| {
        applications::apply(conn, &composer, &actor, &slug, &input, now)
    })
    .await?
    {
        Ok(_) => Ok(see_other("/learn?applied=1")),
        Err(refusal) => form_page(&req, &state, &me, slug_again, &typed, Some(&refusal)).await,
    }
}

/// Filters and paging of the list, as the page's links carry them.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    cohort: Option<String>,
    #[serde(default)]
    org_unit: Option<String>,
    #[serde(default)]
    self_study: Option<String>,
    #[serde(default)]
    manager: Option<String>,
    #[serde(default, alias = "search")]
    q: Option<String>,
    #[serde(default)]
    after: Option<String>,
    #[serde(default)]
    saved: Option<String>,
}

/// `GET /applications`: the program lead's list.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    list_page(&req, &state, owner, query.into_inner(), None).await
}

/// A single decision that was refused: the row, its problems and what was chosen and typed.
struct RowRefused {
    id: String,
    refusal: Refusal,
    typed: serde_json::Value,
}

async fn list_page(
    req: &HttpRequest,
    state: &AppState,
    owner: Owner,
    q: ListQuery,
    refused: Option<RowRefused>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(req, "applications/index.html");
    let params = ListParams {
        state: q.state.clone(),
        cohort: q.cohort.clone(),
        org_unit: q.org_unit.clone(),
        self_study: match q.self_study.as_deref() {
            Some("yes") => Some(true),
            Some("no") => Some(false),
            _ => None,
        },
        manager: q.manager.clone(),
        search: q.q.clone(),
        cursor: q.after.clone(),
        limit: None,
    };
    let (actor, lang) = (owner.0, page.lang);
    let (list, cohorts) = crate::db::run(&state.pool, move |conn| {
        let list = application_list::list(conn, &actor, &params, lang)?;
        Ok((list, application_list::admit_targets(conn, &actor)?))
    })
    .await?;
    let fields = [
        ("q", q.q.unwrap_or_default()),
        ("state", q.state.unwrap_or_default()),
        ("cohort", q.cohort.unwrap_or_default()),
        ("org_unit", q.org_unit.unwrap_or_default()),
        ("self_study", q.self_study.unwrap_or_default()),
        ("manager", q.manager.unwrap_or_default()),
    ];
    let base_query = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_query(v)))
        .collect::<Vec<_>>()
        .join("&");
    let filters: serde_json::Map<String, serde_json::Value> = fields
        .into_iter()
        .map(|(k, v)| (k.to_string(), serde_json::Value::String(v)))
        .collect();
    let back_query = match &q.after {
        Some(after) => format!("{base_query}&after={}", encode_query(after)),
        None => base_query.clone(),
    };
    let page = page
        .with("list", &list)
        .with("base_query", &base_query)
        .with("back_query", &back_query)
        .with("paged", &q.after.is_some())
        .with("cohorts", &cohorts)
        .with("filters", &filters)
        .with("saved", &q.saved.is_some());
    match refused {
        None => page.render(&state.templates),
        Some(r) => {
            let listed = list.items.iter().any(|a| a.id == r.id);
            page.status(r.refusal.status)
                .with(
                    "refused",
                    &serde_json::json!({ "id": r.id, "listed": listed, "typed": r.typed }),
                )
                .with_problems(&r.refusal.problems())
                .render(&state.templates)
        }
    }
}

/// One decision's fields.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionForm {
    decision: Verdict,
    #[serde(default)]
    cohort_id: Option<String>,
    #[serde(default)]
    reason: Option<String>,
    lock_version: i32,
    /// The list's filters and page the form was sent from, to show it again on a refusal.
    #[serde(default)]
    back: String,
}

/// `POST /applications/{id}/decision`. A refusal shows the list again as it was, with the
/// problem at the row's fields and what was chosen and typed kept.
pub async fn decide(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    form: web::Form<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    let f = form.into_inner();
    let typed = serde_json::json!({ "decision": f.decision, "reason": f.reason });
    let back = web::Query::<ListQuery>::from_query(&f.back)
        .map(web::Query::into_inner)
        .unwrap_or_default();
    let row = id.as_str().to_string();
    let input = DecisionInput {
        decision: f.decision,
        cohort_id: f.cohort_id,
        reason: f.reason,
    };
    let (actor, now, id, composer) = (
        owner.0.clone(),
        state.clock.now_naive(),
        ApplicationId(id.into_inner()),
        state.composer.clone(),
    );
    match crate::db::run(&state.pool, move |conn| {
        application_decisions::decide(conn, &composer, &actor, &id, &input, f.lock_version, now)
    })
    .await?
    {
        Ok(_) => Ok(see_other("/applications?saved=1")),
        Err(refusal) => {
            let refused = RowRefused {
                id: row,
                refusal,
                typed,
            };
            list_page(&req, &state, owner, back, Some(refused)).await
        }
    }
}

/// A bulk decision's fields: `item` (repeated, `id:lock_version`), `decision`, `cohort_id`,
/// `reason`, and `confirm` once the dry run was shown.
/// A bulk decision as read from its form.
struct BulkForm {
    items: Vec<(ApplicationId, i32)>,
    input: DecisionInput,
    confirm: bool,
}

fn read_bulk(body: &[u8]) -> Result<BulkForm, AppError> {
    let (mut items, mut decision, mut cohort, mut reason, mut confirm) =
        (Vec::new(), None, None, None, false);
    for (key, value) in form_urlencoded::parse(body) {
        match key.as_ref() {
            "item" => {
                let (id, lock) = value.split_once(':').unwrap_or((&value, ""));
                let lock = lock
                    .parse()
                    .map_err(|_| AppError::BadRequest("item".into()))?;
                items.push((ApplicationId(id.to_string()), lock));
            }
            "decision" => {
                decision = Some(match value.as_ref() {
                    "admit" => Verdict::Admit,
                    "waitlist" => Verdict::Waitlist,
                    "decline" => Verdict::Decline,
                    _ => return Err(AppError::BadRequest("decision".into())),
                })
            }
            "cohort_id" => cohort = Some(value.into_owned()),
            "reason" => reason = Some(value.into_owned()),
            "confirm" => confirm = value == "1",
            _ => {}
        }
    }
    let decision = decision.ok_or_else(|| AppError::BadRequest("decision".into()))?;
    let input = DecisionInput {
        decision,
        cohort_id: cohort,
        reason,
    };
    Ok(BulkForm {
        items,
        input,
        confirm,
    })
}

/// `POST /applications/bulk`: without `confirm`, a dry run that shows what would happen and
/// asks to confirm; with it, the decisions.
pub async fn bulk(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let BulkForm {
        items,
        input,
        confirm,
    } = read_bulk(&body)?;
    let page = Page::new(&req, "applications/bulk.html");
    let (actor, now, composer) = (owner.0, state.clock.now_naive(), state.composer.clone());
    let (items_again, input_again) = (items.clone(), input.clone());
    let (plan, cohorts) = crate::db::run(&state.pool, move |conn| {
        let plan = application_decisions::decide_many(
            conn, &composer, &actor, &items, &input, !confirm, now,
        )?;
        Ok((plan, application_list::admit_targets(conn, &actor)?))
    })
    .await?;
    let plan = match plan {
        Ok(plan) => plan,
        Err(refusal) => return Ok(super::refused(&refusal)),
    };
    // Problems the form can correct (a reason, a cohort) are shown at its fields; nothing
    // chosen is a problem of the list the owner came from.
    let mut problems: Vec<FieldError> = plan
        .lines
        .iter()
        .filter_map(|l| l.refused.as_deref())
        .filter_map(|key| match key {
            "application-error-reason" => {
                Some(FieldError::new("reason", "application-error-reason"))
            }
            "application-error-cohort" => {
                Some(FieldError::new("cohort_id", "application-error-cohort"))
            }
            _ => None,
        })
        .collect();
    if items_again.is_empty() {
        problems.push(FieldError::new("", "application-bulk-none"));
    }
    let status = match (plan.decided, problems.is_empty()) {
        (0, false) => actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
        _ => actix_web::http::StatusCode::OK,
    };
    let items: Vec<String> = items_again
        .iter()
        .map(|(id, l)| format!("{id}:{l}"))
        .collect();
    page.status(status)
        .with_problems(&problems)
        .with("plan", &plan)
        .with("items", &items)
        .with("cohorts", &cohorts)
        .with("decision", &input_again.decision)
        .with("cohort_id", &input_again.cohort_id.unwrap_or_default())
        .with("reason", &input_again.reason.unwrap_or_default())
        .render(&state.templates)
}

/// `GET /applications/{id}/manager`: the manager's page (404 for everyone else).
pub async fn manager(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    manager_page(&req, &state, &me, id.into_inner(), ManagerShown::Form).await
}

/// What the manager's page shows besides the application: a refusal with the comment as
/// typed, or that the answer was saved.
enum ManagerShown<'a> {
    Form,
    Refused(&'a Refusal, &'a str),
    Saved,
}

async fn manager_page(
    req: &HttpRequest,
    state: &AppState,
    me: &SignedIn,
    id: String,
    shown: ManagerShown<'_>,
) -> Result<HttpResponse, AppError> {
    let (refusal, comment) = match shown {
        ManagerShown::Refused(r, comment) => (Some(r), comment),
        _ => (None, ""),
    };
    let saved = matches!(shown, ManagerShown::Saved);
    let page = Page::new(req, "applications/manager.html");
    let (actor, lang) = (me.0.clone(), page.lang);
    let view = crate::db::run(&state.pool, move |conn| {
        applications::manager_view(conn, &actor, &ApplicationId(id), lang)
    })
    .await?;
    let status = refusal.map_or(actix_web::http::StatusCode::OK, |r| r.status);
    page.with("view", &view)
        .with_problems(&refusal.map(|r| r.problems()).unwrap_or_default())
        .with("comment", comment)
        .with("saved", &saved)
        .status(status)
        .render(&state.templates)
}

/// The manager's answer.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManagerForm {
    decision: ManagerVerdict,
    #[serde(default)]
    comment: String,
    lock_version: i32,
}

/// `POST /applications/{id}/manager`.
pub async fn manager_decide(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
    form: web::Form<ManagerForm>,
) -> Result<HttpResponse, AppError> {
    let f = form.into_inner();
    let input = ManagerInput {
        decision: f.decision,
        comment: f.comment,
        lock_version: f.lock_version,
    };
    let typed = input.comment.clone();
    let (actor, now, id, composer) = (
        me.0.clone(),
        state.clock.now_naive(),
        id.into_inner(),
        state.composer.clone(),
    );
    let target = ApplicationId(id.clone());
    let outcome = crate::db::run(&state.pool, move |conn| {
        applications::manager_decide(conn, &composer, &actor, &target, &input, now)
    })
    .await?;
    match outcome {
        Ok(_) => manager_page(&req, &state, &me, id, ManagerShown::Saved).await,
        Err(refusal) => {
            let shown = ManagerShown::Refused(&refusal, &typed);
            manager_page(&req, &state, &me, id, shown).await
        }
    }
}
