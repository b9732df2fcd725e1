//! `GET /healthz`: 200 with the database reachable, 503 otherwise.

use actix_web::{HttpResponse, web};
use diesel::RunQueryDsl;
use serde_json::json;

use crate::config::DatabaseTarget;
use crate::startup::AppState;

/// Reports whether the service and its database work.
pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let pool = state.pool.clone();
    let target = state.settings.database.clone();
    let ok = web::block(move || {
        if let DatabaseTarget::Sqlite(path) = &target {
            // A deleted or unmounted database file keeps working on open handles: catch it.
            if std::fs::metadata(path).is_err() {
                return false;
            }
        }
        let Ok(mut conn) = pool.get_timeout(std::time::Duration::from_secs(2)) else {
            return false;
        };
        diesel::sql_query("SELECT 1").execute(&mut conn).is_ok()
    })
    .await
    .unwrap_or(false);
    let (status, database) = if ok {
        (200, "ok")
    } else {
        (503, "unavailable")
    };
    let body = json!({ "status": if ok { "ok" } else { "degraded" }, "database": database });
    HttpResponse::build(actix_web::http::StatusCode::from_u16(status).expect("valid status"))
        .insert_header(("Cache-Control", "no-store"))
        .json(body)
}
