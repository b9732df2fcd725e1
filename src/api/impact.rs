//! `getImpactReport`: the impact report by org unit as JSON, live or as kept at the end of a
//! month, through the same code as the page.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::accounts::Owner;
use crate::error::{AppError, InputLocation};
use crate::reports::impact::ImpactReport;
use crate::reports::impact_cache::{MonthRefusal, report_for};
use crate::reports::impact_snapshot;
use crate::state::AppState;

/// `?month=`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImpactQuery {
    /// A month kept (`YYYY-MM`, see `months`); without it the live report.
    pub month: Option<String>,
}

/// The report and the months that can be read.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImpactAnswer {
    /// The report.
    #[serde(flatten)]
    pub report: ImpactReport,
    /// The months kept, the latest first (each readable with `?month=`).
    pub months: Vec<String>,
}

/// Per org unit, rolled up the org tree: people certified (active, expiring within 90 days,
/// expired), self-study completions, and both per quarter since the first certificate. A
/// figure about fewer than five people is null, and so is every figure from which one could
/// be computed; live sessions, communities and success stories are not recorded yet (always
/// null, listed in `not_recorded`). Owner only.
#[utoipa::path(get, path = "/api/v1/reports/impact", operation_id = "getImpactReport", tag = "reports", security(("bearer" = [])),
    params(ImpactQuery),
    responses((status = 200, body = ImpactAnswer), (status = 400, description = "The month is not written YYYY-MM"),
        (status = 404, description = "No report was kept for that month")))]
pub async fn get_impact_report(
    state: web::Data<AppState>,
    _owner: Owner,
    query: web::Query<ImpactQuery>,
) -> Result<HttpResponse, AppError> {
    let now = state.clock.now_naive();
    let report = match report_for(&state.impact, &state.pool, query.month.as_deref(), now).await? {
        Ok(report) => report,
        Err(MonthRefusal::Malformed) => {
            return Err(AppError::Malformed {
                detail: "month must be a month written YYYY-MM".into(),
                at: Some(InputLocation::Query("month".into())),
            });
        }
        Err(MonthRefusal::NotKept) => return Err(AppError::NotFound),
    };
    let months = crate::db::run(&state.pool, impact_snapshot::months).await?;
    Ok(HttpResponse::Ok().json(ImpactAnswer {
        report: (*report).clone(),
        months,
    }))
}
