//! Allocation through the real app: every rule, load balance, the queue when nobody fits and
//! allocation once someone does, and concurrency (threads released by a barrier).

use std::sync::{Arc, Barrier};

use diesel::prelude::*;
use qualify::clock::Clock;
use qualify::db::models::QueuedSlot;
use qualify::db::schema::{cotrainers, outbox};
use qualify::domain::ids::{EnrollmentId, PersonId};

use crate::support::api::api;
use crate::support::app::{TestApp, spawn_app};
use crate::support::fixtures::grading::{Grading, Who};
use crate::support::jobs::{composer, tick};

const TEXT: &str = "## Purpose\nOur community connects everyone who plans supplier audits.";

#[actix_web::test]
async fn every_allocation_rule_is_applied_and_explained_to_the_owner() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let tara = g.person(
        Who::new("tara@example.com", "Tara Trainee")
            .unit("Sales")
            .manager("boss@example.com"),
    );
    let same_unit = g.person(Who::new("sam@example.com", "Sam Same").unit("sales"));
    let boss = g.person(Who::new("boss@example.com", "Bea Boss").unit("HR"));
    let german = g.person(Who::new("dora@example.com", "Dora Deutsch").unit("IT"));
    let away = g.person(Who::new("ulla@example.com", "Ulla Away").unit("IT"));
    let full = g.person(Who::new("finn@example.com", "Finn Full").unit("Ops"));
    let lena = g.person(Who::new("lena@example.com", "Lena Load").unit("Ops"));
    g.cotrainers(&[
        (&tara, "tara@example.com", 5, &["en"]),
        (&same_unit, "sam@example.com", 5, &["en"]),
        (&boss, "boss@example.com", 5, &["en"]),
        (&german, "dora@example.com", 5, &["de"]),
        (&away, "ulla@example.com", 5, &["en"]),
        (&full, "finn@example.com", 0, &["en"]),
        (&lena, "lena@example.com", 4, &["en", "de"]),
    ])
    .await;
    // Away for a week from tomorrow: inside the five-day grading window.
    g.pool(&away, 5, &["en"], "2026-03-03 .. 2026-03-09").await;
    let enrollments = g.enroll(&[(&tara, "tara@example.com")]).await;
    g.submit(&tara, &enrollments[0], "purpose-canvas", TEXT)
        .await;

    let reviews = g.reviews();
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].reviewer_id, lena);
    assert_eq!(
        reviews[0].due_at,
        app.clock.now_naive() + chrono::Duration::days(5),
        "the grading deadline is the program's five days"
    );
    let view = api(
        &app,
        &g.owner_token,
        "GET",
        &format!("/api/v1/reviews/{}", reviews[0].id),
        None,
    )
    .await
    .json();
    let reason = &view["allocation_reason"];
    assert_eq!(reason["rule"], "lowest_load");
    assert_eq!(reason["considered"], 7);
    for skip in [
        "trainee",
        "same_org_unit",
        "manager",
        "language",
        "unavailable",
        "full",
    ] {
        assert_eq!(reason["skipped"][skip], 1, "{skip}: {reason}");
    }
    let page = g.owner.get(&format!("/reviews/{}", reviews[0].id)).await;
    assert!(page.body.contains("lowest load relative to capacity"));
    assert!(page.body.contains("same org unit: 1"));
    assert!(page.body.contains("Lena Load"));
}

#[actix_web::test]
async fn load_is_balanced_by_capacity_and_waiting_work_is_allocated_once_someone_fits() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let small = g.person(Who::new("small@example.com", "Sid Small"));
    let large = g.person(Who::new("large@example.com", "Lara Large"));
    g.cotrainers(&[
        (&small, "small@example.com", 2, &["en"]),
        (&large, "large@example.com", 4, &["en"]),
    ])
    .await;
    let mut trainees = Vec::new();
    for i in 0..7 {
        let email = format!("t{i}@example.com");
        let id = g.person(Who::new(&email, &format!("Trainee {i}")));
        trainees.push((id, email));
    }
    let refs: Vec<(&PersonId, &str)> = trainees.iter().map(|(i, e)| (i, e.as_str())).collect();
    let enrollments = g.enroll(&refs).await;
    for (n, (id, _)) in trainees.iter().enumerate().take(4) {
        g.submit(id, &enrollments[n], "purpose-canvas", TEXT).await;
    }
    // Relative load decides (0/2 = 0/4, then 1/2 > 1/4 …): after four, two each.
    assert_eq!(g.open_reviews_of(&small).len(), 2);
    assert_eq!(g.open_reviews_of(&large).len(), 2);
    for (n, (id, _)) in trainees.iter().enumerate().skip(4) {
        g.submit(id, &enrollments[n], "purpose-canvas", TEXT).await;
    }
    assert_eq!(g.open_reviews_of(&small).len(), 2, "never over capacity");
    assert_eq!(g.open_reviews_of(&large).len(), 4, "never over capacity");
    let waiting = {
        let mut conn = app.conn();
        QueuedSlot::list(&mut conn, None).unwrap()
    };
    assert_eq!(waiting.len(), 1, "the seventh waits");
    let unallocated = api(&app, &g.owner_token, "GET", "/api/v1/unallocated", None).await;
    assert_eq!(unallocated.json()["items"][0]["trainee"], "Trainee 6");
    assert_eq!(
        unallocated.json()["items"][0]["reason"]["skipped"]["full"],
        2
    );
    let alerts: i64 = {
        let mut conn = app.conn();
        outbox::table
            .filter(outbox::kind.eq("grading_alert"))
            .count()
            .get_result(&mut **conn)
            .unwrap()
    };
    assert_eq!(alerts, 1, "the owner is told (once a day)");
    assert!(g.owner.get("/grading").await.body.contains("Trainee 6"));
    // A tick changes nothing while nobody fits; more capacity lets the work through at once.
    assert_eq!(tick(&app).allocated, 0);
    g.pool(&small, 3, &["en"], "").await;
    assert_eq!(g.open_reviews_of(&small).len(), 3);
    let mut conn = app.conn();
    assert!(QueuedSlot::list(&mut conn, None).unwrap().is_empty());
}

/// `threads` trainees of one cohort hand in at the same moment; one co-trainer with capacity 2.
fn race_submissions(app: &TestApp, g: &Grading<'_>, enrollments: Vec<(PersonId, String)>) {
    let pool = qualify::db::build_pool(&app.settings.database, 8).unwrap();
    let barrier = Arc::new(Barrier::new(enrollments.len()));
    let composer = composer(app);
    let now = app.clock.now_naive();
    let handles: Vec<_> = enrollments
        .into_iter()
        .map(|(person, enrollment)| {
            let (pool, barrier, composer) = (pool.clone(), barrier.clone(), composer.clone());
            std::thread::spawn(move || {
                let mut conn = pool.get().unwrap();
                barrier.wait();
                let work = qualify::submissions::work::Work {
                    person,
                    enrollment: EnrollmentId(enrollment),
                    assignment: "purpose-canvas".into(),
                    body: TEXT.into(),
                    lock_version: 1,
                    language: "en".into(),
                };
                qualify::submissions::work::submit(&mut conn, &composer, &work, now)
                    .expect("the submission is taken")
                    .expect("and not refused")
            })
        })
        .collect();
    for h in handles {
        assert_eq!(
            h.join().unwrap().state,
            qualify::domain::states::SubmissionState::Submitted
        );
    }
    let _ = g;
}

#[actix_web::test]
async fn concurrent_submissions_never_push_a_cotrainer_over_capacity() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let coach = g.person(Who::new("coach@example.com", "Carla Coach"));
    g.cotrainers(&[(&coach, "coach@example.com", 2, &["en"])])
        .await;
    let mut people = Vec::new();
    for i in 0..6 {
        let email = format!("t{i}@example.com");
        people.push((g.person(Who::new(&email, &format!("Trainee {i}"))), email));
    }
    let refs: Vec<(&PersonId, &str)> = people.iter().map(|(i, e)| (i, e.as_str())).collect();
    let enrollments = g.enroll(&refs).await;
    let pairs = people
        .iter()
        .map(|(p, _)| p.clone())
        .zip(enrollments)
        .collect();
    race_submissions(&app, &g, pairs);
    assert_eq!(g.open_reviews_of(&coach).len(), 2);
    let mut conn = app.conn();
    assert_eq!(QueuedSlot::list(&mut conn, None).unwrap().len(), 4);
    drop(conn);

    // Capacity frees up for several waiting slots; two schedulers drain at the same moment.
    {
        let mut conn = app.conn();
        diesel::update(cotrainers::table)
            .set(cotrainers::capacity.eq(5))
            .execute(&mut **conn)
            .unwrap();
    }
    let pool = qualify::db::build_pool(&app.settings.database, 4).unwrap();
    let barrier = Arc::new(Barrier::new(2));
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let (pool, barrier, composer) = (pool.clone(), barrier.clone(), composer(&app));
            let now = app.clock.now_naive();
            std::thread::spawn(move || {
                let mut conn = pool.get().unwrap();
                barrier.wait();
                qualify::grading::allocate::drain(&mut conn, &composer, 100, now).unwrap()
            })
        })
        .collect();
    let allocated: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
    assert_eq!(allocated, 3, "exactly the free capacity, each slot once");
    let open = g.open_reviews_of(&coach);
    assert_eq!(open.len(), 5);
    let mut versions: Vec<&str> = open
        .iter()
        .map(|r| r.submission_version_id.as_str())
        .collect();
    versions.sort();
    versions.dedup();
    assert_eq!(versions.len(), 5, "no version allocated twice");
}
