//! Grading one submission through the pages: queue, rubric form, draft, the stale-form conflict,
//! refusals that keep what was typed, the decision the trainee receives, a revision that goes
//! back to the same co-trainer, ratings, the history of every change, and the decisions on the
//! trainee's dashboard as new feedback until they are two weeks old.

use diesel::prelude::*;
use qualify::db::models::Review;
use qualify::db::schema::outbox;
use qualify::domain::ids::PersonId;

use crate::support::api::{api, token};
use crate::support::app::{Response, TestApp, spawn_app};
use crate::support::browser::{Browser, signed_in};
use crate::support::fixtures::grading::{Grading, Who};
use crate::support::scrape::lock_version;

/// Form fields choosing, on every criterion of the purpose canvas, the level with these
/// points. Every criterion at the level with these points; the target group's levels count double
/// (0, 2, 4, 6), so it takes the same level.
fn levels(points: &str) -> Vec<(&'static str, String)> {
    let double = (points.parse::<i32>().unwrap() * 2).to_string();
    vec![
        ("level__purpose-statement", points.into()),
        ("level__target-group-and-value", double),
        ("level__scope-and-roles", points.into()),
        ("level__alignment-and-success", points.into()),
    ]
}

#[actix_web::test]
async fn a_cotrainer_grades_with_the_rubric_and_the_trainee_receives_the_decision() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let tara = g.person(Who::new("tara@example.com", "Tara Trainee"));
    let coach = g.person(Who::new("coach@example.com", "Carla Coach"));
    let other = g.person(Who::new("otto@example.com", "Otto Other"));
    g.cotrainers(&[
        (&coach, "coach@example.com", 5, &["en"]),
        (&other, "otto@example.com", 5, &["en"]),
    ])
    .await;
    let enrollment = g.enroll(&[(&tara, "tara@example.com")]).await.remove(0);
    g.submit(
        &tara,
        &enrollment,
        "purpose-canvas",
        "## Purpose\nVersion one.",
    )
    .await;
    let review = g.reviews().remove(0);
    let grader = if review.reviewer_id == coach {
        &coach
    } else {
        &other
    };
    let grader_name = if grader == &coach {
        "Carla Coach"
    } else {
        "Otto Other"
    };
    let as_grader = signed_in(&app, grader).await;
    let trainee_token = token(&app, &tara);
    let work = Work {
        app: &app,
        enrollment: &enrollment,
        trainee_token: &trainee_token,
    };

    let (path, lock) = the_review_waits_in_the_graders_queue(&as_grader, &review).await;
    a_saved_draft_stops_the_withdrawal_and_a_stale_form_keeps_its_text(
        &work, &as_grader, &path, lock,
    )
    .await;
    refused_decisions_keep_what_was_typed_then_a_revision_is_requested(&as_grader, &path).await;
    let trainee = signed_in(&app, &tara).await;
    the_trainee_sees_the_decision_and_is_told(&work, &trainee, grader_name).await;
    let second = the_revision_goes_back_to_the_same_cotrainer_who_passes_it(
        &g, &work, &tara, grader, &as_grader,
    )
    .await;
    the_trainee_rates_the_feedback_and_the_owner_sees_it(&g, &work, &trainee, &second).await;
    every_change_is_in_the_history_and_a_completed_review_is_closed(&app, &as_grader, &path, &tara)
        .await;
    two_weeks_on_the_decisions_are_no_longer_new(&work, &tara).await;
}

/// The trainee's side of the story: the app, the enrollment and the trainee's API token.
struct Work<'a> {
    app: &'a TestApp,
    enrollment: &'a str,
    trainee_token: &'a str,
}

/// Submits the grading form with these fields.
async fn send(as_grader: &Browser<'_>, path: &str, form: &[(&str, String)]) -> Response {
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    as_grader.post(path, &fields).await
}

/// The queue lists the trainee's work; the review page shows it with the rubric. Returns the
/// review page's path and the lock version its form carries.
async fn the_review_waits_in_the_graders_queue(
    as_grader: &Browser<'_>,
    review: &Review,
) -> (String, String) {
    let queue = as_grader.get("/reviews").await;
    assert_eq!(queue.status, 200);
    assert!(queue.body.contains("Tara Trainee"));
    assert!(queue.body.contains(&format!("/reviews/{}", review.id)));
    let path = format!("/reviews/{}", review.id);
    let page = as_grader.get(&path).await;
    assert!(page.body.contains("Version one."));
    assert!(page.body.contains("level__purpose-statement"));
    (path, lock_version(&page.body))
}

/// A draft with two levels: the work is now in review and can no longer be withdrawn. The same
/// form again (another tab) is a conflict that shows the current state and keeps the typed text.
async fn a_saved_draft_stops_the_withdrawal_and_a_stale_form_keeps_its_text(
    work: &Work<'_>,
    as_grader: &Browser<'_>,
    path: &str,
    lock: String,
) {
    let mut draft = [
        ("level__purpose-statement", "1".to_string()),
        ("level__scope-and-roles", "1".to_string()),
        ("feedback", "Good start.".to_string()),
        ("lock_version", lock),
        ("action", "save".to_string()),
    ];
    let saved = send(as_grader, path, &draft).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let withdraw = api(
        work.app,
        work.trainee_token,
        "POST",
        &format!(
            "/api/v1/enrollments/{}/assignments/purpose-canvas/withdraw",
            work.enrollment
        ),
        None,
    )
    .await;
    assert_eq!(withdraw.json()["refusal"], "grading_started");

    draft[2].1 = "Typed in the other tab.".into();
    let stale = send(as_grader, path, &draft).await;
    assert_eq!(stale.status, 409);
    assert!(stale.body.contains("changed meanwhile"));
    assert!(stale.body.contains("Typed in the other tab."));
    assert!(
        stale.body.contains("Good start."),
        "the current state is shown"
    );
}

/// Submitting without every level is refused, but the draft (with the new text) is kept; low
/// points but "passed" needs a reason; "revision requested" follows the threshold and is sent.
async fn refused_decisions_keep_what_was_typed_then_a_revision_is_requested(
    as_grader: &Browser<'_>,
    path: &str,
) {
    let page = as_grader.get(path).await;
    let lock = lock_version(&page.body);
    let incomplete = as_grader
        .post(
            path,
            &[
                ("level__purpose-statement", "1"),
                ("feedback", "Needs a sharper purpose."),
                ("decision", "revision_requested"),
                ("lock_version", &lock),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(incomplete.status, 422);
    assert!(
        incomplete
            .body
            .contains("Choose a level for every criterion")
    );
    assert!(incomplete.body.contains("Needs a sharper purpose."));

    let page = as_grader.get(path).await;
    let lock = lock_version(&page.body);
    let mut low = levels("1");
    low.extend([
        ("feedback", "Needs a sharper purpose.".to_string()),
        ("decision", "passed".to_string()),
        ("lock_version", lock),
        ("action", "submit".to_string()),
    ]);
    let against = send(as_grader, path, &low).await;
    assert_eq!(against.status, 422);
    assert!(
        against
            .body
            .contains("differs from what the pass mark suggests")
    );
    let lock = lock_version(&as_grader.get(path).await.body);
    low[5].1 = "revision_requested".into();
    low[6].1 = lock;
    low.push(("comment__purpose-statement", "Name the benefit.".into()));
    let done = send(as_grader, path, &low).await;
    assert_eq!(done.status, 303, "{}", done.body);
}

/// The trainee sees the decision, the points per criterion, the comment and who graded, was
/// told by mail, and finds it on the dashboard as new feedback linked to the assignment.
async fn the_trainee_sees_the_decision_and_is_told(
    work: &Work<'_>,
    trainee: &Browser<'_>,
    grader_name: &str,
) {
    let enrollment = work.enrollment;
    let mine = trainee
        .get(&format!("/learn/{enrollment}/assignments/purpose-canvas"))
        .await;
    assert!(mine.body.contains("Revision requested"));
    assert!(mine.body.contains("Needs a sharper purpose."));
    assert!(mine.body.contains("Name the benefit."));
    assert!(mine.body.contains("1 of 3 points"));
    assert!(
        mine.body.contains("class=\"level chosen\""),
        "the chosen level is marked in the rubric grid"
    );
    assert!(
        mine.body.contains(grader_name),
        "the program reveals the co-trainer"
    );
    let told: i64 = {
        let mut conn = work.app.conn();
        outbox::table
            .filter(outbox::kind.eq("feedback_released"))
            .count()
            .get_result(&mut **conn)
            .unwrap()
    };
    assert_eq!(told, 1);
    // The dashboard lists it as new feedback, linked to the assignment page.
    let dashboard = trainee.get("/learn").await;
    assert!(dashboard.body.contains("New feedback (last 14 days)"));
    let feedback = dashboard
        .body
        .split("feedback-list")
        .nth(1)
        .expect("the feedback list");
    assert!(feedback.contains(&format!("/learn/{enrollment}/assignments/purpose-canvas")));
    assert!(feedback.contains("version 1, decided "));
    assert!(feedback.contains("revision requested"));
}

/// Version two is allocated to the same co-trainer (continuity), who still sees version one and
/// passes it; the trainee's progress lists both decisions, newest first. Returns the review.
async fn the_revision_goes_back_to_the_same_cotrainer_who_passes_it(
    g: &Grading<'_>,
    work: &Work<'_>,
    tara: &PersonId,
    grader: &PersonId,
    as_grader: &Browser<'_>,
) -> Review {
    g.submit(
        tara,
        work.enrollment,
        "purpose-canvas",
        "## Purpose\nVersion two, sharper.",
    )
    .await;
    let second = g
        .reviews()
        .into_iter()
        .find(|r| r.state == qualify::domain::states::ReviewState::Allocated)
        .expect("version two allocated");
    assert_eq!(&second.reviewer_id, grader);
    assert!(second.allocation_reason.contains("continuity"));
    let path2 = format!("/reviews/{}", second.id);
    let page = as_grader.get(&path2).await;
    assert!(
        page.body.contains("Earlier version 1"),
        "earlier versions stay readable"
    );
    let mut pass = levels("3");
    pass.extend([
        ("feedback", "Clear and convincing.".to_string()),
        ("decision", "passed".to_string()),
        ("lock_version", lock_version(&page.body)),
        ("action", "submit".to_string()),
    ]);
    assert_eq!(send(as_grader, &path2, &pass).await.status, 303);
    let progress = api(
        work.app,
        work.trainee_token,
        "GET",
        "/api/v1/me/progress",
        None,
    )
    .await;
    assert_eq!(progress.json()["cohorts"][0]["passed"], 1);
    let recent = &progress.json()["cohorts"][0]["recent_feedback"];
    assert_eq!(recent[0]["decision"], "passed", "newest first: {recent}");
    assert_eq!(recent[0]["version"], 2);
    assert_eq!(recent[1]["decision"], "revision_requested");
    assert_eq!(recent.as_array().unwrap().len(), 2);
    second
}

/// Ratings go from 1 to 5; the owner sees the average per co-trainer.
async fn the_trainee_rates_the_feedback_and_the_owner_sees_it(
    g: &Grading<'_>,
    work: &Work<'_>,
    trainee: &Browser<'_>,
    second: &Review,
) {
    let enrollment = work.enrollment;
    let mine = trainee
        .get(&format!("/learn/{enrollment}/assignments/purpose-canvas"))
        .await;
    assert!(mine.body.contains("Clear and convincing."));
    let rated = trainee
        .post(
            &format!("/learn/{enrollment}/assignments/purpose-canvas/rate"),
            &[("review_id", second.id.as_str()), ("rating", "4")],
        )
        .await;
    assert_eq!(rated.status, 303);
    let bad = trainee
        .post(
            &format!("/learn/{enrollment}/assignments/purpose-canvas/rate"),
            &[("review_id", second.id.as_str()), ("rating", "9")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("from 1 to 5"));
    let overview = g.owner.get("/grading").await;
    assert!(
        overview.body.contains("4.0 (1)"),
        "rating 4 from one trainee"
    );
}

/// Every change is in the history; a completed review cannot be changed, and someone else's
/// review is not found.
async fn every_change_is_in_the_history_and_a_completed_review_is_closed(
    app: &TestApp,
    as_grader: &Browser<'_>,
    path: &str,
    tara: &PersonId,
) {
    let history = as_grader.get(path).await;
    assert!(history.body.contains("draft saved"));
    assert!(history.body.contains("submitted"));
    let again = as_grader
        .post(path, &[("lock_version", "99"), ("action", "save")])
        .await;
    assert_eq!(again.status, 409);
    assert!(again.body.contains("cannot be changed any more"));
    let stranger = signed_in(app, tara).await;
    assert_eq!(stranger.get(path).await.status, 404);
}

/// Two weeks on, the decisions are no longer listed as new feedback.
async fn two_weeks_on_the_decisions_are_no_longer_new(work: &Work<'_>, tara: &PersonId) {
    let app = work.app;
    app.clock.advance(chrono::Duration::days(15));
    let progress = api(app, work.trainee_token, "GET", "/api/v1/me/progress", None).await;
    assert_eq!(
        progress.json()["cohorts"][0]["recent_feedback"],
        serde_json::json!([])
    );
    let later = signed_in(app, tara).await.get("/learn").await;
    assert_eq!(later.status, 200);
    assert!(!later.body.contains("New feedback"));
}
