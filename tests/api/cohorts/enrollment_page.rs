//! The roster is one line per trainee with a link to the trainee's enrollment page, where the
//! owner moves, defers, extends or withdraws: the roster carries no form per row, so it stays
//! small however many cohorts and assignments the program has.

use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::cohorts::create_cohort;
use crate::support::fixtures::people::create_person;

#[actix_web::test]
async fn the_owner_moves_a_trainee_from_the_enrollment_page() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga Owner", true);
    let owner = signed_in(&app, &owner_id).await;
    let from = create_cohort(&owner, "Spring", "2027-03-01").await;
    let to = create_cohort(&owner, "Autumn", "2027-09-01").await;
    create_person(&app, "tom@example.com", "Tom Trainee", false);
    owner.get(&format!("/cohorts/{from}")).await;
    let enrolled = owner
        .post(
            &format!("/cohorts/{from}/enrollments"),
            &[("people", "tom@example.com")],
        )
        .await;
    assert!(enrolled.status < 400, "{}", enrolled.body);
    let roster = owner.get(&format!("/cohorts/{from}")).await.body;
    let trainees = roster.split("<h2>Trainees</h2>").nth(1).unwrap();
    let table = trainees.split("</table>").next().unwrap();
    assert!(
        !table.contains("<select") && !table.contains("<form"),
        "{table}"
    );
    let link = table
        .split("href=\"/enrollments/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a link to the enrollment page");
    let page = owner.get(&format!("/enrollments/{link}")).await;
    assert_eq!(page.status, 200);
    for expected in ["Tom Trainee", "Autumn", "name=\"until\"", "/withdraw\""] {
        assert!(page.body.contains(expected), "{expected}: {}", page.body);
    }
    let moved = owner
        .post(
            &format!("/enrollments/{link}/move"),
            &[("cohort_id", to.as_str()), ("mode", "move")],
        )
        .await;
    assert!(moved.status < 400, "{}", moved.body);
    assert!(
        owner
            .get(&format!("/cohorts/{to}"))
            .await
            .body
            .contains("Tom Trainee")
    );
    let missing = owner.get("/enrollments/no-such-enrollment").await;
    assert_eq!(missing.status, 404);
}
