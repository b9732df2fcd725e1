//! The owner's forms: creating a cohort with a bad name, date and time zone, and the report
//! filters with a bad date and range, each message at its field.

use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::people::create_person;

/// The input with `id` is marked invalid, described by `error`, and the message is on the page.
fn assert_at_field(body: &str, id: &str, error: &str, message: &str) {
    let input = body
        .split(&format!("id=\"{id}\""))
        .nth(1)
        .and_then(|rest| rest.split('>').next())
        .unwrap_or_else(|| panic!("no field {id} in {body}"));
    assert!(
        input.contains(&format!(
            "aria-invalid=\"true\" aria-describedby=\"{error}\""
        )),
        "{id}: {input}"
    );
    let shown = format!("<p class=\"field-error\" id=\"{error}\">{message}</p>");
    assert!(body.contains(&shown), "{shown} missing in {body}");
}

#[actix_web::test]
async fn a_refused_cohort_shows_each_message_at_its_field_with_the_typed_values() {
    let app = spawn_app().await;
    let owner = create_person(&app, "owner@example.com", "Olga Owner", true);
    let browser = signed_in(&app, &owner).await;
    browser.get("/cohorts").await;
    let refused = browser
        .post(
            "/cohorts",
            &[
                ("program", "community-manager"),
                ("name", "   "),
                ("starts_on", "31.02.2027"),
                ("time_zone", "Mars/Olympus"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let body = &refused.body;
    assert!(body.contains("Please correct the fields marked below."));
    assert!(!body.contains("<ul class=\"alert\""), "no list at the top");
    assert_at_field(
        body,
        "name",
        "name-error",
        "Please give the cohort a name (at most 120 characters).",
    );
    assert_at_field(
        body,
        "starts_on",
        "starts-on-error",
        "Please enter the start date as a date, for example 2027-03-01.",
    );
    assert_at_field(
        body,
        "time_zone",
        "time-zone-error",
        "Please choose a time zone from the list.",
    );
    assert!(
        body.contains("value=\"31.02.2027\""),
        "the typed date is kept"
    );
    assert!(
        body.contains("<option value=\"Mars/Olympus\" selected>"),
        "the typed zone is kept"
    );

    let good = browser
        .post(
            "/cohorts",
            &[
                ("program", "community-manager"),
                ("name", "Autumn"),
                ("starts_on", "2027-09-06"),
                ("time_zone", "Europe/Berlin"),
            ],
        )
        .await;
    assert_eq!(good.status, 303, "{}", good.body);
}

#[actix_web::test]
async fn report_filters_show_their_messages_at_their_fields() {
    let app = spawn_app().await;
    let owner = create_person(&app, "owner@example.com", "Olga Owner", true);
    let browser = signed_in(&app, &owner).await;
    let page = browser
        .get("/reports?report=certificates&from=2027-13-01&to=2026-01-01&expiring_days=x")
        .await;
    assert_eq!(page.status, 422, "{}", page.body);
    let body = &page.body;
    for (id, error) in [
        ("from", "from-error"),
        ("expiring_days", "expiring-days-error"),
    ] {
        assert!(
            body.contains(&format!(
                "aria-invalid=\"true\" aria-describedby=\"{error}\""
            )),
            "{id} in {body}"
        );
        assert!(body.contains(&format!("<p class=\"field-error\" id=\"{error}\">")));
    }
    assert!(body.contains("value=\"2027-13-01\"") && body.contains("value=\"x\""));
}
