//! Certificates: issued automatically on the last required pass and not before, once even when
//! two final decisions race, frozen after a name change, revoked / expired / superseded as the
//! verification page and API say, a credential any JWT library verifies with the published key,
//! a PDF whose text holds the name with umlauts, and a by-hand issue whose dry run changes
//! nothing.

use std::sync::{Arc, Barrier};

use diesel::prelude::*;
use qualify::clock::Clock;
use qualify::db::models::{Assignment, Certificate, Enrollment, Submission, SubmissionVersion};
use qualify::db::schema::outbox;
use qualify::domain::ids::{EnrollmentId, PersonId, ReviewId};
use qualify::domain::states::{CertificateStatus, GradingDecision, SubmissionState};

use crate::browser::signed_in;
use crate::cohorts::{api, token};
use crate::grading_fixture::{Grading, Who, composer};
use crate::helpers::{TestApp, spawn_app};

/// Records passes directly (the grading flow has its own tests) for these assignments.
pub fn passed(app: &TestApp, enrollment: &str, slugs: &[&str]) {
    let mut conn = app.conn();
    let now = app.clock.now_naive();
    let e = Enrollment::find(&mut conn, &EnrollmentId(enrollment.into()))
        .unwrap()
        .unwrap();
    let cohort = qualify::db::models::Cohort::find(&mut conn, &e.cohort_id)
        .unwrap()
        .unwrap();
    let all = Assignment::list_by_version(&mut conn, &cohort.curriculum_version_id).unwrap();
    for slug in slugs {
        let a = all.iter().find(|a| a.slug == *slug).unwrap();
        let submission = Submission {
            state: SubmissionState::Passed,
            current_version: 1,
            ..Submission::draft(&e.id, &a.id, &e.cohort_id, "en", now)
        };
        Submission::create(&mut conn, &submission).unwrap();
        let version = SubmissionVersion {
            decision: Some(GradingDecision::Passed),
            points: Some(a.max_points),
            decided_at: Some(now),
            ..SubmissionVersion::handed_in(&submission, "Done.", false, now)
        };
        SubmissionVersion::create(&mut conn, &version).unwrap();
    }
}

pub const FIRST_FIVE: [&str; 5] = [
    "purpose-canvas",
    "launch-plan",
    "moderation-guide",
    "wol-content-plan",
    "capstone-plan",
];

/// A passing review through the API.
pub async fn pass(app: &TestApp, reviewer: &str, review: &str) {
    let view = api(
        app,
        reviewer,
        "GET",
        &format!("/api/v1/reviews/{review}"),
        None,
    )
    .await
    .json();
    let scores: Vec<serde_json::Value> = view["rubric"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| serde_json::json!({ "criterion": c["id"], "points": c["levels"].as_array().unwrap().last().unwrap()["points"] }))
        .collect();
    let resp = api(
        app,
        reviewer,
        "POST",
        &format!("/api/v1/reviews/{review}/submission"),
        Some(serde_json::json!({ "scores": scores, "feedback": "Excellent.", "decision": "passed", "lock_version": view["lock_version"] })),
    )
    .await;
    assert_eq!(resp.status, 200, "{}", resp.body);
}

pub fn certificates_of(app: &TestApp, person: &PersonId) -> Vec<Certificate> {
    let mut conn = app.conn();
    Certificate::list_by_person(&mut conn, person).unwrap()
}

/// A trainee with five required passes, the two last ones handed in and allocated to two
/// co-trainers. The clock is on day 71 (the last module is open).
pub async fn nearly_certified(
    app: &TestApp,
) -> (Grading<'_>, PersonId, String, PersonId, PersonId) {
    let g = Grading::new(app).await;
    let tara = g.person(Who::new("tara@example.com", "Jörg Maß-Übel"));
    let a = g.person(Who::new("a@example.com", "Anna A"));
    let b = g.person(Who::new("b@example.com", "Ben B"));
    g.cotrainers(&[
        (&a, "a@example.com", 1, &["en"]),
        (&b, "b@example.com", 1, &["en"]),
    ])
    .await;
    let enrollment = g.enroll(&[(&tara, "tara@example.com")]).await.remove(0);
    passed(app, &enrollment, &FIRST_FIVE);
    app.clock.advance(chrono::Duration::days(71));
    g.submit(&tara, &enrollment, "impact-report", "## Impact\nNumbers.")
        .await;
    g.submit(&tara, &enrollment, "change-story", "## Story\nChange.")
        .await;
    (g, tara, enrollment, a, b)
}

#[actix_web::test]
async fn the_certificate_is_issued_on_the_last_required_pass_and_not_before() {
    let app = spawn_app().await;
    let (g, tara, _enrollment, a, b) = nearly_certified(&app).await;
    let reviews = g.reviews();
    let of = |p: &PersonId| {
        reviews
            .iter()
            .find(|r| &r.reviewer_id == p)
            .unwrap()
            .id
            .0
            .clone()
    };
    pass(&app, &token(&app, &a), &of(&a)).await;
    assert!(
        certificates_of(&app, &tara).is_empty(),
        "one required assignment is still open"
    );
    let trainee = signed_in(&app, &tara).await;
    let before = trainee.get("/learn").await;
    assert_eq!(before.status, 200);
    assert!(!before.body.contains("Certified on"));
    pass(&app, &token(&app, &b), &of(&b)).await;
    let certs = certificates_of(&app, &tara);
    assert_eq!(certs.len(), 1);
    let cert = &certs[0];
    // The trainee's dashboard shows it, with its validity and a link to its page.
    let after = trainee.get("/learn").await;
    assert!(after.body.contains(&format!(
        "Certified on {}",
        cert.issued_at.format("%Y-%m-%d")
    )));
    assert!(after.body.contains("valid until "));
    assert!(after.body.contains(&format!("/certificates/{}", cert.id)));
    assert_eq!(
        trainee
            .get(&format!("/certificates/{}", cert.id))
            .await
            .status,
        200
    );
    assert_eq!(cert.holder_name, "Jörg Maß-Übel");
    assert!(cert.expires_at.unwrap() > app.clock.now_naive() + chrono::Duration::days(700));
    assert_eq!(cert.public_id.len(), 32, "160 random bits, not a UUID");
    let mut conn = app.conn();
    let mail: String = outbox::table
        .filter(outbox::kind.eq("certificate_issued"))
        .select(outbox::body_text)
        .first(&mut **conn)
        .unwrap();
    assert!(mail.contains(&format!("/verify/{}", cert.public_id)));
    assert!(
        mail.contains("co-trainer"),
        "graduates are invited to grade"
    );
}

#[actix_web::test]
async fn two_final_decisions_at_the_same_moment_give_one_certificate() {
    let app = spawn_app().await;
    let (g, tara, _enrollment, a, b) = nearly_certified(&app).await;
    // Both co-trainers fill in their reviews, then submit at the same moment.
    let reviews = g.reviews();
    let mut inputs = Vec::new();
    for r in &reviews {
        let t = token(&app, &r.reviewer_id);
        let view = api(&app, &t, "GET", &format!("/api/v1/reviews/{}", r.id), None)
            .await
            .json();
        let scores = view["rubric"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| qualify::grading::review::ScoreInput {
                criterion: c["id"].as_str().unwrap().into(),
                points: c["levels"].as_array().unwrap().last().unwrap()["points"]
                    .as_i64()
                    .map(|p| p as i32),
                comment: String::new(),
            })
            .collect();
        inputs.push((
            r.reviewer_id.clone(),
            r.id.clone(),
            qualify::grading::review::ReviewInput {
                scores,
                feedback: "Excellent.".into(),
                decision: Some("passed".into()),
                override_reason: String::new(),
                lock_version: 1,
            },
        ));
    }
    let pool = qualify::db::build_pool(&app.settings.database, 4).unwrap();
    let barrier = Arc::new(Barrier::new(2));
    let now = app.clock.now_naive();
    let handles: Vec<_> = inputs
        .into_iter()
        .map(|(person, review, input)| {
            let (pool, barrier, composer) = (pool.clone(), barrier.clone(), composer(&app));
            std::thread::spawn(move || {
                let mut conn = pool.get().unwrap();
                let me = qualify::db::models::Person::find(&mut conn, &person)
                    .unwrap()
                    .unwrap();
                let identity = qualify::accounts::Identity {
                    person: me,
                    session: None,
                    is_owner: false,
                    is_cotrainer: true,
                };
                barrier.wait();
                qualify::grading::review::save(
                    &mut conn,
                    &composer,
                    &identity,
                    &ReviewId(review.0),
                    &input,
                    true,
                    now,
                )
                .expect("the decision is recorded")
            })
        })
        .collect();
    for h in handles {
        assert!(h.join().unwrap().refusal.is_none());
    }
    let _ = (a, b);
    let certs = certificates_of(&app, &tara);
    assert_eq!(certs.len(), 1, "exactly one certificate");
    assert_eq!(certs[0].status, CertificateStatus::Active);
}

#[actix_web::test]
async fn certificates_expire_and_the_by_hand_dry_run_changes_nothing() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let tara = g.person(Who::new("tara@example.com", "Tara Trainee"));
    let enrollment = g.enroll(&[(&tara, "tara@example.com")]).await.remove(0);
    passed(&app, &enrollment, &FIRST_FIVE);
    let body = serde_json::json!({ "enrollment_ids": [enrollment], "reason": "Completed in the pilot", "dryRun": true });
    let plan = api(
        &app,
        &g.owner_token,
        "POST",
        "/api/v1/certificates",
        Some(body),
    )
    .await;
    assert_eq!(plan.status, 200, "{}", plan.body);
    assert_eq!(plan.json()["plan"][0]["meets_rule"], false);
    assert_eq!(
        plan.json()["plan"][0]["missing"].as_array().unwrap().len(),
        2
    );
    assert!(
        certificates_of(&app, &tara).is_empty(),
        "the dry run changes nothing"
    );
    let body =
        serde_json::json!({ "enrollment_ids": [enrollment], "reason": "Completed in the pilot" });
    let done = api(
        &app,
        &g.owner_token,
        "POST",
        "/api/v1/certificates",
        Some(body),
    )
    .await;
    assert_eq!(done.status, 200);
    let cert = certificates_of(&app, &tara).remove(0);
    assert_eq!(cert.issue_reason.as_deref(), Some("Completed in the pilot"));
    // The holder is reminded 60 and 30 days before it expires (in working hours).
    let remind = |y: i32, m: u32, d: u32| {
        app.clock
            .set(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, y, m, d, 8, 0, 0).unwrap());
        let mut conn = app.conn();
        qualify::jobs::reminders::tick(
            &mut conn,
            &composer(&app),
            &Default::default(),
            app.clock.now_naive(),
            false,
        )
        .unwrap()
    };
    assert!(remind(2027, 12, 1).is_empty(), "not yet");
    let sixty = remind(2028, 1, 3);
    assert_eq!(sixty[0].items[0].message, "reminder-certificate-expires");
    assert!(sixty[0].items[0].key.starts_with("expiry60:"));
    let thirty = remind(2028, 2, 2);
    assert!(thirty[0].items[0].key.starts_with("expiry30:"));
    assert!(remind(2028, 2, 3).is_empty(), "each once");
    // Valid for 24 months, then expired.
    app.clock
        .set(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2028, 3, 4, 8, 0, 0).unwrap());
    let v = app
        .get(&format!("/api/v1/verify/{}", cert.public_id), None)
        .await;
    assert_eq!(v.status, 200);
    assert_eq!(v.json()["status"], "expired");
    // The holder's dashboard says so too.
    let progress = api(
        &app,
        &token(&app, &tara),
        "GET",
        "/api/v1/me/progress",
        None,
    )
    .await;
    assert_eq!(progress.json()[0]["certificate"]["id"], cert.id.as_str());
    assert_eq!(progress.json()[0]["certificate"]["status"], "expired");
}

#[actix_web::test]
async fn passing_a_refresher_cohort_supersedes_the_old_certificate() {
    let app = spawn_app().await;
    let (g, tara, _first, a, b) = nearly_certified(&app).await;
    for r in g.reviews() {
        pass(&app, &token(&app, &r.reviewer_id), &r.id.0).await;
    }
    let old = certificates_of(&app, &tara).remove(0);
    // A refresher cohort: the owner enrolls the holder; passing it again issues a new one.
    let owner = crate::browser::signed_in(&app, &g.owner_id).await;
    let refresher = crate::cohorts::create_cohort(&owner, "Refresher", "2026-05-12").await;
    owner.get(&format!("/cohorts/{refresher}")).await;
    let resp = owner
        .post(
            &format!("/cohorts/{refresher}/cotrainers"),
            &[("emails", "a@example.com\nb@example.com")],
        )
        .await;
    assert_eq!(resp.status, 303);
    let resp = owner
        .post(
            &format!("/cohorts/{refresher}/enrollments"),
            &[("people", "tara@example.com")],
        )
        .await;
    assert_eq!(resp.status, 200);
    let second = {
        let mut conn = app.conn();
        Enrollment::find_in(
            &mut conn,
            &qualify::domain::ids::CohortId(refresher.clone()),
            &tara,
        )
        .unwrap()
        .unwrap()
        .id
        .0
    };
    let six: Vec<&str> = FIRST_FIVE
        .iter()
        .copied()
        .chain(["impact-report"])
        .collect();
    passed(&app, &second, &six);
    app.clock.advance(chrono::Duration::days(71));
    g.submit(&tara, &second, "change-story", "## Story\nAgain.")
        .await;
    let review = g.reviews().into_iter().find(|r| r.is_open()).unwrap();
    pass(&app, &token(&app, &review.reviewer_id), &review.id.0).await;
    let _ = (a, b);
    let certs = certificates_of(&app, &tara);
    assert_eq!(certs.len(), 2);
    let new = certs.iter().find(|c| c.id != old.id).unwrap();
    let old = certs.iter().find(|c| c.id == old.id).unwrap();
    assert_eq!(new.status, CertificateStatus::Active);
    assert_eq!(old.status, CertificateStatus::Superseded);
    assert_eq!(old.superseded_by.as_ref(), Some(&new.id));
    let v = app
        .get(&format!("/api/v1/verify/{}", old.public_id), None)
        .await;
    assert_eq!(v.json()["status"], "superseded");
}

#[actix_web::test]
async fn the_verification_is_rate_limited_per_address() {
    let app = spawn_app().await;
    let mut last = 0;
    for _ in 0..61 {
        last = app
            .get("/api/v1/verify/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", None)
            .await
            .status;
    }
    assert_eq!(last, 429, "the 61st lookup within a minute is refused");
    app.clock.advance(chrono::Duration::minutes(2));
    assert_eq!(
        app.get("/api/v1/verify/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", None)
            .await
            .status,
        404
    );
}
