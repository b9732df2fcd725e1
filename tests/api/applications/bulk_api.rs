//! `decideApplications`: a dry run by default that reports each line and changes nothing,
//! then the real decision, where a stale line is refused and the others are decided.

use diesel::prelude::*;
use qualify::db::schema::{applications, enrollments, outbox};

use crate::support::api::api;
use crate::support::app::TestApp;
use crate::support::app::spawn_app;
use crate::support::fixtures::applications::{Setup, applied, setup};

async fn bulk(app: &TestApp, s: &Setup, body: serde_json::Value) -> (u16, serde_json::Value) {
    let resp = api(
        app,
        &s.owner_token,
        "POST",
        "/api/v1/applications/decisions",
        Some(body),
    )
    .await;
    let json = serde_json::from_str(&resp.body).unwrap_or_default();
    (resp.status, json)
}

fn state_counts(app: &TestApp) -> (i64, i64, i64) {
    let mut conn = app.conn();
    let admitted = applications::table
        .filter(applications::state.eq("admitted"))
        .count()
        .get_result(&mut **conn)
        .unwrap();
    (
        admitted,
        enrollments::table.count().get_result(&mut **conn).unwrap(),
        outbox::table.count().get_result(&mut **conn).unwrap(),
    )
}

#[actix_web::test]
async fn many_applications_are_admitted_after_a_dry_run_and_a_stale_one_is_reported() {
    let app = spawn_app().await;
    let s = setup(&app);
    let mut ids = Vec::new();
    for email in ["e1@example.com", "e2@example.com", "e3@example.com"] {
        let (_, a) = applied(&app, email, Some(&s.cohort)).await;
        ids.push(a["id"].as_str().unwrap().to_string());
    }
    app.deliver().await;
    let before = state_counts(&app);
    let items = serde_json::json!([
        {"id": ids[0], "lock_version": 1},
        {"id": ids[1], "lock_version": 1},
        {"id": ids[2], "lock_version": 5},
    ]);
    let (status, dry) = bulk(
        &app,
        &s,
        serde_json::json!({"items": items, "decision": "admit"}),
    )
    .await;
    assert_eq!(status, 200, "{dry}");
    assert_eq!(
        (dry["applied"].as_bool(), dry["decided"].as_u64()),
        (Some(false), Some(2))
    );
    assert_eq!(dry["lines"][0]["state"], "admitted", "{dry}");
    assert_eq!(dry["lines"][2]["refusal"], "stale", "{dry}");
    assert_eq!(state_counts(&app), before, "a dry run changes nothing");

    let (status, done) = bulk(
        &app,
        &s,
        serde_json::json!({"items": items, "decision": "admit", "dry_run": false}),
    )
    .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(
        (done["applied"].as_bool(), done["decided"].as_u64()),
        (Some(true), Some(2))
    );
    assert_eq!(done["lines"][2]["state"], "submitted");
    let (admitted, enrolled, _) = state_counts(&app);
    assert_eq!((admitted, enrolled), (2, 2));
    assert_eq!(
        app.deliver().await.len(),
        2,
        "each admitted applicant is mailed"
    );
}

#[actix_web::test]
async fn a_bulk_decline_needs_a_reason_and_an_empty_list_is_refused() {
    let app = spawn_app().await;
    let s = setup(&app);
    let (_, a) = applied(&app, "f1@example.com", Some(&s.cohort)).await;
    let items = serde_json::json!([{"id": a["id"], "lock_version": 1}]);
    let (status, plan) = bulk(
        &app,
        &s,
        serde_json::json!({"items": items, "decision": "decline", "dry_run": false}),
    )
    .await;
    assert_eq!(status, 200, "{plan}");
    assert_eq!(plan["decided"], 0);
    assert_eq!(plan["lines"][0]["refusal"], "invalid", "{plan}");
    let (status, empty) = bulk(
        &app,
        &s,
        serde_json::json!({"items": [], "decision": "waitlist"}),
    )
    .await;
    assert_eq!(status, 400, "{empty}");
    let (status, _) = bulk(
        &app,
        &s,
        serde_json::json!({"items": items, "decision": "decline", "reason": "Full.", "dry_run": false}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(state_counts(&app).0, 0);
}

#[actix_web::test]
async fn the_list_has_one_cohort_choice_for_all_rows() {
    let app = spawn_app().await;
    let s = setup(&app);
    for email in ["g1@example.com", "g2@example.com", "g3@example.com"] {
        applied(&app, email, None).await;
    }
    let owner = crate::support::browser::signed_in(&app, &s.owner).await;
    let list = owner.get("/applications").await.body;
    assert_eq!(list.matches("name=\"cohort_id\"").count(), 1, "{list}");
    assert_eq!(
        list.matches("tick the application and choose a cohort below")
            .count(),
        3,
        "rows without a wished cohort say how to admit them"
    );
}
