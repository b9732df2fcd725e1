//! The co-trainer pool on the profile: only certified graduates may join (the owner may add
//! anyone), bad input is explained and kept, and periods away take effect.

use diesel::prelude::*;
use qualify::clock::Clock as _;
use qualify::db::schema::certificates;

use crate::support::app::{TestApp, spawn_app};
use crate::support::browser::signed_in;
use crate::support::fixtures::grading::{Grading, Who};
use crate::support::jobs::tick;

/// Records an active certificate directly (certificates have their own issue and tests).
fn certify(app: &TestApp, person: &qualify::domain::ids::PersonId) {
    let mut conn = app.conn();
    let program = qualify::db::models::Program::find_by_slug(&mut conn, "community-manager")
        .unwrap()
        .unwrap();
    let version = qualify::db::models::CurriculumVersion::find_current(&mut conn, &program.id)
        .unwrap()
        .unwrap();
    let now = app.clock.now_naive();
    diesel::insert_into(certificates::table)
        .values((
            certificates::id.eq(uuid::Uuid::new_v4().to_string()),
            certificates::public_id.eq(uuid::Uuid::new_v4().simple().to_string()),
            certificates::person_id.eq(person),
            certificates::program_id.eq(&program.id),
            certificates::curriculum_version_id.eq(&version.id),
            certificates::holder_name.eq("Gina Graduate"),
            certificates::program_title_de.eq("Q"),
            certificates::program_title_en.eq("Q"),
            certificates::record.eq("{}"),
            certificates::issued_at.eq(now),
            certificates::status.eq("active"),
            certificates::created_at.eq(now),
        ))
        .execute(&mut **conn)
        .unwrap();
}

#[actix_web::test]
async fn certified_graduates_join_the_pool_on_their_profile() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let gina = g.person(Who::new("gina@example.com", "Gina Graduate"));
    let me = signed_in(&app, &gina).await;
    let profile = me.get("/me").await;
    assert!(profile.body.contains("Once you are certified"));
    let refused = me
        .post(
            "/me/cotrainer",
            &[("capacity", "3"), ("en", "on"), ("active", "on")],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains("Only holders of an active certificate")
    );

    certify(&app, &gina);
    let page = me.get("/me").await;
    assert!(page.body.contains("Join the co-trainer pool"));
    let bad = me
        .post(
            "/me/cotrainer",
            &[
                ("capacity", "500"),
                ("active", "on"),
                ("unavailable", "2026-04-01 .. 2026-04-10\nsoon"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("whole number from 0 to 50"));
    assert!(bad.body.contains("at least one language"));
    assert!(bad.body.contains("Line 2:"));
    assert!(bad.body.contains("value=\"500\""), "what was typed is kept");
    assert!(bad.body.contains("soon"));
    let joined = me
        .post(
            "/me/cotrainer",
            &[
                ("capacity", "3"),
                ("en", "on"),
                ("active", "on"),
                ("unavailable", "2026-03-03 .. 2026-03-05"),
            ],
        )
        .await;
    assert_eq!(joined.status, 303, "{}", joined.body);
    let page = me.get("/me").await;
    assert!(page.body.contains("2026-03-03 .. 2026-03-05"));
    assert!(
        page.body.contains("/reviews"),
        "co-trainers find their queue"
    );

    // In a cohort, the period away keeps work from Gina until it is over.
    g.owner.get(&format!("/cohorts/{}", g.cohort)).await;
    let resp = g
        .owner
        .post(
            &format!("/cohorts/{}/cotrainers", g.cohort),
            &[("emails", "gina@example.com")],
        )
        .await;
    assert_eq!(resp.status, 303);
    // A new member calibrates before real reviews (see the calibration tests).
    g.calibrated(&gina);
    let tara = g.person(Who::new("tara@example.com", "Tara Trainee"));
    let e = g.enroll(&[(&tara, "tara@example.com")]).await.remove(0);
    g.submit(&tara, &e, "purpose-canvas", "Work").await;
    assert!(
        g.open_reviews_of(&gina).is_empty(),
        "away during the grading window"
    );
    app.clock.advance(chrono::Duration::days(4));
    assert_eq!(tick(&app).allocated, 1, "allocated once the period is over");
    assert_eq!(g.open_reviews_of(&gina).len(), 1);
}

/// Taken out of the pool by the owner, or by the revocation of their certificate, a graduate
/// cannot put themselves back; the owner can.
#[actix_web::test]
async fn a_removed_cotrainer_cannot_put_themselves_back() {
    use crate::support::api::{api, token};
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let gina = g.person(Who::new("gina@example.com", "Gina Graduate"));
    certify(&app, &gina);
    let mine = token(&app, &gina);
    let profile = |active: bool, lock: &serde_json::Value| serde_json::json!({ "active": active, "capacity": 3, "languages": ["de"], "lock_version": lock });
    let as_gina = "/api/v1/cotrainer-profile";
    let as_owner = format!("/api/v1/cotrainer-profile?person_id={gina}");
    let put = |who: &str, path: &str, body: serde_json::Value| {
        let (who, path) = (who.to_string(), path.to_string());
        let app = &app;
        async move { api(app, &who, "PUT", &path, Some(body)).await }
    };
    let joined = put(&mine, as_gina, profile(true, &serde_json::Value::Null)).await;
    assert_eq!(joined.status, 200, "{}", joined.body);
    let lock = joined.json()["profile"]["lock_version"].clone();

    // Pausing oneself and coming back is fine.
    let paused = put(&mine, as_gina, profile(false, &lock)).await;
    let lock = paused.json()["profile"]["lock_version"].clone();
    let back = put(&mine, as_gina, profile(true, &lock)).await;
    assert_eq!(back.status, 200, "{}", back.body);
    let lock = back.json()["profile"]["lock_version"].clone();

    // The owner takes Gina out: she cannot come back by herself.
    let removed = put(&g.owner_token, &as_owner, profile(false, &lock)).await;
    assert_eq!(removed.status, 200, "{}", removed.body);
    let lock = removed.json()["profile"]["lock_version"].clone();
    let refused = put(&mine, as_gina, profile(true, &lock)).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(refused.json()["refusal"], "removed");
    let readded = put(&g.owner_token, &as_owner, profile(true, &lock)).await;
    assert_eq!(readded.status, 200, "{}", readded.body);

    // Revoking her certificate takes her out the same way.
    let cert: String = certificates::table
        .filter(certificates::person_id.eq(gina.as_str()))
        .select(certificates::id)
        .first(&mut **app.conn())
        .unwrap();
    let revoked = api(
        &app,
        &g.owner_token,
        "POST",
        &format!("/api/v1/certificates/{cert}/revoke"),
        Some(serde_json::json!({ "reason": "Plagiarism" })),
    )
    .await;
    assert_eq!(revoked.status, 200, "{}", revoked.body);
    let (active, lock): (bool, i32) = qualify::db::schema::cotrainers::table
        .filter(qualify::db::schema::cotrainers::person_id.eq(gina.as_str()))
        .select((
            qualify::db::schema::cotrainers::active,
            qualify::db::schema::cotrainers::lock_version,
        ))
        .first(&mut **app.conn())
        .unwrap();
    assert!(!active, "out of the pool");
    let again = put(&mine, as_gina, profile(true, &serde_json::json!(lock))).await;
    assert_eq!(again.status, 403, "{}", again.body);
}

/// Allocation itself checks the certificate: a graduate whose certificate is no longer active
/// gets no new work while their pool entry still says active, and gets it again once
/// certified. (Co-trainers the owner added by hand need no certificate: the other grading
/// tests allocate to them.)
#[actix_web::test]
async fn allocation_passes_over_a_graduate_without_an_active_certificate() {
    use crate::support::api::{api, token};
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let gina = g.person(Who::new("gina@example.com", "Gina Graduate"));
    certify(&app, &gina);
    let joined = api(
        &app,
        &token(&app, &gina),
        "PUT",
        "/api/v1/cotrainer-profile",
        Some(serde_json::json!({ "active": true, "capacity": 3, "languages": ["en"] })),
    )
    .await;
    assert_eq!(joined.status, 200, "{}", joined.body);
    g.owner.get(&format!("/cohorts/{}", g.cohort)).await;
    let added = g
        .owner
        .post(
            &format!("/cohorts/{}/cotrainers", g.cohort),
            &[("emails", "gina@example.com")],
        )
        .await;
    assert_eq!(added.status, 303);
    g.calibrated(&gina);
    let set_status = |status: &str| {
        diesel::update(certificates::table.filter(certificates::person_id.eq(gina.as_str())))
            .set(certificates::status.eq(status))
            .execute(&mut **app.conn())
            .unwrap();
    };
    set_status("expired");

    let tara = g.person(Who::new("tara@example.com", "Tara Trainee"));
    let e = g.enroll(&[(&tara, "tara@example.com")]).await.remove(0);
    g.submit(&tara, &e, "purpose-canvas", "Work").await;
    tick(&app);
    assert!(
        g.open_reviews_of(&gina).is_empty(),
        "no work without an active certificate"
    );
    set_status("active");
    assert_eq!(tick(&app).allocated, 1, "allocated once certified again");
    assert_eq!(g.open_reviews_of(&gina).len(), 1);
}
