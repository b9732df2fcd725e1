//! The cohort page's co-trainer form: unknown addresses are named at the field and the list
//! as typed is kept.

use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::applications::planned_cohort;
use crate::support::fixtures::people::create_person;

#[actix_web::test]
async fn unknown_co_trainers_are_named_at_their_field_with_the_list_kept() {
    let app = spawn_app().await;
    let owner = create_person(&app, "owner@example.com", "Olga Owner", true);
    create_person(&app, "carla@example.com", "Carla Coach", false);
    let cohort = planned_cohort(
        &app,
        "Spring",
        chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
    );
    let browser = signed_in(&app, &owner).await;
    browser.get(&format!("/cohorts/{cohort}")).await;
    let typed = "carla@example.com\nnobody@example.com";
    let refused = browser
        .post(
            &format!("/cohorts/{cohort}/cotrainers"),
            &[("emails", typed)],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let body = &refused.body;
    let field = body
        .split("id=\"emails\"")
        .nth(1)
        .unwrap()
        .split('>')
        .next()
        .unwrap();
    assert!(
        field.contains("aria-invalid=\"true\" aria-describedby=\"emails-error\""),
        "{field}"
    );
    let error = body
        .split("<p class=\"field-error\" id=\"emails-error\">")
        .nth(1)
        .unwrap();
    assert!(
        error
            .split("</p>")
            .next()
            .unwrap()
            .contains("nobody@example.com"),
        "{error}"
    );
    assert!(
        body.contains(&format!(">{typed}</textarea>")),
        "the list is kept"
    );
}
