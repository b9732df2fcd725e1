//! The profile's password and token forms and the password sign-in: a refusal is shown at the
//! field it concerns, with what was typed kept (passwords are never sent back).

use crate::support::app::spawn_app;
use crate::support::browser::{Browser, signed_in};
use crate::support::fixtures::people::create_person;
use crate::support::scrape::assert_marked;

#[actix_web::test]
async fn password_and_token_refusals_are_shown_at_their_fields() {
    let app = spawn_app().await;
    let anna = create_person(&app, "anna@example.com", "Anna", false);
    let browser = signed_in(&app, &anna).await;
    browser.get("/me").await;
    let short = browser.post("/me/password", &[("password", "short")]).await;
    assert_eq!(short.status, 422, "{}", short.body);
    assert_marked(&short.body, "password", "password-error");
    assert!(
        !short.body.contains("value=\"short\""),
        "a password is not sent back"
    );

    let set = [("password", "the right passphrase 7")];
    assert_eq!(browser.post("/me/password", &set).await.status, 303);
    // Past the minutes after signing in, a change needs the current password.
    app.clock.advance(chrono::Duration::minutes(20));
    let wrong = [
        ("password", "another good passphrase"),
        ("current_password", "not the one"),
    ];
    let refused = browser.post("/me/password", &wrong).await;
    assert!(refused.status >= 400, "{}", refused.body);
    assert_marked(&refused.body, "current_password", "current-password-error");

    let token = [
        ("name", "Reporting script"),
        ("days", "9999"),
        ("current_password", "the right passphrase 7"),
    ];
    let refused = browser.post("/me/tokens", &token).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_marked(&refused.body, "token-days", "token-days-error");
    assert!(refused.body.contains("value=\"Reporting script\""));
    assert!(refused.body.contains("value=\"9999\""));
}

#[actix_web::test]
async fn a_refused_password_sign_in_opens_its_form_with_the_message_in_it() {
    let app = spawn_app().await;
    create_person(&app, "bea@example.com", "Bea", false);
    let visitor = Browser::new(&app);
    visitor.get("/sign-in").await;
    let guess = [
        ("email", "bea@example.com"),
        ("password", "guess guess guess"),
    ];
    let refused = visitor.post("/sign-in/password", &guess).await;
    assert_eq!(refused.status, 401, "{}", refused.body);
    let body = &refused.body;
    assert!(body.contains("<details class=\"card\" open>"), "{body}");
    let form = body.split("action=\"/sign-in/password\"").nth(1).unwrap();
    assert!(form.contains("<p class=\"alert\" role=\"alert\" id=\"pw-error\">"));
    let field = form.split("id=\"pw-password\"").nth(1).unwrap();
    assert!(
        field
            .split('>')
            .next()
            .unwrap()
            .contains("aria-invalid=\"true\"")
    );
    assert!(
        form.contains("value=\"bea@example.com\""),
        "the address is kept"
    );
}
