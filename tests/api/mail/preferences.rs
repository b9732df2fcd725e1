//! Unsubscribing: every non-essential mail carries a signed one-click link and the RFC 8058
//! headers; the link works without a session (tampered or expired ones do not), a mail of a
//! kind switched off meanwhile is cancelled at send time, and the profile and the API switch
//! kinds on and off.

use diesel::prelude::*;
use qualify::db::schema::outbox;

use crate::support::api::{api, token};
use crate::support::app::spawn_app;
use crate::support::browser::{Browser, signed_in};
use crate::support::fixtures::grading::{Grading, Who};

#[actix_web::test]
async fn a_reminder_kind_can_be_unsubscribed_in_one_click_and_is_then_not_sent() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let (tara, coach, e) = g.trainee_and_coach().await;
    g.submit(&tara, &e, "purpose-canvas", "Work").await;
    // The co-trainer's "new reviews" mail carries the link and the headers.
    let (headers, body): (String, String) = {
        let mut conn = app.conn();
        outbox::table
            .filter(outbox::kind.eq("reviews_allocated"))
            .select((outbox::headers, outbox::body_text))
            .first(&mut **conn)
            .unwrap()
    };
    let headers: serde_json::Value = serde_json::from_str(&headers).unwrap();
    assert_eq!(
        headers["extra"]["List-Unsubscribe-Post"],
        "List-Unsubscribe=One-Click"
    );
    let link = headers["extra"]["List-Unsubscribe"]
        .as_str()
        .unwrap()
        .trim_matches(['<', '>'])
        .to_string();
    assert!(body.contains(&link));
    let path = link.trim_start_matches(&app.settings.base_url).to_string();

    // A GET only asks; a POST without session or form token (as a mail client sends it) acts.
    let anon = Browser::new(&app);
    let ask = anon.get(&path).await;
    assert_eq!(ask.status, 200);
    assert!(ask.body.contains("New reviews") || ask.body.contains("Neue Bewertungen"));
    let one_click = app
        .client
        .post(app.url(&path))
        .insert_header(("Content-Type", "application/x-www-form-urlencoded"))
        .send_body("List-Unsubscribe=One-Click")
        .await
        .unwrap();
    assert_eq!(one_click.status().as_u16(), 200);
    let coach_token = token(&app, &coach);
    let prefs = api(
        &app,
        &coach_token,
        "GET",
        "/api/v1/me/mail-preferences",
        None,
    )
    .await
    .json();
    let reviews = prefs
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "reviews")
        .unwrap();
    assert_eq!(reviews["enabled"], false);
    // The pending mail of that kind is cancelled at send time; others still go.
    let sent = app.deliver().await;
    assert!(
        sent.iter().all(|m| !m.to.contains("coach@example.com")),
        "no mail to the co-trainer"
    );
    let status: String = {
        let mut conn = app.conn();
        outbox::table
            .filter(outbox::kind.eq("reviews_allocated"))
            .select(outbox::status)
            .first(&mut **conn)
            .unwrap()
    };
    assert_eq!(status, "cancelled");

    // Tampered and expired links do nothing.
    let tampered = format!("{}x", path.trim_end_matches('/'));
    assert_eq!(anon.get(&tampered).await.status, 404);
    let forged = path.replace("/unsubscribe/", "/unsubscribe/AAAA");
    assert_eq!(
        app.client
            .post(app.url(&forged))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        404
    );
    app.clock.advance(chrono::Duration::days(91));
    assert_eq!(anon.get(&path).await.status, 410);
}

#[actix_web::test]
async fn mail_kinds_are_switched_on_the_profile_and_through_the_api() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let tara = g.person(Who::new("tara@example.com", "Tara Trainee"));
    let me = signed_in(&app, &tara).await;
    let page = me.get("/me").await;
    assert!(page.body.contains("name=\"feedback\" checked"));
    let saved = me.post("/me/mail-preferences", &[("reviews", "on")]).await;
    assert_eq!(saved.status, 303);
    let page = me.get("/me").await;
    assert!(!page.body.contains("name=\"feedback\" checked"));
    assert!(page.body.contains("name=\"reviews\" checked"));
    let t = token(&app, &tara);
    let bad = api(
        &app,
        &t,
        "PUT",
        "/api/v1/me/mail-preferences",
        Some(serde_json::json!([{ "kind": "sign_in_link", "enabled": false }])),
    )
    .await;
    assert_eq!(bad.status, 400, "essential mail cannot be switched off");
    let ok = api(
        &app,
        &t,
        "PUT",
        "/api/v1/me/mail-preferences",
        Some(serde_json::json!([{ "kind": "feedback", "enabled": true }])),
    )
    .await;
    assert_eq!(ok.status, 200);
    let feedback = ok
        .json()
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "feedback")
        .unwrap()
        .clone();
    assert_eq!(feedback["enabled"], true);
}
