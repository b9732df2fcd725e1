//! A moved module reaches the trainee's pages at once: the schedule each page shows is kept in
//! memory per version of the cohort, and moving a module makes a new version.

use qualify::db::models::{Enrollment, Person, ScheduleEntry};
use qualify::domain::ids::EnrollmentId;

use crate::browser::signed_in;
use crate::helpers::spawn_app;
use crate::journey::enrolled;

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
    assert!(!before.body.contains("2026-04-20 23:59"), "{}", before.body);

    let owner_id = Person::find_by_email(&mut app.conn(), "owner@example.com")
        .unwrap()
        .unwrap()
        .id;
    let owner = signed_in(&app, &owner_id).await;
    owner.get(&format!("/cohorts/{}", cohort.0)).await;
    for (due, seen) in [
        ("2026-04-20", "2026-04-20 23:59"),
        ("2026-04-27", "2026-04-27 23:59"),
    ] {
        let moved = owner
            .post(
                &format!("/cohorts/{}/schedule/{}", cohort.0, module.0),
                &[("unlock_on", "2026-03-16"), ("due_on", due)],
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
        !after.body.contains("2026-04-20 23:59"),
        "the first move is gone"
    );
}
