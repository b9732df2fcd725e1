//! A certified graduate joins the directory with consent, is found by topic and by the start of
//! a word, and gets a question by mail with the asker's address while the asker never sees
//! theirs; paused, they get none; after withdrawing they are gone at once. People who are
//! neither certified nor named experts cannot join, and the owner names experts.

use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::experts::join;
use crate::support::fixtures::grading::Grading;
use crate::support::fixtures::people::create_person;
use crate::support::fixtures::renewal::{certified, mail_with};
use crate::support::scrape::assert_marked;

#[actix_web::test]
async fn a_graduate_joins_is_found_asked_and_withdraws() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let (grad_id, _) = certified(&g, "grace@example.com", "Grace Graduate").await;
    let asker_id = create_person(&app, "ash@example.com", "Ash Asker", false);
    let grace = signed_in(&app, &grad_id).await;
    let ash = signed_in(&app, &asker_id).await;

    let without = {
        grace.get("/experts/me").await;
        grace
            .post(
                "/experts/me",
                &[("topics", "moderation"), ("languages", "de")],
            )
            .await
    };
    assert_eq!(without.status, 422, "consent is needed");
    assert_marked(&without.body, "consent", "consent-error");
    let joined = join(
        &grace,
        &["moderation", "onboarding"],
        &["de", "en"],
        "I run **moderation** trainings.",
    )
    .await;
    assert_eq!(joined.status, 303, "{}", joined.body);

    for query in [
        "topic=moderation",
        "q=moderat",
        "q=Grace",
        "language=en&topic=onboarding",
    ] {
        let page = ash.get(&format!("/experts?{query}")).await;
        assert!(
            page.body.contains("Grace Graduate"),
            "{query}: {}",
            page.body
        );
    }
    let none = ash.get("/experts?q=zebra").await;
    assert!(!none.body.contains("Grace Graduate"));
    let profile = ash.get(&format!("/experts/{}", grad_id.0)).await;
    assert_eq!(profile.status, 200);
    assert!(
        profile.body.contains("<strong>moderation</strong>"),
        "the bio as safe HTML"
    );
    assert!(
        !profile.body.contains("grace@example.com"),
        "the asker never sees the address"
    );

    let path = format!("/experts/{}/contact", grad_id.0);
    let short = ash.post(&path, &[("message", "Hi")]).await;
    assert_eq!(short.status, 422);
    assert_marked(&short.body, "message", "message-error");
    let sent = ash
        .post(
            &path,
            &[("message", "How do you start a moderation guide?")],
        )
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let mail = mail_with(&app, "expert_contact", "moderation guide");
    assert!(
        mail.contains("ash@example.com"),
        "the expert gets the asker's address: {mail}"
    );

    let me = grace.get("/experts/me").await.body;
    let lock = me
        .split("name=\"lock_version\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let paused = grace
        .post(
            "/experts/me",
            &[
                ("topics", "moderation"),
                ("languages", "de"),
                ("messages_paused", "on"),
                ("lock_version", &lock),
            ],
        )
        .await;
    assert_eq!(paused.status, 303, "{}", paused.body);
    let refused = ash
        .post(&path, &[("message", "Another question for you?")])
        .await;
    assert_eq!(refused.status, 409, "paused");
    let stale = grace
        .post(
            "/experts/me",
            &[
                ("topics", "moderation"),
                ("languages", "de"),
                ("lock_version", &lock),
            ],
        )
        .await;
    assert_eq!(stale.status, 409, "changed meanwhile");

    assert_eq!(grace.post("/experts/me/withdraw", &[]).await.status, 303);
    assert!(
        !ash.get("/experts?topic=moderation")
            .await
            .body
            .contains("Grace Graduate")
    );
    assert_eq!(
        ash.get(&format!("/experts/{}", grad_id.0)).await.status,
        404
    );
}

#[actix_web::test]
async fn only_graduates_and_named_experts_join() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga Owner", true);
    let nina_id = create_person(&app, "nina@example.com", "Nina New", false);
    let nina = signed_in(&app, &nina_id).await;
    let refused = join(&nina, &["moderation"], &["de"], "").await;
    assert_eq!(refused.status, 403);
    let owner = signed_in(&app, &owner_id).await;
    owner.get("/experts").await;
    let named = owner
        .post(
            "/experts/roles",
            &[("email", "nina@example.com"), ("role", "multiplier")],
        )
        .await;
    assert_eq!(named.status, 303, "{}", named.body);
    assert_eq!(join(&nina, &["moderation"], &["de"], "").await.status, 303);
    let page = owner.get(&format!("/experts/{}", nina_id.0)).await.body;
    assert!(
        page.contains("Multiplier") || page.contains("Multiplikator:in"),
        "{page}"
    );
    let asked = nina
        .post(
            &format!("/experts/{}/contact", nina_id.0),
            &[("message", "Asking myself?")],
        )
        .await;
    assert_eq!(asked.status, 404, "nobody asks themselves");
}
