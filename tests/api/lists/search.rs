//! Search in the owner's lists finds every row that contains the text, in any case, through
//! the backend's text index: new people at once, renamed people under their new name only,
//! removed people no more, texts too short for the index as well, and certificates by part
//! of the holder's name or by their code.

use diesel::prelude::*;
use qualify::db::schema::people;

use crate::support::api::{api, token};
use crate::support::app::TestApp;
use crate::support::app::spawn_app;
use crate::support::fixtures::lists::certificate;
use crate::support::fixtures::people::create_person;

async fn names(app: &TestApp, token: &str, list: &str, search: &str, field: &str) -> Vec<String> {
    let path = format!(
        "/api/v1/{list}?limit=500&search={}",
        form_urlencoded::byte_serialize(search.as_bytes()).collect::<String>()
    );
    let resp = api(app, token, "GET", &path, None).await;
    assert_eq!(resp.status, 200, "{}", resp.body);
    let mut found: Vec<String> = resp.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[field].as_str().unwrap().to_string())
        .collect();
    found.sort();
    found
}

#[actix_web::test]
async fn people_are_found_by_any_part_of_name_or_address_in_any_case() {
    let app = spawn_app().await;
    let owner = create_person(&app, "owner@example.com", "Olga Owner", true);
    let t = token(&app, &owner);
    create_person(&app, "joerg.mueller@example.com", "Jörg Müller", false);
    create_person(&app, "anna.schmidt@werk.example", "Anna Schmidt", false);
    let ben = create_person(&app, "ben@example.com", "Ben Schmidtke", false);
    let gone = create_person(&app, "gone@example.com", "Gerda Gone", false);
    let find = |s: &'static str| names(&app, &t, "people", s, "name");
    assert_eq!(find("SCHMIDT").await, ["Anna Schmidt", "Ben Schmidtke"]);
    assert_eq!(find("ller").await, ["Jörg Müller"], "inside a word");
    assert_eq!(find("Müller").await, ["Jörg Müller"], "beyond ASCII");
    assert_eq!(find("werk.exa").await, ["Anna Schmidt"], "in the address");
    assert_eq!(find("rg mü").await, ["Jörg Müller"], "across the space");
    assert_eq!(find("nn").await, ["Anna Schmidt"], "two letters");
    assert!(
        find("schmidt 50%").await.is_empty(),
        "no wildcard matches all"
    );
    {
        let mut conn = app.conn();
        diesel::update(people::table.find(&ben.0))
            .set(people::name.eq("Ben Brandt"))
            .execute(&mut **conn)
            .unwrap();
        diesel::delete(people::table.find(&gone.0))
            .execute(&mut **conn)
            .unwrap();
    }
    assert_eq!(find("schmidt").await, ["Anna Schmidt"], "renamed");
    assert_eq!(find("brandt").await, ["Ben Brandt"]);
    assert!(find("gerda").await.is_empty(), "removed");
    let page = crate::support::browser::signed_in(&app, &owner).await;
    let html = page.get("/people?q=schmidt").await;
    assert!(html.body.contains("Anna Schmidt") && !html.body.contains("Ben Brandt"));
}

#[actix_web::test]
async fn certificates_are_found_by_part_of_the_holder_name_or_by_code() {
    let app = spawn_app().await;
    let owner = create_person(&app, "owner@example.com", "Olga Owner", true);
    let t = token(&app, &owner);
    for (n, holder) in ["Clara Weiß", "Carl Weissmann", "Dora Klein"]
        .iter()
        .enumerate()
    {
        let p = create_person(&app, &format!("h{n}@example.com"), holder, false);
        certificate(&app, &p, holder, n as i64);
    }
    for (search, holder) in [
        ("WEISS", "Carl Weissmann"),
        ("weiß", "Clara Weiß"),
        ("klein", "Dora Klein"),
    ] {
        let found = names(&app, &t, "certificates", search, "holder_name").await;
        assert_eq!(found, [holder], "{search}");
    }
    let codes = names(&app, &t, "certificates", "dora", "code").await;
    let by_code = names(&app, &t, "certificates", &codes[0], "holder_name").await;
    assert_eq!(by_code, ["Dora Klein"], "by its code");
}
