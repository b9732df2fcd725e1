//! A registration mails an invitation that an independent iCalendar reader accepts; a changed
//! session arrives under the same UID with a higher SEQUENCE, and calling it off arrives as a
//! CANCEL.

use chrono::Duration;

use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::events::{invites, plan, session_form};
use crate::support::fixtures::people::create_person;

#[actix_web::test]
async fn invitations_follow_the_session_through_change_and_cancellation() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga Owner", true);
    let ada_id = create_person(&app, "ada@example.com", "Ada Lovelace", false);
    let owner = signed_in(&app, &owner_id).await;
    let id = plan(&owner, &session_form("Community call", "")).await;

    let ada = signed_in(&app, &ada_id).await;
    assert!(ada.get("/events").await.body.contains("Community call"));
    ada.get(&format!("/events/{id}")).await;
    let registered = ada.post(&format!("/events/{id}/register"), &[]).await;
    assert_eq!(registered.status, 303, "{}", registered.body);
    let page = ada.get(&format!("/events/{id}?done=registered")).await.body;
    assert!(
        page.contains("https://meet.example.com/community-call"),
        "the join link"
    );

    let first = invites(&app, "ada@example.com");
    assert_eq!(first.len(), 1);
    let invite = &first[0];
    assert_eq!(
        invite.content_type,
        "text/calendar; method=REQUEST; charset=UTF-8"
    );
    assert_eq!(invite.method, "REQUEST");
    let uid = invite.event["UID"].clone();
    assert!(uid.starts_with(&id), "{uid}");
    assert_eq!(
        invite.event["DTSTART"], "20270328T070000Z",
        "09:00 in Berlin in March"
    );
    assert_eq!(invite.event["DTEND"], "20270328T080000Z");
    assert_eq!(invite.event["SUMMARY"], "Community call");
    let description = invite.event["DESCRIPTION"].replace('\\', "");
    assert_eq!(description, "Open exchange; bring questions, ideas");
    let first_sequence: i32 = invite.event["SEQUENCE"].parse().unwrap();
    assert!(invite.event["ATTENDEE"].contains("ada@example.com"));

    // Moved by an hour (summer time has begun that night: 10:00 in Berlin is 08:00 UTC).
    app.clock.advance(Duration::minutes(1));
    let page = owner.get(&format!("/events/{id}")).await.body;
    let lock = crate::support::scrape::lock_version(&page);
    let mut moved = session_form("Community call", "");
    moved[5].1 = "2027-03-28T10:00".into();
    moved[6].1 = "2027-03-28T11:00".into();
    moved.push(("lock_version", lock.clone()));
    let fields: Vec<(&str, &str)> = moved.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let changed = owner.post(&format!("/events/{id}"), &fields).await;
    assert_eq!(changed.status, 303, "{}", changed.body);
    let stale = owner.post(&format!("/events/{id}"), &fields).await;
    assert_eq!(stale.status, 409, "the same lock version twice");

    app.clock.advance(Duration::minutes(1));
    let page = owner.get(&format!("/events/{id}")).await.body;
    let lock = crate::support::scrape::lock_version(&page);
    let cancel = owner
        .post(
            &format!("/events/{id}/cancel"),
            &[("lock_version", lock.as_str())],
        )
        .await;
    assert_eq!(cancel.status, 303, "{}", cancel.body);

    let all = invites(&app, "ada@example.com");
    assert_eq!(all.len(), 3, "invitation, change, cancellation");
    let (update, cancellation) = (&all[1], &all[2]);
    assert_eq!(update.method, "REQUEST");
    assert_eq!(update.event["UID"], uid, "the same calendar entry");
    assert_eq!(update.event["DTSTART"], "20270328T080000Z");
    let second: i32 = update.event["SEQUENCE"].parse().unwrap();
    assert!(second > first_sequence);
    assert_eq!(cancellation.kind, "event_cancellation");
    assert_eq!(cancellation.method, "CANCEL");
    assert_eq!(cancellation.event["STATUS"], "CANCELLED");
    assert_eq!(cancellation.event["UID"], uid);
    assert!(cancellation.event["SEQUENCE"].parse::<i32>().unwrap() > second);

    let sent = app.deliver().await;
    let mail = sent
        .iter()
        .find(|m| m.subject.starts_with("Canceled:"))
        .expect("sent");
    assert!(
        mail.raw.contains("text/calendar; method=CANCEL"),
        "{}",
        mail.raw
    );
    let refused = ada.post(&format!("/events/{id}/register"), &[]).await;
    assert_eq!(refused.status, 409);
    assert!(refused.body.contains("This live session was called off."));
}
