//! `/dashboard` and `/reports`: the owner's figures with charts, the reports with filters and a
//! preview, and their downloads as CSV, XLSX or JSON (streamed).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::accounts::Owner;
use crate::domain::language::Language;
use crate::error::AppError;
use crate::reports::{self, FilterError, Filters, Format, Report, Spec, dashboard, pages};
use crate::state::AppState;
use crate::web::templates::Page;

/// Rows shown on the report page before downloading.
const PREVIEW: usize = 100;

/// `?cohort=` for the dashboard.
#[derive(Debug, Deserialize)]
pub struct DashboardQuery {
    cohort: Option<String>,
}

/// `GET /dashboard`: the program's figures, or one cohort's.
pub async fn dashboard(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    query: web::Query<DashboardQuery>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "reports/dashboard.html");
    let (lang, now) = (page.lang, state.clock.now_naive());
    let cohort = query.cohort.clone().filter(|c| !c.is_empty());
    let actor = owner.0.clone();
    let scope = crate::db::run(&state.pool, move |conn| {
        pages::dashboard_scope(conn, &actor, cohort.as_deref(), lang)
    })
    .await?;
    let title = scope.title.clone();
    let board = dashboard::cached(&state.pool, scope.program, scope.cohort, lang, now).await?;
    let scope = board
        .cohort
        .as_ref()
        .map_or(String::new(), |c| format!("&cohort={c}"));
    let as_of = crate::domain::schedule::local_text(owner.0.person.tz(), board.as_of);
    page.with("board", &board)
        .with("as_of", &as_of)
        .with("scope", &scope)
        .with("program_title", &title)
        .with("expiring_days", &dashboard::EXPIRING_DAYS)
        .render(&state.templates)
}

/// The report page's query: which report and its filters.
#[derive(Debug, Deserialize)]
pub struct ReportQuery {
    report: Option<String>,
    format: Option<String>,
    #[serde(flatten)]
    filters: Filters,
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
}

fn checked(query: &ReportQuery) -> Result<(Report, reports::Scope), (Report, Vec<FilterError>)> {
    let report = query
        .report
        .as_deref()
        .and_then(Report::parse)
        .unwrap_or(Report::Certificates);
    query
        .filters
        .check(report)
        .map(|s| (report, s))
        .map_err(|e| (report, e))
}

fn spec(state: &AppState, req: &HttpRequest, report: Report, scope: reports::Scope) -> Spec {
    Spec {
        report,
        scope,
        lang: crate::web::i18n::request_language(req),
        now: state.clock.now_naive(),
        base_url: state.settings.base_url.clone(),
    }
}

/// Checks that the cohort a report names exists (a clear 404 before a download starts).
async fn known_cohort(state: &AppState, scope: &reports::Scope) -> Result<(), AppError> {
    let scope = scope.clone();
    crate::db::run(&state.pool, move |conn| pages::known_cohort(conn, &scope)).await
}

/// Every report, by its title in the reader's language.
fn report_choices(lang: Language) -> Vec<Choice> {
    Report::ALL
        .iter()
        .map(|r| Choice {
            value: r.name().into(),
            label: crate::web::i18n::t(lang, &format!("report-title-{}", r.name())),
        })
        .collect()
}

/// The states the report can be filtered by, in the reader's language.
fn status_choices(lang: Language, report: Report) -> Vec<Choice> {
    reports::filters::statuses(report)
        .iter()
        .map(|s| Choice {
            value: s.to_string(),
            label: reports::state_text(lang, s),
        })
        .collect()
}

/// `GET /reports`: choose a report and filters, see the first rows, download it.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    query: web::Query<ReportQuery>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "reports/index.html");
    let lang = page.lang;
    let query = query.into_inner();
    let (report, result) = match checked(&query) {
        Ok((report, scope)) => (report, Ok(scope)),
        Err((report, errors)) => (report, Err(errors)),
    };
    let shown = query.report.is_some();
    let spec_of = match (&result, shown) {
        (Ok(s), true) => Some(spec(&state, &req, report, s.clone())),
        _ => None,
    };
    let actor = owner.0;
    let pages::ReportPage {
        cohorts,
        programs,
        preview,
    } = crate::db::run(&state.pool, move |conn| {
        pages::report_page(conn, &actor, spec_of.as_ref(), PREVIEW)
    })
    .await?;
    let errors = result.err().unwrap_or_default();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let choices = report_choices(lang);
    let statuses = status_choices(lang, report);
    let cohorts: Vec<Choice> = cohorts
        .into_iter()
        .map(|(value, label)| Choice { value, label })
        .collect();
    let download = download_query(&query);
    let rows: Vec<Vec<String>> = preview
        .as_ref()
        .map(|p| {
            p.rows
                .iter()
                .map(|r| r.iter().map(|c| c.display()).collect())
                .collect()
        })
        .unwrap_or_default();
    page.with("report", report.name())
        .with("reports", &choices)
        .with("statuses", &statuses)
        .with("cohorts", &cohorts)
        .with("programs", &programs)
        .with("filters", &query.filters)
        .with("errors", &errors)
        .with_field_errors(errors.iter().map(|e| (e.field, e.key)))
        .with("shown", &(preview.is_some()))
        .with(
            "columns",
            &preview
                .as_ref()
                .map(|p| p.columns.clone())
                .unwrap_or_default(),
        )
        .with("rows", &rows)
        .with("total", &preview.as_ref().map_or(0, |p| p.total))
        .with("download", &download)
        .status(status)
        .render(&state.templates)
}

/// The query string of the current report, for the download links.
fn download_query(query: &ReportQuery) -> String {
    let mut pairs = form_urlencoded::Serializer::new(String::new());
    pairs.append_pair("report", query.report.as_deref().unwrap_or("certificates"));
    let f = &query.filters;
    for (key, value) in [
        ("program", &f.program),
        ("cohort", &f.cohort),
        ("from", &f.from),
        ("to", &f.to),
        ("org_unit", &f.org_unit),
        ("status", &f.status),
        ("module", &f.module),
        ("expiring_days", &f.expiring_days),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            pairs.append_pair(key, v);
        }
    }
    pairs.finish()
}

/// `GET /reports/download?report=…&format=csv|xlsx|json&…`: the report as a file.
pub async fn download(
    req: HttpRequest,
    state: web::Data<AppState>,
    _owner: Owner,
    query: web::Query<ReportQuery>,
) -> Result<HttpResponse, AppError> {
    let format = query
        .format
        .as_deref()
        .and_then(Format::parse)
        .ok_or_else(|| AppError::BadRequest("report-error-format".into()))?;
    let (report, scope) = checked(&query).map_err(|(_, errors)| {
        AppError::BadRequest(errors.first().map_or("report-error-date", |e| e.key).into())
    })?;
    known_cohort(&state, &scope).await?;
    let spec = spec(&state, &req, report, scope);
    Ok(reports::stream::response(state.pool.clone(), spec, format))
}
