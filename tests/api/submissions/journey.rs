//! The trainee's journey: unlock by date (fixed clock), draft, submit, late, cut-off,
//! extension, withdraw and resubmit with versions kept, bad input, other people's work, and the
//! same journey through the API.

use chrono::Duration;
use diesel::prelude::*;
use qualify::clock::Clock;
use qualify::db::models::Extension;
use qualify::db::schema::extensions;

use crate::support::api::{api, token};
use crate::support::app::{Response, spawn_app};
use crate::support::browser::{Browser, signed_in};
use crate::support::content::ContentCopy;
use crate::support::fixtures::cohorts::enrolled;
use crate::support::fixtures::people::{create_person, person};
use crate::support::scrape::{field, lock_version};

async fn work(browser: &Browser<'_>, path: &str, body: &str, action: &str) -> Response {
    let page = browser.get(path).await;
    let lock = field(&page.body, "lock_version").unwrap_or_else(|| "1".into());
    browser
        .post(
            path,
            &[("body", body), ("lock_version", &lock), ("action", action)],
        )
        .await
}

#[actix_web::test]
async fn modules_open_by_date_and_work_is_drafted_submitted_withdrawn_and_resubmitted() {
    let app = spawn_app().await;
    let (tara, enrollment) = enrolled(&app).await;
    let browser = signed_in(&app, &tara).await;
    let dashboard = browser.get("/learn").await;
    assert_eq!(dashboard.status, 200);
    assert!(
        dashboard
            .body
            .contains("0 of 7 required assignments passed"),
        "{}",
        dashboard.body
    );
    assert!(
        dashboard
            .body
            .contains(&format!("/learn/{enrollment}/modules/purpose"))
    );
    assert!(
        !dashboard
            .body
            .contains(&format!("/learn/{enrollment}/modules/launch")),
        "launch is still locked"
    );
    assert!(
        dashboard.body.contains("due 16 Mar 2026, 11:59 pm"),
        "deadline in the trainee's time zone"
    );

    let module = browser
        .get(&format!("/learn/{enrollment}/modules/purpose"))
        .await;
    assert_eq!(module.status, 200);
    assert!(module.body.contains("<h2>") || module.body.contains("<h1>"));
    let locked = browser
        .get(&format!("/learn/{enrollment}/modules/launch"))
        .await;
    assert!(
        locked.body.contains("This module opens on 16 Mar 2026"),
        "{}",
        locked.body
    );

    let path = format!("/learn/{enrollment}/assignments/purpose-canvas");
    let saved = work(
        &browser,
        &path,
        "Erster Entwurf <script>alert(1)</script>",
        "save",
    )
    .await;
    assert_eq!(saved.status, 303);
    assert!(
        browser
            .get(&path)
            .await
            .body
            .contains("Erster Entwurf &lt;script&gt;"),
        "draft kept and escaped in the editor"
    );
    let empty = work(&browser, &path, "   ", "submit").await;
    assert_eq!(empty.status, 422);
    assert!(
        empty
            .body
            .contains("Please write something before you submit")
    );
    let preview = work(&browser, &path, "**Mein** Canvas", "preview").await;
    assert!(preview.body.contains("<strong>Mein</strong>"));
    let submitted = work(
        &browser,
        &path,
        "Mein Canvas, Version 1 <script>x</script>",
        "submit",
    )
    .await;
    assert_eq!(submitted.status, 303);
    let page = browser.get(&path).await;
    assert!(page.body.contains("Version 1") && !page.body.contains("<script>x</script>"));
    assert!(page.body.contains("Withdraw submission"));
    assert!(!page.body.contains(">late<"), "on time");
    assert_eq!(
        browser.post(&format!("{path}/withdraw"), &[]).await.status,
        303
    );
    let page = browser.get(&path).await;
    assert!(
        page.body.contains("Mein Canvas, Version 1"),
        "the text is the draft again"
    );
    assert!(
        page.body.contains("Version 1"),
        "the withdrawn version stays readable"
    );
    assert_eq!(
        work(&browser, &path, "Mein Canvas, Version 2", "submit")
            .await
            .status,
        303
    );
    let page = browser.get(&path).await;
    assert!(page.body.contains("Version 2") && page.body.contains("Version 1"));

    let dashboard = browser.get("/learn").await;
    assert!(dashboard.body.contains("submitted"));
    let locked_work = work(
        &browser,
        &format!("/learn/{enrollment}/assignments/launch-plan"),
        "Zu früh",
        "save",
    )
    .await;
    assert_eq!(locked_work.status, 422);
    assert!(locked_work.body.contains("not open yet"));
}

#[actix_web::test]
async fn late_work_is_marked_and_a_stale_form_loses_nothing() {
    let app = spawn_app().await;
    let (tara, enrollment) = enrolled(&app).await;
    let browser = signed_in(&app, &tara).await;
    let path = format!("/learn/{enrollment}/assignments/purpose-canvas");
    let tab_a = browser.get(&path).await;
    let old_lock = lock_version(&tab_a.body);
    assert_eq!(work(&browser, &path, "Aus Tab B", "save").await.status, 303);
    let stale = browser
        .post(
            &path,
            &[
                ("body", "Aus Tab A, nicht verlieren"),
                ("lock_version", &old_lock),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(stale.status, 422);
    assert!(stale.body.contains("changed in another tab"));
    assert!(
        stale.body.contains("Aus Tab A, nicht verlieren"),
        "the typed text is shown"
    );

    app.clock.advance(Duration::days(15));
    let browser = signed_in(&app, &tara).await; // the old session ran out while idle
    let page = browser.get(&path).await;
    assert!(page.body.contains("will be marked as late"));
    assert!(browser.get("/learn").await.body.contains(" · late"));
    assert_eq!(
        work(&browser, &path, "Spät, aber da", "submit")
            .await
            .status,
        303
    );
    let handed_in = browser.get(&path).await;
    assert!(
        handed_in.body.contains(">late<"),
        "the version is marked late"
    );
    assert!(
        !handed_in.body.contains("will be marked as late"),
        "no warning once it is handed in"
    );
    let dashboard = browser.get("/learn").await;
    assert!(dashboard.body.contains("due "));
    assert!(
        !dashboard.body.contains(" · late"),
        "handed in: not shown as late to hand in"
    );
}

#[actix_web::test]
async fn a_hard_cut_off_refuses_late_work_unless_extended() {
    let app = spawn_app().await;
    // A curriculum version with a hard cut-off, newest, so the cohort pins it.
    {
        let copy = ContentCopy::new();
        copy.replace("program.toml", "hard_cutoff = false", "hard_cutoff = true");
        let curriculum = qualify::content::load(&copy.program).unwrap();
        let mut conn = app.conn();
        qualify::content::sync(&mut conn, &curriculum, app.clock.now_naive()).unwrap();
    }
    let (tara, enrollment) = enrolled(&app).await;
    let browser = signed_in(&app, &tara).await;
    let path = format!("/learn/{enrollment}/assignments/purpose-canvas");
    app.clock.advance(Duration::days(15));
    let browser2 = signed_in(&app, &tara).await;
    let refused = work(&browser2, &path, "Nach der Frist", "submit").await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("does not accept late work"));
    assert!(
        browser2.get(&path).await.body.contains("Nach der Frist"),
        "kept as draft"
    );
    drop(browser);
    let owner_id = person(&app, "owner@example.com").id;
    let owner = signed_in(&app, &owner_id).await;
    owner.get("/cohorts").await;
    let until = (app.clock.now_naive() + Duration::days(3))
        .date()
        .to_string();
    let no_reason = owner
        .post(
            &format!("/enrollments/{enrollment}/extensions"),
            &[
                ("assignment", "purpose-canvas"),
                ("until", &until),
                ("reason", " "),
            ],
        )
        .await;
    assert_eq!(no_reason.status, 422);
    let granted = owner
        .post(
            &format!("/enrollments/{enrollment}/extensions"),
            &[
                ("assignment", "purpose-canvas"),
                ("until", &until),
                ("reason", "Krankheit"),
            ],
        )
        .await;
    assert_eq!(granted.status, 303);
    let stored: Vec<Extension> = {
        let mut conn = app.conn();
        extensions::table
            .select(Extension::as_select())
            .load(&mut **conn)
            .unwrap()
    };
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].reason, "Krankheit");
    assert_eq!(
        work(&browser2, &path, "Mit Verlängerung", "submit")
            .await
            .status,
        303
    );
    let page = browser2.get(&path).await;
    assert!(
        page.body.contains("Version 1") && !page.body.contains(">late<"),
        "on time within the extension"
    );
}

#[actix_web::test]
async fn other_peoples_work_is_not_found() {
    let app = spawn_app().await;
    let (_tara, enrollment) = enrolled(&app).await;
    let other = create_person(&app, "other@example.com", "Otto", false);
    let browser = signed_in(&app, &other).await;
    for path in [
        format!("/learn/{enrollment}/modules/purpose"),
        format!("/learn/{enrollment}/assignments/purpose-canvas"),
        format!("/learn/{enrollment}/assignments/no-such-assignment"),
    ] {
        assert_eq!(browser.get(&path).await.status, 404, "{path}");
    }
    let post = browser
        .post(
            &format!("/learn/{enrollment}/assignments/purpose-canvas"),
            &[("body", "x"), ("lock_version", "1"), ("action", "save")],
        )
        .await;
    assert_eq!(post.status, 404);
    assert_eq!(
        browser
            .post(
                &format!("/learn/{enrollment}/assignments/purpose-canvas/withdraw"),
                &[]
            )
            .await
            .status,
        404
    );
}

#[actix_web::test]
async fn the_journey_works_through_the_api() {
    let app = spawn_app().await;
    let (tara, enrollment) = enrolled(&app).await;
    let tara_token = token(&app, &tara);
    let (app_ref, token_ref) = (&app, &tara_token);
    let call = move |method: &'static str, path: String, body: Option<serde_json::Value>| async move {
        api(app_ref, token_ref, method, &path, body).await
    };
    let progress = call("GET", "/api/v1/me/progress".into(), None).await;
    assert_eq!(progress.status, 200);
    assert_eq!(progress.json()["cohorts"][0]["required"], 7);
    assert_eq!(
        progress.json()["cohorts"][0]["modules"][1]["state"],
        "locked"
    );
    let list = call("GET", "/api/v1/me/assignments".into(), None)
        .await
        .json();
    assert_eq!(
        list.as_array().unwrap().len(),
        8,
        "seven required and the practice review"
    );
    let base = format!("/api/v1/enrollments/{enrollment}/assignments/purpose-canvas");
    let page = call("GET", base.clone(), None).await.json();
    assert_eq!(page["status"]["state"], "open");
    assert_eq!(page["max_points"], 15);
    let draft = call(
        "PUT",
        format!("{base}/draft"),
        Some(serde_json::json!({ "body": "API-Entwurf", "lock_version": 1 })),
    )
    .await;
    assert_eq!(draft.status, 200, "{}", draft.body);
    let stale = call(
        "PUT",
        format!("{base}/draft"),
        Some(serde_json::json!({ "body": "alt", "lock_version": 1 })),
    )
    .await;
    assert_eq!(stale.status, 422);
    assert_eq!(stale.json()["refusal"], "stale");
    let lock = draft.json()["lock_version"].as_i64().unwrap();
    let submitted = call(
        "POST",
        format!("{base}/submission"),
        Some(serde_json::json!({ "body": "API-Abgabe", "lock_version": lock })),
    )
    .await;
    assert_eq!(submitted.json()["version"], 1);
    assert_eq!(submitted.json()["late"], false);
    assert_eq!(
        call("POST", format!("{base}/withdraw"), None).await.json()["state"],
        "draft"
    );
    let other = create_person(&app, "other@example.com", "Otto", false);
    let other_token = token(&app, &other);
    assert_eq!(
        api(&app, &other_token, "GET", &base, None).await.status,
        404
    );
    let locked = call(
        "PUT",
        format!("/api/v1/enrollments/{enrollment}/assignments/launch-plan/draft"),
        Some(serde_json::json!({ "body": "x", "lock_version": 1 })),
    )
    .await;
    assert_eq!(locked.json()["refusal"], "locked");
}
