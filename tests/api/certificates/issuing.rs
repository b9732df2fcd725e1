//! Issuing certificates: automatically on the last required pass and not before, once even when
//! two final decisions race, by hand after a dry run that changes nothing; reminders before one
//! expires, and a refresher cohort whose pass supersedes the old certificate.

use std::sync::{Arc, Barrier};

use diesel::prelude::*;
use qualify::clock::Clock;
use qualify::db::models::Enrollment;
use qualify::db::schema::outbox;
use qualify::domain::ids::{PersonId, ReviewId};
use qualify::domain::states::CertificateStatus;

use crate::support::api::{api, token};
use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::clock::at;
use crate::support::fixtures::certificates::{
    FIRST_FIVE, certificates_of, nearly_certified, passed,
};
use crate::support::fixtures::cohorts::create_cohort;
use crate::support::fixtures::grading::pass;
use crate::support::fixtures::grading::{Grading, Who};
use crate::support::jobs::{composer, reminders};

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
    // The trainee's dashboard shows it (the date as English readers write it), with its
    // validity and a link to its page.
    let after = trainee.get("/learn").await;
    assert!(after.body.contains(&format!(
        "Certified on {}",
        cert.issued_at.format("%-d %b %Y")
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
                qualify::grading::review::submit(
                    &mut conn,
                    &composer,
                    &identity,
                    &ReviewId(review.0),
                    &input,
                    now,
                )
                .expect("the decision is recorded")
            })
        })
        .collect();
    for h in handles {
        assert!(h.join().unwrap().is_ok());
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
        at(&app, y, m, d, 8);
        reminders(&app, false)
    };
    assert!(remind(2027, 12, 1).is_empty(), "not yet");
    let sixty = remind(2028, 1, 3);
    // The shipped program has a refresher: the reminder names it.
    assert_eq!(
        sixty[0].items[0].message,
        "reminder-certificate-expires-refresher"
    );
    assert!(sixty[0].items[0].key.starts_with("expiry60:"));
    let thirty = remind(2028, 2, 2);
    assert!(thirty[0].items[0].key.starts_with("expiry30:"));
    assert!(remind(2028, 2, 3).is_empty(), "each once");
    // Valid for 24 months, then expired.
    at(&app, 2028, 3, 4, 8);
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
    assert_eq!(
        progress.json()["cohorts"][0]["certificate"]["id"],
        cert.id.as_str()
    );
    assert_eq!(
        progress.json()["cohorts"][0]["certificate"]["status"],
        "expired"
    );
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
    let owner = signed_in(&app, &g.owner_id).await;
    let refresher = create_cohort(&owner, "Refresher", "2026-05-12").await;
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
