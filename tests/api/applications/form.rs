//! The apply form in the browser: a refused form comes back with the typed values and the
//! reason, a good one leads to the learning page, which shows the application's state.

use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::applications::{
    applicant, planned_cohort, self_study_certificate, setup,
};

#[actix_web::test]
async fn the_form_keeps_what_was_typed_when_refused_and_the_learning_page_shows_the_state() {
    let app = spawn_app().await;
    setup(&app);
    let later = planned_cohort(
        &app,
        "Autumn",
        chrono::NaiveDate::from_ymd_opt(2027, 9, 6).unwrap(),
    );
    let fay = applicant(&app, "fay@example.com", "Fay", None);
    self_study_certificate(&app, &fay);
    let browser = signed_in(&app, &fay).await;
    let learn = browser.get("/learn").await;
    assert!(
        learn.body.contains("href=\"/apply/community-manager\""),
        "{}",
        learn.body
    );
    let form = browser.get("/apply/community-manager").await;
    assert!(form.body.contains("Spring (2027-03-01)") && form.body.contains("Autumn (2027-09-06)"));
    let fields = [
        ("motivation", "Our <b>team</b> needs this"),
        ("community_name", "Fay's Circle"),
        ("community_url", "intranet/fay"),
        ("preferred_cohort_id", later.as_str()),
    ];
    let refused = browser.post("/apply/community-manager", &fields).await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("starting with https:// or http://"),
        "{}",
        refused.body
    );
    assert!(
        refused
            .body
            .contains("Our &lt;b&gt;team&lt;/b&gt; needs this"),
        "typed and escaped"
    );
    assert!(
        refused
            .body
            .contains(&format!("value=\"{later}\" selected"))
    );
    let mut good = fields;
    good[2] = ("community_url", "https://intranet.example.com/fay");
    let sent = browser.post("/apply/community-manager", &good).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert_eq!(sent.header("location"), Some("/learn?applied=1"));
    let learn = browser.get("/learn").await;
    assert!(learn.body.contains("Submitted"), "{}", learn.body);
    assert!(!learn.body.contains("href=\"/apply/community-manager\""));
    let again = browser.get("/apply/community-manager").await;
    assert!(again.body.contains("You already have an open application"));
}
