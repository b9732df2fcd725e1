//! Accounts: sign-in links, sessions, passwords, invitations, API tokens, rate limits.

use chrono::Duration;
use diesel::prelude::*;
use qualify::db::models::{AuditEntry, Person};
use qualify::db::schema::{audit_log, outbox, people};

use crate::browser::{Browser, create_person, sign_in_with, signed_in};
use crate::helpers::spawn_app;

fn link_from(raw: &str) -> String {
    let start = raw.find("/sign-in/link/").expect("link in the mail");
    raw[start..]
        .split(|c: char| c.is_whitespace() || c == '"' || c == '<')
        .next()
        .unwrap()
        .to_string()
}

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
    let link = link_from(&mails[0].raw);
    let token = link.rsplit('/').next().unwrap().to_string();
    assert!(token.len() >= 43, "at least 256 bits");
    {
        let mut conn = app.conn();
        let stored: Vec<String> = qualify::db::schema::sign_in_tokens::table
            .select(qualify::db::schema::sign_in_tokens::token_hash)
            .load(&mut *conn)
            .unwrap();
        assert!(!stored.contains(&token), "only the hash is stored");
    }
    // Opening the link (as a mail scanner would) uses nothing up.
    for _ in 0..2 {
        let page = browser.get(&link).await;
        assert_eq!(page.status, 200);
        assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
    }
    let confirmed = browser.post("/sign-in/confirm", &[("token", &token)]).await;
    assert_eq!(confirmed.status, 303);
    assert_eq!(confirmed.header("location"), Some("/me"));
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
    let link = link_from(&app.deliver().await[0].raw);
    app.clock.advance(Duration::minutes(11));
    assert_eq!(browser.get(&link).await.status, 410);
    let token = link.rsplit('/').next().unwrap();
    assert_eq!(
        browser
            .post("/sign-in/confirm", &[("token", token)])
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

#[actix_web::test]
async fn link_requests_are_rate_limited_per_account() {
    let app = spawn_app().await;
    create_person(&app, "jana@example.com", "Jana", false);
    let browser = Browser::new(&app);
    for email in ["jana@example.com", "ghost@example.com"] {
        for _ in 0..5 {
            assert_eq!(
                browser
                    .post("/sign-in/link", &[("email", email)])
                    .await
                    .status,
                200
            );
        }
        let limited = browser.post("/sign-in/link", &[("email", email)]).await;
        assert_eq!(limited.status, 429, "{email}");
        let retry: i64 = limited.header("retry-after").unwrap().parse().unwrap();
        assert!((1..=900).contains(&retry));
        assert!(
            limited.body.contains("Zu viele Versuche")
                || limited.body.contains("Too many attempts")
        );
    }
    app.clock.advance(Duration::minutes(16));
    assert_eq!(
        browser
            .post("/sign-in/link", &[("email", "jana@example.com")])
            .await
            .status,
        200
    );
}

#[actix_web::test]
async fn signing_in_replaces_the_previous_session() {
    let app = spawn_app().await;
    let a = create_person(&app, "a@example.com", "Anna", false);
    let b = create_person(&app, "b@example.com", "Bernd", false);
    let browser = signed_in(&app, &a).await;
    let first = browser.cookie("qualify_session").unwrap();
    sign_in_with(&browser, &app, &b).await;
    let second = browser.cookie("qualify_session").unwrap();
    assert_ne!(first, second, "a new session id at sign-in");
    let replay = Browser::new(&app);
    replay.set_cookie("qualify_session", &first);
    let resp = replay.get("/me").await;
    assert_eq!(resp.status, 303, "the old session is dead");
    assert!(
        resp.header("location")
            .unwrap()
            .starts_with("/sign-in?next=")
    );
}

#[actix_web::test]
async fn signing_out_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    let a = create_person(&app, "a@example.com", "Anna", false);
    let browser = signed_in(&app, &a).await;
    let cookie = browser.cookie("qualify_session").unwrap();
    browser.get("/me").await;
    assert_eq!(browser.post("/sign-out", &[]).await.status, 303);
    let replay = Browser::new(&app);
    replay.set_cookie("qualify_session", &cookie);
    assert_eq!(replay.get("/me").await.status, 303);
}

#[actix_web::test]
async fn sign_out_everywhere_and_disabling_end_every_session() {
    let app = spawn_app().await;
    let a = create_person(&app, "a@example.com", "Anna", false);
    let laptop = signed_in(&app, &a).await;
    let phone = signed_in(&app, &a).await;
    laptop.get("/me").await;
    assert_eq!(
        laptop.post("/me/sign-out-everywhere", &[]).await.status,
        303
    );
    assert_eq!(phone.get("/me").await.status, 303);

    let owner = create_person(&app, "owner@example.com", "Olga", true);
    let admin = signed_in(&app, &owner).await;
    let victim = signed_in(&app, &a).await;
    assert_eq!(victim.get("/me").await.status, 200);
    admin.get("/people").await;
    assert_eq!(
        admin
            .post(&format!("/people/{a}"), &[("status", "disabled")])
            .await
            .status,
        303
    );
    assert_eq!(victim.get("/me").await.status, 303, "disabled at once");
    let again = Browser::new(&app);
    again
        .post("/sign-in/link", &[("email", "a@example.com")])
        .await;
    assert!(
        app.deliver().await.is_empty(),
        "no link for a disabled account"
    );
}

#[actix_web::test]
async fn sessions_end_after_30_idle_minutes_and_12_hours() {
    let app = spawn_app().await;
    let a = create_person(&app, "a@example.com", "Anna", false);
    let browser = signed_in(&app, &a).await;
    app.clock.advance(Duration::minutes(29));
    assert_eq!(browser.get("/me").await.status, 200);
    app.clock.advance(Duration::minutes(31));
    assert_eq!(browser.get("/me").await.status, 303, "idle too long");

    let busy = signed_in(&app, &a).await;
    for i in 0..35 {
        app.clock.advance(Duration::minutes(20));
        assert_eq!(
            busy.get("/me").await.status,
            200,
            "after {} minutes",
            (i + 1) * 20
        );
    }
    app.clock.advance(Duration::minutes(20));
    assert_eq!(busy.get("/me").await.status, 303, "12 hours at most");
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
    let hash = {
        let mut conn = app.conn();
        Person::find_by_email(&mut conn, "a@example.com")
            .unwrap()
            .unwrap()
            .password_hash
            .unwrap()
    };
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
        .get_result(&mut *conn)
        .unwrap();
    assert_eq!(failures, 2);
}

#[actix_web::test]
async fn invitations_keep_good_rows_report_bad_ones_and_never_duplicate() {
    let app = spawn_app().await;
    let owner = create_person(&app, "owner@example.com", "Olga Owner", true);
    let browser = signed_in(&app, &owner).await;
    browser.get("/people").await;
    let csv = "name;email;language;org_unit\nAli Demir;ali@example.com;en;IT\nBroken;broken@;de;HR\nEva;eva@example.com;fr;HR\nJana Schmidt;jana@example.com;de;HR\n";
    let first = browser.post("/people/invite", &[("people", csv)]).await;
    assert_eq!(first.status, 422);
    assert!(
        first.body.contains("Line 3") && first.body.contains("Line 4"),
        "{}",
        first.body
    );
    assert!(first.body.contains("broken@"), "the bad value is shown");
    assert!(
        first.body.contains("Ali Demir;ali@example.com"),
        "the text is kept for correction"
    );
    let mails = app.deliver().await;
    assert_eq!(mails.len(), 2);
    let ali = mails.iter().find(|m| m.to == "ali@example.com").unwrap();
    assert!(
        ali.subject.contains("invited"),
        "English for an English row: {}",
        ali.subject
    );
    let jana = mails.iter().find(|m| m.to == "jana@example.com").unwrap();
    assert!(
        jana.subject.contains("Einladung"),
        "German for a German row: {}",
        jana.subject
    );

    let second = browser.post("/people/invite", &[("people", csv)]).await;
    assert!(
        second.body.contains("2 already had an account")
            || second.body.contains("2 hatten bereits"),
        "{}",
        second.body
    );
    let mut conn = app.conn();
    let count: i64 = people::table.count().get_result(&mut *conn).unwrap();
    assert_eq!(count, 3, "owner + 2 invited, no duplicates");
    let invitations: i64 = outbox::table
        .filter(outbox::kind.eq("invitation"))
        .count()
        .get_result(&mut *conn)
        .unwrap();
    assert_eq!(invitations, 2);
    let jana_id = Person::find_by_email(&mut conn, "jana@example.com")
        .unwrap()
        .unwrap()
        .id;
    drop(conn);
    // The invitation link signs the new person in.
    let link = link_from(&jana.raw);
    let newcomer = Browser::new(&app);
    newcomer.get(&link).await;
    let token = link.rsplit('/').next().unwrap();
    assert_eq!(
        newcomer
            .post("/sign-in/confirm", &[("token", token)])
            .await
            .status,
        303
    );
    assert!(newcomer.get("/me").await.body.contains("Jana Schmidt"));
    let audit = {
        let mut conn = app.conn();
        AuditEntry::list(&mut conn, Some("person_invited"), None, 10).unwrap()
    };
    assert_eq!(audit.len(), 2);
    assert!(
        audit
            .iter()
            .any(|e| e.object_id.as_deref() == Some(jana_id.as_str()))
    );
}

#[actix_web::test]
async fn profile_changes_keep_what_was_typed_and_detect_concurrent_edits() {
    let app = spawn_app().await;
    let a = create_person(&app, "a@example.com", "Anna", false);
    let browser = signed_in(&app, &a).await;
    browser.get("/me").await;
    let bad = browser
        .post(
            "/me",
            &[
                ("name", "Anna Neu"),
                ("language", "fr"),
                ("time_zone", "Mars/Olympus"),
                ("lock_version", "1"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("value=\"Anna Neu\""), "typed name kept");
    assert!(bad.body.contains("German or English") && bad.body.contains("time zone"));
    let ok = browser
        .post(
            "/me",
            &[
                ("name", "Anna Neu"),
                ("language", "de"),
                ("time_zone", "Europe/Vienna"),
                ("lock_version", "1"),
            ],
        )
        .await;
    assert_eq!(ok.status, 303);
    let page = browser.get("/me").await;
    assert!(
        page.body.contains("<html lang=\"de\">"),
        "the profile language wins"
    );
    let stale = browser
        .post(
            "/me",
            &[
                ("name", "Anna Alt"),
                ("language", "de"),
                ("time_zone", "Europe/Berlin"),
                ("lock_version", "1"),
            ],
        )
        .await;
    assert_eq!(stale.status, 409);
    assert!(
        stale.body.contains("value=\"Anna Alt\""),
        "the stale edit is shown, not lost"
    );
}

#[actix_web::test]
async fn api_tokens_are_shown_once_work_without_csrf_and_can_be_revoked() {
    let app = spawn_app().await;
    let owner = create_person(&app, "owner@example.com", "Olga", true);
    let browser = signed_in(&app, &owner).await;
    browser.get("/me").await;
    let created = browser.post("/me/tokens", &[("name", "reporting")]).await;
    let start = created.body.find("qfy_").expect("token shown");
    let token = created.body[start..].split('<').next().unwrap().to_string();
    assert!(
        !browser.get("/me").await.body.contains(&token),
        "shown only once"
    );

    let bearer = format!("Bearer {token}");
    let me = app
        .client
        .get(app.url("/api/v1/me"))
        .insert_header(("Authorization", bearer.as_str()))
        .send()
        .await
        .unwrap();
    let me = crate::helpers::Response::from(me).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.json()["email"], "owner@example.com");
    assert_eq!(me.json()["roles"][0], "owner");
    let invite = app
        .client
        .post(app.url("/api/v1/people/invitations"))
        .insert_header(("Authorization", bearer.as_str()))
        .send_json(&serde_json::json!({ "people": [{ "name": "Ali", "email": "ali@example.com" }, { "email": "nope" }] }))
        .await
        .unwrap();
    let invite = crate::helpers::Response::from(invite).await;
    assert_eq!(invite.status, 200, "{}", invite.body);
    assert_eq!(invite.json()["invited"].as_array().unwrap().len(), 1);
    assert_eq!(invite.json()["errors"][0]["line"], 2);

    let token_id = {
        let mut conn = app.conn();
        qualify::db::models::ApiToken::list_by_person(&mut conn, &owner).unwrap()[0]
            .id
            .clone()
    };
    assert_eq!(
        browser
            .post(&format!("/me/tokens/{token_id}/revoke"), &[])
            .await
            .status,
        303
    );
    let after = app
        .client
        .get(app.url("/api/v1/me"))
        .insert_header(("Authorization", bearer.as_str()))
        .send()
        .await
        .unwrap();
    let after = crate::helpers::Response::from(after).await;
    assert_eq!(after.status, 401);
    assert_eq!(
        after.header("content-type"),
        Some("application/problem+json")
    );
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
    let link = link_from(&app.deliver().await[0].raw);
    let token = link.rsplit('/').next().unwrap().to_string();
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
    let logs = crate::helpers::captured_logs();
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

#[actix_web::test]
async fn on_https_the_session_cookie_is_host_prefixed_and_secure() {
    let app = crate::helpers::spawn_app_with(|s| {
        s.insert(
            "QUALIFY_BASE_URL".into(),
            "https://qualify.intranet.example".into(),
        );
    })
    .await;
    let a = create_person(&app, "a@example.com", "Anna", false);
    let browser = Browser::new(&app);
    let token = {
        let mut conn = app.conn();
        qualify::accounts::sign_in::create_link(
            &mut conn,
            &a,
            "sign_in",
            Duration::minutes(10),
            qualify::clock::Clock::now_naive(&*app.clock),
        )
        .unwrap()
    };
    browser.get(&format!("/sign-in/link/{token}")).await;
    let csrf = browser.csrf();
    let resp = browser
        .post_raw(
            "/sign-in/confirm",
            &[("token", &token), ("csrf_token", &csrf)],
            &[("Origin", "https://qualify.intranet.example")],
        )
        .await;
    assert_eq!(resp.status, 303, "{}", resp.body);
    let cookie = resp
        .headers
        .get_all("set-cookie")
        .map(|c| c.to_str().unwrap().to_string())
        .find(|c| c.starts_with("__Host-qualify_session="))
        .expect("__Host- cookie");
    for attribute in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
    }
    assert!(!cookie.contains("Domain="));
}

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
