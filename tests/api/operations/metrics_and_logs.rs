//! What operators rely on: `/readyz`, `/metrics` in the Prometheus format (by route pattern,
//! never a raw path with a token in it; optionally behind a bearer token), and one log line
//! per request with its request id, route pattern, status and duration.

use crate::support::api::api;
use crate::support::app::{captured_logs, spawn_app, spawn_app_with};

#[actix_web::test]
async fn ready_metrics_and_one_log_line_per_request() {
    let app = spawn_app().await;
    let ready = app.get("/readyz", None).await;
    assert_eq!(ready.status, 200);
    assert_eq!(ready.json()["status"], "ready");

    // A sign-in link with a secret token in its path: counted and logged by pattern only.
    let secret = "s3cr3t-token-never-logged";
    let link = app.get(&format!("/sign-in/link/{secret}"), None).await;
    assert!(link.status < 500);
    let metrics = app.get("/metrics", None).await;
    assert_eq!(metrics.status, 200);
    assert!(
        metrics
            .header("content-type")
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let text = metrics.body;
    assert!(
        text.contains(r#"qualify_http_requests_total{method="GET",route="/readyz",status="200"} "#),
        "{text}"
    );
    assert!(text.contains(r#"route="/sign-in/link/{token}""#), "{text}");
    assert!(!text.contains(secret), "no raw paths");
    assert!(text.contains(
        r#"qualify_http_request_duration_seconds_bucket{method="GET",route="/readyz",le="0.005"}"#
    ));
    assert!(text.contains("qualify_outbox_oldest_pending_seconds "));
    assert!(text.contains(r#"qualify_db_pool_connections{state="max"} "#));
    assert!(text.contains("qualify_scheduler_last_tick_seconds "));

    let logs = captured_logs();
    let line = logs
        .lines()
        .find(|l| l.contains("route=/readyz") && l.contains("status=200"))
        .unwrap_or_else(|| panic!("no request line for /readyz in:\n{logs}"));
    assert!(
        line.contains("request_id=") && line.contains("duration_ms="),
        "{line}"
    );
    assert!(
        !logs.contains(secret),
        "tokens in paths stay out of the logs"
    );
}

#[actix_web::test]
async fn metrics_can_ask_for_a_token() {
    let app = spawn_app_with(|s| {
        s.insert("QUALIFY_METRICS_TOKEN".into(), "scrape-me-please".into());
    })
    .await;
    assert_eq!(app.get("/metrics", None).await.status, 401);
    let resp = api(&app, "scrape-me-please", "GET", "/metrics", None).await;
    assert_eq!(resp.status, 200);
}

/// Sending someone to sign in is not an error: the request's own line is all the log holds of
/// it (tracing-actix-web logged it at ERROR, with the page it came from).
#[actix_web::test]
async fn a_redirect_to_sign_in_is_not_logged_as_an_error() {
    let app = spawn_app().await;
    let marker = "came-from-7f3a9";
    let page = app.get(&format!("/learn?from={marker}"), None).await;
    assert_eq!(page.status, 303);
    assert!(
        page.header("location")
            .is_some_and(|l| l.starts_with("/sign-in") && l.contains(marker)),
        "{:?}",
        page.header("location")
    );
    let logs = captured_logs();
    assert!(
        logs.lines()
            .any(|l| l.contains("route=/learn") && l.contains("status=303")),
        "the request's line:\n{logs}"
    );
    assert!(
        !logs.contains(marker),
        "no line about the redirect:\n{logs}"
    );
}

/// A signed-in person refused someone else's object is logged: who, and which object.
#[actix_web::test]
async fn refused_access_to_an_object_is_logged_with_person_and_object() {
    let app = spawn_app().await;
    let eve =
        crate::support::fixtures::people::create_person(&app, "eve@example.com", "Eve", false);
    let browser = crate::support::browser::signed_in(&app, &eve).await;
    let foreign = uuid::Uuid::new_v4();
    let resp = browser.get(&format!("/certificates/{foreign}")).await;
    assert_eq!(resp.status, 404);
    let logs = captured_logs();
    let line = logs
        .lines()
        .find(|l| l.contains("access refused") && l.contains(&foreign.to_string()))
        .unwrap_or_else(|| panic!("no refusal line for {foreign}"));
    assert!(line.contains(&format!("person={eve}")), "{line}");
}
