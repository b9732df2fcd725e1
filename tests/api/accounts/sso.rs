//! Single sign-on against a real OpenID Connect provider on loopback: the first sign-in
//! creates the person from the claims, the identity is issuer + subject (a new email updates
//! the person), an existing person is linked only by a vouched-for email, and each state
//! works once, in its browser, within ten minutes, on any instance.

use chrono::Duration;
use diesel::prelude::*;
use qualify::clock::Clock;
use qualify::db::schema::{people, sso_logins};
use serde_json::json;

use crate::support::app::spawn_beside;
use crate::support::browser::Browser;
use crate::support::fixtures::people::{create_person, person};
use crate::support::oidc_provider::{
    audit_actions, english, identity, local, plain_words, sso_app, sso_sign_in, start_provider,
    to_callback,
};

#[actix_web::test]
async fn the_first_sign_in_creates_the_person_from_the_claims() {
    let Some(idp) = start_provider("the_first_sign_in_creates_the_person_from_the_claims").await
    else {
        return;
    };
    let app = sso_app(&idp, |_| {}).await;
    idp.set_user(
        "u-1001",
        json!({ "email": "Jana.Schmidt@example.com", "email_verified": true,
                "name": "Jana Schmidt", "locale": "de-DE", "department": "Customer Care" }),
    )
    .await;
    let browser = Browser::new(&app);
    browser.set_cookie("qualify_lang", "en");
    let form = browser.get("/sign-in").await;
    let button = form
        .body
        .find("Sign in with Example Corp")
        .expect("SSO button");
    assert!(
        button < form.body.find("/sign-in/link").unwrap(),
        "the button comes first"
    );

    let begun = browser.get("/sign-in/sso?next=/learn").await;
    let authorize = begun.header("location").unwrap().to_string();
    for part in [
        "response_type=code",
        "code_challenge_method=S256",
        "code_challenge=",
        "state=",
        "nonce=",
        "client_id=qualify-tests",
    ] {
        assert!(authorize.contains(part), "{part} missing: {authorize}");
    }
    let redirect = format!(
        "redirect_uri={}",
        form_urlencoded::byte_serialize(
            format!("{}/sign-in/sso/callback", app.settings.base_url).as_bytes()
        )
        .collect::<String>()
    );
    assert!(authorize.contains(&redirect), "{authorize}");
    let callback = local(&app, &idp.authorize(&authorize, "u-1001").await);
    let done = browser.get(&callback).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.header("location"), Some("/learn"));
    assert!(browser.cookie("qualify_session").is_some());
    let me = browser.get("/me").await;
    assert_eq!(me.status, 200);
    assert!(me.body.contains("Jana Schmidt"));

    let jana = person(&app, "jana.schmidt@example.com");
    assert_eq!(jana.language, "de");
    assert_eq!(jana.org_unit.as_deref(), Some("Customer Care"));
    let linked = identity(&app, &idp.issuer, "u-1001").expect("identity stored");
    assert_eq!(linked.person_id, jana.id);
    let actions = audit_actions(&app);
    for action in ["person_created", "sso_linked", "sign_in"] {
        assert!(
            actions.contains(&action.to_string()),
            "{action}: {actions:?}"
        );
    }
    let pending: i64 = sso_logins::table
        .count()
        .get_result(&mut **app.conn())
        .unwrap();
    assert_eq!(pending, 0, "the state is used up");
}

#[actix_web::test]
async fn a_new_email_at_the_provider_updates_the_person_and_never_duplicates_it() {
    let Some(idp) = start_provider("a_new_email_at_the_provider_updates_the_person").await else {
        return;
    };
    let app = sso_app(&idp, |_| {}).await;
    idp.set_user(
        "u-2002",
        json!({ "email": "max@example.com", "email_verified": true, "name": "Max Weber" }),
    )
    .await;
    assert_eq!(
        sso_sign_in(&app, &Browser::new(&app), &idp, "u-2002")
            .await
            .status,
        303
    );
    let first = person(&app, "max@example.com");

    idp.set_user(
        "u-2002",
        json!({ "email": "max.weber@example.com", "email_verified": true, "name": "Max Weber" }),
    )
    .await;
    assert_eq!(
        sso_sign_in(&app, &Browser::new(&app), &idp, "u-2002")
            .await
            .status,
        303
    );
    let after = person(&app, "max.weber@example.com");
    assert_eq!(after.id, first.id, "the same person");
    let count: i64 = people::table.count().get_result(&mut **app.conn()).unwrap();
    assert_eq!(count, 1);
    assert!(audit_actions(&app).contains(&"sso_email_changed".to_string()));
}

#[actix_web::test]
async fn an_existing_person_is_linked_only_when_the_email_is_verified() {
    let Some(idp) =
        start_provider("an_existing_person_is_linked_only_when_the_email_is_verified").await
    else {
        return;
    };
    let app = sso_app(&idp, |_| {}).await;
    let existing = create_person(&app, "lea@example.com", "Lea Krause", false);
    idp.set_user(
        "u-3003",
        json!({ "email": "lea@example.com", "email_verified": false }),
    )
    .await;
    let browser = Browser::new(&app);
    browser.set_cookie("qualify_lang", "de");
    let refused = sso_sign_in(&app, &browser, &idp, "u-3003").await;
    assert_eq!(refused.status, 409);
    plain_words(&refused, "nicht bestätigt");
    assert!(
        identity(&app, &idp.issuer, "u-3003").is_none(),
        "not linked"
    );

    idp.set_user(
        "u-3003",
        json!({ "email": "lea@example.com", "email_verified": true }),
    )
    .await;
    assert_eq!(
        sso_sign_in(&app, &Browser::new(&app), &idp, "u-3003")
            .await
            .status,
        303
    );
    assert_eq!(
        identity(&app, &idp.issuer, "u-3003").unwrap().person_id,
        existing
    );
}

#[actix_web::test]
async fn with_trust_the_email_links_without_email_verified() {
    let Some(idp) = start_provider("with_trust_the_email_links_without_email_verified").await
    else {
        return;
    };
    let app = sso_app(&idp, |m| {
        m.insert("QUALIFY_OIDC_EMAIL_VERIFIED".into(), "trust".into());
    })
    .await;
    let existing = create_person(&app, "lea@example.com", "Lea Krause", false);
    idp.set_user("u-3004", json!({ "email": "lea@example.com" }))
        .await;
    assert_eq!(
        sso_sign_in(&app, &Browser::new(&app), &idp, "u-3004")
            .await
            .status,
        303
    );
    assert_eq!(
        identity(&app, &idp.issuer, "u-3004").unwrap().person_id,
        existing
    );
}

#[actix_web::test]
async fn a_state_works_once_within_ten_minutes_and_only_in_its_browser() {
    let Some(idp) =
        start_provider("a_state_works_once_within_ten_minutes_and_only_in_its_browser").await
    else {
        return;
    };
    let app = sso_app(&idp, |_| {}).await;
    idp.set_user(
        "u-4004",
        json!({ "email": "ole@example.com", "email_verified": true }),
    )
    .await;
    let browser = english(&app);
    let callback = to_callback(&app, &browser, &idp, "u-4004").await;
    let state_cookie = browser.cookie("qualify_sso_state").unwrap();
    assert_eq!(browser.get(&callback).await.status, 303);
    browser.set_cookie("qualify_sso_state", &state_cookie);
    let replayed = browser.get(&callback).await;
    assert_eq!(replayed.status, 400);
    plain_words(&replayed, "expired or was already used");

    let elsewhere = Browser::new(&app);
    let started = Browser::new(&app);
    let callback = to_callback(&app, &started, &idp, "u-4004").await;
    let other = elsewhere.get(&callback).await;
    assert_eq!(
        other.status, 400,
        "a callback in a browser that did not begin is refused"
    );

    let late = Browser::new(&app);
    let callback = to_callback(&app, &late, &idp, "u-4004").await;
    app.clock.advance(Duration::minutes(11));
    assert_eq!(
        late.get(&callback).await.status,
        400,
        "expired after ten minutes"
    );
}

#[actix_web::test]
async fn a_sign_in_begun_on_one_instance_finishes_on_another() {
    let Some(idp) = start_provider("a_sign_in_begun_on_one_instance_finishes_on_another").await
    else {
        return;
    };
    let first = sso_app(&idp, |_| {}).await;
    let second = spawn_beside(&first, |map| idp.settings(map)).await;
    second.clock.set(first.clock.now());
    idp.set_user(
        "u-5005",
        json!({ "email": "ida@example.com", "email_verified": true }),
    )
    .await;
    let on_first = Browser::new(&first);
    let callback = to_callback(&first, &on_first, &idp, "u-5005").await;
    let on_second = Browser::new(&second);
    on_second.set_cookie(
        "qualify_sso_state",
        &on_first.cookie("qualify_sso_state").unwrap(),
    );
    let done = on_second.get(&callback).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(on_second.get("/me").await.status, 200);
    assert_eq!(on_first.get(&callback).await.status, 400, "and only once");
}

/// With an employee-id claim, a sign-in joins the HR directory's person by that id (even when
/// the email differs and is not vouched for), and a person without an id gets the claim's.
#[actix_web::test]
async fn the_employee_id_claim_joins_the_directorys_person() {
    let Some(idp) = start_provider("the_employee_id_claim_joins_the_directorys_person").await
    else {
        return;
    };
    let app = sso_app(&idp, |s| {
        s.insert("QUALIFY_OIDC_EMPLOYEE_ID_CLAIM".into(), "employeeid".into());
    })
    .await;
    let known = create_person(&app, "old.address@example.com", "Ole Olsen", false);
    {
        let mut conn = app.conn();
        qualify::db::models::Person::set_employee_id(
            &mut conn,
            &known,
            "E-42",
            app.clock.now_naive(),
        )
        .unwrap();
    }
    idp.set_user(
        "u-42",
        json!({ "email": "ole.olsen@example.com", "email_verified": false,
                "name": "Ole Olsen", "employeeid": "E-42" }),
    )
    .await;
    let browser = Browser::new(&app);
    let done = sso_sign_in(&app, &browser, &idp, "u-42").await;
    assert_eq!(done.status, 303, "{}", done.body);
    let linked = identity(&app, &idp.issuer, "u-42").expect("identity stored");
    assert_eq!(
        linked.person_id, known,
        "the directory's person, not a new one"
    );
    let count: i64 = people::table.count().get_result(&mut **app.conn()).unwrap();
    assert_eq!(count, 1);

    idp.set_user(
        "u-77",
        json!({ "email": "new.person@example.com", "email_verified": true,
                "name": "Nina New", "employeeid": "E-77" }),
    )
    .await;
    let other = Browser::new(&app);
    assert_eq!(sso_sign_in(&app, &other, &idp, "u-77").await.status, 303);
    let nina = person(&app, "new.person@example.com");
    assert_eq!(nina.employee_id.as_deref(), Some("E-77"));
}
