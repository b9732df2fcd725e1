//! The owner's live-session operations over the API: `createEvent` answers the session or the
//! fields to correct, `updateEvent` raises the calendar sequence and refuses a stale version,
//! `cancelEvent` mails a cancellation, and a host's `importAttendance` of a CSV export marks
//! people present once.

use crate::support::api::{api, post_text, token};
use crate::support::app::{Response, TestApp, spawn_app};
use crate::support::fixtures::events::{attendance, invites, on_session_day};
use crate::support::fixtures::people::create_person;

fn session(title: &str) -> serde_json::Value {
    serde_json::json!({
        "title_de": format!("{title} (de)"), "title_en": title,
        "description_de": "", "description_en": "",
        "starts_at": "2027-03-28T09:00", "ends_at": "2027-03-28T10:00",
        "time_zone": "Europe/Berlin", "mode": "online",
        "join_url": "https://meet.example.com/call", "capacity": "", "waitlist": "on"
    })
}

async fn import(app: &TestApp, token: &str, id: &str, csv: &str) -> Response {
    let path = format!("/api/v1/events/{id}/attendance/import");
    post_text(app, token, &path, "text/csv", csv).await
}

#[actix_web::test]
async fn the_owner_plans_changes_calls_off_and_imports_over_the_api() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga Owner", true);
    let ada_id = create_person(&app, "ada@example.com", "Ada Lovelace", false);
    let (owner, ada) = (token(&app, &owner_id), token(&app, &ada_id));
    let mut bad = session("Call");
    bad["ends_at"] = "2027-03-28T08:00".into();
    bad["mode"] = "telepathy".into();
    let refused = api(&app, &owner, "POST", "/api/v1/events", Some(bad)).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let named: Vec<String> = refused.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(named.iter().any(|p| p.ends_with("ends_at")), "{named:?}");
    assert!(named.iter().any(|p| p.ends_with("mode")), "{named:?}");
    let as_trainee = api(&app, &ada, "POST", "/api/v1/events", Some(session("Call"))).await;
    assert_eq!(as_trainee.status, 403);

    let created = api(
        &app,
        &owner,
        "POST",
        "/api/v1/events",
        Some(session("Call")),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let card = created.json();
    let id = card["id"].as_str().unwrap().to_string();
    assert_eq!(card["title"], "Call", "English unless asked otherwise");
    let place = api(
        &app,
        &ada,
        "POST",
        &format!("/api/v1/events/{id}/registration"),
        None,
    )
    .await;
    assert_eq!(place.status, 200, "{}", place.body);

    let mut change = session("Call, moved");
    change["starts_at"] = "2027-03-28T11:00".into();
    change["ends_at"] = "2027-03-28T12:00".into();
    change["lock_version"] = card["lock_version"].clone();
    let path = format!("/api/v1/events/{id}");
    let moved = api(&app, &owner, "PUT", &path, Some(change.clone())).await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    let stale = api(&app, &owner, "PUT", &path, Some(change)).await;
    assert_eq!(stale.status, 409, "the version read is out of date");
    let mailed = invites(&app, "ada@example.com");
    assert_eq!(mailed.len(), 2);
    assert_eq!(mailed[1].event["SEQUENCE"], "1");
    assert_eq!(mailed[1].event["DTSTART"], "20270328T090000Z");

    on_session_day(&app, 9, 5);
    // Tokens minted on the session day (the first ones have expired by then).
    let (owner, ada) = (token(&app, &owner_id), token(&app, &ada_id));
    let csv = "Name,Email,Duration\nAda Lovelace,ada@example.com,50m\nZed,zed@example.com,5m\n";
    let first = import(&app, &owner, &id, csv).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(first.json()["marked"], 1);
    assert_eq!(first.json()["unknown"].as_array().unwrap().len(), 1);
    assert_eq!(
        attendance(&app, "ada@example.com").as_deref(),
        Some("present")
    );
    let again = import(&app, &owner, &id, csv).await;
    assert_eq!(
        again.json()["marked"],
        0,
        "the same file again changes nothing"
    );
    let by_trainee = import(&app, &ada, &id, csv).await;
    assert_eq!(by_trainee.status, 403, "only hosts import");

    let lock = moved.json()["lock_version"].clone();
    let cancel = format!("/api/v1/events/{id}/cancel");
    let body = serde_json::json!({ "lock_version": lock });
    let called_off = api(&app, &owner, "POST", &cancel, Some(body)).await;
    assert_eq!(called_off.status, 204, "{}", called_off.body);
    let last = invites(&app, "ada@example.com").pop().unwrap();
    assert_eq!(last.method, "CANCEL");
}
