//! What a co-trainer may not learn: how the allocation chose them (who was skipped for sharing
//! the trainee's org unit or being their manager) is the owner's to see, and a co-trainer moved
//! off a review no longer reads the work.

use crate::support::api::{api, token};
use crate::support::app::spawn_app;
use crate::support::fixtures::grading::{Grading, Who};

#[actix_web::test]
async fn the_allocation_details_are_the_owners_and_access_ends_with_the_allocation() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let tara = g.person(Who::new("tara@example.com", "Tara Trainee").unit("Sales"));
    let coach = g.person(Who::new("coach@example.com", "Carla Coach"));
    let other = g.person(Who::new("otto@example.com", "Otto Other"));
    let colleague = g.person(Who::new("cole@example.com", "Cole Colleague").unit("Sales"));
    g.cotrainers(&[
        (&coach, "coach@example.com", 5, &["en"]),
        (&other, "otto@example.com", 5, &["en"]),
        (&colleague, "cole@example.com", 5, &["en"]),
    ])
    .await;
    let enrollment = g.enroll(&[(&tara, "tara@example.com")]).await.remove(0);
    g.submit(&tara, &enrollment, "purpose-canvas", "## Purpose\nMine.")
        .await;
    let review = g.reviews().remove(0);
    assert_ne!(
        review.reviewer_id, colleague,
        "the same org unit is skipped"
    );
    let path = format!("/api/v1/reviews/{}", review.id);

    let as_owner = api(&app, &g.owner_token, "GET", &path, None).await.json();
    let allocated = &as_owner["history"][0];
    assert_eq!(allocated["action"], "allocated");
    assert_eq!(
        allocated["details"]["skipped"]["same_org_unit"], 1,
        "the owner sees why: {allocated}"
    );

    let grader = review.reviewer_id.clone();
    let grader_token = token(&app, &grader);
    let as_grader = api(&app, &grader_token, "GET", &path, None).await;
    assert_eq!(as_grader.status, 200, "{}", as_grader.body);
    let seen = as_grader.json();
    assert_eq!(seen["history"][0]["details"], serde_json::json!({}));
    assert!(seen["allocation_reason"].is_null());
    for word in [
        "\"skipped\"",
        "\"considered\"",
        "same_org_unit",
        "lowest_load",
    ] {
        assert!(
            !as_grader.body.contains(word),
            "{word} in {}",
            as_grader.body
        );
    }

    let next = if grader == coach {
        "otto@example.com"
    } else {
        "coach@example.com"
    };
    let moved = api(
        &app,
        &g.owner_token,
        "POST",
        &format!("{path}/reassign"),
        Some(serde_json::json!({ "to": next })),
    )
    .await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    assert_eq!(
        api(&app, &grader_token, "GET", &path, None).await.status,
        404,
        "a co-trainer moved off the review no longer reads it"
    );
    let page = crate::support::browser::signed_in(&app, &grader)
        .await
        .get(&format!("/reviews/{}", review.id))
        .await;
    assert_eq!(page.status, 404);
}
