//! The review queue over time: overdue reviews escalated once and moved when not started, a
//! long queue shown fifty at a time, soonest deadline first, and each line naming the version
//! and trainee it grades.

use diesel::prelude::*;
use qualify::clock::Clock;
use qualify::db::schema::outbox;

use crate::support::api::{api, token};
use crate::support::app::{TestApp, spawn_app};
use crate::support::browser::signed_in;
use crate::support::fixtures::grading::grade;
use crate::support::fixtures::grading::{Grading, Who};
use crate::support::jobs::tick;

#[actix_web::test]
async fn overdue_reviews_are_escalated_once_and_moved_when_not_started() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let a = g.person(Who::new("a@example.com", "Anna A"));
    let b = g.person(Who::new("b@example.com", "Ben B"));
    let c = g.person(Who::new("c@example.com", "Cleo C"));
    g.cotrainers(&[
        (&a, "a@example.com", 1, &["en"]),
        (&b, "b@example.com", 1, &["en"]),
        (&c, "c@example.com", 1, &["en"]),
    ])
    .await;
    let t1 = g.person(Who::new("t1@example.com", "Trainee One"));
    let t2 = g.person(Who::new("t2@example.com", "Trainee Two"));
    let e = g
        .enroll(&[(&t1, "t1@example.com"), (&t2, "t2@example.com")])
        .await;
    g.submit(&t1, &e[0], "purpose-canvas", "One").await;
    g.submit(&t2, &e[1], "purpose-canvas", "Two").await;
    let reviews = g.reviews();
    assert_eq!(reviews.len(), 2);
    // One grader starts (a draft); the other does nothing.
    let started = &reviews[0];
    let idle = &reviews[1];
    let token = token(&app, &started.reviewer_id);
    let draft = api(
        &app,
        &token,
        "PUT",
        &format!("/api/v1/reviews/{}/draft", started.id),
        Some(serde_json::json!({ "lock_version": 1, "feedback": "Working on it" })),
    )
    .await;
    assert_eq!(draft.status, 200, "{}", draft.body);

    // Not yet due: nothing happens.
    app.clock
        .advance(chrono::Duration::days(5) - chrono::Duration::minutes(1));
    assert_eq!(tick(&app).escalated, 0);
    // Just past the grading deadline the co-trainers are reminded, the owner not yet told.
    app.clock.advance(chrono::Duration::minutes(2));
    assert_eq!(tick(&app).escalated, 0, "the owner hears after two days");
    // Two days past it (QUALIFY_ESCALATE_AFTER_DAYS): both escalate; only the idle one moves
    // (to the free co-trainer).
    app.clock.advance(chrono::Duration::days(2));
    let round = tick(&app);
    assert_eq!((round.escalated, round.reallocated), (2, 1));
    assert_eq!(tick(&app).escalated, 0, "escalated once");
    let after = g.reviews();
    let moved = after.iter().find(|r| r.id == idle.id).unwrap();
    assert_eq!(
        moved.state,
        qualify::domain::states::ReviewState::Reassigned
    );
    let replacement = after
        .iter()
        .find(|r| r.submission_version_id == idle.submission_version_id && r.is_open())
        .unwrap();
    assert_ne!(replacement.reviewer_id, idle.reviewer_id);
    assert_ne!(
        replacement.reviewer_id, started.reviewer_id,
        "the free co-trainer"
    );
    assert!(
        replacement.due_at > app.clock.now_naive(),
        "a fresh grading window"
    );
    let kept = after.iter().find(|r| r.id == started.id).unwrap();
    assert_eq!(kept.state, qualify::domain::states::ReviewState::Started);
    assert!(kept.escalated_at.is_some());
    let mut conn = app.conn();
    let alerts: Vec<String> = outbox::table
        .filter(outbox::kind.eq("grading_alert"))
        .select(outbox::body_text)
        .load(&mut **conn)
        .unwrap();
    assert!(
        alerts
            .iter()
            .any(|b| b.contains("past its grading deadline"))
    );
}

#[actix_web::test]
async fn a_long_queue_is_shown_fifty_at_a_time_soonest_first() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let (tara, coach, enrollment) = g.trainee_and_coach().await;
    g.submit(&tara, &enrollment, "purpose-canvas", "## Purpose\nMine.")
        .await;
    // 54 more open reviews for the same co-trainer, each due an hour later than the last.
    let first = g.reviews().remove(0);
    let copies: Vec<_> = (1..=54)
        .map(|i| {
            let mut r = first.clone();
            r.id = qualify::domain::ids::ReviewId(uuid::Uuid::new_v4().to_string());
            r.slot = 1 + i;
            r.due_at = first.due_at + chrono::Duration::hours(i.into());
            r
        })
        .collect();
    qualify::db::models::Review::create_all(&mut app.conn(), &copies).unwrap();
    let as_coach = signed_in(&app, &coach).await;

    let one = as_coach.get("/reviews").await;
    assert_eq!(one.status, 200);
    assert_eq!(one.body.matches("href=\"/reviews/").count(), 50);
    assert!(
        one.body.contains(&format!("/reviews/{}\"", first.id)),
        "soonest first"
    );
    assert!(one.body.contains("1–50 of 55"), "{}", one.body);
    assert!(one.body.contains("href=\"/reviews?page=2\""));
    let two = as_coach.get("/reviews?page=2").await;
    assert_eq!(two.body.matches("href=\"/reviews/").count(), 5);
    assert!(
        two.body.contains(&format!("/reviews/{}\"", copies[53].id)),
        "latest last"
    );
    assert!(!two.body.contains(&format!("/reviews/{}\"", first.id)));
    assert!(two.body.contains("51–55 of 55"));
    assert!(two.body.contains("href=\"/reviews?page=1\""));
    // Past the end: an empty page that still says how many there are, not an error.
    let past = as_coach.get("/reviews?page=9").await;
    assert_eq!(past.status, 200);
    assert_eq!(past.body.matches("href=\"/reviews/").count(), 0);
    assert!(past.body.contains("go to the first page (55 open reviews)"));
    let huge = as_coach.get("/reviews?page=9223372036854775807").await;
    assert_eq!(huge.status, 200, "a huge page number is just an empty page");
    assert!(huge.body.contains("go to the first page (55 open reviews)"));
    let bad = as_coach.get("/reviews?page=abc").await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert!(bad.body.contains("Something in the request was not valid"));
}

/// What a review line shows of the graded version (number, enrollment, assignment, trainee) is
/// kept on the review when it is allocated; migration 000014 fills it in for older reviews and
/// must give the same values.
#[actix_web::test]
async fn a_queue_line_names_the_version_and_trainee_it_grades() {
    use qualify::db::migrations::{revert_last, run_pending};
    use qualify::db::schema::submissions;
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let (tara, coach, enrollment) = g.trainee_and_coach().await;
    g.submit(&tara, &enrollment, "purpose-canvas", "## Purpose\nMine.")
        .await;
    let first = g.open_reviews_of(&coach).remove(0);
    let graded = grade(
        &app,
        &token(&app, &coach),
        &first.id.0,
        false,
        "revision_requested",
    )
    .await;
    assert_eq!(graded.status, 200, "{}", graded.body);
    g.submit(&tara, &enrollment, "purpose-canvas", "## Purpose\nTwo.")
        .await;
    let second = g.open_reviews_of(&coach).remove(0);
    assert_eq!((first.version_number, second.version_number), (1, 2));
    let assignment: String = submissions::table
        .filter(submissions::enrollment_id.eq(&enrollment))
        .select(submissions::assignment_id)
        .first(&mut **app.conn())
        .unwrap();
    for r in [&first, &second] {
        assert_eq!(r.enrollment_id.0, enrollment);
        assert_eq!(r.assignment_id.0, assignment);
        assert_eq!(r.trainee_id, tara);
    }

    let page = signed_in(&app, &coach).await.get("/reviews").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body.matches("href=\"/reviews/").count(), 1);
    assert!(page.body.contains("Tara Trainee"), "{}", page.body);
    assert!(page.body.contains("version 2"), "{}", page.body);

    let lines = |app: &TestApp| {
        let mut conn = app.conn();
        let mut lines: Vec<_> = qualify::db::models::Review::list_for_overview(&mut conn, None)
            .unwrap()
            .into_iter()
            .map(|r| {
                (
                    r.id,
                    r.version_number,
                    r.enrollment_id,
                    r.assignment_id,
                    r.trainee_id,
                )
            })
            .collect();
        lines.sort_by(|a, b| a.0.cmp(&b.0));
        lines
    };
    let written = lines(&app);
    {
        // Back to before the back-fill (and the migrations after it), then forward again.
        let mut conn = app.conn();
        let mut reverted = Vec::new();
        while !reverted
            .last()
            .is_some_and(|n: &String| n.ends_with("000014"))
        {
            reverted.push(revert_last(&mut conn).unwrap());
            assert!(
                reverted.len() < 50,
                "000014 is among the applied migrations"
            );
        }
        assert_eq!(run_pending(&mut conn).unwrap().len(), reverted.len());
    }
    assert_eq!(
        lines(&app),
        written,
        "the back-fill gives what allocation wrote"
    );
}
