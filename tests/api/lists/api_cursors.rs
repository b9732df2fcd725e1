//! `listPeople`, `listCertificates` and `listCohorts` walked page by page while rows arrive.

use std::collections::BTreeSet;

use qualify::clock::Clock;
use qualify::db::models::{Cohort, CurriculumVersion, Program};

use crate::support::api::{api, token};
use crate::support::app::spawn_app;
use crate::support::fixtures::lists::{certificate, exactly_once, walk};
use crate::support::fixtures::people::create_person;

#[actix_web::test]
async fn people_are_listed_exactly_once_in_every_sort_while_people_arrive() {
    let app = spawn_app().await;
    let owner = create_person(&app, "owner@example.com", "Olga Owner", true);
    let t = token(&app, &owner);
    let mut expected: BTreeSet<String> = BTreeSet::from([owner.0.clone()]);
    for n in 0..8 {
        let name = format!("Person {}", (b'A' + n) as char);
        let p = create_person(&app, &format!("p{n}@example.com"), &name, false);
        expected.insert(p.0);
    }
    for sort in ["name", "email", "newest"] {
        let mut added = 0;
        let (seen, pages) = walk(
            &app,
            &t,
            &format!("/api/v1/people?limit=3&sort={sort}"),
            "id",
            |_| {
                added += 1;
                // One before and one after the page's end in every order.
                let tag = format!("{sort}{added}");
                create_person(&app, &format!("aa-{tag}@example.com"), "Aaron", false);
                create_person(&app, &format!("zz-{tag}@example.com"), "Zora", false);
            },
        )
        .await;
        assert!(pages >= 3, "{sort}: {pages} pages");
        exactly_once(&seen, &expected);
    }
    let search = api(&app, &t, "GET", "/api/v1/people?search=person%20c", None).await;
    let found = search.json();
    let names: Vec<&str> = found["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Person C"]);
}

#[actix_web::test]
async fn certificates_and_cohorts_are_listed_exactly_once_while_rows_arrive() {
    let app = spawn_app().await;
    let owner = create_person(&app, "owner@example.com", "Olga Owner", true);
    let t = token(&app, &owner);
    let mut expected = BTreeSet::new();
    for n in 0..7 {
        let p = create_person(
            &app,
            &format!("h{n}@example.com"),
            &format!("Holder {n}"),
            false,
        );
        expected.insert(certificate(&app, &p, &format!("Holder {n}"), 100 - n));
    }
    let late = create_person(&app, "late@example.com", "Late Holder", false);
    let (seen, pages) = walk(&app, &t, "/api/v1/certificates?limit=2", "id", |page| {
        if page == 1 {
            certificate(&app, &late, "Late Holder", 0);
        }
    })
    .await;
    assert_eq!(pages, 4);
    exactly_once(&seen, &expected);
    let by_name = api(
        &app,
        &t,
        "GET",
        "/api/v1/certificates?search=holder%203",
        None,
    )
    .await;
    assert_eq!(by_name.json()["items"].as_array().unwrap().len(), 1);

    let (program, version) = {
        let mut conn = app.conn();
        let p = Program::find_by_slug(&mut conn, "community-manager")
            .unwrap()
            .unwrap();
        let v = CurriculumVersion::find_current(&mut conn, &p.id)
            .unwrap()
            .unwrap();
        (p.id, v.id)
    };
    let cohort = |name: &str, day: u32| {
        let starts = chrono::NaiveDate::from_ymd_opt(2027, 3, day).unwrap();
        let now = app.clock.now_naive();
        let c = Cohort::planned(&program, &version, name, starts, chrono_tz::UTC, now);
        Cohort::create(&mut app.conn(), &c).unwrap();
        c.id.0
    };
    let expected: BTreeSet<String> = (1..=5).map(|d| cohort(&format!("March {d}"), d)).collect();
    let (seen, _) = walk(&app, &t, "/api/v1/cohorts?limit=2", "id", |page| {
        if page == 1 {
            cohort("Early bird", 1);
            cohort("Latecomer", 28);
        }
    })
    .await;
    exactly_once(&seen, &expected);
    let planned = api(
        &app,
        &t,
        "GET",
        "/api/v1/cohorts?state=planned&search=march",
        None,
    )
    .await;
    assert_eq!(planned.json()["items"].as_array().unwrap().len(), 5);
}
