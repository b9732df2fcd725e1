//! `GET /healthz`: 200 with the database reachable, 503 otherwise.

use actix_web::{HttpResponse, web};
use diesel::RunQueryDsl;
use serde_json::json;

use crate::config::DatabaseTarget;
use crate::state::AppState;

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
        diesel::sql_query("SELECT 1").execute(&mut **conn).is_ok()
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

/// `GET /readyz`: ready (200) only when the database answers and every migration is applied;
/// a load balancer sends traffic to an instance only then.
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let pool = state.pool.clone();
    let ready = web::block(move || {
        let Ok(mut conn) = pool.get_timeout(std::time::Duration::from_secs(2)) else {
            return Err("database unavailable");
        };
        match crate::db::migrations::pending_count(&mut conn) {
            Ok(0) => Ok(()),
            Ok(_) => Err("migrations pending"),
            Err(_) => Err("database unavailable"),
        }
    })
    .await
    .unwrap_or(Err("database unavailable"));
    let (status, body) = match ready {
        Ok(()) => (200, json!({ "status": "ready" })),
        Err(why) => (503, json!({ "status": "not ready", "reason": why })),
    };
    HttpResponse::build(actix_web::http::StatusCode::from_u16(status).expect("valid status"))
        .insert_header(("Cache-Control", "no-store"))
        .json(body)
}

/// `GET /metrics`: Prometheus text format (aggregates only, no personal data). With
/// `QUALIFY_METRICS_TOKEN` set, it asks for `Authorization: Bearer <token>`.
pub async fn metrics(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, crate::error::AppError> {
    if let Some(token) = &state.settings.metrics_token {
        let given = req
            .headers()
            .get("Authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default();
        let same = given.len() == token.len()
            && given
                .bytes()
                .zip(token.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0;
        if !same {
            return Err(crate::error::AppError::Unauthorized);
        }
    }
    let pool = state.pool.clone();
    let now = state.clock.now_naive();
    let mut gauges = crate::db::run(&state.pool, move |conn| {
        use crate::db::schema::outbox;
        use diesel::prelude::*;
        let outbox: Vec<(String, i64)> = outbox::table
            .group_by(outbox::status)
            .select((outbox::status, diesel::dsl::count_star()))
            .load(conn)?;
        let oldest: Option<chrono::NaiveDateTime> = outbox::table
            .filter(outbox::status.eq(crate::domain::states::OutboxStatus::Pending))
            .select(diesel::dsl::min(outbox::created_at))
            .first(conn)?;
        Ok(crate::ops::metrics::Gauges {
            outbox,
            oldest_pending_seconds: oldest.map_or(0.0, |o| (now - o).num_seconds().max(0) as f64),
            ..Default::default()
        })
    })
    .await?;
    let pool_state = pool.state();
    gauges.pool_connections = pool_state.connections;
    gauges.pool_idle = pool_state.idle_connections;
    gauges.pool_max = pool.max_size();
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(crate::ops::metrics::render(&gauges)))
}
