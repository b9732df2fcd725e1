//! The enrollment page's forms: a refused extension or move shows the page again with the
//! message at its field and what was chosen and typed kept.

use crate::support::app::{TestApp, spawn_app};
use crate::support::browser::{Browser, signed_in};
use crate::support::fixtures::cohorts::create_cohort;
use crate::support::fixtures::people::create_person;
use crate::support::scrape::assert_marked;

/// The owner's browser, the trainee's cohort and enrollment page address, and a cohort that
/// starts earlier.
async fn enrolled(app: &TestApp) -> (Browser<'_>, String, String) {
    let owner_id = create_person(app, "owner@example.com", "Olga Owner", true);
    let owner = signed_in(app, &owner_id).await;
    let spring = create_cohort(&owner, "Spring", "2027-03-01").await;
    let winter = create_cohort(&owner, "Winter", "2027-01-11").await;
    create_person(app, "tom@example.com", "Tom Trainee", false);
    owner.get(&format!("/cohorts/{spring}")).await;
    let people = [("people", "tom@example.com")];
    let enrolled = owner
        .post(&format!("/cohorts/{spring}/enrollments"), &people)
        .await;
    assert!(enrolled.status < 400, "{}", enrolled.body);
    let roster = owner.get(&format!("/cohorts/{spring}")).await.body;
    let id = roster
        .split("href=\"/enrollments/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a link to the enrollment page")
        .to_string();
    (owner, format!("/enrollments/{id}"), winter)
}

#[actix_web::test]
async fn a_refused_extension_shows_its_messages_at_the_fields_and_keeps_the_typing() {
    let app = spawn_app().await;
    let (owner, page, _) = enrolled(&app).await;
    owner.get(&page).await;
    let past = [
        ("assignment", "purpose-canvas"),
        ("until", "2020-01-01"),
        ("reason", "Krankheit"),
    ];
    let refused = owner.post(&format!("{page}/extensions"), &past).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let body = &refused.body;
    assert_marked(body, "until", "until-error");
    assert!(body.contains("The new due date cannot be in the past."));
    assert!(body.contains("value=\"Krankheit\"") && body.contains("value=\"2020-01-01\""));
    assert!(
        body.contains("<option value=\"purpose-canvas\" selected>"),
        "{body}"
    );
    assert!(body.contains("Please correct the fields marked below."));

    let unreadable = [
        ("assignment", "purpose-canvas"),
        ("until", "next week"),
        ("reason", " "),
    ];
    let refused = owner.post(&format!("{page}/extensions"), &unreadable).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_marked(&refused.body, "until", "until-error");
    assert_marked(&refused.body, "reason", "reason-error");
    assert!(refused.body.contains("Dates must look like 2027-03-01."));
    assert!(refused.body.contains("value=\"next week\""));
}

#[actix_web::test]
async fn deferring_to_an_earlier_cohort_is_refused_at_the_cohort_choice() {
    let app = spawn_app().await;
    let (owner, page, winter) = enrolled(&app).await;
    assert!(owner.get(&page).await.body.contains("Winter"));
    let defer = [("cohort_id", winter.as_str()), ("mode", "defer")];
    let refused = owner.post(&format!("{page}/move"), &defer).await;
    assert!(
        [409, 422].contains(&refused.status),
        "{}: {}",
        refused.status,
        refused.body
    );
    assert_marked(&refused.body, "cohort_id", "cohort-id-error");
    assert!(
        refused
            .body
            .contains(&format!("<option value=\"{winter}\" selected>")),
        "the choice is kept"
    );
    assert!(refused.body.contains("Tom Trainee"), "the page itself");
}
