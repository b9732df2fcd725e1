//! `getDashboard`, `getCohortProgress`, `exportReport`: the owner's figures and reports as
//! JSON (or, for exports, CSV and XLSX), through the same code as the pages.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::accounts::Owner;
use crate::cohorts::lifecycle::the_program;
use crate::error::AppError;
use crate::reports::dashboard::{self, Dashboard};
use crate::reports::{self, Collect, Column, Filters, Format, Report, Spec, pages};
use crate::state::AppState;

/// `?cohort=` and `?lang=`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardQuery {
    /// One cohort instead of the whole program.
    pub cohort: Option<String>,
    /// de or en (texts such as module titles).
    pub lang: Option<String>,
}

/// The program's (or one cohort's) dashboard figures (owner).
#[utoipa::path(get, path = "/api/v1/dashboard", operation_id = "getDashboard", tag = "reports", security(("bearer" = [])),
    params(DashboardQuery), responses((status = 200, body = Dashboard), (status = 404, description = "No such cohort")))]
pub async fn get_dashboard(
    req: HttpRequest,
    state: web::Data<AppState>,
    _owner: Owner,
    query: web::Query<DashboardQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = super::api_language(&req, query.lang.as_deref())?;
    let now = state.clock.now_naive();
    let cohort = query.cohort.clone().filter(|c| !c.is_empty());
    let (program, cohort) = crate::db::run(&state.pool, move |conn| {
        let program = the_program(conn)?;
        let cohort = match cohort {
            Some(id) => Some(dashboard::cohort_of(conn, &program, &id)?),
            None => None,
        };
        Ok((program, cohort))
    })
    .await?;
    let board = dashboard::cached(&state.pool, program, cohort, lang, now).await?;
    Ok(HttpResponse::Ok().json(board))
}

/// A report as columns and rows.
#[derive(Debug, Serialize, ToSchema)]
pub struct Table {
    /// The columns: key, title, kind (text, int, num, date), width.
    #[schema(value_type = Vec<Object>)]
    pub columns: Vec<Column>,
    /// One object per row, keyed by column key.
    #[schema(value_type = Vec<Object>)]
    pub rows: Vec<serde_json::Map<String, serde_json::Value>>,
}

/// `?lang=` and the progress report's filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProgressQuery {
    /// de or en.
    pub lang: Option<String>,
    /// active, withdrawn, deferred, certified.
    pub status: Option<String>,
    /// Only trainees whose next required assignment is in this module (slug).
    pub module: Option<String>,
    /// Org unit.
    pub org_unit: Option<String>,
}

/// One row per trainee of a cohort, three columns per assignment, the certificate (owner).
#[utoipa::path(get, path = "/api/v1/cohorts/{cohort_id}/progress", operation_id = "getCohortProgress", tag = "reports", security(("bearer" = [])),
    params(("cohort_id" = String, Path, description = "Cohort id"), ProgressQuery),
    responses((status = 200, body = Table), (status = 404, description = "No such cohort")))]
pub async fn get_cohort_progress(
    req: HttpRequest,
    state: web::Data<AppState>,
    _owner: Owner,
    path: web::Path<String>,
    query: web::Query<ProgressQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    let filters = Filters {
        cohort: Some(path.into_inner()),
        status: q.status,
        module: q.module,
        org_unit: q.org_unit,
        ..Default::default()
    };
    let scope = filters
        .check(Report::Progress)
        .map_err(|e| AppError::BadRequest(format!("{}\u{1f}{}", e[0].key, e[0].field)))?;
    let spec = Spec {
        report: Report::Progress,
        scope,
        lang: super::api_language(&req, q.lang.as_deref())?,
        now: state.clock.now_naive(),
        base_url: state.settings.base_url.clone(),
    };
    let table = crate::db::run(&state.pool, move |conn| {
        let mut sink = Collect::new(usize::MAX);
        reports::write(conn, &spec, &mut sink)?;
        Ok(table(sink))
    })
    .await?;
    Ok(HttpResponse::Ok().json(table))
}

fn table(sink: Collect) -> Table {
    let rows = sink
        .rows
        .iter()
        .map(|row| {
            sink.columns
                .iter()
                .zip(row)
                .map(|(c, cell)| {
                    let value = match cell {
                        reports::Cell::Empty => serde_json::Value::Null,
                        reports::Cell::Date(d) => d.format("%Y-%m-%d").to_string().into(),
                        other => serde_json::to_value(other).unwrap_or_default(),
                    };
                    (c.key.clone(), value)
                })
                .collect()
        })
        .collect();
    Table {
        columns: sink.columns,
        rows,
    }
}

/// The format and language of an export, with its filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// csv, xlsx or json (default json).
    pub format: Option<String>,
    /// de or en (headers and state names).
    pub lang: Option<String>,
    /// Program slug.
    pub program: Option<String>,
    /// Cohort id (required for `progress`).
    pub cohort: Option<String>,
    /// From this day (`YYYY-MM-DD`): certificates issued, reviews completed.
    pub from: Option<String>,
    /// Up to and including this day (`YYYY-MM-DD`).
    pub to: Option<String>,
    /// Org unit.
    pub org_unit: Option<String>,
    /// certificates: active, expired, revoked, superseded; progress: active, withdrawn,
    /// deferred, certified.
    pub status: Option<String>,
    /// progress: trainees whose next required assignment is in this module (slug).
    pub module: Option<String>,
    /// certificates: active ones expiring within this many days.
    pub expiring_days: Option<String>,
}

impl ExportQuery {
    fn filters(&self) -> Filters {
        Filters {
            program: self.program.clone(),
            cohort: self.cohort.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            org_unit: self.org_unit.clone(),
            status: self.status.clone(),
            module: self.module.clone(),
            expiring_days: self.expiring_days.clone(),
        }
    }
}

/// A report as a streamed file: `certificates` (the certification register), `progress`
/// (needs `cohort`) or `cotrainers` (owner).
#[utoipa::path(get, path = "/api/v1/reports/{report}", operation_id = "exportReport", tag = "reports", security(("bearer" = [])),
    params(("report" = String, Path, description = "certificates, progress or cotrainers"), ExportQuery),
    responses((status = 200, description = "CSV, XLSX or a JSON array of row objects"),
        (status = 400, description = "Unknown report, format or filter"), (status = 404, description = "No such cohort")))]
pub async fn export_report(
    req: HttpRequest,
    state: web::Data<AppState>,
    _owner: Owner,
    path: web::Path<String>,
    query: web::Query<ExportQuery>,
) -> Result<HttpResponse, AppError> {
    let report =
        Report::parse(&path).ok_or_else(|| AppError::BadRequest("report-error-report".into()))?;
    let format = match query.format.as_deref() {
        None => Format::Json,
        Some(name) => {
            Format::parse(name).ok_or_else(|| AppError::BadRequest("report-error-format".into()))?
        }
    };
    let scope = query
        .filters()
        .check(report)
        .map_err(|e| AppError::BadRequest(format!("{}\u{1f}{}", e[0].key, e[0].field)))?;
    let checked = scope.clone();
    crate::db::run(&state.pool, move |conn| pages::known_cohort(conn, &checked)).await?;
    let spec = Spec {
        report,
        scope,
        lang: super::api_language(&req, query.lang.as_deref())?,
        now: state.clock.now_naive(),
        base_url: state.settings.base_url.clone(),
    };
    Ok(reports::stream::response(state.pool.clone(), spec, format))
}
