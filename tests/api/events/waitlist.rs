//! Places and the waitlist: a full session puts people on the waitlist, a freed place goes to
//! the first person waiting, who is mailed, and under simultaneous requests no place is given
//! twice.

use diesel::prelude::*;
use qualify::db::schema::{event_registrations, events};

use crate::support::app::{TestApp, spawn_app};
use crate::support::browser::{Browser, signed_in};
use crate::support::fixtures::events::{invites, plan, session_form};
use crate::support::fixtures::people::create_person;

fn states(app: &TestApp, id: &str) -> (i32, usize, usize) {
    let mut conn = app.conn();
    let taken: i32 = events::table
        .find(id)
        .select(events::registered)
        .first(&mut **conn)
        .unwrap();
    let rows: Vec<String> = event_registrations::table
        .filter(event_registrations::event_id.eq(id))
        .select(event_registrations::state)
        .load(&mut **conn)
        .unwrap();
    let count = |s: &str| rows.iter().filter(|r| *r == s).count();
    (taken, count("registered"), count("waitlisted"))
}

async fn people<'a>(app: &'a TestApp, n: usize) -> Vec<Browser<'a>> {
    let mut out = Vec::new();
    for i in 0..n {
        let id = create_person(
            app,
            &format!("p{i}@example.com"),
            &format!("Person {i}"),
            false,
        );
        out.push(signed_in(app, &id).await);
    }
    out
}

#[actix_web::test]
async fn a_freed_place_goes_to_the_first_person_waiting() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga Owner", true);
    let owner = signed_in(&app, &owner_id).await;
    let id = plan(&owner, &session_form("Workshop", "2")).await;
    let crowd = people(&app, 4).await;
    for (i, p) in crowd.iter().enumerate() {
        p.get("/events").await;
        let answer = p.post(&format!("/events/{id}/register"), &[]).await;
        let expected = if i < 2 { "registered" } else { "waitlisted" };
        assert!(
            answer.header("location").unwrap().ends_with(expected),
            "{i}"
        );
        app.clock.advance(chrono::Duration::seconds(1));
    }
    assert_eq!(states(&app, &id), (2, 2, 2));
    assert!(
        invites(&app, "p2@example.com").is_empty(),
        "no invitation while waiting"
    );

    let left = crowd[0].post(&format!("/events/{id}/leave"), &[]).await;
    assert_eq!(left.status, 303, "{}", left.body);
    assert_eq!(states(&app, &id), (2, 2, 1));
    let promoted = invites(&app, "p2@example.com");
    assert_eq!(promoted.len(), 1, "the first one waiting moved up");
    assert!(invites(&app, "p3@example.com").is_empty());
    let mine = invites(&app, "p0@example.com");
    assert_eq!(mine.last().unwrap().method, "CANCEL");
    let page = crowd[2].get(&format!("/events/{id}")).await.body;
    assert!(page.contains("You have a place."), "{page}");

    let waiting = crowd[3].post(&format!("/events/{id}/leave"), &[]).await;
    assert_eq!(waiting.status, 303);
    assert_eq!(states(&app, &id), (2, 2, 0));
}

#[actix_web::test]
async fn simultaneous_requests_never_give_one_place_twice() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga Owner", true);
    let owner = signed_in(&app, &owner_id).await;
    let id = plan(&owner, &session_form("Last places", "2")).await;
    let crowd = people(&app, 6).await;
    for p in &crowd {
        p.get("/events").await;
    }
    let path = format!("/events/{id}/register");
    let answers = futures_util::future::join_all(crowd.iter().map(|p| p.post(&path, &[]))).await;
    assert!(
        answers.iter().all(|a| a.status == 303),
        "every request answered"
    );
    assert_eq!(states(&app, &id), (2, 2, 4), "two places, four waiting");

    // Both people with a place leave at once: each freed place goes to exactly one person.
    let holders: Vec<&Browser> = {
        let mut conn = app.conn();
        let registered: Vec<String> = event_registrations::table
            .inner_join(qualify::db::schema::people::table)
            .filter(event_registrations::event_id.eq(&id))
            .filter(event_registrations::state.eq("registered"))
            .select(qualify::db::schema::people::email)
            .load(&mut **conn)
            .unwrap();
        crowd
            .iter()
            .enumerate()
            .filter(|(i, _)| registered.contains(&format!("p{i}@example.com")))
            .map(|(_, b)| b)
            .collect()
    };
    assert_eq!(holders.len(), 2);
    let leave = format!("/events/{id}/leave");
    let left = futures_util::future::join_all(holders.iter().map(|p| p.post(&leave, &[]))).await;
    assert!(left.iter().all(|a| a.status == 303));
    assert_eq!(
        states(&app, &id),
        (2, 2, 2),
        "two moved up, two still waiting"
    );
}
