//! `/cohorts`: the owner's cohorts — create, schedule, state, co-trainers, enrollment.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::{Owner, SignedIn};
use crate::cohorts::CohortRefusal;
use crate::cohorts::changes::{self, CohortChange, ScheduleMove};
use crate::cohorts::enrollment;
use crate::cohorts::lifecycle::{self, CohortInput};
use crate::cohorts::view;
use crate::domain::ids::{CohortId, ModuleId};
use crate::error::{AppError, FieldError};
use crate::state::AppState;
use crate::web::http::see_other;
use crate::web::pager::Pager;
use crate::web::templates::Page;

/// Cohorts per page.
const PER_PAGE: i64 = 50;

/// Where the cohort page's list of trainees starts.
#[derive(Debug, Default, Deserialize)]
struct MembersQuery {
    #[serde(default)]
    after: Option<String>,
}

/// The list's filters and start; unknown parameters are ignored.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    state: String,
    #[serde(default, alias = "search")]
    q: String,
    #[serde(default)]
    after: Option<String>,
}

async fn index_page(
    req: &HttpRequest,
    state: &AppState,
    owner: &Owner,
    (form, errors, status): (&CohortInput, &[FieldError], StatusCode),
    mut query: ListQuery,
) -> Result<HttpResponse, AppError> {
    if !["", "planned", "running", "completed", "archived"].contains(&query.state.as_str()) {
        query.state.clear();
    }
    let page = Page::new(req, "cohorts/index.html");
    let params = view::CohortParams {
        state: Some(query.state.clone()),
        search: Some(query.q.clone()),
        cursor: query.after.clone(),
    };
    let (actor, lang) = (owner.0.clone(), page.lang);
    let (cohorts, programs) = crate::db::run(&state.pool, move |conn| {
        Ok((
            view::page(conn, &actor, &params, PER_PAGE, lang.code())?,
            lifecycle::program_choices(conn, lang)?,
        ))
    })
    .await?;
    let pager = Pager::new(
        "/cohorts",
        &[("state", &query.state), ("q", &query.q)],
        query.after.as_deref(),
        cohorts.next_cursor.as_deref(),
        None,
    );
    page.with("cohorts", &cohorts.items)
        .with("programs", &programs)
        .with("pager", &pager)
        .with("state", &query.state)
        .with("q", &query.q)
        .with("form", form)
        .with_problems(errors)
        .with("time_zones", super::profile::TIME_ZONES)
        .status(status)
        .render(&state.templates)
}

/// `GET /cohorts`.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let form = CohortInput {
        time_zone: "Europe/Berlin".into(),
        ..Default::default()
    };
    let shown = (&form, &[][..], StatusCode::OK);
    index_page(&req, &state, &owner, shown, query.into_inner()).await
}

/// `POST /cohorts`: invalid fields show the form again with what was typed.
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    form: web::Form<CohortInput>,
) -> Result<HttpResponse, AppError> {
    let input = form.into_inner();
    let (actor, now, submitted) = (owner.0.clone(), state.clock.now_naive(), input.clone());
    let created = crate::db::run(&state.pool, move |conn| {
        lifecycle::create(conn, &actor, &submitted, now)
    })
    .await?;
    match created {
        Ok(cohort) => Ok(see_other(&format!("/cohorts/{}", cohort.id))),
        Err(refusal) => {
            let errors = refusal.problems();
            let shown = (&input, &errors[..], refusal.status);
            index_page(&req, &state, &owner, shown, ListQuery::default()).await
        }
    }
}

/// `GET /cohorts/{id}`: for the owner, and read-only for the cohort's co-trainers.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    me: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let none = Refused::default();
    show_page(&req, &state, &me, id.into_inner(), none, StatusCode::OK).await
}

/// A co-trainer form that was refused: the addresses as typed, why, and the unknown ones.
#[derive(Debug, serde::Serialize)]
struct CotrainersRefusal {
    typed: String,
    /// Message key.
    error: String,
    detail: String,
}

/// The refused form the cohort page shows again, if any.
#[derive(Debug, Default)]
struct Refused {
    /// A refused change of state (someone changed the cohort first): its message key.
    state: Option<String>,
    schedule: Option<ScheduleRefusal>,
    cotrainers: Option<CotrainersRefusal>,
}

/// A schedule form that was refused: the module, what was typed and why.
#[derive(Debug, serde::Serialize)]
struct ScheduleRefusal {
    module_id: String,
    unlock_on: String,
    due_on: String,
    /// Message key.
    error: String,
}

async fn show_page(
    req: &HttpRequest,
    state: &AppState,
    me: &SignedIn,
    id: String,
    refused: Refused,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(req, "cohorts/show.html");
    let (actor, id, lang) = (me.0.clone(), CohortId(id), page.lang.code());
    let after = web::Query::<MembersQuery>::from_query(req.query_string())
        .ok()
        .and_then(|q| q.into_inner().after);
    let cursor = after.clone();
    let (cohort, sessions) = crate::db::run(&state.pool, move |conn| {
        let page = view::detail_page(conn, &actor, &id, lang, cursor.as_deref(), PER_PAGE)?;
        let sessions = crate::events::cohort_sessions::overview(conn, &id, lang)?;
        Ok::<_, AppError>((page, sessions))
    })
    .await?;
    let saved = req.query_string().contains("saved=1");
    let pager = Pager::new(
        &format!("/cohorts/{}", cohort.id),
        &[],
        after.as_deref(),
        cohort.trainees_next.as_deref(),
        None,
    );
    page.status(status)
        .with("pager", &pager)
        .with("cohort", &cohort)
        .with("sessions", &sessions)
        .with("is_owner", &me.0.is_owner)
        .with("saved", &saved)
        .with("state_refusal", &refused.state)
        .with("refusal", &refused.schedule)
        .with("cotrainers_refusal", &refused.cotrainers)
        .render(&state.templates)
}

/// Rename or change state.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateForm {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    state: Option<String>,
    lock_version: i32,
}

/// `POST /cohorts/{id}`. A refusal shows the cohort page again, as it is now, with why.
pub async fn update(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    form: web::Form<UpdateForm>,
) -> Result<HttpResponse, AppError> {
    let (actor, now, id, form) = (
        owner.0.clone(),
        state.clock.now_naive(),
        CohortId(id.into_inner()),
        form.into_inner(),
    );
    let target = format!("/cohorts/{id}?saved=1");
    let page_id = id.0.clone();
    match crate::db::run(&state.pool, move |conn| {
        let change = CohortChange {
            lock_version: form.lock_version,
            name: form.name.as_deref(),
            state: form.state.as_deref(),
            ..CohortChange::default()
        };
        changes::apply(conn, &actor, &id, &change, now)
    })
    .await?
    {
        Ok(()) => Ok(see_other(&target)),
        Err(refusal) => {
            let refused = Refused {
                state: Some(refusal.problems()[0].key.to_string()),
                ..Refused::default()
            };
            let me = SignedIn(owner.0);
            show_page(&req, &state, &me, page_id, refused, refusal.status).await
        }
    }
}

/// New dates for a module.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleForm {
    unlock_on: String,
    due_on: String,
    lock_version: i32,
}

/// `POST /cohorts/{id}/schedule/{module_id}`. A refusal (dates that do not fit, or a cohort
/// changed since the page was read) shows the cohort page again, as it is now, with the dates
/// as typed in that module's form and the reason.
pub async fn reschedule(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    path: web::Path<(String, String)>,
    form: web::Form<ScheduleForm>,
) -> Result<HttpResponse, AppError> {
    let (cohort, module) = path.into_inner();
    let (actor, now, form) = (owner.0, state.clock.now_naive(), form.into_inner());
    let target = format!("/cohorts/{cohort}?saved=1");
    let typed = (module.clone(), form.unlock_on.clone(), form.due_on.clone());
    let (id, who) = (cohort.clone(), actor.clone());
    let done = crate::db::run(&state.pool, move |conn| {
        let moves = [ScheduleMove {
            module: ModuleId(module),
            unlock_on: form.unlock_on,
            due_on: form.due_on,
        }];
        let change = CohortChange {
            lock_version: form.lock_version,
            schedule: &moves,
            ..CohortChange::default()
        };
        changes::apply(conn, &actor, &CohortId(cohort), &change, now)
    })
    .await?;
    let refusal = match done {
        Ok(()) => return Ok(see_other(&target)),
        // A read-only cohort shows no schedule forms: its refusal stays the error page.
        Err(r) if r.reason == CohortRefusal::ReadOnly.reason() => return Ok(super::refused(&r)),
        Err(r) => r,
    };
    let (status, error) = (refusal.status, refusal.problems()[0].key.to_string());
    let (module_id, unlock_on, due_on) = typed;
    let refused = Refused {
        schedule: Some(ScheduleRefusal {
            module_id,
            unlock_on,
            due_on,
            error,
        }),
        ..Refused::default()
    };
    show_page(&req, &state, &SignedIn(who), id, refused, status).await
}

/// Co-trainer emails, one per line.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CotrainersForm {
    emails: String,
}

/// `POST /cohorts/{id}/cotrainers`. Unknown addresses show the cohort page again with the
/// addresses as typed and the unknown ones named at the field.
pub async fn cotrainers(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    form: web::Form<CotrainersForm>,
) -> Result<HttpResponse, AppError> {
    let typed = form.emails.clone();
    let emails: Vec<String> = form
        .emails
        .lines()
        .flat_map(|l| l.split([',', ';']))
        .map(|e| e.trim().to_string())
        .filter(|e| !e.is_empty())
        .collect();
    let (actor, now, id) = (owner.0, state.clock.now_naive(), CohortId(id.into_inner()));
    let target = format!("/cohorts/{id}?saved=1");
    let (who, cohort) = (actor.clone(), id.0.clone());
    match crate::db::run(&state.pool, move |conn| {
        lifecycle::assign_cotrainers(conn, &actor, &id, &emails, now)
    })
    .await?
    {
        Ok(()) => Ok(see_other(&target)),
        Err(r) if r.reason == CohortRefusal::UnknownCotrainers.reason() => {
            let refused = Refused {
                cotrainers: Some(CotrainersRefusal {
                    typed,
                    error: r.key.to_string(),
                    detail: r.detail.clone().unwrap_or_default(),
                }),
                ..Refused::default()
            };
            show_page(&req, &state, &SignedIn(who), cohort, refused, r.status).await
        }
        Err(refusal) => Ok(super::refused(&refusal)),
    }
}

/// `POST /cohorts/{id}/live-sessions`: lays the program's live sessions the cohort lacks on
/// its dates and gives every trainee a place. A cohort that no longer changes shows its page
/// with why.
pub async fn live_sessions(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (actor, now, id) = (owner.0, state.clock.now_naive(), CohortId(id.into_inner()));
    let (who, cohort, composer) = (actor.clone(), id.0.clone(), state.composer.clone());
    let target = format!("/cohorts/{id}?saved=1#live-sessions");
    match crate::db::run(&state.pool, move |conn| {
        crate::cohorts::live_sessions::lay_on_by_owner(conn, &composer, &actor, &id, now)
    })
    .await?
    {
        Ok(_) => Ok(see_other(&target)),
        Err(r) => {
            let refused = Refused {
                state: Some(r.key.to_string()),
                ..Refused::default()
            };
            show_page(&req, &state, &SignedIn(who), cohort, refused, r.status).await
        }
    }
}

/// Pasted people to enroll.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrollForm {
    people: String,
}

/// `POST /cohorts/{id}/enrollments/preview`: the dry run, nothing changes yet.
pub async fn preview(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    form: web::Form<EnrollForm>,
) -> Result<HttpResponse, AppError> {
    let text = form.into_inner().people;
    let (actor, cohort, t) = (owner.0, CohortId(id.into_inner()), text.clone());
    let (cohort_id, now) = (cohort.0.clone(), state.clock.now_naive());
    let plan = match crate::db::run(&state.pool, move |conn| {
        enrollment::plan(conn, &actor, &cohort, &t, now)
    })
    .await?
    {
        Ok(plan) => plan,
        Err(refusal) => return Ok(super::refused(&refusal)),
    };
    Page::new(&req, "cohorts/enroll_plan.html")
        .with("plan", &plan)
        .with("text", &text)
        .with("cohort_id", &cohort_id)
        .render(&state.templates)
}

/// `POST /cohorts/{id}/enrollments`: carries out the import. A refresher's cohort that
/// refuses people shows the checked list again, with the text kept and who was refused.
pub async fn enroll(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    id: web::Path<String>,
    form: web::Form<EnrollForm>,
) -> Result<HttpResponse, AppError> {
    let text = form.into_inner().people;
    let (actor, cohort, composer, now) = (
        owner.0,
        CohortId(id.into_inner()),
        state.composer.clone(),
        state.clock.now_naive(),
    );
    let (cohort_id, t) = (cohort.0.clone(), text.clone());
    let outcome = crate::db::run(&state.pool, move |conn| {
        match enrollment::apply(conn, &composer, &actor, &cohort, &t, now)? {
            Err(refusal) if refusal.reason == "not_renewable" => {
                Ok(enrollment::plan(conn, &actor, &cohort, &t, now)?
                    .map(|plan| (plan, Some(refusal))))
            }
            other => Ok(other.map(|plan| (plan, None))),
        }
    })
    .await?;
    let (plan, refused) = match outcome {
        Ok(done) => done,
        Err(refusal) => return Ok(super::refused(&refusal)),
    };
    let (shown, status) = match &refused {
        Some(r) => (text.as_str(), r.status),
        None => ("", StatusCode::OK),
    };
    Page::new(&req, "cohorts/enroll_plan.html")
        .with("plan", &plan)
        .with("text", shown)
        .with("cohort_id", &cohort_id)
        .with("refused", &refused.and_then(|r| r.detail))
        .status(status)
        .render(&state.templates)
}
