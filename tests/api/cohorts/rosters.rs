//! A cohort's trainee count and its roster by name follow every change without counting or
//! sorting the cohort on each view: enrolling, withdrawing, moving to another cohort and a
//! person's new name all show at once in the list and on the cohort's page.

use diesel::prelude::*;
use qualify::db::schema::people;

use crate::support::api::{api, token};
use crate::support::app::{TestApp, spawn_app};
use crate::support::browser::signed_in;
use crate::support::fixtures::people::create_person;

async fn call(
    app: &TestApp,
    t: &str,
    method: &str,
    path: &str,
    body: serde_json::Value,
) -> serde_json::Value {
    let body = (!body.is_null()).then_some(body);
    let resp = api(app, t, method, path, body).await;
    assert!(resp.status < 300, "{path}: {} {}", resp.status, resp.body);
    serde_json::from_str(&resp.body).unwrap_or_default()
}

async fn counts(app: &TestApp, t: &str) -> Vec<(String, u64)> {
    let list = api(app, t, "GET", "/api/v1/cohorts?search=roster", None)
        .await
        .json();
    let mut out: Vec<(String, u64)> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["trainees"].as_u64().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[actix_web::test]
async fn counts_and_the_roster_by_name_follow_every_change() {
    let app = spawn_app().await;
    let owner = create_person(&app, "owner@example.com", "Olga Owner", true);
    let t = token(&app, &owner);
    let mut cohorts = Vec::new();
    for name in ["Roster A", "Roster B"] {
        let body = serde_json::json!({"name": name, "starts_on": "2027-03-01", "time_zone": "Europe/Berlin"});
        cohorts.push(
            call(&app, &t, "POST", "/api/v1/cohorts", body).await["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    for (email, name) in [
        ("zoe@example.com", "Zoe Zander"),
        ("max@example.com", "Max Meyer"),
        ("ada@example.com", "Ada Albers"),
    ] {
        create_person(&app, email, name, false);
    }
    let text = "zoe@example.com\nmax@example.com\nada@example.com";
    call(
        &app,
        &t,
        "POST",
        &format!("/api/v1/cohorts/{}/enrollments", cohorts[0]),
        serde_json::json!({"text": text}),
    )
    .await;
    assert_eq!(
        counts(&app, &t).await,
        [("Roster A".into(), 3), ("Roster B".into(), 0)]
    );

    let roster = call(
        &app,
        &t,
        "GET",
        &format!("/api/v1/cohorts/{}", cohorts[0]),
        serde_json::Value::Null,
    )
    .await;
    let enrollment = |name: &str| {
        roster["trainees"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == name)
            .unwrap()["enrollment_id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (zoe, max) = (enrollment("Zoe Zander"), enrollment("Max Meyer"));
    call(
        &app,
        &t,
        "POST",
        &format!("/api/v1/enrollments/{zoe}/withdraw"),
        serde_json::json!({}),
    )
    .await;
    call(
        &app,
        &t,
        "POST",
        &format!("/api/v1/enrollments/{max}/move"),
        serde_json::json!({"cohort_id": cohorts[1]}),
    )
    .await;
    assert_eq!(
        counts(&app, &t).await,
        [("Roster A".into(), 1), ("Roster B".into(), 1)]
    );

    diesel::update(people::table.filter(people::email.eq("ada@example.com")))
        .set(people::name.eq("Zora Albers"))
        .execute(&mut **app.conn())
        .unwrap();
    let page = signed_in(&app, &owner)
        .await
        .get(&format!("/cohorts/{}", cohorts[0]))
        .await;
    let (ada, zoe) = (page.body.find("Zora Albers"), page.body.find("Zoe Zander"));
    assert!(ada.is_some() && zoe.is_some(), "{}", page.body);
    assert!(ada > zoe, "by the new name: Zora after Zoe: {}", page.body);
}
