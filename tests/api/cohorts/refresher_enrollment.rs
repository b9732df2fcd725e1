//! A refresher's cohort takes only people whose community-manager certificate is active or
//! expired less than the grace months ago: the dry run lists the others as errors, enrolling a
//! list that names them is refused with a problem naming them and nobody is enrolled, and the
//! owner's page keeps the typed list. A cohort of an unknown program is refused at its field.

use qualify::db::models::Enrollment;
use qualify::domain::ids::CohortId;
use serde_json::json;

use crate::support::api::{api, token};
use crate::support::app::spawn_app;
use crate::support::clock::at;
use crate::support::fixtures::grading::{Grading, Who};
use crate::support::fixtures::renewal::{certified, enroll_api, refresher_cohort};

fn enrolled(g: &Grading<'_>) -> usize {
    let mut conn = g.app.conn();
    Enrollment::list_by_cohort(&mut conn, &CohortId(g.cohort.clone()))
        .unwrap()
        .len()
}

#[actix_web::test]
async fn only_holders_of_a_certificate_it_can_renew_are_enrolled_in_a_refresher() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    certified(&g, "ada@example.com", "Ada Lovelace").await;
    certified(&g, "eve@example.com", "Eve Late").await;
    let (_, rob) = certified(&g, "rob@example.com", "Rob Revoked").await;
    g.person(Who::new("nina@example.com", "Nina Never"));
    let revoked = api(
        &app,
        &g.owner_token,
        "POST",
        &format!("/api/v1/certificates/{}/revoke", rob.id),
        Some(json!({ "reason": "Plagiarism" })),
    )
    .await;
    assert_eq!(revoked.status, 200, "{}", revoked.body);
    // Three months after the certificates expired (2028-03-02): within the six months of grace.
    at(&app, 2028, 6, 1, 9);
    let r = refresher_cohort(&g, "2028-06-01").await;
    let people = [
        "ada@example.com",
        "rob@example.com",
        "nina@example.com",
        "new@example.com",
    ];
    let plan = enroll_api(&r, &people, true).await;
    assert_eq!(plan.status, 200, "{}", plan.body);
    let plan = plan.json();
    assert_eq!(plan["existing_people"][0]["email"], "ada@example.com");
    let refused: Vec<(&str, &str)> = plan["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["key"].as_str().unwrap(), e["value"].as_str().unwrap()))
        .collect();
    assert_eq!(
        refused,
        [
            ("enroll-error-no-certificate", "rob@example.com"),
            ("enroll-error-no-certificate", "nina@example.com"),
            ("enroll-error-no-certificate", "new@example.com"),
        ],
        "revoked, never certified, no account"
    );
    // Enrolling that list is refused as a problem naming them; nobody is enrolled.
    let refusal = enroll_api(&r, &people, false).await;
    assert_eq!(refusal.status, 422, "{}", refusal.body);
    assert_eq!(refusal.json()["refusal"], "not_renewable");
    let detail = refusal.json()["detail"].as_str().unwrap().to_string();
    assert!(detail.contains("Nobody was enrolled"), "{detail}");
    assert!(detail.contains("rob@example.com, nina@example.com, new@example.com"));
    assert_eq!(enrolled(&r), 0);
    // The owner's page says so and keeps the typed list.
    r.owner.get(&format!("/cohorts/{}", r.cohort)).await;
    let page = r
        .owner
        .post(
            &format!("/cohorts/{}/enrollments", r.cohort),
            &[("people", &people.join("\n"))],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("Nobody was enrolled"), "{}", page.body);
    assert!(
        page.body
            .contains("nina@example.com\nnew@example.com</textarea>")
    );
    assert_eq!(enrolled(&r), 0);
    // Ada's certificate expired three months ago: within the grace, she is enrolled.
    let done = enroll_api(&r, &["ada@example.com"], false).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(done.json()["applied"], true);
    assert_eq!(enrolled(&r), 1);
    // Six months and a day after expiry, Eve is too late.
    at(&app, 2028, 9, 3, 9);
    let r = Grading {
        owner_token: token(&app, &g.owner_id),
        ..r
    };
    let late = enroll_api(&r, &["eve@example.com"], false).await;
    assert_eq!(late.status, 422, "{}", late.body);
    assert!(
        late.json()["detail"]
            .as_str()
            .unwrap()
            .ends_with("eve@example.com")
    );
    assert_eq!(enrolled(&r), 1);
}

#[actix_web::test]
async fn a_german_program_lead_reads_the_refusal_in_german_and_an_unknown_program_is_refused() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    g.person(Who::new("nina@example.com", "Nina Never"));
    {
        use diesel::prelude::*;
        use qualify::db::schema::people;
        let mut conn = app.conn();
        diesel::update(people::table.find(&g.owner_id))
            .set(people::language.eq("de"))
            .execute(&mut **conn)
            .unwrap();
    }
    let r = refresher_cohort(&g, "2026-03-02").await;
    let cohort = json!({ "name": "R2", "starts_on": "2026-03-02", "time_zone": "Europe/Berlin",
        "program": "nothing-here" });
    let unknown = api(
        &app,
        &r.owner_token,
        "POST",
        "/api/v1/cohorts",
        Some(cohort),
    )
    .await;
    assert_eq!(unknown.status, 422, "{}", unknown.body);
    assert_eq!(unknown.json()["errors"][0]["field"], "program");
    let resp = enroll_api(&r, &["nina@example.com"], false).await;
    assert_eq!(resp.status, 422);
    let detail = resp.json()["detail"].as_str().unwrap().to_string();
    assert!(
        detail.starts_with("Niemand wurde aufgenommen") && detail.ends_with("nina@example.com"),
        "{detail}"
    );
}
