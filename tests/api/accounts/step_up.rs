//! The changes a stolen session would want most, a new password and a new API token, need a
//! sign-in within the last ten minutes or the current password; a new password ends every
//! other session and tells the person by mail; tokens expire and show when they were last used.

use chrono::Duration;
use diesel::prelude::*;
use qualify::db::schema::{outbox, sessions};

use crate::support::api::send;
use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::people::create_person;

const FIRST: &str = "correct horse battery staple one";
const SECOND: &str = "correct horse battery staple two";

#[actix_web::test]
async fn a_new_password_after_ten_minutes_needs_the_current_one_and_ends_other_sessions() {
    let app = spawn_app().await;
    let anna = create_person(&app, "anna@example.com", "Anna Adler", false);
    let browser = signed_in(&app, &anna).await;
    browser.get("/me").await;
    let set = browser.post("/me/password", &[("password", FIRST)]).await;
    assert_eq!(set.status, 303, "within ten minutes of signing in");
    let other_device = signed_in(&app, &anna).await;

    app.clock.advance(Duration::minutes(11));
    browser.get("/me").await;
    let refused = browser.post("/me/password", &[("password", SECOND)]).await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("current password"),
        "{}",
        refused.body
    );
    let wrong = browser
        .post(
            "/me/password",
            &[
                ("password", SECOND),
                ("current_password", "not the password"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422);
    let changed = browser
        .post(
            "/me/password",
            &[("password", SECOND), ("current_password", FIRST)],
        )
        .await;
    assert_eq!(changed.status, 303, "{}", changed.body);

    assert_eq!(browser.get("/me").await.status, 200, "this session stays");
    assert_eq!(
        other_device.get("/me").await.status,
        303,
        "every other session ended"
    );
    let left: i64 = sessions::table
        .filter(sessions::person_id.eq(anna.as_str()))
        .count()
        .get_result(&mut **app.conn())
        .unwrap();
    assert_eq!(left, 1);
    let notices: i64 = outbox::table
        .filter(outbox::kind.eq("password_changed"))
        .count()
        .get_result(&mut **app.conn())
        .unwrap();
    assert_eq!(notices, 2, "one notice per change");
    let mails = app.deliver().await;
    assert!(
        mails
            .iter()
            .any(|m| m.to == "anna@example.com" && m.subject.contains("password was changed")),
        "the person is told"
    );
}

#[actix_web::test]
async fn a_token_after_ten_minutes_needs_the_password_and_expires() {
    let app = spawn_app().await;
    let anna = create_person(&app, "anna@example.com", "Anna Adler", false);
    let browser = signed_in(&app, &anna).await;
    browser.get("/me").await;
    assert_eq!(
        browser
            .post("/me/password", &[("password", FIRST)])
            .await
            .status,
        303
    );
    app.clock.advance(Duration::minutes(11));
    browser.get("/me").await;

    let refused = browser
        .post("/me/tokens", &[("name", "Reports script"), ("days", "1")])
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("value=\"Reports script\""),
        "the name as typed is kept"
    );
    let too_long = browser
        .post(
            "/me/tokens",
            &[
                ("name", "Reports script"),
                ("days", "400"),
                ("current_password", FIRST),
            ],
        )
        .await;
    assert_eq!(too_long.status, 422);
    assert!(too_long.body.contains("1 to 365 days"), "{}", too_long.body);

    let made = browser
        .post(
            "/me/tokens",
            &[
                ("name", "Reports script"),
                ("days", "1"),
                ("current_password", FIRST),
            ],
        )
        .await;
    assert_eq!(made.status, 200, "{}", made.body);
    let token = made
        .body
        .split("<code class=\"token\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("the new token is shown once")
        .to_string();
    assert!(token.starts_with("qfy_"));
    assert_eq!(
        send(&app, Some(&token), "GET", "/api/v1/me", None)
            .await
            .status,
        200
    );
    let listed = browser.get("/me").await.body;
    assert!(listed.contains("last used"), "{listed}");
    assert!(listed.contains("valid until"), "{listed}");

    app.clock.advance(Duration::days(2));
    assert_eq!(
        send(&app, Some(&token), "GET", "/api/v1/me", None)
            .await
            .status,
        401,
        "an expired token is refused"
    );
    let later = signed_in(&app, &anna).await.get("/me").await;
    assert!(later.body.contains(">expired<"), "{}", later.body);
}

/// Guessing the current password on a session older than ten minutes stops after five wrong
/// ones, even with the right one next, and each guess counts towards the account's failed
/// sign-ins; signing in again is the way back.
#[actix_web::test]
async fn wrong_current_passwords_are_limited_and_count_as_failed_sign_ins() {
    use qualify::db::schema::rate_limits;
    let app = spawn_app().await;
    let anna = create_person(&app, "anna@example.com", "Anna Adler", false);
    let browser = signed_in(&app, &anna).await;
    browser.get("/me").await;
    let set = browser.post("/me/password", &[("password", FIRST)]).await;
    assert_eq!(set.status, 303);
    app.clock.advance(Duration::minutes(11));
    browser.get("/me").await;
    for n in 0..5 {
        let guess = format!("guess number {n} for the password");
        let wrong = browser
            .post(
                "/me/password",
                &[("password", SECOND), ("current_password", &guess)],
            )
            .await;
        assert_eq!(wrong.status, 422);
        assert!(wrong.body.contains("type your current password"), "{n}");
    }
    let blocked = browser
        .post(
            "/me/password",
            &[("password", SECOND), ("current_password", FIRST)],
        )
        .await;
    assert_eq!(blocked.status, 422);
    assert!(
        blocked.body.contains("Too many wrong passwords"),
        "{}",
        blocked.body
    );
    let counted: i32 = rate_limits::table
        .filter(rate_limits::bucket.like("signin-password-failed:%"))
        .select(rate_limits::hits)
        .first(&mut **app.conn())
        .unwrap();
    assert_eq!(counted, 5, "the account's failed sign-ins");

    let again = signed_in(&app, &anna).await;
    again.get("/me").await;
    let changed = again.post("/me/password", &[("password", SECOND)]).await;
    assert_eq!(changed.status, 303, "a fresh sign-in needs no password");
}
