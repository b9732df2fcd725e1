//! Dates on pages follow the reader's language: the same deadline reads `14.12.2026, 23:59`
//! on a German page and `14 Dec 2026, 11:59 pm` on an English one, while the API keeps ISO.

use diesel::prelude::*;
use qualify::db::models::Enrollment;
use qualify::db::schema::people;
use qualify::domain::ids::CohortId;

use crate::support::api::{api, token};
use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::cohorts::create_cohort;
use crate::support::fixtures::people::create_person;

#[actix_web::test]
async fn a_deadline_reads_as_each_language_writes_it_and_the_api_keeps_iso() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga", true);
    let owner = signed_in(&app, &owner_id).await;
    // The first module is due two weeks after the start, at 23:59.
    let cohort = create_cohort(&owner, "Winter 2026", "2026-11-30").await;
    owner.get(&format!("/cohorts/{cohort}")).await;
    owner
        .post(
            &format!("/cohorts/{cohort}/enrollments"),
            &[("people", "name,email,language\nTara,tara@example.com,en")],
        )
        .await;
    let enrollment = Enrollment::list_by_cohort(&mut app.conn(), &CohortId(cohort))
        .unwrap()
        .remove(0);
    let tara = enrollment.person_id.clone();
    let trainee = signed_in(&app, &tara).await;

    let english = trainee.get("/learn").await;
    assert_eq!(english.status, 200);
    assert!(
        english.body.contains("14 Dec 2026, 11:59 pm"),
        "{}",
        english.body
    );
    assert!(!english.body.contains("2026-12-14"));

    diesel::update(people::table.find(&tara))
        .set(people::language.eq("de"))
        .execute(&mut **app.conn())
        .unwrap();
    let german = trainee.get("/learn").await;
    assert!(german.body.contains("14.12.2026, 23:59"), "{}", german.body);
    assert!(!german.body.contains("2026-12-14"));

    // The API answers in ISO whatever the language.
    let t = token(&app, &tara);
    let progress = api(&app, &t, "GET", "/api/v1/me/progress", None).await;
    assert_eq!(progress.status, 200);
    assert!(progress.body.contains("2026-12-14"), "{}", progress.body);
    assert!(!progress.body.contains("14.12.2026"));
}
