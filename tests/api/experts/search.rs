//! Search at more than one page: 25 named experts in two units, one of them below the other;
//! the facets count every match, the pages hold 20 and then 5 with nobody twice, and an org
//! unit counts the units below it.

use std::collections::BTreeSet;

use diesel::prelude::*;
use qualify::db::schema::people;

use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::experts::join;
use crate::support::fixtures::people::create_person;

#[actix_web::test]
async fn facets_count_pages_split_and_units_roll_up() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga Owner", true);
    let owner = signed_in(&app, &owner_id).await;
    owner.get("/experts").await;
    crate::support::fixtures::people::org_units(
        &app,
        &[("HR", None), ("HR-LD", Some("HR")), ("IT", None)],
    );
    for n in 0..25 {
        let email = format!("expert{n:02}@example.com");
        let id = create_person(&app, &email, &format!("Expert {n:02}"), false);
        let unit = ["HR", "HR-LD", "IT"][n % 3];
        diesel::update(people::table.find(&id.0))
            .set(people::org_unit.eq(unit))
            .execute(&mut **app.conn())
            .unwrap();
        let named = owner
            .post(
                "/experts/roles",
                &[("email", email.as_str()), ("role", "expert")],
            )
            .await;
        assert_eq!(named.status, 303);
        let topic = if n % 2 == 0 { "moderation" } else { "impact" };
        let languages: &[&str] = if n < 5 { &["de", "en"] } else { &["de"] };
        let who = signed_in(&app, &id).await;
        assert_eq!(
            join(&who, &[topic], languages, "Community work")
                .await
                .status,
            303
        );
    }
    let first = owner.get("/experts?lang=en&q=community").await.body;
    assert!(first.contains("25 experts found"), "{first}");
    assert!(
        first.contains("Moderation (13)") && first.contains("Making impact visible (12)"),
        "{first}"
    );
    assert!(
        first.contains("English (5)") && first.contains("German (25)"),
        "{first}"
    );
    let names = |body: &str| -> BTreeSet<String> {
        body.split("<h2><a href=\"/experts/")
            .skip(1)
            .filter_map(|s| s.split('>').nth(1)?.split('<').next().map(str::to_string))
            .collect()
    };
    let second = owner.get("/experts?lang=en&q=community&page=2").await.body;
    let (a, b) = (names(&first), names(&second));
    assert_eq!((a.len(), b.len()), (20, 5));
    assert!(a.is_disjoint(&b), "nobody twice");
    let hr = owner.get("/experts?lang=en&org_unit=HR").await.body;
    assert!(
        hr.contains("17 experts found"),
        "HR and the unit below it: {hr}"
    );
}
