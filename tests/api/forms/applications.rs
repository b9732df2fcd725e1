//! The application forms: the apply form and the manager's answer, refused, show each message
//! beside its field and keep what was typed.

use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::applications::{applicant, apply, self_study_certificate, setup};
use crate::support::fixtures::people::create_person;
use crate::support::scrape::assert_marked;

#[actix_web::test]
async fn a_refused_application_shows_each_message_at_its_field() {
    let app = spawn_app().await;
    setup(&app);
    let fay = applicant(&app, "fay@example.com", "Fay", None);
    self_study_certificate(&app, &fay);
    let browser = signed_in(&app, &fay).await;
    browser.get("/apply/community-manager").await;
    let refused = browser
        .post(
            "/apply/community-manager",
            &[
                ("motivation", ""),
                ("community_name", "Fay Circle"),
                ("community_url", "intranet/fay"),
                ("preferred_cohort_id", "next"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let body = &refused.body;
    assert!(!body.contains("<ul class=\"alert\""), "no list at the top");
    assert!(body.contains("Please correct the fields marked below."));
    assert_marked(body, "motivation", "motivation-error");
    assert_marked(body, "community_url", "community-url-error");
    assert!(body.contains("Write your motivation (up to 2,000 characters)."));
    assert!(body.contains("starting with https:// or http://."));
    assert!(body.contains("value=\"Fay Circle\"") && body.contains("value=\"intranet/fay\""));
    let name = body.split("id=\"community_name\"").nth(1).unwrap();
    assert!(!name.split('>').next().unwrap().contains("aria-invalid"));
}

#[actix_web::test]
async fn a_refused_manager_answer_shows_the_message_at_the_comment_and_keeps_it() {
    let app = spawn_app().await;
    let s = setup(&app);
    let boss = create_person(&app, "boss@example.com", "Bea Boss", false);
    let ada = applicant(&app, "ada@example.com", "Ada", Some("boss@example.com"));
    self_study_certificate(&app, &ada);
    let resp = apply(&app, &ada, Some(&s.cohort)).await;
    assert_eq!(resp.status, 201, "{}", resp.body);
    let id = resp.json()["id"].as_str().unwrap().to_string();
    let as_boss = signed_in(&app, &boss).await;
    as_boss.get(&format!("/applications/{id}/manager")).await;
    let long = format!("Too long {}", "x".repeat(2000));
    let refused = as_boss
        .post(
            &format!("/applications/{id}/manager"),
            &[
                ("decision", "declined"),
                ("comment", &long),
                ("lock_version", "1"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_marked(&refused.body, "comment", "comment-error");
    assert!(
        refused
            .body
            .contains("The comment may have up to 2,000 characters.")
    );
    assert!(
        refused.body.contains(&format!(">{long}</textarea>")),
        "the comment is kept"
    );
}
