//! A moved module reaches the trainee's pages at once: the schedule each page shows is kept in
//! memory per version of the cohort, and moving a module makes a new version.

use qualify::db::models::{Enrollment, ScheduleEntry};
use qualify::domain::ids::EnrollmentId;

use crate::support::api::{api, token};
use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::cohorts::enrolled;
use crate::support::fixtures::people::person;
use crate::support::scrape::lock_version;

#[actix_web::test]
async fn a_moved_module_shows_on_the_trainees_dashboard_at_once() {
    let app = spawn_app().await;
    let (tara, enrollment) = enrolled(&app).await;
    let (cohort, module) = {
        let mut conn = app.conn();
        let cohort = Enrollment::find(&mut conn, &EnrollmentId(enrollment.clone()))
            .unwrap()
            .unwrap()
            .cohort_id;
        let module = ScheduleEntry::list_by_cohort(&mut conn, &cohort)
            .unwrap()
            .remove(1)
            .module_id;
        (cohort, module)
    };
    let trainee = signed_in(&app, &tara).await;
    let before = trainee.get("/learn").await;
    assert_eq!(before.status, 200);
    assert!(
        !before.body.contains("20 Apr 2026, 11:59 pm"),
        "{}",
        before.body
    );

    let owner_id = person(&app, "owner@example.com").id;
    let owner = signed_in(&app, &owner_id).await;
    for (due, seen) in [
        ("2026-04-20", "20 Apr 2026, 11:59 pm"),
        ("2026-04-27", "27 Apr 2026, 11:59 pm"),
    ] {
        // The schedule form carries the cohort's version the owner saw.
        let page = owner.get(&format!("/cohorts/{}", cohort.0)).await;
        let lock = lock_version(&page.body);
        let moved = owner
            .post(
                &format!("/cohorts/{}/schedule/{}", cohort.0, module.0),
                &[
                    ("unlock_on", "2026-03-16"),
                    ("due_on", due),
                    ("lock_version", &lock),
                ],
            )
            .await;
        assert_eq!(moved.status, 303, "{}", moved.body);
        let after = trainee.get("/learn").await;
        assert!(
            after.body.contains(seen),
            "the new due date: {}",
            after.body
        );
    }
    let after = trainee.get("/learn").await;
    assert!(
        !after.body.contains("20 Apr 2026, 11:59 pm"),
        "the first move is gone"
    );
}

/// `PATCH /api/v1/cohorts/{id}` with new dates is checked against the version sent like a
/// rename is, and a refused change leaves every date as it was.
#[actix_web::test]
async fn a_schedule_change_through_the_api_is_all_or_nothing_and_never_overwrites() {
    let app = spawn_app().await;
    let (_, enrollment) = enrolled(&app).await;
    let owner_id = person(&app, "owner@example.com").id;
    let owner = token(&app, &owner_id);
    let cohort = Enrollment::find(&mut app.conn(), &EnrollmentId(enrollment))
        .unwrap()
        .unwrap()
        .cohort_id;
    let path = format!("/api/v1/cohorts/{}", cohort.0);
    let view = api(&app, &owner, "GET", &path, None).await.json();
    let lock = view["lock_version"].as_i64().unwrap();
    let dates = |v: &serde_json::Value| -> Vec<String> {
        v["schedule"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| format!("{} {}", m["unlock_on"], m["due_on"]))
            .collect()
    };
    let before = dates(&view);
    let (first, second) = (
        &view["schedule"][1]["module_id"],
        &view["schedule"][2]["module_id"],
    );
    let moves = serde_json::json!([
        { "module_id": first, "unlock_on": "2026-03-30", "due_on": "2026-04-20" },
        { "module_id": second, "unlock_on": "2026-04-13", "due_on": "2026-05-04" },
    ]);
    let send = |body: serde_json::Value| api(&app, &owner, "PATCH", &path, Some(body));

    // A bad name in the same request: nothing is moved.
    let refused =
        send(serde_json::json!({ "lock_version": lock, "name": " ", "schedule": moves })).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(
        refused.json()["errors"][0]["field"],
        "name",
        "{}",
        refused.body
    );
    // A bad date in the second move: the first is not moved either.
    let mut bad = moves.clone();
    bad[1]["due_on"] = "2026-04-01".into();
    let refused = send(serde_json::json!({ "lock_version": lock, "schedule": bad })).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(
        refused.json()["errors"][0]["field"],
        "due_on",
        "{}",
        refused.body
    );
    // A version that is not the current one.
    let stale = send(serde_json::json!({ "lock_version": lock - 1, "schedule": moves })).await;
    assert_eq!(stale.status, 409, "{}", stale.body);
    assert_eq!(stale.json()["refusal"], "stale", "{}", stale.body);
    let unchanged = api(&app, &owner, "GET", &path, None).await.json();
    assert_eq!(dates(&unchanged), before, "nothing half-done");
    assert_eq!(unchanged["lock_version"], lock);

    let done =
        send(serde_json::json!({ "lock_version": lock, "name": "K1 moved", "schedule": moves }))
            .await;
    assert_eq!(done.status, 204, "{}", done.body);
    let after = api(&app, &owner, "GET", &path, None).await.json();
    assert_eq!(after["name"], "K1 moved");
    let due_of = |module: &serde_json::Value| {
        after["schedule"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| &m["module_id"] == module)
            .map(|m| m["due_on"].clone())
    };
    assert_eq!(due_of(first), Some("2026-04-20".into()));
    assert_eq!(due_of(second), Some("2026-05-04".into()));
    // The same request again, with the version it was read at: refused, not applied twice.
    let again = send(serde_json::json!({ "lock_version": lock, "schedule": moves })).await;
    assert_eq!(again.status, 409, "{}", again.body);
}
