//! `/healthz` reports the database, on both backends.

use crate::support::app::spawn_app;

#[actix_web::test]
async fn healthz_is_ok_with_the_database_reachable() {
    let app = spawn_app().await;
    let resp = app.get("/healthz", None).await;
    assert_eq!(resp.status, 200);
    assert_eq!(
        resp.json(),
        serde_json::json!({"status": "ok", "database": "ok"})
    );
    assert_eq!(resp.header("cache-control"), Some("no-store"));
}

#[actix_web::test]
async fn healthz_is_503_when_the_database_is_gone() {
    let app = spawn_app().await;
    assert_eq!(app.get("/healthz", None).await.status, 200);
    app.db.destroy();
    let resp = app.get("/healthz", None).await;
    assert_eq!(resp.status, 503, "{}", resp.body);
    assert_eq!(resp.json()["database"], "unavailable");
    assert!(
        !resp.body.contains("error"),
        "no internals in the answer: {}",
        resp.body
    );
}
