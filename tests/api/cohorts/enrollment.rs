//! Enrollment: the import with a dry run, move / defer / withdraw keeping the work,
//! co-trainer access and the audit log.

use diesel::prelude::*;
use qualify::db::models::Enrollment;
use qualify::db::schema::{enrollments, people, submissions};
use qualify::domain::ids::CohortId;

use crate::support::api::{api, token};
use crate::support::app::{TestApp, spawn_app};
use crate::support::browser::signed_in;
use crate::support::fixtures::cohorts::create_cohort;
use crate::support::fixtures::people::{create_person, person};

#[actix_web::test]
async fn the_import_is_planned_first_then_applied_once() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga", true);
    create_person(&app, "existing@example.com", "Erik Existing", false);
    let owner = signed_in(&app, &owner_id).await;
    let id = create_cohort(&owner, "K1", "2027-03-01").await;
    let csv = "name,email,language,org_unit,manager_email\nNina Neu,nina@example.com,de,HR,boss@example.com\nErik,existing@example.com,en,,\nBad,bad@,de,,\nNina again,NINA@example.com,de,,\n";
    let count = |app: &TestApp| -> (i64, i64) {
        let mut conn = app.conn();
        (
            people::table.count().get_result(&mut **conn).unwrap(),
            enrollments::table.count().get_result(&mut **conn).unwrap(),
        )
    };
    let before = count(&app);
    let plan = owner
        .post(
            &format!("/cohorts/{id}/enrollments/preview"),
            &[("people", csv)],
        )
        .await;
    assert_eq!(plan.status, 200);
    assert!(
        plan.body
            .contains("1 new person, 1 existing person, 0 already enrolled, 2 lines with errors"),
        "{}",
        plan.body
    );
    assert!(plan.body.contains("Line 4") && plan.body.contains("Line 5"));
    assert_eq!(count(&app), before, "a dry run changes nothing");

    let done = owner
        .post(&format!("/cohorts/{id}/enrollments"), &[("people", csv)])
        .await;
    assert_eq!(done.status, 200);
    assert_eq!(count(&app), (before.0 + 1, 2));
    let mails = app.deliver().await;
    assert_eq!(mails.len(), 1, "the new person is invited");
    assert_eq!(mails[0].to, "nina@example.com");
    let nina = person(&app, "nina@example.com");
    assert_eq!(nina.org_unit.as_deref(), Some("HR"));
    assert_eq!(nina.manager_email.as_deref(), Some("boss@example.com"));

    let again = owner
        .post(&format!("/cohorts/{id}/enrollments"), &[("people", csv)])
        .await;
    assert!(
        again
            .body
            .contains("0 new people, 0 existing people, 2 already enrolled"),
        "{}",
        again.body
    );
    assert_eq!(count(&app), (before.0 + 1, 2), "a re-run is idempotent");

    let api_token = token(&app, &owner_id);
    let dry = api(
        &app,
        &api_token,
        "POST",
        &format!("/api/v1/cohorts/{id}/enrollments"),
        Some(serde_json::json!({ "text": "zoe@example.com", "dryRun": true })),
    )
    .await;
    assert_eq!(dry.json()["new_people"][0]["email"], "zoe@example.com");
    assert_eq!(dry.json()["applied"], false);
    assert_eq!(count(&app).1, 2);
}

#[actix_web::test]
async fn move_defer_and_withdraw_keep_the_work() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga", true);
    let owner = signed_in(&app, &owner_id).await;
    let first = create_cohort(&owner, "K1", "2027-03-01").await;
    let parallel = create_cohort(&owner, "K1b", "2027-03-01").await;
    let later = create_cohort(&owner, "K2", "2027-09-01").await;
    owner.get(&format!("/cohorts/{first}")).await;
    owner
        .post(
            &format!("/cohorts/{first}/enrollments"),
            &[("people", "tara@example.com")],
        )
        .await;
    let enrollment: Enrollment = {
        let mut conn = app.conn();
        Enrollment::list_by_cohort(&mut conn, &CohortId(first.clone()))
            .unwrap()
            .remove(0)
    };
    // Some work of the trainee.
    {
        let mut conn = app.conn();
        let assignment: String = qualify::db::schema::assignments::table
            .select(qualify::db::schema::assignments::id)
            .first(&mut **conn)
            .unwrap();
        let now = chrono::Utc::now().naive_utc();
        diesel::insert_into(submissions::table)
            .values((
                submissions::id.eq("sub-1"),
                submissions::enrollment_id.eq(enrollment.id.as_str()),
                submissions::assignment_id.eq(assignment),
                submissions::state.eq("draft"),
                submissions::draft_body.eq("Mein Community-Canvas"),
                submissions::language.eq("de"),
                submissions::created_at.eq(now),
                submissions::updated_at.eq(now),
                submissions::cohort_id.eq(&first),
            ))
            .execute(&mut **conn)
            .unwrap();
    }
    let defer_parallel = owner
        .post(
            &format!("/enrollments/{}/move", enrollment.id),
            &[("cohort_id", &parallel), ("mode", "defer")],
        )
        .await;
    assert_eq!(
        defer_parallel.status, 422,
        "a deferral needs a later cohort"
    );
    assert_eq!(
        owner
            .post(
                &format!("/enrollments/{}/move", enrollment.id),
                &[("cohort_id", &parallel), ("mode", "move")]
            )
            .await
            .status,
        303
    );
    assert_eq!(
        owner
            .post(
                &format!("/enrollments/{}/move", enrollment.id),
                &[("cohort_id", &later), ("mode", "defer")]
            )
            .await
            .status,
        303
    );
    let mut conn = app.conn();
    let moved = Enrollment::find(&mut conn, &enrollment.id)
        .unwrap()
        .unwrap();
    assert_eq!(moved.cohort_id.as_str(), later);
    let body: String = submissions::table
        .filter(submissions::enrollment_id.eq(enrollment.id.as_str()))
        .select(submissions::draft_body)
        .first(&mut **conn)
        .unwrap();
    assert_eq!(body, "Mein Community-Canvas", "the work moved along");
    let counted_in: String = submissions::table
        .filter(submissions::enrollment_id.eq(enrollment.id.as_str()))
        .select(submissions::cohort_id)
        .first(&mut **conn)
        .unwrap();
    assert_eq!(counted_in, later, "the work is counted in its new cohort");
    drop(conn);
    assert_eq!(
        owner
            .post(&format!("/enrollments/{}/withdraw", enrollment.id), &[])
            .await
            .status,
        303
    );
    let mut conn = app.conn();
    assert_eq!(
        Enrollment::find(&mut conn, &enrollment.id)
            .unwrap()
            .unwrap()
            .state,
        qualify::domain::states::EnrollmentState::Withdrawn
    );
    let kept: i64 = submissions::table
        .filter(submissions::enrollment_id.eq(enrollment.id.as_str()))
        .count()
        .get_result(&mut **conn)
        .unwrap();
    assert_eq!(kept, 1, "withdrawing keeps the work on record");
    let actions: Vec<String> =
        qualify::db::models::AuditEntry::list(&mut conn, None, Some(&owner_id), 100)
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
    for action in [
        "enrollment_moved",
        "enrollment_deferred",
        "enrollment_withdrawn",
        "trainee_enrolled",
        "cohort_created",
    ] {
        assert!(actions.contains(&action.to_string()), "{action} audited");
    }
}

#[actix_web::test]
async fn co_trainers_see_only_their_cohorts() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga", true);
    let coach_id = create_person(&app, "coach@example.com", "Carla Coach", false);
    let trainee_id = create_person(&app, "tara@example.com", "Tara", false);
    let owner = signed_in(&app, &owner_id).await;
    let mine = create_cohort(&owner, "Mine", "2027-03-01").await;
    let theirs = create_cohort(&owner, "Theirs", "2027-03-01").await;
    owner.get(&format!("/cohorts/{mine}")).await;
    assert_eq!(
        owner
            .post(
                &format!("/cohorts/{mine}/cotrainers"),
                &[("emails", "coach@example.com\n")]
            )
            .await
            .status,
        303
    );
    let unknown = owner
        .post(
            &format!("/cohorts/{mine}/cotrainers"),
            &[("emails", "ghost@example.com")],
        )
        .await;
    assert_eq!(unknown.status, 422);
    let coach = signed_in(&app, &coach_id).await;
    let page = coach.get(&format!("/cohorts/{mine}")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Carla Coach") && !page.body.contains("/enrollments/preview"),
        "read-only for co-trainers"
    );
    assert_eq!(
        coach.get(&format!("/cohorts/{theirs}")).await.status,
        404,
        "not their cohort"
    );
    assert_eq!(coach.get("/cohorts").await.status, 403);
    let trainee = signed_in(&app, &trainee_id).await;
    assert_eq!(trainee.get(&format!("/cohorts/{mine}")).await.status, 404);
    let coach_token = token(&app, &coach_id);
    assert_eq!(
        api(
            &app,
            &coach_token,
            "GET",
            &format!("/api/v1/cohorts/{theirs}"),
            None
        )
        .await
        .status,
        404
    );
    assert_eq!(
        api(
            &app,
            &coach_token,
            "GET",
            &format!("/api/v1/cohorts/{mine}"),
            None
        )
        .await
        .status,
        200
    );
    let owner_token = token(&app, &owner_id);
    let set = api(
        &app,
        &owner_token,
        "PUT",
        &format!("/api/v1/cohorts/{theirs}/cotrainers"),
        Some(serde_json::json!({ "emails": ["coach@example.com"] })),
    )
    .await;
    assert_eq!(set.status, 204);
    assert_eq!(coach.get(&format!("/cohorts/{theirs}")).await.status, 200);
    let audit = api(
        &app,
        &owner_token,
        "GET",
        "/api/v1/audit?action=cotrainers_assigned",
        None,
    )
    .await
    .json();
    assert_eq!(audit["items"].as_array().unwrap().len(), 2);
    let page = owner
        .get("/audit?action=cohort_created&actor=owner%40example.com")
        .await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body.matches("<td>cohort_created</td>").count(), 2);
}
