//! People: invitations, the profile with optimistic locking, personal API tokens.

use diesel::prelude::*;
use qualify::db::models::AuditEntry;
use qualify::db::schema::{outbox, people};

use crate::support::api::api;
use crate::support::app::spawn_app;
use crate::support::browser::{Browser, signed_in};
use crate::support::fixtures::people::{create_person, person};
use crate::support::scrape::{link_token, sign_in_link};

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
    let count: i64 = people::table.count().get_result(&mut **conn).unwrap();
    assert_eq!(count, 3, "owner + 2 invited, no duplicates");
    let invitations: i64 = outbox::table
        .filter(outbox::kind.eq("invitation"))
        .count()
        .get_result(&mut **conn)
        .unwrap();
    assert_eq!(invitations, 2);
    drop(conn);
    let jana_id = person(&app, "jana@example.com").id;
    // The invitation link signs the new person in.
    let link = sign_in_link(&jana.raw);
    let newcomer = Browser::new(&app);
    newcomer.get(&link).await;
    let token = link_token(&link);
    assert_eq!(
        newcomer
            .post("/sign-in/confirm", &[("token", &token)])
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

    let me = api(&app, &token, "GET", "/api/v1/me", None).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.json()["email"], "owner@example.com");
    assert_eq!(me.json()["roles"][0], "owner");
    let invite = api(
        &app,
        &token,
        "POST",
        "/api/v1/people/invitations",
        Some(serde_json::json!({ "people": [{ "name": "Ali", "email": "ali@example.com" }, { "email": "nope" }] })),
    )
    .await;
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
    let after = api(&app, &token, "GET", "/api/v1/me", None).await;
    assert_eq!(after.status, 401);
    assert_eq!(
        after.header("content-type"),
        Some("application/problem+json")
    );
}
