//! `/reports/impact`: the impact report by org unit for the owner: the org tree as a table
//! (with a search over unit names), the quarterly trend as charts with the same figures as a
//! table, a choice of the months kept, and the report as a workbook to download.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::accounts::Owner;
use crate::error::AppError;
use crate::reports::impact::UnitFigures;
use crate::reports::impact_cache::{MonthRefusal, report_for};
use crate::reports::{impact_snapshot, impact_view, impact_xlsx};
use crate::state::AppState;
use crate::web::templates::Page;

/// Show the search box from this many lines on.
const SEARCH_FROM: usize = 15;

/// `?month=YYYY-MM` (a month kept; none: live) and `?q=` (a search over unit names).
#[derive(Debug, Deserialize)]
pub struct ImpactQuery {
    month: Option<String>,
    q: Option<String>,
}

/// A line as the table shows it.
#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    unit: &'a UnitFigures,
    label: String,
    matched: bool,
    /// Indentation level (deeper levels are drawn like the deepest one).
    indent: u32,
}

/// A quarter as the trend's table shows it.
#[derive(Serialize)]
struct TrendRow {
    label: String,
    certified: Option<i64>,
    self_study: Option<i64>,
}

/// One chart of the trend, with its text keys.
#[derive(Serialize)]
struct Figure {
    id: &'static str,
    title: &'static str,
    chart: impact_view::Chart,
}

/// `GET /reports/impact`: the report, live or of a month kept.
pub async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    owner: Owner,
    query: web::Query<ImpactQuery>,
) -> Result<HttpResponse, AppError> {
    let page = Page::new(&req, "reports/impact.html");
    let (lang, now) = (page.lang, state.clock.now_naive());
    let months = crate::db::run(&state.pool, impact_snapshot::months).await?;
    let asked = query.month.as_deref();
    let (report, error) = match report_for(&state.impact, &state.pool, asked, now).await? {
        Ok(report) => (report, None),
        Err(refusal) => (
            state.impact.live(&state.pool, now).await?,
            Some(refusal.key()),
        ),
    };
    let search = query.q.clone().unwrap_or_default();
    let shown: Vec<Shown> = impact_view::search(&report.units, &search)
        .into_iter()
        .map(|(i, matched)| Shown {
            unit: &report.units[i],
            label: impact_xlsx::line_name(lang, &report.units[i]),
            matched,
            indent: report.units[i].depth.min(8),
        })
        .collect();
    let charts = [
        (
            "certified",
            "impact-chart-certified",
            impact_view::chart(&report.trend, |q| q.certified),
        ),
        (
            "self-study",
            "impact-chart-self-study",
            impact_view::chart(&report.trend, |q| q.self_study),
        ),
    ]
    .map(|(id, title, chart)| Figure { id, title, chart });
    let trend: Vec<TrendRow> = charts[0]
        .chart
        .bars
        .iter()
        .zip(&report.trend)
        .map(|(bar, q)| TrendRow {
            label: bar.label.clone(),
            certified: q.certified,
            self_study: q.self_study,
        })
        .collect();
    let as_of = crate::domain::schedule::local_text(owner.0.person.tz(), report.as_of);
    let download = match &report.month {
        Some(m) => format!("?month={m}"),
        None => String::new(),
    };
    page.with("report", &*report)
        .with("shown", &shown)
        .with(
            "searchable",
            &(report.units.len() >= SEARCH_FROM || !search.is_empty()),
        )
        .with("search", &search)
        .with("months", &months)
        .with("month_typed", &asked.unwrap_or_default())
        .with("error", &error)
        .with("as_of", &as_of)
        .with("download", &download)
        .with("dash", impact_xlsx::WITHHELD)
        .with("matches", &shown.iter().filter(|s| s.matched).count())
        .with("first_quarter", &trend.first().map(|t| t.label.clone()))
        .with("last_quarter", &trend.last().map(|t| t.label.clone()))
        .with("charts", &charts)
        .with("trend", &trend)
        .status(if error.is_some() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        })
        .render(&state.templates)
}

/// `GET /reports/impact/download?month=`: the report as a workbook in the reader's language.
pub async fn download(
    req: HttpRequest,
    state: web::Data<AppState>,
    _owner: Owner,
    query: web::Query<ImpactQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = crate::web::i18n::request_language(&req);
    let now = state.clock.now_naive();
    let report = match report_for(&state.impact, &state.pool, query.month.as_deref(), now).await? {
        Ok(report) => report,
        Err(MonthRefusal::Malformed) => {
            return Err(AppError::BadRequest(MonthRefusal::Malformed.key().into()));
        }
        Err(MonthRefusal::NotKept) => return Err(AppError::NotFound),
    };
    let month = report
        .month
        .clone()
        .unwrap_or_else(|| report.as_of.format("%Y-%m").to_string());
    let bytes = web::block(move || impact_xlsx::workbook(&report, lang))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("workbook task: {e}")))??;
    let name = format!(
        "{}-{month}.xlsx",
        crate::web::i18n::t(lang, "mail-impact-file")
    );
    Ok(crate::web::http::download(
        bytes,
        crate::reports::Format::Xlsx.content_type(),
        &name,
    ))
}
