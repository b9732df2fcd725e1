//! A text that more than a thousand people share is searched the other way round (the list
//! walked in its order, each row tested against the index): its pages still hold every match
//! exactly once, in name order, and a rare text among them is still found alone.

use std::collections::BTreeSet;

use diesel::Connection;
use qualify::clock::Clock;
use qualify::db::models::Person;

use crate::support::api::token;
use crate::support::app::spawn_app;
use crate::support::fixtures::lists::{exactly_once, walk};
use crate::support::fixtures::people::create_person;

#[actix_web::test]
async fn a_common_name_pages_through_every_match_in_name_order() {
    let app = spawn_app().await;
    let owner = create_person(&app, "owner@example.com", "Olga Owner", true);
    let t = token(&app, &owner);
    let mut expected = BTreeSet::new();
    {
        let mut conn = app.conn();
        let now = app.clock.now_naive();
        conn.transaction::<_, diesel::result::Error, _>(|conn| {
            for n in 0..1_030 {
                let name = format!("Kim Schmidt {:04}", (n * 7919) % 1_030);
                let p = Person::new_active(&format!("k{n}@example.com"), &name, "en", now);
                Person::create(conn, &p)?;
                expected.insert(p.id.0);
                let other = format!("Someone {n:04}");
                Person::create(
                    conn,
                    &Person::new_active(&format!("s{n}@example.com"), &other, "en", now),
                )?;
            }
            Ok(())
        })
        .unwrap();
    }
    create_person(
        &app,
        "rare@example.com",
        "Rhiannon Schmidtbauer-Quist",
        false,
    );
    let (seen, pages) = walk(
        &app,
        &t,
        "/api/v1/people?limit=400&search=schmidt",
        "id",
        |_| {},
    )
    .await;
    assert_eq!(pages, 3);
    let rare: Vec<&String> = seen.iter().filter(|id| !expected.contains(*id)).collect();
    assert_eq!(rare.len(), 1, "the rare one among the common ones");
    let common: Vec<String> = seen
        .iter()
        .filter(|id| expected.contains(*id))
        .cloned()
        .collect();
    exactly_once(&common, &expected);
    let page = crate::support::api::api(
        &app,
        &t,
        "GET",
        "/api/v1/people?limit=3&search=schmidt",
        None,
    )
    .await;
    let names: Vec<String> = page.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        names,
        ["Kim Schmidt 0000", "Kim Schmidt 0001", "Kim Schmidt 0002"]
    );
    let alone =
        crate::support::api::api(&app, &t, "GET", "/api/v1/people?search=quist", None).await;
    assert_eq!(alone.json()["items"].as_array().unwrap().len(), 1);
    let html = crate::support::browser::signed_in(&app, &owner)
        .await
        .get("/people?q=schmidt")
        .await;
    assert!(
        html.body.contains("More than 1,000 matches"),
        "{}",
        html.body
    );
    assert!(html.body.contains("Kim Schmidt 0000"));
}
