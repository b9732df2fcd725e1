//! Rate limits on signing in with a password: per account and client address, per account
//! from anywhere in an hour, and the right password refused while a limit holds.

use diesel::prelude::*;

use crate::support::app::spawn_app;
use crate::support::browser::{Browser, signed_in};
use crate::support::fixtures::people::create_person;

#[actix_web::test]
async fn password_attempts_are_limited_even_with_the_right_password() {
    let app = spawn_app().await;
    let a = create_person(&app, "a@example.com", "Anna", false);
    let browser = signed_in(&app, &a).await;
    browser.get("/me").await;
    let password = "the right passphrase 7";
    assert_eq!(
        browser
            .post("/me/password", &[("password", password)])
            .await
            .status,
        303
    );
    let attacker = Browser::new(&app);
    for _ in 0..5 {
        assert_eq!(
            attacker
                .post(
                    "/sign-in/password",
                    &[
                        ("email", "a@example.com"),
                        ("password", "guess guess guess")
                    ]
                )
                .await
                .status,
            401
        );
    }
    let blocked = attacker
        .post(
            "/sign-in/password",
            &[("email", "a@example.com"), ("password", password)],
        )
        .await;
    assert_eq!(blocked.status, 429);
    assert!(blocked.header("retry-after").is_some());
}
/// Failed passwords count per account and address: someone failing on purpose from their own
/// address does not lock the person out, who still signs in from theirs.
#[actix_web::test]
async fn failing_on_purpose_from_one_address_locks_nobody_out() {
    let app = crate::support::app::spawn_app_with(|s| {
        s.insert("QUALIFY_TRUSTED_PROXIES".into(), "1".into());
    })
    .await;
    let a = create_person(&app, "a@example.com", "Anna", false);
    let owner_browser = signed_in(&app, &a).await;
    owner_browser.get("/me").await;
    let password = "the right passphrase 7";
    assert_eq!(
        owner_browser
            .post("/me/password", &[("password", password)])
            .await
            .status,
        303
    );
    let attacker = Browser::new(&app);
    attacker.get("/").await;
    for _ in 0..5 {
        assert_eq!(
            from(&app, &attacker, "198.51.100.9", "guess guess guess").await,
            401
        );
    }
    assert_eq!(
        from(&app, &attacker, "198.51.100.9", password).await,
        429,
        "the guessing address is stopped"
    );
    let anna = Browser::new(&app);
    anna.get("/").await;
    assert_eq!(
        from(&app, &anna, "203.0.113.7", password).await,
        303,
        "the person signs in from their own address"
    );
}

/// An account takes at most 100 failed passwords an hour from everywhere together: the
/// hundredth, from yet another address, stops every address until the hour is over.
#[actix_web::test]
async fn an_account_takes_at_most_a_hundred_failed_passwords_an_hour() {
    use qualify::clock::Clock as _;
    use qualify::db::schema::rate_limits;
    let app = crate::support::app::spawn_app_with(|s| {
        s.insert("QUALIFY_TRUSTED_PROXIES".into(), "1".into());
    })
    .await;
    let a = create_person(&app, "a@example.com", "Anna", false);
    let browser = signed_in(&app, &a).await;
    browser.get("/me").await;
    let password = "the right passphrase 7";
    let set = browser
        .post("/me/password", &[("password", password)])
        .await;
    assert_eq!(set.status, 303);
    // 99 failures from many addresses in this hour, as the limiter counted them.
    let bucket = format!(
        "signin-password-failed:{}",
        qualify::accounts::tokens::hash_token("a@example.com")
    );
    diesel::insert_into(rate_limits::table)
        .values((
            rate_limits::bucket.eq(&bucket),
            rate_limits::window_start.eq(app.clock.now_naive()),
            rate_limits::hits.eq(99),
        ))
        .execute(&mut **app.conn())
        .unwrap();
    let guesser = Browser::new(&app);
    guesser.get("/").await;
    assert_eq!(
        from(&app, &guesser, "198.51.100.100", "guess guess").await,
        401
    );
    let anna = Browser::new(&app);
    anna.get("/").await;
    assert_eq!(from(&app, &anna, "203.0.113.7", password).await, 429);
    app.clock.advance(chrono::Duration::minutes(20));
    assert_eq!(
        from(&app, &anna, "203.0.113.7", password).await,
        429,
        "the account's window is an hour, not fifteen minutes"
    );
    app.clock.advance(chrono::Duration::minutes(41));
    assert_eq!(from(&app, &anna, "203.0.113.7", password).await, 303);
}

/// Tries a password for a@example.com as a client behind the trusted proxy at `ip`.
async fn from(
    app: &crate::support::app::TestApp,
    browser: &Browser<'_>,
    ip: &str,
    pass: &str,
) -> u16 {
    let token = browser.csrf();
    let fields = [
        ("email", "a@example.com"),
        ("password", pass),
        ("csrf_token", token.as_str()),
    ];
    browser
        .post_raw(
            "/sign-in/password",
            &fields,
            &[("Origin", app.address.as_str()), ("X-Forwarded-For", ip)],
        )
        .await
        .status
}
