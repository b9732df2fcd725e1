//! Required criteria: a submission with enough points in total but a required criterion below
//! its minimum cannot pass. The co-trainer sees which criteria are required and why the
//! rubric suggests a revision; a "passed" decision is refused (on the page and in the API,
//! with or without a reason); the trainee sees which required criterion failed.

use crate::support::api::{api, token};
use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::grading::{Grading, Who};
use crate::support::scrape::lock_version;

/// The purpose canvas with its required criterion (`purpose-statement`, minimum 1 point) at 0
/// and every other criterion at its top level: 12 points, above the pass mark of 9.
fn below_minimum(decision: &str, lock: &str) -> Vec<(&'static str, String)> {
    vec![
        ("level__purpose-statement", "0".into()),
        ("level__target-group-and-value", "6".into()),
        ("level__scope-and-roles", "3".into()),
        ("level__alignment-and-success", "3".into()),
        ("feedback", "The purpose statement is missing.".into()),
        ("decision", decision.into()),
        ("override_reason", String::new()),
        ("lock_version", lock.into()),
        ("action", "submit".into()),
    ]
}

#[actix_web::test]
async fn a_submission_fails_on_a_required_criterion_despite_enough_points() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let tara = g.person(Who::new("tara@example.com", "Tara Trainee"));
    let coach = g.person(Who::new("coach@example.com", "Carla Coach"));
    g.cotrainers(&[(&coach, "coach@example.com", 5, &["en"])])
        .await;
    let enrollment = g.enroll(&[(&tara, "tara@example.com")]).await.remove(0);
    let trainee = signed_in(&app, &tara).await;
    let brief = trainee
        .get(&format!("/learn/{enrollment}/assignments/purpose-canvas"))
        .await;
    assert!(
        brief.body.contains("Required criterion"),
        "the assignment page marks the required criterion"
    );
    g.submit(
        &tara,
        &enrollment,
        "purpose-canvas",
        "## Purpose\nSomething.",
    )
    .await;
    let review = g.reviews().remove(0);
    let path = format!("/reviews/{}", review.id);
    let as_coach = signed_in(&app, &coach).await;

    // The API refuses "passed" and says what the rubric suggests.
    let view = api(
        &app,
        &token(&app, &coach),
        "GET",
        &format!("/api/v1{path}"),
        None,
    )
    .await;
    let view = view.json();
    let required: Vec<&str> = view["rubric"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["minimum"].is_number())
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(required, ["purpose-statement"]);
    let scores: Vec<serde_json::Value> = [
        ("purpose-statement", 0),
        ("target-group-and-value", 6),
        ("scope-and-roles", 3),
        ("alignment-and-success", 3),
    ]
    .iter()
    .map(|(c, p)| serde_json::json!({ "criterion": c, "points": p }))
    .collect();
    let refused = api(
        &app,
        &token(&app, &coach),
        "POST",
        &format!("/api/v1{path}/submission"),
        Some(serde_json::json!({
            "scores": scores, "feedback": "Fine.", "decision": "passed",
            "override_reason": "The total is high enough.", "lock_version": view["lock_version"],
        })),
    )
    .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("required_below_minimum"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("\"points\":12"), "{}", refused.body);
    assert!(
        refused.body.contains("revision_requested"),
        "{}",
        refused.body
    );

    // The page shows the required criterion and why the rubric suggests a revision.
    let page = as_coach.get(&path).await;
    assert!(page.body.contains("Required criterion"));
    let lock = lock_version(&page.body);
    let form = below_minimum("passed", &lock);
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = as_coach.post(&path, &fields).await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains("A required criterion is below its minimum level")
    );
    assert!(
        refused
            .body
            .contains("Not passed because a required criterion")
    );

    // A revision needs no reason: it is what the rubric suggests.
    let page = as_coach.get(&path).await;
    let form = below_minimum("revision_requested", &lock_version(&page.body));
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let done = as_coach.post(&path, &fields).await;
    assert_eq!(done.status, 303, "{}", done.body);

    // The trainee sees which required criterion failed.
    let mine = trainee
        .get(&format!("/learn/{enrollment}/assignments/purpose-canvas"))
        .await;
    assert!(mine.body.contains("Revision requested"));
    assert!(
        mine.body.contains("12 / 15") || mine.body.contains("12 of 15"),
        "{}",
        mine.body
    );
    assert!(
        mine.body
            .contains("Below the minimum level: that is why it did not pass")
    );
}
