//! Empty lists say what to do next and link to it: the owner's cohorts, certificates and
//! applications, and a trainee's certificates; a filtered list that finds nothing says so.

use diesel::prelude::*;
use qualify::db::schema::people;

use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::people::create_person;

#[actix_web::test]
async fn an_owner_without_cohorts_is_shown_how_to_create_the_first() {
    let app = spawn_app().await;
    let owner = create_person(&app, "owner@example.com", "Olga Owner", true);
    let browser = signed_in(&app, &owner).await;
    let page = browser.get("/cohorts").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("No cohorts yet."), "{}", page.body);
    assert!(
        page.body
            .contains("A cohort takes trainees through one program")
    );
    assert!(
        page.body
            .contains("<a href=\"#create-cohort\">Create the first cohort</a>")
    );
    assert!(
        page.body.contains("id=\"create-cohort\""),
        "the link's target"
    );
    assert_eq!(
        page.body.matches("class=\"button\"").count(),
        1,
        "one primary button: {}",
        page.body
    );
    let filtered = browser.get("/cohorts?state=running").await;
    assert!(filtered.body.contains("No cohort matches this selection."));
    assert!(!filtered.body.contains("Create the first cohort"));

    diesel::update(people::table.filter(people::id.eq(&owner.0)))
        .set(people::language.eq("de"))
        .execute(&mut **app.conn())
        .unwrap();
    let page = browser.get("/cohorts").await;
    assert!(page.body.contains("Erste Kohorte anlegen"), "{}", page.body);

    let certificates = browser.get("/certificates").await;
    assert!(certificates.body.contains("href=\"/grading\""));
    let applications = browser.get("/applications").await;
    assert!(
        applications.body.contains("Programmseite ansehen"),
        "{}",
        applications.body
    );
}

#[actix_web::test]
async fn a_trainee_without_certificates_is_pointed_to_their_progress() {
    let app = spawn_app().await;
    let tara = create_person(&app, "tara@example.com", "Tara", false);
    let browser = signed_in(&app, &tara).await;
    let page = browser.get("/certificates").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains(
            "Your certificate appears here once your last required assignment has passed."
        ),
        "{}",
        page.body
    );
    assert!(page.body.contains("<a href=\"/learn\">See my progress</a>"));
}
