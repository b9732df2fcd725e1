//! `listAuditLog` and `listOutbox` walked while rows arrive, and what every list refuses: a
//! limit outside 1 to 500, a cursor that is not one it handed out, another list's cursor.

use std::collections::BTreeSet;

use qualify::clock::Clock;
use qualify::db::models::{AuditEntry, OutboxMessage};
use qualify::domain::ids::OutboxMessageId;

use crate::support::api::{api, token};
use crate::support::app::spawn_app;
use crate::support::fixtures::lists::{exactly_once, walk};
use crate::support::fixtures::people::create_person;

#[actix_web::test]
async fn the_audit_log_and_the_outbox_are_listed_exactly_once_while_rows_arrive() {
    let app = spawn_app().await;
    let owner = create_person(&app, "owner@example.com", "Olga Owner", true);
    let t = token(&app, &owner);
    let text = (0..6)
        .map(|n| format!("i{n}@example.com"))
        .collect::<Vec<_>>()
        .join("\n");
    let invited = api(
        &app,
        &t,
        "POST",
        "/api/v1/people/invitations",
        Some(serde_json::json!({ "text": text })),
    )
    .await;
    assert_eq!(invited.status, 200, "{}", invited.body);
    let all = |path: &str| {
        let mut conn = app.conn();
        match path {
            "audit" => AuditEntry::list(&mut conn, None, None, 1_000)
                .unwrap()
                .into_iter()
                .map(|e| e.id.0)
                .collect::<BTreeSet<_>>(),
            _ => OutboxMessage::list(&mut conn, &[], None, None, 1_000)
                .unwrap()
                .into_iter()
                .map(|m| m.id.0)
                .collect(),
        }
    };
    let (audit, mails) = (all("audit"), all("outbox"));
    assert!(audit.len() >= 6 && mails.len() == 6);
    let (seen, _) = walk(&app, &t, "/api/v1/audit?limit=4", "id", |_| {
        app.clock.advance(chrono::Duration::seconds(1));
        let at = app.clock.now_naive();
        let entry = AuditEntry::new(at, Some(&owner), "list_walked", "person", None);
        entry.record(&mut app.conn()).unwrap();
    })
    .await;
    exactly_once(&seen, &audit);
    let (seen, _) = walk(&app, &t, "/api/v1/outbox?limit=4", "id", |_| {
        let mut conn = app.conn();
        let mut copy = OutboxMessage::list(&mut conn, &[], None, None, 1)
            .unwrap()
            .remove(0);
        copy.id = OutboxMessageId::new();
        copy.idempotency_key = format!("walk:{}", copy.id.0);
        copy.to_address = format!("walk-{}@example.com", copy.id.0);
        copy.created_at = app.clock.now_naive();
        assert!(OutboxMessage::insert_if_absent(&mut conn, &copy).unwrap());
    })
    .await;
    exactly_once(&seen, &mails);
    let mine = api(&app, &t, "GET", "/api/v1/outbox?search=i3%40example", None).await;
    assert_eq!(mine.json()["items"].as_array().unwrap().len(), 1);
    let person = api(
        &app,
        &t,
        "GET",
        "/api/v1/audit?action=list_walked&limit=1",
        None,
    )
    .await;
    assert_eq!(person.json()["items"].as_array().unwrap().len(), 1);
}

#[actix_web::test]
async fn every_list_refuses_bad_limits_and_foreign_cursors() {
    let app = spawn_app().await;
    let owner = create_person(&app, "owner@example.com", "Olga Owner", true);
    let t = token(&app, &owner);
    for n in 0..3 {
        create_person(&app, &format!("p{n}@example.com"), &format!("P {n}"), false);
    }
    let people = api(&app, &t, "GET", "/api/v1/people?limit=1", None)
        .await
        .json();
    let cursor = people["next_cursor"].as_str().unwrap().to_string();
    let lists = [
        "/api/v1/people",
        "/api/v1/cohorts",
        "/api/v1/certificates",
        "/api/v1/audit",
        "/api/v1/outbox",
        "/api/v1/reviews",
        "/api/v1/unallocated",
        "/api/v1/applications",
    ];
    for list in lists {
        let ok = api(&app, &t, "GET", list, None).await;
        assert_eq!(ok.status, 200, "{list}: {}", ok.body);
        assert!(ok.json()["items"].is_array(), "{list}");
        for bad in ["limit=0", "limit=501", "cursor=bm90LWEtY3Vyc29y"] {
            let resp = api(&app, &t, "GET", &format!("{list}?{bad}"), None).await;
            assert_eq!(resp.status, 400, "{list}?{bad}: {}", resp.body);
            assert_eq!(
                resp.json()["type"],
                "urn:qualify:problem:malformed",
                "{list}"
            );
        }
        if list != "/api/v1/people" {
            let foreign = api(&app, &t, "GET", &format!("{list}?cursor={cursor}"), None).await;
            assert_eq!(foreign.status, 400, "{list} with a people cursor");
        }
    }
    let sorted = api(&app, &t, "GET", "/api/v1/people?limit=1&sort=email", None).await;
    let other_sort = format!(
        "/api/v1/people?sort=name&cursor={}",
        sorted.json()["next_cursor"].as_str().unwrap()
    );
    assert_eq!(api(&app, &t, "GET", &other_sort, None).await.status, 400);
}
