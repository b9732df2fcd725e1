//! A refused form names each error beside its field (and marks the field invalid for
//! assistive technology), with one line at the top saying there is something to correct.

use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::people::create_person;

#[actix_web::test]
async fn a_refused_profile_names_the_error_beside_its_field() {
    let app = spawn_app().await;
    let jana = create_person(&app, "jana@example.com", "Jana Schmidt", false);
    let browser = signed_in(&app, &jana).await;
    let page = browser.get("/me").await;
    let lock = crate::support::scrape::field(&page.body, "lock_version").unwrap();
    let refused = browser
        .post(
            "/me",
            &[
                ("name", " "),
                ("language", "en"),
                ("time_zone", "Mars/Olympus"),
                ("lock_version", &lock),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let body = &refused.body;
    let name_error = body.find("id=\"name-error\"").expect("the name's error");
    let name_field = body.find("id=\"name\"").unwrap();
    assert!(name_error < name_field, "the error sits with its field");
    assert!(body.contains("aria-describedby=\"name-error\""));
    assert!(body.contains("id=\"time-zone-error\""));
    assert!(body.contains("aria-invalid=\"true\""));
    assert!(!body.contains("id=\"language-error\""), "language was fine");
}
