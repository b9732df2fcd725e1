//! The personal calendar feed holds the live sessions the person has a place at, under the
//! UID of their invitation, and drops a session once the place is given up.

use icalendar::{Calendar, Component, EventLike};

use crate::support::app::{Response, spawn_app};
use crate::support::browser::signed_in;
use crate::support::fixtures::events::{plan, session_form};
use crate::support::fixtures::people::create_person;

#[actix_web::test]
async fn the_feed_holds_the_sessions_with_a_place() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga Owner", true);
    let ada_id = create_person(&app, "ada@example.com", "Ada Lovelace", false);
    let owner = signed_in(&app, &owner_id).await;
    let id = plan(&owner, &session_form("Community call", "")).await;
    let other = plan(&owner, &session_form("Not for Ada", "")).await;
    let ada = signed_in(&app, &ada_id).await;
    ada.get("/me").await;
    let created = ada.post("/me/calendar", &[]).await;
    let start = created.body.find("/calendar/").expect("the feed's address");
    let end = created.body[start..].find(".ics").unwrap() + 4;
    let path = created.body[start..start + end].to_string();
    let feed = || async {
        let resp = app.client.get(app.url(&path)).send().await.unwrap();
        let body = Response::from(resp).await.body;
        body.parse::<Calendar>().expect("a calendar")
    };
    assert_eq!(feed().await.events().count(), 0);

    assert_eq!(
        ada.post(&format!("/events/{id}/register"), &[])
            .await
            .status,
        303
    );
    let calendar = feed().await;
    let uids: Vec<&str> = calendar.events().filter_map(|e| e.get_uid()).collect();
    assert_eq!(uids.len(), 1, "only the session with a place");
    assert!(uids[0].starts_with(&id) && !uids[0].starts_with(&other));
    let entry = calendar.events().next().unwrap();
    assert_eq!(entry.get_summary(), Some("Community call"));
    assert_eq!(
        entry.get_location(),
        Some("https://meet.example.com/community-call")
    );

    assert_eq!(
        ada.post(&format!("/events/{id}/leave"), &[]).await.status,
        303
    );
    assert_eq!(
        feed().await.events().count(),
        0,
        "gone once the place is given up"
    );
}
