//! The small known data set the report tests read cell by cell: Ada (Sales, five passes,
//! an active certificate), Ben (HR, an expired certificate, one submission waiting for
//! Carla) and a trainee whose name and org unit are spreadsheet formulas (revoked).

use chrono::{NaiveDate, NaiveDateTime};
use qualify::db::models::{Certificate, Cohort, Enrollment};
use qualify::domain::ids::EnrollmentId;

use crate::certificates::{FIRST_FIVE, passed};
use crate::cohorts::token;
use crate::grading_fixture::{Grading, Who};
use crate::helpers::TestApp;

pub const EVIL: &str = "=HYPERLINK(\"http://evil.example\")";

fn day(y: i32, m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn certificate(
    app: &TestApp,
    enrollment: &str,
    code: &str,
    issued: NaiveDateTime,
    expires: NaiveDateTime,
    status: &str,
) {
    let mut conn = app.conn();
    let e = Enrollment::find(&mut conn, &EnrollmentId(enrollment.into()))
        .unwrap()
        .unwrap();
    let c = Cohort::find(&mut conn, &e.cohort_id).unwrap().unwrap();
    let person = qualify::db::models::Person::find(&mut conn, &e.person_id)
        .unwrap()
        .unwrap();
    let row = Certificate {
        id: qualify::domain::ids::CertificateId::new(),
        public_id: code.into(),
        person_id: e.person_id.clone(),
        program_id: c.program_id.clone(),
        enrollment_id: Some(e.id.clone()),
        curriculum_version_id: c.curriculum_version_id.clone(),
        holder_name: person.name,
        program_title_de: "Community-Management".into(),
        program_title_en: "Community management".into(),
        record: "{}".into(),
        issued_at: issued,
        expires_at: Some(expires),
        issued_by: None,
        issue_reason: None,
        status: status.parse().unwrap(),
        revoked_at: (status == "revoked").then_some(issued),
        revoked_reason: None,
        superseded_by: None,
        created_at: issued,
    };
    assert!(Certificate::create_if_absent(&mut conn, &row).unwrap());
}

/// Ada (Sales, five passes, active certificate), Ben (HR, expired certificate, one submission
/// waiting for Carla) and a trainee whose name and org unit are formulas (revoked).
pub struct Data3<'a> {
    pub g: Grading<'a>,
    pub owner: String,
    pub trainee: String,
}

pub async fn data(app: &TestApp) -> Data3<'_> {
    let g = Grading::new(app).await;
    let ada = g.person(Who::new("ada@example.com", "Ada Lovelace").unit("Sales"));
    let ben = g.person(Who::new("ben@example.com", "Ben Bauer").unit("HR"));
    let evil = g.person(Who::new("evil@example.com", EVIL).unit("@evil"));
    let carla = g.person(Who::new("carla@example.com", "Carla Coach"));
    g.cotrainers(&[(&carla, "carla@example.com", 3, &["en"])])
        .await;
    let enrollments = g
        .enroll(&[
            (&ada, "ada@example.com"),
            (&ben, "ben@example.com"),
            (&evil, "evil@example.com"),
        ])
        .await;
    g.run_cohorts();
    passed(app, &enrollments[0], &FIRST_FIVE);
    g.submit(&ben, &enrollments[1], "purpose-canvas", "My canvas")
        .await;
    certificate(
        app,
        &enrollments[1],
        "BENCODE",
        day(2024, 1, 1),
        day(2026, 2, 1),
        "active",
    );
    certificate(
        app,
        &enrollments[0],
        "ADACODE",
        day(2026, 1, 10),
        day(2028, 1, 10),
        "active",
    );
    certificate(
        app,
        &enrollments[2],
        "EVILCODE",
        day(2026, 2, 1),
        day(2028, 2, 1),
        "revoked",
    );
    let trainee = token(app, &ben);
    Data3 {
        owner: g.owner_token.clone(),
        g,
        trainee,
    }
}

/// GET with a bearer token; the body as bytes.
pub async fn raw(app: &TestApp, token: &str, path: &str) -> (u16, String, String, Vec<u8>) {
    let mut resp = app
        .client
        .get(app.url(path))
        .insert_header(("Authorization", format!("Bearer {token}")))
        .send()
        .await
        .unwrap();
    let body = resp.body().limit(50 << 20).await.unwrap().to_vec();
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    (
        resp.status().as_u16(),
        header("content-type"),
        header("content-disposition"),
        body,
    )
}
