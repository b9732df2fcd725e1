//! Who may sign in through the provider and what they see: errors in plain words in their
//! language, a locked person refused, `QUALIFY_SSO_ONLY` closing link and password but not
//! the break-glass link or API tokens, and sign-out offering the provider's sign-out.

use chrono::Duration;
use qualify::clock::Clock;
use qualify::db::models::Person;
use qualify::domain::states::PersonStatus;
use serde_json::json;

use crate::support::api::{api, token};
use crate::support::app::spawn_app_with;
use crate::support::browser::Browser;
use crate::support::fixtures::people::person;
use crate::support::oidc_provider::{
    english, local, plain_words, sso_app, sso_sign_in, start_provider,
};

#[actix_web::test]
async fn a_denied_sign_in_is_explained_in_the_persons_language() {
    let Some(idp) = start_provider("a_denied_sign_in_is_explained_in_the_persons_language").await
    else {
        return;
    };
    let app = sso_app(&idp, |_| {}).await;
    for (lang, words) in [
        ("de", "Die Anmeldung wurde abgebrochen"),
        ("en", "Sign-in was canceled"),
    ] {
        let browser = Browser::new(&app);
        browser.set_cookie("qualify_lang", lang);
        let begun = browser.get("/sign-in/sso").await;
        let callback = local(&app, &idp.deny(begun.header("location").unwrap()).await);
        assert!(callback.contains("error=access_denied"), "{callback}");
        let page = browser.get(&callback).await;
        assert_eq!(page.status, 403);
        plain_words(&page, words);
    }
}

#[actix_web::test]
async fn a_person_who_is_not_active_cannot_sign_in() {
    let Some(idp) = start_provider("a_person_who_is_not_active_cannot_sign_in").await else {
        return;
    };
    let app = sso_app(&idp, |_| {}).await;
    idp.set_user(
        "u-6006",
        json!({ "email": "tom@example.com", "email_verified": true }),
    )
    .await;
    assert_eq!(
        sso_sign_in(&app, &Browser::new(&app), &idp, "u-6006")
            .await
            .status,
        303
    );
    let tom = person(&app, "tom@example.com");
    Person::set_status(
        &mut app.conn(),
        &tom.id,
        PersonStatus::Disabled,
        app.clock.now_naive(),
    )
    .unwrap();
    let refused = sso_sign_in(&app, &english(&app), &idp, "u-6006").await;
    assert_eq!(refused.status, 403);
    plain_words(&refused, "Your account is locked");
}

#[actix_web::test]
async fn sso_only_closes_link_and_password_but_not_break_glass_or_api_tokens() {
    let Some(idp) = start_provider("sso_only_closes_link_and_password").await else {
        return;
    };
    let app = sso_app(&idp, |m| {
        m.insert("QUALIFY_SSO_ONLY".into(), "on".into());
    })
    .await;
    idp.set_user(
        "u-7007",
        json!({ "email": "eva@example.com", "email_verified": true }),
    )
    .await;
    assert_eq!(
        sso_sign_in(&app, &Browser::new(&app), &idp, "u-7007")
            .await
            .status,
        303
    );
    let eva = person(&app, "eva@example.com");
    let hash = qualify::accounts::password::hash("korrekt pferd batterie".into())
        .await
        .unwrap();
    Person::set_password_hash(&mut app.conn(), &eva.id, &hash, app.clock.now_naive()).unwrap();

    let browser = Browser::new(&app);
    assert_eq!(
        browser
            .post("/sign-in/link", &[("email", "eva@example.com")])
            .await
            .status,
        200
    );
    assert!(app.deliver().await.is_empty(), "no link is mailed");
    let password = browser
        .post(
            "/sign-in/password",
            &[
                ("email", "eva@example.com"),
                ("password", "korrekt pferd batterie"),
            ],
        )
        .await;
    assert_eq!(password.status, 403);
    plain_words(&password, "mit Ihrem Firmenkonto an");
    let now = app.clock.now_naive();
    let link = qualify::accounts::sign_in::create_link(
        &mut app.conn(),
        &eva.id,
        "sign_in",
        Duration::minutes(10),
        now,
    )
    .unwrap();
    assert_eq!(
        browser
            .post("/sign-in/confirm", &[("token", &link)])
            .await
            .status,
        403
    );

    let bearer = token(&app, &eva.id);
    assert_eq!(
        api(&app, &bearer, "GET", "/api/v1/me", None).await.status,
        200,
        "API tokens keep working"
    );
    let valid = Duration::minutes(60);
    let printed = qualify::accounts::people::create_owner(
        &mut app.conn(),
        &app.address,
        "eva@example.com",
        "Eva",
        valid,
        now,
    )
    .unwrap();
    let break_glass = printed.rsplit('/').next().unwrap().to_string();
    assert_eq!(
        browser
            .post("/sign-in/confirm", &[("token", &break_glass)])
            .await
            .status,
        303,
        "the break-glass link works"
    );
}

#[actix_web::test]
async fn sign_out_ends_the_session_and_offers_the_providers_sign_out() {
    let Some(idp) =
        start_provider("sign_out_ends_the_session_and_offers_the_providers_sign_out").await
    else {
        return;
    };
    let app = sso_app(&idp, |_| {}).await;
    idp.set_user(
        "u-8008",
        json!({ "email": "uwe@example.com", "email_verified": true }),
    )
    .await;
    let browser = Browser::new(&app);
    assert_eq!(
        sso_sign_in(&app, &browser, &idp, "u-8008").await.status,
        303
    );
    browser.get("/me").await;
    let out = browser.post("/sign-out", &[]).await;
    assert_eq!(out.status, 303);
    assert_eq!(out.header("location"), Some("/signed-out"));
    assert_eq!(
        browser.get("/me").await.status,
        303,
        "the session has ended"
    );
    let page = browser.get("/signed-out").await;
    let expected = format!("{}/oauth2/end_session?client_id=qualify-tests", idp.issuer);
    assert!(page.body.contains(&expected), "{}", page.body);
}

#[actix_web::test]
async fn an_unreachable_provider_is_explained_in_plain_words() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let app = spawn_app_with(|m| {
        m.insert(
            "QUALIFY_OIDC_ISSUER".into(),
            format!("http://127.0.0.1:{port}"),
        );
        m.insert("QUALIFY_OIDC_CLIENT_ID".into(), "qualify".into());
    })
    .await;
    let browser = english(&app);
    let page = browser.get("/sign-in/sso").await;
    assert_eq!(page.status, 502);
    plain_words(&page, "cannot be reached right now");
    let stray = browser.get("/sign-in/sso/callback?state=x&code=y").await;
    assert_eq!(stray.status, 400);
    plain_words(&stray, "expired or was already used");
}

#[actix_web::test]
async fn without_a_provider_there_is_no_button_and_no_single_sign_on() {
    let app = spawn_app_with(|_| {}).await;
    let browser = Browser::new(&app);
    assert!(!browser.get("/sign-in").await.body.contains("/sign-in/sso"));
    assert_eq!(browser.get("/sign-in/sso").await.status, 404);
}
