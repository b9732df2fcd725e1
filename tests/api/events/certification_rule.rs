//! A program that asks for three in four of the cohort's live sessions: with every required
//! pass but the session missed, no certificate; once the host marks the trainee present, the
//! certificate is issued, as after a passing grade.

use chrono::{TimeZone, Utc};

use crate::support::api::api;
use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::certificates::{FIRST_FIVE, certificates_of, passed};
use crate::support::fixtures::events::{plan, session_form};
use crate::support::fixtures::grading::{Grading, Who};

#[actix_web::test]
async fn the_attendance_rule_blocks_and_then_allows_the_certificate() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let tara = g.person(Who::new("tara@example.com", "Tara Trainee"));
    let enrollment = g.enroll(&[(&tara, "tara@example.com")]).await.remove(0);
    let mut form = session_form("Kick-off", "");
    form[0].1 = g.cohort.clone();
    form[5].1 = "2026-03-10T09:00".into();
    form[6].1 = "2026-03-10T10:00".into();
    let id = plan(&g.owner, &form).await;
    let as_tara = signed_in(&app, &tara).await;
    as_tara.get("/events").await;
    assert_eq!(
        as_tara
            .post(&format!("/events/{id}/register"), &[])
            .await
            .status,
        303
    );

    let mut all = FIRST_FIVE.to_vec();
    all.extend(["impact-report", "change-story"]);
    passed(&app, &enrollment, &all);
    let body =
        serde_json::json!({ "enrollment_ids": [enrollment], "reason": "Check", "dryRun": true });
    let plan_now = api(
        &app,
        &g.owner_token,
        "POST",
        "/api/v1/certificates",
        Some(body.clone()),
    )
    .await;
    assert_eq!(plan_now.status, 200, "{}", plan_now.body);
    let line = &plan_now.json()["plan"][0];
    assert_eq!(
        line["missing"].as_array().unwrap().len(),
        0,
        "every pass is there"
    );
    assert_eq!(
        (
            line["sessions"].as_i64(),
            line["sessions_attended"].as_i64()
        ),
        (Some(1), Some(0))
    );
    assert_eq!(line["meets_rule"], false, "the session is missing");

    app.clock
        .set(Utc.with_ymd_and_hms(2026, 3, 10, 8, 5, 0).unwrap());
    let owner = signed_in(&app, &g.owner_id).await;
    owner.get(&format!("/events/{id}")).await;
    let absent = [(format!("a.{}", tara.0), "absent")];
    let fields: Vec<(&str, &str)> = absent.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(
        owner
            .post(&format!("/events/{id}/attendance"), &fields)
            .await
            .status,
        303
    );
    assert!(
        certificates_of(&app, &tara).is_empty(),
        "absent: no certificate"
    );

    let present = [(format!("a.{}", tara.0), "present")];
    let fields: Vec<(&str, &str)> = present.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(
        owner
            .post(&format!("/events/{id}/attendance"), &fields)
            .await
            .status,
        303
    );
    assert_eq!(certificates_of(&app, &tara).len(), 1, "present: certified");
}
