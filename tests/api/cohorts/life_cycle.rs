//! Cohorts: life cycle and the read-only completed cohort, the schedule, invalid input.

use crate::support::api::{api, token};
use crate::support::app::{TestApp, spawn_app};
use crate::support::browser::{Browser, signed_in};
use crate::support::fixtures::cohorts::create_cohort;
use crate::support::fixtures::people::create_person;

#[actix_web::test]
async fn a_cohort_runs_its_life_cycle_and_is_read_only_when_completed() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga", true);
    let owner = signed_in(&app, &owner_id).await;
    let id = create_cohort(&owner, "Kohorte 2026-1", "2026-03-16").await;
    let api_token = token(&app, &owner_id);
    let view = the_new_cohort_is_planned_with_its_schedule(&app, &api_token, &id).await;

    let page = owner.get(&format!("/cohorts/{id}")).await;
    assert!(page.body.contains("Kohorte 2026-1"));
    let module = view["schedule"][1]["module_id"]
        .as_str()
        .unwrap()
        .to_string();
    the_owner_moves_a_module_and_a_stale_or_bad_form_changes_nothing(&owner, &id, &module, &view)
        .await;
    let view = cohort(&app, &api_token, &id).await;
    assert_eq!(view["schedule"][1]["due_on"], "2026-04-20");

    the_cohort_runs_and_completes_without_skipping_a_state(&app, &owner, &api_token, &id, &view)
        .await;
    let view = cohort(&app, &api_token, &id).await;
    a_completed_cohort_can_only_be_archived(&app, &owner, &api_token, &id, &module, &view).await;
}

/// The cohort as the API shows it.
async fn cohort(app: &TestApp, token: &str, id: &str) -> serde_json::Value {
    api(app, token, "GET", &format!("/api/v1/cohorts/{id}"), None)
        .await
        .json()
}

/// The version of the cohort a form sends back.
fn lock(view: &serde_json::Value) -> String {
    view["lock_version"].as_i64().unwrap().to_string()
}

/// Planned, version 1, six modules; the first due two weeks after the start, in Berlin time.
async fn the_new_cohort_is_planned_with_its_schedule(
    app: &TestApp,
    token: &str,
    id: &str,
) -> serde_json::Value {
    let view = cohort(app, token, id).await;
    assert_eq!(view["state"], "planned");
    assert_eq!(view["version"], 1);
    let schedule = view["schedule"].as_array().unwrap();
    assert_eq!(schedule.len(), 7);
    assert_eq!(schedule[0]["unlock_on"], "2026-03-16");
    assert_eq!(schedule[0]["due_local"], "2026-03-30 23:59");
    assert_eq!(
        schedule[0]["due_utc"], "2026-03-30T21:59:59Z",
        "summer time began on 29 March"
    );
    view
}

/// The schedule form moves the module; the same form sent again (the cohort changed meanwhile)
/// and a due date before the opening date are refused with the reason and the dates as typed.
async fn the_owner_moves_a_module_and_a_stale_or_bad_form_changes_nothing(
    owner: &Browser<'_>,
    id: &str,
    module: &str,
    view: &serde_json::Value,
) {
    let moved = owner
        .post(
            &format!("/cohorts/{id}/schedule/{module}"),
            &[
                ("unlock_on", "2026-04-01"),
                ("due_on", "2026-04-20"),
                ("lock_version", &lock(view)),
            ],
        )
        .await;
    assert_eq!(moved.status, 303);
    // A second form from the same page, sent after the first: the cohort changed meanwhile.
    let stale = owner
        .post(
            &format!("/cohorts/{id}/schedule/{module}"),
            &[
                ("unlock_on", "2026-04-02"),
                ("due_on", "2026-04-22"),
                ("lock_version", &lock(view)),
            ],
        )
        .await;
    assert_eq!(stale.status, 409, "{}", stale.body);
    assert!(
        stale
            .body
            .contains("Someone changed this cohort in the meantime")
            && stale.body.contains("opens 2026-04-01, due 2026-04-20"),
        "the reason and what is saved now: {}",
        stale.body
    );
    assert!(
        stale.body.contains("value=\"2026-04-02\"") && stale.body.contains("value=\"2026-04-22\""),
        "the dates as typed: {}",
        stale.body
    );
    let bad = owner
        .post(
            &format!("/cohorts/{id}/schedule/{module}"),
            &[
                ("unlock_on", "2026-04-20"),
                ("due_on", "2026-04-01"),
                (
                    "lock_version",
                    &(lock(view).parse::<i64>().unwrap() + 1).to_string(),
                ),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(
        bad.body.contains("must not be before the opening date")
            && bad.body.contains("value=\"2026-04-20\"")
            && bad.body.contains("value=\"2026-04-01\""),
        "the reason and the dates as typed: {}",
        bad.body
    );
}

/// Planned → running → completed, one step at a time; a completed cohort says it is read-only.
async fn the_cohort_runs_and_completes_without_skipping_a_state(
    app: &TestApp,
    owner: &Browser<'_>,
    token: &str,
    id: &str,
    view: &serde_json::Value,
) {
    let skip = owner
        .post(
            &format!("/cohorts/{id}"),
            &[("state", "completed"), ("lock_version", &lock(view))],
        )
        .await;
    assert_eq!(skip.status, 422, "no skipping states");
    for next in ["running", "completed"] {
        let view = cohort(app, token, id).await;
        assert_eq!(
            owner
                .post(
                    &format!("/cohorts/{id}"),
                    &[("state", next), ("lock_version", &lock(&view))]
                )
                .await
                .status,
            303
        );
    }
    let view = cohort(app, token, id).await;
    assert_eq!(view["state"], "completed");
    assert_eq!(view["editable"], false);
    let page = owner.get(&format!("/cohorts/{id}")).await;
    assert!(page.body.contains("can no longer be changed"));
}

/// No new dates, enrollments or name for a completed cohort, page or API; archiving still works.
async fn a_completed_cohort_can_only_be_archived(
    app: &TestApp,
    owner: &Browser<'_>,
    token: &str,
    id: &str,
    module: &str,
    view: &serde_json::Value,
) {
    let refused = owner
        .post(
            &format!("/cohorts/{id}/schedule/{module}"),
            &[
                ("unlock_on", "2026-04-01"),
                ("due_on", "2026-04-21"),
                ("lock_version", &lock(view)),
            ],
        )
        .await;
    assert_eq!(refused.status, 409);
    assert!(
        refused
            .body
            .contains("completed or archived and can no longer be changed"),
        "the reason, in English: {}",
        refused.body
    );
    assert_eq!(
        owner
            .post(
                &format!("/cohorts/{id}/enrollments"),
                &[("people", "x@example.com")]
            )
            .await
            .status,
        409
    );
    assert_eq!(
        owner
            .post(
                &format!("/cohorts/{id}"),
                &[("name", "Renamed"), ("lock_version", &lock(view))]
            )
            .await
            .status,
        409
    );
    assert_eq!(
        owner
            .post(
                &format!("/cohorts/{id}"),
                &[("state", "archived"), ("lock_version", &lock(view))]
            )
            .await
            .status,
        303
    );
    // A stale lock version is refused.
    let stale = api(
        app,
        token,
        "PATCH",
        &format!("/api/v1/cohorts/{id}"),
        Some(serde_json::json!({ "lock_version": 1, "name": "x" })),
    )
    .await;
    assert_eq!(stale.status, 409);
    assert_eq!(
        stale.json()["detail"],
        "The cohort is completed or archived and can no longer be changed."
    );
}

#[actix_web::test]
async fn invalid_cohort_fields_are_explained_and_kept() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga", true);
    let owner = signed_in(&app, &owner_id).await;
    owner.get("/cohorts").await;
    let resp = owner
        .post(
            "/cohorts",
            &[
                ("name", "Frühjahr"),
                ("starts_on", "01.03.2027"),
                ("time_zone", "Europe/Atlantis"),
            ],
        )
        .await;
    assert_eq!(resp.status, 422);
    assert!(
        resp.body.contains("value=\"Frühjahr\""),
        "the typed name is kept"
    );
    assert!(
        resp.body.contains("value=\"01.03.2027\""),
        "the typed date is kept"
    );
    assert!(
        resp.body.contains("for example 2027-03-01")
            && resp.body.contains("time zone from the list")
    );
    let api_token = token(&app, &owner_id);
    let resp = api(
        &app,
        &api_token,
        "POST",
        "/api/v1/cohorts",
        Some(serde_json::json!({ "name": "", "starts_on": "2027-03-01", "time_zone": "UTC" })),
    )
    .await;
    assert_eq!(resp.status, 422);
    assert_eq!(resp.json()["errors"][0]["field"], "name");
}
