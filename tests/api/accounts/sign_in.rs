//! Signing in: links by mail (once, expiring, no enumeration), passwords (their limits are in
//! `password_limits`), and secrets kept out of the logs.

use chrono::Duration;
use diesel::prelude::*;
use qualify::db::schema::audit_log;

use crate::support::app::{captured_logs, spawn_app};
use crate::support::browser::{Browser, signed_in};
use crate::support::fixtures::people::{create_person, person};
use crate::support::scrape::{link_token, sign_in_link};

#[actix_web::test]
async fn a_sign_in_link_arrives_by_mail_and_signs_in_once() {
    let app = spawn_app().await;
    create_person(&app, "jana@example.com", "Jana Schmidt", false);
    let browser = Browser::new(&app);
    let sent = browser
        .post("/sign-in/link", &[("email", "JANA@example.com")])
        .await;
    assert_eq!(sent.status, 200);
    let mails = app.deliver().await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "jana@example.com");
    let link = sign_in_link(&mails[0].raw);
    let token = link_token(&link);
    assert!(token.len() >= 43, "at least 256 bits");
    {
        let mut conn = app.conn();
        let stored: Vec<String> = qualify::db::schema::sign_in_tokens::table
            .select(qualify::db::schema::sign_in_tokens::token_hash)
            .load(&mut **conn)
            .unwrap();
        assert!(!stored.contains(&token), "only the hash is stored");
        let kept: Vec<(String, String)> = qualify::db::schema::outbox::table
            .select((
                qualify::db::schema::outbox::body_text,
                qualify::db::schema::outbox::body_html,
            ))
            .load(&mut **conn)
            .unwrap();
        assert_eq!(kept.len(), 1);
        assert!(
            kept.iter()
                .all(|(t, h)| !t.contains(&token) && !h.contains(&token)),
            "a sent mail keeps no link: {kept:?}"
        );
    }
    // Opening the link (as a mail scanner would) uses nothing up.
    for _ in 0..2 {
        let page = browser.get(&link).await;
        assert_eq!(page.status, 200);
        assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
    }
    let confirmed = browser.post("/sign-in/confirm", &[("token", &token)]).await;
    assert_eq!(confirmed.status, 303);
    assert_eq!(
        confirmed.header("location"),
        Some("/"),
        "on to the landing page"
    );
    let cookie = confirmed
        .headers
        .get_all("set-cookie")
        .map(|c| c.to_str().unwrap().to_string())
        .find(|c| c.starts_with("qualify_session="))
        .unwrap();
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain http in tests");
    let me = browser.get("/me").await;
    assert_eq!(me.status, 200);
    assert!(me.body.contains("Jana Schmidt"));
    assert_eq!(me.header("cache-control"), Some("no-store"));

    let again = Browser::new(&app);
    again.get(&link).await;
    let reused = again.post("/sign-in/confirm", &[("token", &token)]).await;
    assert_eq!(reused.status, 410, "a link works once");
    assert!(again.cookie("qualify_session").is_none());
}

#[actix_web::test]
async fn an_expired_link_does_not_sign_in() {
    let app = spawn_app().await;
    create_person(&app, "jana@example.com", "Jana", false);
    let browser = Browser::new(&app);
    browser
        .post("/sign-in/link", &[("email", "jana@example.com")])
        .await;
    let link = sign_in_link(&app.deliver().await[0].raw);
    app.clock.advance(Duration::minutes(11));
    assert_eq!(browser.get(&link).await.status, 410);
    let token = link_token(&link);
    assert_eq!(
        browser
            .post("/sign-in/confirm", &[("token", &token)])
            .await
            .status,
        410
    );
}

#[actix_web::test]
async fn link_requests_answer_the_same_for_unknown_addresses() {
    let app = spawn_app().await;
    create_person(&app, "known@example.com", "Known", false);
    let browser = Browser::new(&app);
    let known = browser
        .post("/sign-in/link", &[("email", "known@example.com")])
        .await;
    let unknown = browser
        .post("/sign-in/link", &[("email", "nobody@example.com")])
        .await;
    assert_eq!(known.status, unknown.status);
    assert_eq!(
        known.body.replace("known@example.com", "X"),
        unknown.body.replace("nobody@example.com", "X")
    );
    assert_eq!(
        app.deliver().await.len(),
        1,
        "only the real account gets a mail"
    );
}

/// Link mails are capped per account, but over the cap the answer is the same as before (no
/// lockout, and nobody learns whether the account exists): the links already sent keep
/// working. Requests from one address are limited with a 429.
#[actix_web::test]
async fn link_mails_are_capped_per_account_without_locking_anyone_out() {
    let app = spawn_app().await;
    create_person(&app, "jana@example.com", "Jana", false);
    let browser = Browser::new(&app);
    let mut answers = Vec::new();
    for email in ["jana@example.com", "ghost@example.com"] {
        for _ in 0..7 {
            let sent = browser.post("/sign-in/link", &[("email", email)]).await;
            assert_eq!(sent.status, 200, "{email}");
            answers.push(sent.body.replace(email, "X"));
        }
    }
    assert!(
        answers.windows(2).all(|w| w[0] == w[1]),
        "every answer alike"
    );
    let mails = app.deliver().await;
    assert_eq!(mails.len(), 5, "five mails, then no more in the window");
    let first = sign_in_link(&mails[0].raw);
    let token = link_token(&first);
    browser.get(&first).await;
    let signed = browser.post("/sign-in/confirm", &[("token", &token)]).await;
    assert_eq!(signed.status, 303, "a link already sent still signs in");

    // One address asking for many accounts is stopped.
    let flood = Browser::new(&app);
    let mut last = 0;
    for n in 0..31 {
        last = flood
            .post("/sign-in/link", &[("email", &format!("p{n}@example.com"))])
            .await
            .status;
    }
    assert_eq!(last, 429);
    app.clock.advance(Duration::minutes(16));
    assert_eq!(
        flood
            .post("/sign-in/link", &[("email", "p0@example.com")])
            .await
            .status,
        200
    );
}

#[actix_web::test]
async fn passwords_can_be_set_and_used_and_failures_look_alike() {
    let app = spawn_app().await;
    let a = create_person(&app, "a@example.com", "Anna", false);
    let browser = signed_in(&app, &a).await;
    browser.get("/me").await;
    let weak = browser
        .post("/me/password", &[("password", "password123")])
        .await;
    assert_eq!(weak.status, 422);
    assert!(weak.body.contains("too easy to guess"));
    let long = "correct horse battery staple ".repeat(3);
    assert_eq!(
        browser
            .post("/me/password", &[("password", &long)])
            .await
            .status,
        303
    );
    let hash = person(&app, "a@example.com").password_hash.unwrap();
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );

    let other = Browser::new(&app);
    let ok = other
        .post(
            "/sign-in/password",
            &[("email", "a@example.com"), ("password", &long)],
        )
        .await;
    assert_eq!(ok.status, 303);
    let fresh = Browser::new(&app);
    let wrong = fresh
        .post(
            "/sign-in/password",
            &[
                ("email", "a@example.com"),
                ("password", "wrong wrong wrong"),
            ],
        )
        .await;
    let unknown = fresh
        .post(
            "/sign-in/password",
            &[
                ("email", "ghost@example.com"),
                ("password", "wrong wrong wrong"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 401);
    assert_eq!(unknown.status, 401);
    assert_eq!(
        wrong.body.replace("a@example.com", "X"),
        unknown.body.replace("ghost@example.com", "X")
    );
    let mut conn = app.conn();
    let failures: i64 = audit_log::table
        .filter(audit_log::action.eq("sign_in_failed"))
        .count()
        .get_result(&mut **conn)
        .unwrap();
    assert_eq!(failures, 2);
}

#[actix_web::test]
async fn secrets_never_reach_the_logs() {
    let app = spawn_app().await;
    let a = create_person(&app, "secret.person@example.com", "Sina", false);
    let browser = Browser::new(&app);
    browser
        .post("/sign-in/link", &[("email", "secret.person@example.com")])
        .await;
    browser
        .post("/sign-in/link", &[("email", "unknown.person@example.com")])
        .await;
    let link = sign_in_link(&app.deliver().await[0].raw);
    let token = link_token(&link);
    browser.get(&link).await;
    browser.post("/sign-in/confirm", &[("token", &token)]).await;
    let session = browser.cookie("qualify_session").unwrap();
    let csrf = {
        browser.get("/me").await;
        browser.csrf()
    };
    let password = "a very secret passphrase 42";
    browser
        .post("/me/password", &[("password", password)])
        .await;
    let other = Browser::new(&app);
    other
        .post(
            "/sign-in/password",
            &[
                ("email", "secret.person@example.com"),
                ("password", "wrong but secret 99"),
            ],
        )
        .await;
    browser.post("/me/tokens", &[("name", "x")]).await;
    let api_token = {
        let mut conn = app.conn();
        qualify::db::models::ApiToken::list_by_person(&mut conn, &a).unwrap()[0]
            .prefix
            .clone()
    };
    let logs = captured_logs();
    assert!(
        logs.contains("u***@example.com"),
        "masked addresses are logged: {logs}"
    );
    for secret in [
        token.as_str(),
        session.as_str(),
        csrf.as_str(),
        password,
        "wrong but secret 99",
        "secret.person@example.com",
        "unknown.person@example.com",
        &api_token,
    ] {
        assert!(!logs.contains(secret), "{secret} appeared in the logs");
    }
}

/// A password hash made with weaker parameters than today's still signs in, and is made again
/// with today's parameters on the way.
#[actix_web::test]
async fn an_old_hash_is_made_again_with_todays_parameters_at_sign_in() {
    use argon2::password_hash::{PasswordHasher, SaltString};
    use qualify::db::schema::people;
    let app = spawn_app().await;
    let anna = create_person(&app, "a@example.com", "Anna", false);
    let password = "an old but good passphrase";
    let weak = argon2::Argon2::new(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        argon2::Params::new(4096, 1, 1, None).unwrap(),
    )
    .hash_password(
        password.as_bytes(),
        &SaltString::encode_b64(&[9u8; 16]).unwrap(),
    )
    .unwrap()
    .to_string();
    diesel::update(people::table.filter(people::id.eq(anna.as_str())))
        .set(people::password_hash.eq(&weak))
        .execute(&mut **app.conn())
        .unwrap();
    let browser = Browser::new(&app);
    browser.get("/sign-in").await;
    let signed_in = browser
        .post(
            "/sign-in/password",
            &[("email", "a@example.com"), ("password", password)],
        )
        .await;
    assert_eq!(signed_in.status, 303, "{}", signed_in.body);
    let stored = person(&app, "a@example.com").password_hash.unwrap();
    assert!(
        stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{stored}"
    );
    let again = Browser::new(&app);
    again.get("/sign-in").await;
    let second = again
        .post(
            "/sign-in/password",
            &[("email", "a@example.com"), ("password", password)],
        )
        .await;
    assert_eq!(second.status, 303, "the new hash holds the same password");
}
