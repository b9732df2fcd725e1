//! The dashboard under load: requests that arrive together before anything is computed share
//! one computation; later changes show once the figures are older than 30 s, recomputed in
//! the background while the request that noticed is answered at once.

use diesel::prelude::*;
use qualify::db::schema::programs;
use qualify::reports::dashboard::computations;

use crate::support::api::api;
use crate::support::app::spawn_app;
use crate::support::fixtures::reports::data;

#[actix_web::test]
async fn the_dashboard_is_computed_once_and_refreshed_in_the_background() {
    let app = spawn_app().await;
    let d = data(&app).await;
    let program: String = programs::table
        .filter(programs::slug.eq("community-manager"))
        .select(programs::id)
        .first(&mut **app.conn())
        .unwrap();
    let board = || api(&app, &d.owner, "GET", "/api/v1/dashboard?lang=en", None);

    let together = futures_util::future::join_all((0..8).map(|_| board())).await;
    for answer in &together {
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert_eq!(answer.json()["enrolled"], 3);
    }
    assert_eq!(computations(&program), 1, "eight views, one computation");

    let enrolled = api(
        &app,
        &d.owner,
        "POST",
        &format!("/api/v1/cohorts/{}/enrollments", d.g.cohort),
        Some(serde_json::json!({"text": "dora@example.com", "dryRun": false})),
    )
    .await;
    assert_eq!(enrolled.status, 200, "{}", enrolled.body);
    let first = board().await.json();
    assert_eq!(
        first["enrolled"], 3,
        "within 30 s the figures are served again"
    );
    assert_eq!(computations(&program), 1);

    app.clock.advance(chrono::Duration::seconds(31));
    let noticed = board().await.json();
    assert_eq!(
        noticed["enrolled"], 3,
        "answered at once with what is there"
    );
    assert_eq!(noticed["as_of"], first["as_of"]);
    let mut waited = 0;
    while computations(&program) < 2 {
        assert!(waited < 200, "the background recomputation never finished");
        actix_web::rt::time::sleep(std::time::Duration::from_millis(25)).await;
        waited += 1;
    }
    let fresh = board().await.json();
    assert_eq!(fresh["enrolled"], 4);
    assert_ne!(fresh["as_of"], first["as_of"]);
    assert_eq!(
        computations(&program),
        2,
        "one recomputation, not one per view"
    );
}
