//! Mail delivery against a real SMTP server on loopback: fixed Message-IDs, retries on 4xx,
//! failure on 5xx, a relay that is down for a while, a worker that dies holding a lease,
//! cancellation at send time, header injection, idempotency, racing workers.

use std::collections::HashMap;

use chrono::Duration;
use diesel::prelude::*;
use qualify::clock::Clock;
use qualify::db::models::{OutboxMessage, Person};
use qualify::db::schema::outbox;
use qualify::domain::ids::PersonId;
use qualify::mail::{Email, Transport, enqueue};

use crate::support::app::{TestApp, spawn_app};
use crate::support::browser::signed_in;
use crate::support::fixtures::people::create_person;
use crate::support::jobs::composer;
use crate::support::scrape::message_id;
use crate::support::smtp_server::SmtpServer;

/// Queues a sign-in-link mail for the person under `key`; returns whether it was new.
fn queue(app: &TestApp, person: &PersonId, key: &str) -> bool {
    let mut conn = app.conn();
    let person = Person::find(&mut conn, person).unwrap().unwrap();
    let mut ctx = tera::Context::new();
    ctx.insert("link", "http://example.test/sign-in/link/x");
    ctx.insert("minutes", &10);
    enqueue(
        &mut conn,
        &composer(app),
        app.clock.now_naive(),
        Email {
            key: key.into(),
            template: "sign_in_link",
            to: &person,
            context: ctx,
        },
    )
    .unwrap()
}

fn rows(app: &TestApp) -> Vec<OutboxMessage> {
    let mut conn = app.conn();
    OutboxMessage::list(&mut conn, &[], None, None, 1000).unwrap()
}

#[actix_web::test]
async fn a_mail_is_delivered_with_the_message_id_fixed_at_enqueue() {
    let app = spawn_app().await;
    let smtp = SmtpServer::start().await;
    let jana = create_person(&app, "jana@example.com", "Jana Schmidt", false);
    assert!(queue(&app, &jana, "test:1"));
    let row = rows(&app).remove(0);
    assert!(row.message_id.starts_with('<') && row.message_id.ends_with("@qualify.test>"));
    let round = app
        .worker(Transport::smtp(&smtp.url).unwrap())
        .drain()
        .await
        .unwrap();
    assert_eq!(round.sent, 1);
    let received = smtp.messages();
    assert_eq!(received.len(), 1);
    assert_eq!(message_id(&received[0]), row.message_id);
    assert!(received[0].contains("Jana Schmidt") && received[0].contains("jana@example.com"));
    assert!(received[0].contains("multipart/alternative"));
    let after = rows(&app).remove(0);
    assert_eq!(after.status, qualify::domain::states::OutboxStatus::Sent);
    assert_eq!(after.attempts, 1);
    assert!(after.sent_at.is_some());
}

#[actix_web::test]
async fn a_4xx_answer_is_retried_later_with_the_same_message_id() {
    let app = spawn_app().await;
    let smtp = SmtpServer::start().await;
    smtp.script(&["451 4.3.0 try again later"]);
    let jana = create_person(&app, "jana@example.com", "Jana", false);
    queue(&app, &jana, "test:4xx");
    let worker = app.worker(Transport::smtp(&smtp.url).unwrap());
    let first = worker.run_once().await.unwrap();
    assert_eq!(first.retrying, 1);
    let row = rows(&app).remove(0);
    assert_eq!(row.status, qualify::domain::states::OutboxStatus::Pending);
    assert!(row.last_error.as_deref().unwrap_or("").contains("451"));
    let wait = row.next_attempt_at - app.clock.now_naive();
    assert!(
        wait >= Duration::seconds(48) && wait <= Duration::seconds(72),
        "about a minute: {wait}"
    );
    assert_eq!(
        worker.run_once().await.unwrap().total(),
        0,
        "not before its time"
    );
    app.clock.advance(Duration::minutes(2));
    assert_eq!(worker.run_once().await.unwrap().sent, 1);
    let received = smtp.messages();
    assert_eq!(received.len(), 1);
    assert_eq!(message_id(&received[0]), row.message_id);
    assert_eq!(rows(&app)[0].attempts, 2);
}

#[actix_web::test]
async fn a_5xx_answer_fails_at_once_and_the_owner_can_retry() {
    let app = spawn_app().await;
    let smtp = SmtpServer::start().await;
    smtp.script(&["550 5.1.1 no such mailbox"]);
    let jana = create_person(&app, "jana@example.com", "Jana", false);
    queue(&app, &jana, "test:5xx");
    let worker = app.worker(Transport::smtp(&smtp.url).unwrap());
    assert_eq!(worker.run_once().await.unwrap().failed, 1);
    let row = rows(&app).remove(0);
    assert_eq!((row.status.as_str(), row.attempts), ("failed", 1));
    app.clock.advance(Duration::hours(2));
    assert_eq!(
        worker.run_once().await.unwrap().total(),
        0,
        "no retry after a permanent failure"
    );

    let owner = create_person(&app, "owner@example.com", "Olga", true);
    let browser = signed_in(&app, &owner).await;
    let page = browser.get("/mail").await;
    assert!(page.body.contains("jana@example.com") && page.body.contains("550"));
    // The person's row in the owner's list says so, so the address can be corrected.
    let people = browser.get("/people?q=jana").await;
    assert!(people.body.contains("mail refused"), "{}", people.body);
    assert!(people.body.contains("no such mailbox"), "{}", people.body);
    assert_eq!(
        browser
            .post(&format!("/mail/{}/retry", row.id), &[])
            .await
            .status,
        303
    );
    assert_eq!(worker.run_once().await.unwrap().sent, 1);
    assert_eq!(smtp.messages().len(), 1);
    let people = browser.get("/people?q=jana").await;
    assert!(
        !people.body.contains("mail refused"),
        "a mail that got through clears it"
    );
}

#[actix_web::test]
async fn nothing_is_lost_while_the_relay_is_down() {
    let app = spawn_app().await;
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    let jana = create_person(&app, "jana@example.com", "Jana", false);
    for i in 0..3 {
        queue(&app, &jana, &format!("down:{i}"));
    }
    let worker = app.worker(Transport::smtp(&format!("smtp://127.0.0.1:{port}")).unwrap());
    assert_eq!(
        worker.run_once().await.unwrap().retrying,
        3,
        "connection refused is transient"
    );
    app.clock.advance(Duration::minutes(2));
    assert_eq!(worker.run_once().await.unwrap().retrying, 3);
    let smtp = SmtpServer::start_on(port).await;
    app.clock.advance(Duration::minutes(5));
    let round = worker.drain().await.unwrap();
    assert_eq!(round.sent, 3);
    let ids: Vec<String> = smtp.messages().iter().map(|m| message_id(m)).collect();
    let expected: Vec<String> = rows(&app).iter().map(|r| r.message_id.clone()).collect();
    assert_eq!(ids.len(), 3);
    for id in &expected {
        assert_eq!(ids.iter().filter(|i| *i == id).count(), 1, "{id} once");
    }
}

#[actix_web::test]
async fn a_worker_that_dies_after_claiming_is_replaced_after_the_lease() {
    let app = spawn_app().await;
    let smtp = SmtpServer::start().await;
    let jana = create_person(&app, "jana@example.com", "Jana", false);
    queue(&app, &jana, "crash:1");
    let claimed = {
        let mut conn = app.conn();
        OutboxMessage::claim(
            &mut conn,
            "dead-worker",
            app.clock.now_naive(),
            Duration::minutes(5),
            10,
        )
        .unwrap()
    };
    assert_eq!(claimed.len(), 1);
    let worker = app.worker(Transport::smtp(&smtp.url).unwrap());
    assert_eq!(
        worker.run_once().await.unwrap().total(),
        0,
        "the lease still holds"
    );
    app.clock.advance(Duration::minutes(6));
    assert_eq!(worker.run_once().await.unwrap().sent, 1);
    assert_eq!(
        message_id(&smtp.messages()[0]),
        claimed[0].message_id,
        "same Message-ID on the resend"
    );
    let mut conn = app.conn();
    let late = OutboxMessage::finish(
        &mut conn,
        &claimed[0].id,
        "dead-worker",
        qualify::domain::states::OutboxStatus::Sent,
        None,
        None,
        app.clock.now_naive(),
    )
    .unwrap();
    assert!(!late, "the dead worker no longer holds the lease");
}

#[actix_web::test]
async fn mails_to_disabled_people_are_cancelled_at_send_time() {
    let app = spawn_app().await;
    let jana = create_person(&app, "jana@example.com", "Jana", false);
    queue(&app, &jana, "cancel:1");
    {
        let mut conn = app.conn();
        Person::set_status(
            &mut conn,
            &jana,
            qualify::domain::states::PersonStatus::Disabled,
            app.clock.now_naive(),
        )
        .unwrap();
    }
    assert!(app.deliver().await.is_empty());
    assert_eq!(
        rows(&app)[0].status,
        qualify::domain::states::OutboxStatus::Cancelled
    );
}

#[actix_web::test]
async fn names_cannot_inject_headers() {
    let app = spawn_app().await;
    let evil = create_person(
        &app,
        "evil@example.com",
        "Eve\r\nBcc: victim@example.com\r\nSubject: pwned",
        false,
    );
    queue(&app, &evil, "inject:1");
    let smtp = SmtpServer::start().await;
    assert_eq!(
        app.worker(Transport::smtp(&smtp.url).unwrap())
            .drain()
            .await
            .unwrap()
            .sent,
        1
    );
    let raw = &smtp.messages()[0];
    let headers: Vec<&str> = raw.split("\n\n").next().unwrap().lines().collect();
    assert!(!headers.iter().any(|h| h.starts_with("Bcc:")), "{raw}");
    assert_eq!(
        headers.iter().filter(|h| h.starts_with("Subject:")).count(),
        1,
        "{raw}"
    );
    assert_eq!(
        headers.iter().filter(|h| h.starts_with("To:")).count(),
        1,
        "{raw}"
    );
}

/// Mail from the service says it is automatic, so out-of-office replies stay away.
#[actix_web::test]
async fn mail_is_marked_as_automatic() {
    let app = spawn_app().await;
    let jana = create_person(&app, "jana@example.com", "Jana", false);
    queue(&app, &jana, "auto:1");
    let smtp = SmtpServer::start().await;
    let sent = app
        .worker(Transport::smtp(&smtp.url).unwrap())
        .drain()
        .await
        .unwrap()
        .sent;
    assert_eq!(sent, 1);
    let raw = &smtp.messages()[0];
    let head = raw.split("\n\n").next().unwrap();
    let has = |line: &str| head.lines().any(|h| h.trim_end() == line);
    assert!(has("Auto-Submitted: auto-generated"), "{raw}");
    assert!(has("X-Auto-Response-Suppress: All"), "{raw}");
}

#[actix_web::test]
async fn the_same_key_is_queued_once() {
    let app = spawn_app().await;
    let jana = create_person(&app, "jana@example.com", "Jana", false);
    assert!(queue(&app, &jana, "same"));
    assert!(!queue(&app, &jana, "same"));
    let mut conn = app.conn();
    let n: i64 = outbox::table
        .filter(outbox::idempotency_key.eq("same"))
        .count()
        .get_result(&mut **conn)
        .unwrap();
    assert_eq!(n, 1);
}

#[actix_web::test]
async fn every_template_renders_in_both_languages() {
    let app = spawn_app().await;
    let composer = composer(&app);
    let mut subjects: HashMap<(&str, &str), String> = HashMap::new();
    for lang in ["de", "en"] {
        let id = create_person(&app, &format!("{lang}@example.com"), "Kim", false);
        let mut conn = app.conn();
        diesel::update(qualify::db::schema::people::table.find(&id))
            .set(qualify::db::schema::people::language.eq(lang))
            .execute(&mut **conn)
            .unwrap();
        let person = Person::find(&mut conn, &id).unwrap().unwrap();
        for template in ["sign_in_link", "invitation"] {
            let mut ctx = tera::Context::new();
            ctx.insert("link", "http://example.test/l");
            ctx.insert("minutes", &10);
            ctx.insert("inviter", "Olga");
            ctx.insert("days", &7);
            let key = format!("{template}:{lang}");
            enqueue(
                &mut conn,
                &composer,
                app.clock.now_naive(),
                Email {
                    key: key.clone(),
                    template,
                    to: &person,
                    context: ctx,
                },
            )
            .unwrap();
            let row = OutboxMessage::list(&mut conn, &[], Some(template), Some(&id), 1)
                .unwrap()
                .remove(0);
            assert!(!row.subject.is_empty() && !row.subject.contains('\n'));
            assert!(
                row.body_text.contains("Kim") && row.body_text.contains("http://example.test/l"),
                "{}",
                row.body_text
            );
            assert!(row.body_html.contains("href=\"http://example.test/l\""));
            subjects.insert((template, lang), row.subject);
        }
    }
    for template in ["sign_in_link", "invitation"] {
        assert_ne!(
            subjects[&(template, "de")],
            subjects[&(template, "en")],
            "{template} is translated"
        );
    }
}

#[actix_web::test]
async fn two_workers_racing_send_each_mail_once() {
    let app = spawn_app().await;
    let smtp = SmtpServer::start().await;
    let jana = create_person(&app, "jana@example.com", "Jana", false);
    for i in 0..40 {
        queue(&app, &jana, &format!("race:{i}"));
    }
    let mut a = app.worker(Transport::smtp(&smtp.url).unwrap());
    let mut b = app.worker(Transport::smtp(&smtp.url).unwrap());
    a.batch = 5;
    b.batch = 5;
    let (ra, rb) = futures_util::join!(a.drain(), b.drain());
    let sent = ra.unwrap().sent + rb.unwrap().sent;
    let rest = app
        .worker(Transport::smtp(&smtp.url).unwrap())
        .drain()
        .await
        .unwrap()
        .sent;
    assert_eq!(sent + rest, 40);
    let ids: Vec<String> = smtp.messages().iter().map(|m| message_id(m)).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), 40, "each mail sent once");
    assert_eq!(unique.len(), 40);
}
