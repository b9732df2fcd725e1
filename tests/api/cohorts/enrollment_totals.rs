//! The running totals the program dashboard reads from each enrollment (passed required work,
//! first certificate not revoked, and each review's turnaround) follow grading and revocation
//! through the real routes.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use qualify::db::schema::{certificates, enrollments, people, reviews};
use qualify::domain::ids::PersonId;

use crate::support::api::{api, token};
use crate::support::app::{TestApp, spawn_app};
use crate::support::fixtures::grading::pass;
use crate::support::fixtures::reports::data;

fn totals(app: &TestApp, email: &str) -> (i32, Option<NaiveDateTime>) {
    enrollments::table
        .inner_join(people::table)
        .filter(people::email.eq(email))
        .select((enrollments::passed_required, enrollments::certified_at))
        .first(&mut **app.conn())
        .unwrap()
}

#[actix_web::test]
async fn totals_follow_grading_and_revocation() {
    let app = spawn_app().await;
    let d = data(&app).await;
    let ada = totals(&app, "ada@example.com");
    assert_eq!(ada.0, 5, "five passes");
    assert!(ada.1.is_some(), "certified");
    assert_eq!(totals(&app, "ben@example.com").0, 0);
    assert!(
        totals(&app, "ben@example.com").1.is_some(),
        "an expired certificate still counts"
    );
    assert_eq!(
        totals(&app, "evil@example.com"),
        (0, None),
        "a revoked certificate does not count"
    );

    // Carla passes Ben's canvas through the API.
    let (carla, review): (String, String) = {
        let mut conn = app.conn();
        let carla = people::table
            .filter(people::email.eq("carla@example.com"))
            .select(people::id)
            .first(&mut **conn)
            .unwrap();
        let review = reviews::table
            .filter(reviews::state.eq_any(["allocated", "started"]))
            .select(reviews::id)
            .first(&mut **conn)
            .unwrap();
        (carla, review)
    };
    pass(&app, &token(&app, &PersonId(carla)), &review).await;
    assert_eq!(totals(&app, "ben@example.com").0, 1, "the pass is counted");
    let (allocated, completed, minutes): (NaiveDateTime, Option<NaiveDateTime>, Option<i32>) =
        reviews::table
            .find(&review)
            .select((
                reviews::allocated_at,
                reviews::completed_at,
                reviews::turnaround_minutes,
            ))
            .first(&mut **app.conn())
            .unwrap();
    assert_eq!(
        minutes,
        Some((completed.expect("completed") - allocated).num_minutes() as i32),
        "the review keeps its turnaround"
    );

    // The owner revokes Ada's certificate.
    let ada_certificate: String = certificates::table
        .filter(certificates::public_id.eq("ADACODE"))
        .select(certificates::id)
        .first(&mut **app.conn())
        .unwrap();
    let revoked = api(
        &app,
        &d.owner,
        "POST",
        &format!("/api/v1/certificates/{ada_certificate}/revoke"),
        Some(serde_json::json!({ "reason": "Plagiarism" })),
    )
    .await;
    assert_eq!(revoked.status, 200, "{}", revoked.body);
    assert_eq!(
        totals(&app, "ada@example.com"),
        (5, None),
        "no longer certified"
    );
}
