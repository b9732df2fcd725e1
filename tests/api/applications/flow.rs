//! From application to cohort: submitted → manager-approved → admitted with the person in the
//! cohort and the mails sent; refused without the self-study certificate; the manager step
//! skipped without HR data; the manager's page is nobody else's.

use diesel::prelude::*;
use qualify::db::models::Enrollment;
use qualify::db::schema::{applications, audit_log};
use qualify::domain::ids::CohortId;

use crate::support::api::{api, token};
use crate::support::app::{TestApp, spawn_app};
use crate::support::browser::signed_in;
use crate::support::fixtures::applications::{applicant, apply, self_study_certificate, setup};
use crate::support::fixtures::people::create_person;

fn audited(app: &TestApp) -> Vec<String> {
    let mut conn = app.conn();
    audit_log::table
        .filter(audit_log::object_type.eq("application"))
        .select(audit_log::action)
        .order(audit_log::action.asc())
        .load(&mut **conn)
        .unwrap()
}

#[actix_web::test]
async fn an_application_goes_from_submitted_to_manager_approved_to_admitted() {
    let app = spawn_app().await;
    let s = setup(&app);
    let boss = create_person(&app, "boss@example.com", "Bea Boss", false);
    let ada = applicant(
        &app,
        "ada@example.com",
        "Ada Applicant",
        Some("boss@example.com"),
    );
    self_study_certificate(&app, &ada);
    let as_ada = signed_in(&app, &ada).await;
    let form = as_ada.get("/apply/community-manager").await;
    assert_eq!(form.status, 200);
    assert!(
        form.body.contains("Bea Boss is asked to approve"),
        "{}",
        form.body
    );
    let resp = apply(&app, &ada, Some(&s.cohort)).await;
    assert_eq!(resp.status, 201, "{}", resp.body);
    let id = resp.json()["id"].as_str().unwrap().to_string();
    assert_eq!(resp.json()["state"], "manager_pending");

    let mails = app.deliver().await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "boss@example.com");
    assert!(
        mails[0].subject.contains("Ada Applicant"),
        "{}",
        mails[0].subject
    );
    assert!(
        mails[0]
            .raw
            .contains(&format!("/applications/{id}/manager"))
    );

    let as_boss = signed_in(&app, &boss).await;
    let page = as_boss.get(&format!("/applications/{id}/manager")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Sales Circle"));
    let done = as_boss
        .post(
            &format!("/applications/{id}/manager"),
            &[
                ("decision", "approved"),
                ("comment", "Go for it"),
                ("lock_version", "1"),
            ],
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(done.body.contains("Your decision is saved."));
    let mails = app.deliver().await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "ada@example.com");
    assert!(mails[0].raw.contains("Go for it"));

    let admitted = api(
        &app,
        &s.owner_token,
        "POST",
        &format!("/api/v1/applications/{id}/decision"),
        Some(serde_json::json!({ "decision": "admit", "lock_version": 2 })),
    )
    .await;
    assert_eq!(admitted.status, 200, "{}", admitted.body);
    assert_eq!(admitted.json()["state"], "admitted");
    assert_eq!(admitted.json()["cohort_id"], s.cohort.as_str());
    {
        let mut conn = app.conn();
        let cohort = CohortId(s.cohort.clone());
        assert!(
            Enrollment::find_in(&mut conn, &cohort, &ada)
                .unwrap()
                .is_some()
        );
    }
    let mails = app.deliver().await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "ada@example.com");
    assert!(
        mails[0].subject.contains("admitted"),
        "{}",
        mails[0].subject
    );
    assert_eq!(
        audited(&app),
        [
            "application_admitted",
            "application_manager_approved",
            "application_submitted"
        ]
    );
    let learn = as_ada.get("/learn").await;
    assert!(
        learn.body.contains("Admitted") && learn.body.contains("Spring"),
        "{}",
        learn.body
    );
}

#[actix_web::test]
async fn without_the_self_study_certificate_the_application_is_refused() {
    let app = spawn_app().await;
    setup(&app);
    let ben = applicant(&app, "ben@example.com", "Ben", None);
    let page = signed_in(&app, &ben)
        .await
        .get("/apply/community-manager")
        .await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("you need the self-study certificate"),
        "{}",
        page.body
    );
    assert!(page.body.contains("href=\"/self-study/community-basics\""));
    assert!(
        !page.body.contains("name=\"motivation\""),
        "no form without the certificate"
    );
    let resp = apply(&app, &ben, None).await;
    assert_eq!(resp.status, 409, "{}", resp.body);
    assert_eq!(resp.json()["refusal"], "self_study_missing");
    let mut conn = app.conn();
    let rows: i64 = applications::table.count().get_result(&mut **conn).unwrap();
    assert_eq!(rows, 0);
}

#[actix_web::test]
async fn without_hr_manager_data_the_manager_step_is_skipped() {
    let app = spawn_app().await;
    let s = setup(&app);
    let cleo = applicant(&app, "cleo@example.com", "Cleo", None);
    self_study_certificate(&app, &cleo);
    let page = signed_in(&app, &cleo)
        .await
        .get("/apply/community-manager")
        .await;
    assert!(page.body.contains("this step is skipped"), "{}", page.body);
    let resp = apply(&app, &cleo, None).await;
    assert_eq!(resp.json()["state"], "submitted");
    assert!(app.deliver().await.is_empty(), "no manager to mail");
    let again = apply(&app, &cleo, None).await;
    assert_eq!(
        again.status, 409,
        "one open application per person and program"
    );
    let id = resp.json()["id"].as_str().unwrap().to_string();
    let decided = api(
        &app,
        &s.owner_token,
        "POST",
        &format!("/api/v1/applications/{id}/decision"),
        Some(serde_json::json!({ "decision": "admit", "cohort_id": s.cohort, "lock_version": 1 })),
    )
    .await;
    assert_eq!(decided.json()["state"], "admitted", "{}", decided.body);
}

#[actix_web::test]
async fn nobody_but_the_manager_sees_or_decides() {
    let app = spawn_app().await;
    let s = setup(&app);
    let boss = create_person(&app, "boss@example.com", "Bea Boss", false);
    let stranger = create_person(&app, "eve@example.com", "Eve", false);
    let dan = applicant(&app, "dan@example.com", "Dan", Some("boss@example.com"));
    self_study_certificate(&app, &dan);
    let id = apply(&app, &dan, None).await.json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("/applications/{id}/manager");
    let fields = [
        ("decision", "approved"),
        ("comment", ""),
        ("lock_version", "1"),
    ];
    for who in [&stranger, &s.owner, &dan] {
        let browser = signed_in(&app, who).await;
        assert_eq!(browser.get(&path).await.status, 404);
        assert_eq!(browser.post(&path, &fields).await.status, 404);
        let by_api = api(
            &app,
            &token(&app, who),
            "POST",
            &format!("/api/v1/applications/{id}/manager-decision"),
            Some(serde_json::json!({ "decision": "approved", "lock_version": 1 })),
        )
        .await;
        assert_eq!(by_api.status, 404);
    }
    let by_trainee = api(
        &app,
        &token(&app, &stranger),
        "POST",
        &format!("/api/v1/applications/{id}/decision"),
        Some(serde_json::json!({ "decision": "decline", "reason": "x", "lock_version": 1 })),
    )
    .await;
    assert_eq!(by_trainee.status, 403);
    {
        let mut conn = app.conn();
        let state: String = applications::table
            .select(applications::state)
            .first(&mut **conn)
            .unwrap();
        assert_eq!(state, "manager_pending");
    }
    let body =
        serde_json::json!({ "decision": "declined", "comment": "Not now", "lock_version": 1 });
    let path = format!("/api/v1/applications/{id}/manager-decision");
    let declined = api(&app, &token(&app, &boss), "POST", &path, Some(body.clone())).await;
    assert_eq!(
        declined.json()["state"],
        "manager_declined",
        "{}",
        declined.body
    );
    let again = api(&app, &token(&app, &boss), "POST", &path, Some(body)).await;
    assert_eq!(again.status, 409, "decided once");
}

#[actix_web::test]
async fn two_applications_sent_at_once_leave_one_open() {
    let app = spawn_app().await;
    setup(&app);
    let gus = applicant(&app, "gus@example.com", "Gus", None);
    self_study_certificate(&app, &gus);
    let (a, b) = futures_util::join!(apply(&app, &gus, None), apply(&app, &gus, None));
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [201, 409], "{} / {}", a.body, b.body);
    let mut conn = app.conn();
    let rows: i64 = applications::table.count().get_result(&mut **conn).unwrap();
    assert_eq!(rows, 1);
}
