//! Certificates: issued automatically on the last required pass and not before, once even when
//! two final decisions race, frozen after a name change, revoked / expired / superseded as the
//! verification page and API say, a credential any JWT library verifies with the published key,
//! a PDF whose text holds the name with umlauts, and a by-hand issue whose dry run changes
//! nothing.

use std::sync::{Arc, Barrier};

use diesel::prelude::*;
use qualify::clock::Clock;
use qualify::db::models::{Assignment, Certificate, Enrollment, Submission, SubmissionVersion};
use qualify::db::schema::{outbox, people};
use qualify::domain::ids::{EnrollmentId, PersonId, ReviewId};

use crate::cohorts::{api, token};
use crate::grading_fixture::{Grading, Who, composer};
use crate::helpers::{TestApp, spawn_app};

/// Records passes directly (the grading flow has its own tests) for these assignments.
fn passed(app: &TestApp, enrollment: &str, slugs: &[&str]) {
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
        let id = uuid::Uuid::new_v4().to_string();
        Submission::create(
            &mut conn,
            &Submission {
                id: id.clone(),
                enrollment_id: e.id.clone(),
                assignment_id: a.id.clone(),
                state: "passed".into(),
                draft_body: String::new(),
                language: "en".into(),
                current_version: 1,
                lock_version: 1,
                created_at: now,
                updated_at: now,
            },
        )
        .unwrap();
        SubmissionVersion::create(
            &mut conn,
            &SubmissionVersion {
                id: uuid::Uuid::new_v4().to_string(),
                submission_id: id,
                number: 1,
                body: "Done.".into(),
                submitted_at: now,
                late: false,
                decision: Some("passed".into()),
                points: Some(a.max_points),
                decided_at: Some(now),
                moderation_note: None,
            },
        )
        .unwrap();
    }
}

const FIRST_FIVE: [&str; 5] = [
    "purpose-canvas",
    "launch-plan",
    "moderation-guide",
    "wol-content-plan",
    "capstone-plan",
];

/// A passing review through the API.
async fn pass(app: &TestApp, reviewer: &str, review: &str) {
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

fn certificates_of(app: &TestApp, person: &PersonId) -> Vec<Certificate> {
    let mut conn = app.conn();
    Certificate::list_by_person(&mut conn, person).unwrap()
}

/// A trainee with five required passes, the two last ones handed in and allocated to two
/// co-trainers. The clock is on day 71 (the last module is open).
async fn nearly_certified(app: &TestApp) -> (Grading<'_>, PersonId, String, PersonId, PersonId) {
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
    pass(&app, &token(&app, &b), &of(&b)).await;
    let certs = certificates_of(&app, &tara);
    assert_eq!(certs.len(), 1);
    let cert = &certs[0];
    assert_eq!(cert.holder_name, "Jörg Maß-Übel");
    assert!(cert.expires_at.unwrap() > app.clock.now_naive() + chrono::Duration::days(700));
    assert_eq!(cert.public_id.len(), 32, "160 random bits, not a UUID");
    let mut conn = app.conn();
    let mail: String = outbox::table
        .filter(outbox::kind.eq("certificate_issued"))
        .select(outbox::body_text)
        .first(&mut *conn)
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
    assert_eq!(certs[0].status, "active");
}

#[actix_web::test]
async fn a_certificate_is_frozen_verifiable_revocable_and_signed() {
    let app = spawn_app().await;
    let (g, tara, _enrollment, a, b) = nearly_certified(&app).await;
    let reviews = g.reviews();
    for r in &reviews {
        pass(&app, &token(&app, &r.reviewer_id), &r.id.0).await;
    }
    let _ = (a, b);
    let cert = certificates_of(&app, &tara).remove(0);
    let anon = crate::browser::Browser::new(&app);

    // The public page: no sign-in, not indexed.
    let page = anon.get(&format!("/verify/{}", cert.public_id)).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.header("x-robots-tag"), Some("noindex"));
    assert!(page.body.contains("Jörg Maß-Übel"));
    assert!(
        page.body.contains("Dieses Zertifikat ist gültig."),
        "German for visitors without a language"
    );
    assert_eq!(
        anon.get("/verify/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
            .await
            .status,
        404
    );

    // A name change changes no issued certificate.
    {
        let mut conn = app.conn();
        diesel::update(people::table.find(&tara))
            .set(people::name.eq("Jörg Neuname"))
            .execute(&mut *conn)
            .unwrap();
    }
    let page = anon.get(&format!("/verify/{}", cert.public_id)).await;
    assert!(page.body.contains("Jörg Maß-Übel"));
    assert!(!page.body.contains("Neuname"));

    // The PDF holds the name with umlauts, the program and the verification URL, identically
    // every time.
    let holder = token(&app, &tara);
    let pdf = app
        .client
        .get(app.url(&format!("/api/v1/certificates/{}/pdf?lang=de", cert.id)))
        .insert_header(("Authorization", format!("Bearer {holder}")))
        .send()
        .await
        .unwrap()
        .body()
        .await
        .unwrap()
        .to_vec();
    let again = app
        .client
        .get(app.url(&format!("/api/v1/certificates/{}/pdf?lang=de", cert.id)))
        .insert_header(("Authorization", format!("Bearer {holder}")))
        .send()
        .await
        .unwrap()
        .body()
        .await
        .unwrap()
        .to_vec();
    assert_eq!(pdf, again, "byte-identical");
    let doc = lopdf::Document::load_mem(&pdf).expect("a valid PDF");
    let text = doc.extract_text(&[1]).expect("text");
    assert!(text.contains("Jörg Maß-Übel"), "{text}");
    assert!(
        text.contains("Qualifizierung für Community Manager:innen"),
        "{text}"
    );
    assert!(
        text.contains(&format!("/verify/{}", cert.public_id)),
        "{text}"
    );
    assert!(text.contains("Zertifikat"));

    // The credential verifies with an independent JWT library against the published key.
    let jwt = api(
        &app,
        &holder,
        "GET",
        &format!("/api/v1/certificates/{}/credential", cert.id),
        None,
    )
    .await
    .body;
    let jwks = anon.get("/.well-known/jwks.json").await.json();
    let x = jwks["keys"][0]["x"].as_str().unwrap();
    let key = jsonwebtoken::DecodingKey::from_ed_components(x).unwrap();
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::EdDSA);
    validation.required_spec_claims.clear();
    validation.validate_exp = true;
    let data = jsonwebtoken::decode::<serde_json::Value>(&jwt, &key, &validation)
        .expect("valid credential");
    assert_eq!(
        data.claims["vc"]["credentialSubject"]["name"],
        "Jörg Maß-Übel"
    );
    assert_eq!(
        data.claims["iss"],
        format!("{}/issuer", app.settings.base_url)
    );
    let mut parts: Vec<&str> = jwt.split('.').collect();
    let forged = base64_url(&serde_json::json!({ "iss": data.claims["iss"], "vc": { "id": data.claims["vc"]["id"], "credentialSubject": { "name": "Mallory" } } }).to_string());
    parts[1] = &forged;
    let tampered = parts.join(".");
    assert!(jsonwebtoken::decode::<serde_json::Value>(&tampered, &key, &validation).is_err());
    anon.get("/verify").await;
    let checked = anon.post("/verify", &[("jwt", &jwt)]).await;
    assert!(
        checked
            .body
            .contains("Die Signatur ist echt und das Zertifikat gültig.")
    );
    let refused = anon.post("/verify", &[("jwt", &tampered)]).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("kein echter Nachweis"));
    let profile = anon.get("/issuer").await.json();
    assert_eq!(profile["verificationMethod"][0]["publicKeyJwk"]["x"], x);

    // Re-issue after the name change: a new certificate with the new name supersedes the old.
    let owner = &g.owner_token;
    let reissued = api(
        &app,
        owner,
        "POST",
        &format!("/api/v1/certificates/{}/reissue", cert.id),
        Some(serde_json::json!({ "reason": "Name change" })),
    )
    .await;
    assert_eq!(reissued.status, 200, "{}", reissued.body);
    let new_id = reissued.json()["certificate_id"]
        .as_str()
        .unwrap()
        .to_string();
    let old = api(
        &app,
        owner,
        "GET",
        &format!("/api/v1/verify/{}", cert.public_id),
        None,
    )
    .await;
    assert_eq!(old.json()["status"], "superseded");
    let new = {
        let mut conn = app.conn();
        Certificate::find(&mut conn, &new_id).unwrap().unwrap()
    };
    assert_eq!(new.holder_name, "Jörg Neuname");
    // Revoke: the page says so in plain words; the API answers 410; the holder is told.
    let no_reason = api(
        &app,
        owner,
        "POST",
        &format!("/api/v1/certificates/{new_id}/revoke"),
        Some(serde_json::json!({ "reason": " " })),
    )
    .await;
    assert_eq!(no_reason.status, 422);
    let revoked = api(
        &app,
        owner,
        "POST",
        &format!("/api/v1/certificates/{new_id}/revoke"),
        Some(serde_json::json!({ "reason": "Plagiarism in the capstone" })),
    )
    .await;
    assert_eq!(revoked.status, 200, "{}", revoked.body);
    let gone = app
        .get(&format!("/api/v1/verify/{}", new.public_id), None)
        .await;
    assert_eq!(gone.status, 410);
    assert_eq!(gone.json()["revoked_reason"], "Plagiarism in the capstone");
    let page = anon.get(&format!("/verify/{}", new.public_id)).await;
    assert!(page.body.contains("Dieses Zertifikat wurde widerrufen."));
    let mut conn = app.conn();
    let told: i64 = outbox::table
        .filter(outbox::kind.eq("certificate_revoked"))
        .count()
        .get_result(&mut *conn)
        .unwrap();
    assert_eq!(told, 1);
    // A stranger cannot see the certificate; the holder can.
    let stranger = g.person(Who::new("s@example.com", "Stranger"));
    let st = token(&app, &stranger);
    assert_eq!(
        api(
            &app,
            &st,
            "GET",
            &format!("/api/v1/certificates/{}", cert.id),
            None
        )
        .await
        .status,
        404
    );
    assert_eq!(
        api(&app, &holder, "GET", "/api/v1/me/certificates", None)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

fn base64_url(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
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
        qualify::jobs::reminders::tick(&mut conn, &composer(&app), app.clock.now_naive(), false)
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
    assert_eq!(new.status, "active");
    assert_eq!(old.status, "superseded");
    assert_eq!(old.superseded_by.as_deref(), Some(new.id.as_str()));
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
