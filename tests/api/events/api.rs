//! The live sessions as JSON: the list pages by key, a session that is not the caller's is not
//! found, registering answers the place, checking in takes the current code, and only hosts
//! read and record attendance.

use crate::support::api::{api, token};
use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::events::{check_in_code, on_session_day, plan, session_form};
use crate::support::fixtures::people::create_person;

#[actix_web::test]
async fn sessions_are_listed_registered_for_checked_in_and_called_over_the_api() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga Owner", true);
    let ada_id = create_person(&app, "ada@example.com", "Ada Lovelace", false);
    let owner = signed_in(&app, &owner_id).await;
    let mut ids = Vec::new();
    for (title, places) in [("First", ""), ("Second", "1"), ("Third", "")] {
        let mut form = session_form(title, places);
        if places == "1" {
            form[14].1 = String::new(); // no waitlist
        }
        ids.push(plan(&owner, &form).await);
    }
    let (owner_token, ada_token) = (token(&app, &owner_id), token(&app, &ada_id));

    let mut seen = Vec::new();
    let mut path = "/api/v1/events?limit=1&lang=en".to_string();
    loop {
        let page = api(&app, &ada_token, "GET", &path, None).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let json = page.json();
        seen.extend(
            json["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].as_str().unwrap().to_string()),
        );
        match json["next_cursor"].as_str() {
            Some(c) => path = format!("/api/v1/events?limit=1&lang=en&cursor={c}"),
            None => break,
        }
    }
    let mut expected = ids.clone();
    expected.sort();
    seen.sort();
    assert_eq!(seen, expected, "every session exactly once");
    let bad = api(
        &app,
        &ada_token,
        "GET",
        "/api/v1/events?cursor=nonsense",
        None,
    )
    .await;
    assert_eq!(bad.status, 400);

    let one = api(
        &app,
        &ada_token,
        "GET",
        &format!("/api/v1/events/{}?lang=en", ids[0]),
        None,
    )
    .await;
    assert_eq!(one.json()["title"], "First");
    assert_eq!(
        api(&app, &ada_token, "GET", "/api/v1/events/nope", None)
            .await
            .status,
        404
    );

    let register = |id: &str| format!("/api/v1/events/{id}/registration");
    let placed = api(&app, &ada_token, "POST", &register(&ids[0]), None).await;
    assert_eq!(placed.json()["state"], "registered");
    let again = api(&app, &ada_token, "POST", &register(&ids[0]), None).await;
    assert_eq!(
        again.json()["state"],
        "registered",
        "registering again changes nothing"
    );
    assert_eq!(
        api(&app, &owner_token, "POST", &register(&ids[1]), None)
            .await
            .status,
        200
    );
    let full = api(&app, &ada_token, "POST", &register(&ids[1]), None).await;
    assert_eq!(full.status, 409, "full and no waitlist: {}", full.body);
    assert_eq!(
        api(&app, &ada_token, "DELETE", &register(&ids[2]), None)
            .await
            .status,
        204
    );

    let attendance = format!("/api/v1/events/{}/attendance", ids[0]);
    assert_eq!(
        api(&app, &ada_token, "GET", &attendance, None).await.status,
        403,
        "hosts only"
    );
    let marks = serde_json::json!({"marks": [{"person_id": ada_id.0, "attendance": "excused"}]});
    let early = api(&app, &owner_token, "POST", &attendance, Some(marks.clone())).await;
    assert_eq!(early.status, 409, "not begun");

    on_session_day(&app, 6, 55);
    // A year on: tokens of their own day.
    let (owner_token, ada_token) = (token(&app, &owner_id), token(&app, &ada_id));
    let wrong = serde_json::json!({"code": "000000"});
    let check_in = format!("/api/v1/events/{}/check-in", ids[0]);
    let code = check_in_code(&app, &ids[0]);
    let refused = api(&app, &ada_token, "POST", &check_in, Some(wrong)).await;
    assert!(
        code == "000000" || refused.status == 422,
        "{}",
        refused.body
    );
    let done = api(
        &app,
        &ada_token,
        "POST",
        &check_in,
        Some(serde_json::json!({"code": code})),
    )
    .await;
    assert_eq!(done.json()["attendance"], "present", "{}", done.body);

    on_session_day(&app, 7, 5);
    let recorded = api(&app, &owner_token, "POST", &attendance, Some(marks)).await;
    assert_eq!(recorded.json()["recorded"], 1, "{}", recorded.body);
    let list = api(&app, &owner_token, "GET", &attendance, None)
        .await
        .json();
    assert_eq!(list[0]["attendance"], "excused");
    assert_eq!(list[0]["email"], "ada@example.com");
}
