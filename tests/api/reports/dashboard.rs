//! The owner's program dashboard over the reports fixture: counts, rates, turnaround, cohort
//! lines and the links behind every number.

use diesel::prelude::*;

use crate::support::api::api;
use crate::support::app::{TestApp, spawn_app};
use crate::support::fixtures::reports::data;

/// Reviews of passed submissions by Carla, completed: (allocated, completed) minutes ago.
fn completed_reviews(app: &TestApp, minutes_ago: &[(i64, i64)]) {
    use qualify::clock::Clock;
    use qualify::db::models::{Review, Submission, SubmissionVersion};
    use qualify::db::schema::{enrollments, people, submission_versions, submissions};
    use qualify::domain::ids::PersonId;
    use qualify::domain::states::{GradingDecision, ReviewState, SubmissionState};
    let mut conn = app.conn();
    let now = app.clock.now_naive();
    let carla: PersonId = people::table
        .filter(people::email.eq("carla@example.com"))
        .select(people::id)
        .first(&mut **conn)
        .unwrap();
    let versions: Vec<(SubmissionVersion, Submission, PersonId)> = submission_versions::table
        .inner_join(submissions::table.inner_join(enrollments::table))
        .filter(submissions::state.eq(SubmissionState::Passed))
        .select((
            SubmissionVersion::as_select(),
            Submission::as_select(),
            enrollments::person_id,
        ))
        .load(&mut **conn)
        .unwrap();
    let ago = |m: i64| now - chrono::Duration::minutes(m);
    let rows: Vec<Review> = minutes_ago
        .iter()
        .zip(&versions)
        .map(|((allocated, completed), (version, submission, trainee))| {
            let allocated_at = ago(*allocated);
            let due_at = allocated_at + chrono::Duration::days(3);
            Review {
                state: ReviewState::Completed,
                started_at: Some(allocated_at),
                completed_at: Some(ago(*completed)),
                decision: Some(GradingDecision::Passed),
                total_points: Some(10),
                feedback: "Good".into(),
                ..Review::allocated(
                    submission,
                    version,
                    trainee,
                    &carla,
                    1,
                    "test".into(),
                    (allocated_at, due_at),
                )
            }
        })
        .collect();
    assert_eq!(rows.len(), minutes_ago.len(), "enough passed submissions");
    Review::create_all(&mut conn, &rows).unwrap();
}

#[actix_web::test]
async fn the_dashboard_counts_and_links_to_the_lists_behind() {
    let app = spawn_app().await;
    let d = data(&app).await;
    completed_reviews(
        &app,
        &[(180, 90), (300, 150), (200 * 24 * 60, 199 * 24 * 60)],
    );
    let board = api(&app, &d.owner, "GET", "/api/v1/dashboard?lang=en", None)
        .await
        .json();
    assert_eq!(board["reviews_done"], 2, "the last 90 days only");
    assert_eq!(board["turnaround_hours"], 2.0, "median of 1.5 h and 2.5 h");
    assert_eq!(board["cohorts"][0]["enrolled"], 3);
    assert_eq!(board["cohorts"][0]["active"], 3);
    assert_eq!(board["enrolled"], 3);
    assert_eq!(board["active"], 3);
    assert_eq!(board["certified"], 2, "revoked ones do not count");
    assert_eq!(board["completion_rate"], 66.7);
    assert_eq!(board["submissions"], 6);
    assert_eq!(board["on_time_rate"], 100.0);
    assert_eq!(board["expiring"], 0);
    assert_eq!(board["load"][0]["label"], "Carla Coach", "{board}");
    assert_eq!(board["load"][0]["value"], 1);
    let stalls: Vec<(String, i64)> = board["stalls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["label"].as_str().unwrap().to_string(),
                b["value"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(stalls.iter().map(|s| s.1).sum::<i64>(), 3, "{stalls:?}");
    assert!(
        stalls.iter().any(|s| s.1 == 2),
        "two have passed nothing: {stalls:?}"
    );
    assert_eq!(board["cohorts"][0]["certified"], 2);

    let page = d.g.owner.get("/dashboard").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("<svg class=\"chart\""),
        "a server-rendered chart"
    );
    assert!(
        page.body
            .contains(&format!("/dashboard?cohort={}", d.g.cohort))
    );
    assert!(page.body.contains("/reports?report=certificates"));
    let cohort =
        d.g.owner
            .get(&format!("/dashboard?cohort={}", d.g.cohort))
            .await;
    assert_eq!(cohort.status, 200);
    assert!(
        cohort.body.contains("&amp;module="),
        "stall bars link to the trainees"
    );
    let unknown = d.g.owner.get("/dashboard?cohort=no-such").await;
    assert_eq!(unknown.status, 404);

    let reports =
        d.g.owner
            .get("/reports?report=certificates&status=active")
            .await;
    assert_eq!(reports.status, 200);
    assert!(reports.body.contains("Ada Lovelace") && !reports.body.contains("Ben Bauer"));
    assert!(
        reports
            .body
            .contains("/reports/download?report=certificates&amp;status=active&amp;format=xlsx"),
        "{}",
        &reports.body[reports.body.find("download").unwrap_or(0)..][..400]
    );
    let bad =
        d.g.owner
            .get("/reports?report=progress&from=yesterday")
            .await;
    assert_eq!(bad.status, 422);
    assert!(
        bad.body.contains("value=\"yesterday\""),
        "what was typed is kept"
    );
    let file =
        d.g.owner
            .get("/reports/download?report=certificates&format=csv&status=active")
            .await;
    assert_eq!(file.status, 200);
    assert!(file.body.contains("ADACODE") && !file.body.contains("BENCODE"));
}
