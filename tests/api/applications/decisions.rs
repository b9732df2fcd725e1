//! The program lead's decisions: wait-list then admit, decline with a reason, a stale
//! lock_version refused, and a bulk decision whose dry run changes nothing.

use diesel::prelude::*;
use qualify::db::schema::{applications, enrollments, outbox};

use crate::support::api::api;
use crate::support::app::{TestApp, spawn_app};
use crate::support::browser::signed_in;
use crate::support::fixtures::applications::{Setup, applied, setup};

async fn decide(
    app: &TestApp,
    s: &Setup,
    id: &str,
    body: serde_json::Value,
) -> (u16, serde_json::Value) {
    let resp = api(
        app,
        &s.owner_token,
        "POST",
        &format!("/api/v1/applications/{id}/decision"),
        Some(body),
    )
    .await;
    let json = serde_json::from_str(&resp.body).unwrap_or_default();
    (resp.status, json)
}

fn counts(app: &TestApp) -> (i64, i64, Vec<String>) {
    let mut conn = app.conn();
    (
        enrollments::table.count().get_result(&mut **conn).unwrap(),
        outbox::table.count().get_result(&mut **conn).unwrap(),
        applications::table
            .order(applications::id.asc())
            .select(applications::state)
            .load(&mut **conn)
            .unwrap(),
    )
}

#[actix_web::test]
async fn a_waitlisted_application_is_admitted_later() {
    let app = spawn_app().await;
    let s = setup(&app);
    let (_, a) = applied(&app, "ann@example.com", None).await;
    let id = a["id"].as_str().unwrap();
    let (status, w) = decide(
        &app,
        &s,
        id,
        serde_json::json!({"decision": "waitlist", "lock_version": 1}),
    )
    .await;
    assert_eq!((status, w["state"].as_str()), (200, Some("waitlisted")));
    let mails = app.deliver().await;
    assert!(
        mails[0].subject.contains("waiting list"),
        "{}",
        mails[0].subject
    );
    let (status, again) = decide(
        &app,
        &s,
        id,
        serde_json::json!({"decision": "waitlist", "lock_version": 2}),
    )
    .await;
    assert_eq!(
        (status, again["refusal"].as_str()),
        (409, Some("not_decidable"))
    );
    let (status, _) = decide(
        &app,
        &s,
        id,
        serde_json::json!({"decision": "admit", "lock_version": 2}),
    )
    .await;
    assert_eq!(status, 422, "no cohort wished and none named");
    let body = serde_json::json!({"decision": "admit", "cohort_id": s.cohort, "lock_version": 2});
    let (status, admitted) = decide(&app, &s, id, body).await;
    assert_eq!(
        (status, admitted["state"].as_str()),
        (200, Some("admitted"))
    );
    assert_eq!(counts(&app).0, 1, "enrolled");
}

#[actix_web::test]
async fn a_decline_needs_a_reason_and_tells_the_applicant() {
    let app = spawn_app().await;
    let s = setup(&app);
    let (_, a) = applied(&app, "bo@example.com", Some(&s.cohort)).await;
    let id = a["id"].as_str().unwrap();
    let (status, refused) = decide(
        &app,
        &s,
        id,
        serde_json::json!({"decision": "decline", "lock_version": 1}),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(refused["errors"][0]["pointer"], "/reason", "{refused}");
    let body = serde_json::json!({"decision": "decline", "reason": "The spring cohort is full.", "lock_version": 1});
    let (status, declined) = decide(&app, &s, id, body).await;
    assert_eq!(
        (status, declined["state"].as_str()),
        (200, Some("declined"))
    );
    let mails = app.deliver().await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].raw.contains("The spring cohort is full."));
    let (status, _) = decide(
        &app,
        &s,
        id,
        serde_json::json!({"decision": "admit", "lock_version": 2}),
    )
    .await;
    assert_eq!(status, 409, "a declined application stays declined");
}

#[actix_web::test]
async fn a_stale_lock_version_is_refused() {
    let app = spawn_app().await;
    let s = setup(&app);
    let (_, a) = applied(&app, "cy@example.com", Some(&s.cohort)).await;
    let id = a["id"].as_str().unwrap();
    let (status, stale) = decide(
        &app,
        &s,
        id,
        serde_json::json!({"decision": "waitlist", "lock_version": 7}),
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(stale["refusal"], "stale");
    assert_eq!(stale["lock_version"], 1, "{stale}");
    assert_eq!(counts(&app).2, ["submitted"]);
    let owner = signed_in(&app, &s.owner).await;
    owner.get("/applications").await;
    let form = owner
        .post(
            &format!("/applications/{id}/decision"),
            &[
                ("decision", "admit"),
                ("cohort_id", &s.cohort),
                ("reason", ""),
                ("lock_version", "0"),
            ],
        )
        .await;
    assert_eq!(form.status, 409);
    assert_eq!(counts(&app).0, 0, "nobody enrolled");
}

#[actix_web::test]
async fn a_bulk_decision_shows_a_dry_run_first_that_changes_nothing() {
    let app = spawn_app().await;
    let s = setup(&app);
    let mut items = Vec::new();
    for email in ["d1@example.com", "d2@example.com", "d3@example.com"] {
        let (_, a) = applied(&app, email, Some(&s.cohort)).await;
        items.push(format!("{}:1", a["id"].as_str().unwrap()));
    }
    items.push(format!("{}:9", items[2].split(':').next().unwrap()));
    items.remove(2);
    app.deliver().await;
    let before = counts(&app);
    let owner = signed_in(&app, &s.owner).await;
    let list = owner.get("/applications").await;
    assert!(list.body.contains("d1@example.com") && list.body.contains("id=\"bulk-form\""));
    let mut fields: Vec<(&str, &str)> = items.iter().map(|i| ("item", i.as_str())).collect();
    fields.extend([("decision", "admit"), ("cohort_id", ""), ("reason", "")]);
    let dry = owner.post("/applications/bulk", &fields).await;
    assert_eq!(dry.status, 200, "{}", dry.body);
    assert!(dry.body.contains("Dry run: nothing has changed yet."));
    assert!(
        dry.body.contains("2 applications would be decided."),
        "{}",
        dry.body
    );
    assert_eq!(counts(&app), before, "the dry run changes nothing");
    fields.push(("confirm", "1"));
    let done = owner.post("/applications/bulk", &fields).await;
    assert!(
        done.body.contains("2 applications were decided."),
        "{}",
        done.body
    );
    let (enrolled, _, states) = counts(&app);
    assert_eq!(enrolled, 2);
    assert_eq!(states.iter().filter(|s| *s == "admitted").count(), 2);
    assert_eq!(
        states.iter().filter(|s| *s == "submitted").count(),
        1,
        "the stale line stays"
    );
    assert_eq!(app.deliver().await.len(), 2);
}
