//! Two instances at once: two scheduler ticks racing over the same reminders write each digest
//! once, and two mail workers racing over the same outbox deliver each mail once, with its own
//! Message-ID, to a real SMTP server on loopback (on PostgreSQL `FOR UPDATE SKIP LOCKED`, on
//! SQLite an immediate transaction decide who claims what).

use diesel::prelude::*;
use qualify::clock::Clock;
use qualify::config::rules::Rules;
use qualify::db::schema::outbox;

use crate::support::app::spawn_app;
use crate::support::fixtures::grading::{Grading, Who};
use crate::support::jobs::composer;
use crate::support::scrape::message_id;
use crate::support::smtp_server::SmtpServer;

#[actix_web::test]
async fn two_schedulers_and_two_workers_send_each_mail_once() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let emails: Vec<String> = (0..12).map(|i| format!("t{i}@example.com")).collect();
    let people: Vec<_> = emails
        .iter()
        .map(|e| g.person(Who::new(e, "Trainee")))
        .collect();
    let pairs: Vec<_> = people
        .iter()
        .zip(&emails)
        .map(|(p, e)| (p, e.as_str()))
        .collect();
    g.enroll(&pairs).await;
    g.run_cohorts();

    // Monday 09:00 in Berlin, the first module just opened: a digest is due for everyone.
    let ticks: Vec<_> = (0..2)
        .map(|_| {
            let (pool, composer, now) = (app.pool.clone(), composer(&app), app.clock.now_naive());
            std::thread::spawn(move || {
                let mut conn = pool.get().unwrap();
                qualify::jobs::tick(&mut conn, &composer, &Rules::default(), now).unwrap()
            })
        })
        .collect();
    let written: usize = ticks.into_iter().map(|t| t.join().unwrap().digests).sum();
    let count = |kinds: &[&str]| -> i64 {
        let mut conn = app.conn();
        outbox::table
            .filter(outbox::kind.eq_any(kinds))
            .count()
            .get_result(&mut **conn)
            .unwrap()
    };
    assert_eq!(count(&["reminder_digest"]), 12, "one digest per trainee");
    assert_eq!(
        written as i64,
        count(&[
            "reminder_digest",
            "owner_weekly",
            "owner_register",
            "owner_impact"
        ]),
        "each digest (the trainees', the owner's weekly and monthly ones) written by exactly one tick"
    );
    let pending: i64 = {
        let mut conn = app.conn();
        outbox::table
            .filter(outbox::status.eq("pending"))
            .count()
            .get_result(&mut **conn)
            .unwrap()
    };
    assert!(pending >= 12);

    let server = SmtpServer::start().await;
    let first = app.worker(qualify::mail::Transport::smtp(&server.url).unwrap());
    let second = app.worker(qualify::mail::Transport::smtp(&server.url).unwrap());
    let (a, b) = tokio::join!(first.drain(), second.drain());
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(
        a.sent + b.sent,
        pending as usize,
        "every mail sent, by one worker each"
    );
    let received = server.received.lock().unwrap().clone();
    assert_eq!(received.len(), pending as usize, "none twice");
    let mut ids: Vec<String> = received.iter().map(|raw| message_id(raw)).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), pending as usize, "each with its own Message-ID");
    let sent: i64 = {
        let mut conn = app.conn();
        outbox::table
            .filter(outbox::status.eq("sent"))
            .count()
            .get_result(&mut **conn)
            .unwrap()
    };
    assert_eq!(sent, pending);
}
