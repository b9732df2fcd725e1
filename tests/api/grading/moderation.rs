//! Anonymous grading, double reviews that disagree, the random sample, disputes and moderation
//! (confirm, change with a note, send back), and the owner's agreement figures.

use diesel::prelude::*;
use qualify::db::models::ModerationItem;
use qualify::db::schema::{curriculum_versions, outbox, submissions};

use crate::support::api::{api, token};
use crate::support::app::{TestApp, spawn_app};
use crate::support::browser::signed_in;
use crate::support::fixtures::grading::{Grading, Who, grade};
use crate::support::scrape::attachment_id;
use crate::support::uploads::{PNG, multipart};

fn set_policy(app: &TestApp, anonymous: bool, reveal: bool, sample: i32) {
    let mut conn = app.conn();
    diesel::update(curriculum_versions::table)
        .set((
            curriculum_versions::anonymous_grading.eq(anonymous),
            curriculum_versions::reveal_reviewer.eq(reveal),
            curriculum_versions::moderation_sample_percent.eq(sample),
        ))
        .execute(&mut **conn)
        .unwrap();
}

fn items(app: &TestApp) -> Vec<ModerationItem> {
    let mut conn = app.conn();
    ModerationItem::list(&mut conn, false, None, 1_000).unwrap()
}

#[actix_web::test]
async fn under_anonymous_grading_the_trainee_is_never_named_to_the_cotrainer() {
    let app = spawn_app().await;
    set_policy(&app, true, false, 0);
    let g = Grading::new(&app).await;
    let zoe = g.person(Who::new("zoe.quartermaine@example.com", "Zoë Quartermaine"));
    let coach = g.person(Who::new("coach@example.com", "Carla Coach"));
    g.cotrainers(&[(&coach, "coach@example.com", 5, &["en"])])
        .await;
    let enrollment = g
        .enroll(&[(&zoe, "zoe.quartermaine@example.com")])
        .await
        .remove(0);
    // A file whose name carries the trainee's name.
    let trainee = signed_in(&app, &zoe).await;
    let path = format!("/learn/{enrollment}/assignments/purpose-canvas");
    trainee.get(&path).await;
    let csrf = trainee.csrf();
    let up = multipart(
        &app,
        &trainee,
        &format!("{path}/attachments"),
        &[
            ("csrf_token", None, csrf.as_bytes()),
            ("file", Some("Quartermaine_Zoe_canvas.png"), PNG),
        ],
    )
    .await;
    assert_eq!(up.status, 303, "{}", up.body);
    g.submit(
        &zoe,
        &enrollment,
        "purpose-canvas",
        "## Purpose\nSupplier audits.",
    )
    .await;
    let review = g.reviews().remove(0);
    let as_coach = signed_in(&app, &coach).await;
    let coach_token = token(&app, &coach);
    let secrets = ["Quartermaine", "Zoë", "zoe.quartermaine"];
    let mut seen = vec![
        as_coach.get("/reviews").await.body,
        as_coach.get(&format!("/reviews/{}", review.id)).await.body,
        api(&app, &coach_token, "GET", "/api/v1/reviews", None)
            .await
            .body,
        api(
            &app,
            &coach_token,
            "GET",
            &format!("/api/v1/reviews/{}", review.id),
            None,
        )
        .await
        .body,
    ];
    let queue = api(&app, &coach_token, "GET", "/api/v1/reviews", None)
        .await
        .json();
    let pseudonym = queue["items"][0]["trainee"]["pseudonym"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(pseudonym.len(), 6);
    assert!(seen[0].contains(&format!("Trainee {pseudonym}")));
    // The file downloads under a neutral name.
    let file_id = attachment_id(&seen[1]);
    let download = as_coach.get(&format!("/attachments/{file_id}")).await;
    assert_eq!(download.status, 200);
    let disposition = download.header("content-disposition").unwrap().to_string();
    assert!(
        disposition.contains("purpose-canvas-v1-1.png"),
        "{disposition}"
    );
    seen.push(disposition);
    for body in &seen {
        for secret in secrets {
            assert!(!body.contains(secret), "{secret} leaked: {body}");
        }
    }
    // The pseudonym is stable: the next version carries the same one.
    let graded = grade(
        &app,
        &coach_token,
        &review.id.0,
        false,
        "revision_requested",
    )
    .await;
    assert_eq!(graded.status, 200, "{}", graded.body);
    g.submit(
        &zoe,
        &enrollment,
        "purpose-canvas",
        "## Purpose\nVersion two.",
    )
    .await;
    let queue = api(&app, &coach_token, "GET", "/api/v1/reviews", None)
        .await
        .json();
    assert_eq!(
        queue["items"][0]["trainee"]["pseudonym"],
        pseudonym.as_str()
    );
    // The cohort page does not list the trainees to the co-trainer either.
    let cohort_page = as_coach.get(&format!("/cohorts/{}", g.cohort)).await;
    assert_eq!(cohort_page.status, 200);
    assert!(!cohort_page.body.contains("Quartermaine"));
    // The owner sees the name; the trainee does not see the co-trainer's.
    assert!(
        g.owner
            .get(&format!("/reviews/{}", review.id))
            .await
            .body
            .contains("Zoë Quartermaine")
    );
    let mine = trainee.get(&path).await.body;
    assert!(mine.contains("Co-trainer 1"));
    assert!(!mine.contains("Carla Coach"));
}

#[actix_web::test]
async fn two_graders_who_disagree_go_to_moderation_and_the_owner_decides() {
    let app = spawn_app().await;
    let g = Grading::new(&app).await;
    let tara = g.person(Who::new("tara@example.com", "Tara Trainee"));
    let a = g.person(Who::new("a@example.com", "Anna Strict"));
    let b = g.person(Who::new("b@example.com", "Ben Kind"));
    g.cotrainers(&[
        (&a, "a@example.com", 5, &["en"]),
        (&b, "b@example.com", 5, &["en"]),
    ])
    .await;
    let enrollment = g.enroll(&[(&tara, "tara@example.com")]).await.remove(0);
    // The capstone (double review) opens on day 70.
    app.clock.advance(chrono::Duration::days(71));
    g.submit(
        &tara,
        &enrollment,
        "capstone-plan",
        "## Plan\nTwelve months.",
    )
    .await;
    let reviews = g.reviews();
    assert_eq!(reviews.len(), 2, "two independent reviews");
    assert_ne!(reviews[0].reviewer_id, reviews[1].reviewer_id);
    let token_of = |id: &qualify::domain::ids::PersonId| token(&app, id);
    let strict = reviews.iter().find(|r| r.reviewer_id == a).unwrap();
    let kind = reviews.iter().find(|r| r.reviewer_id == b).unwrap();
    assert_eq!(
        grade(
            &app,
            &token_of(&a),
            &strict.id.0,
            false,
            "revision_requested"
        )
        .await
        .status,
        200
    );
    assert_eq!(
        grade(&app, &token_of(&b), &kind.id.0, true, "passed")
            .await
            .status,
        200
    );
    // Disagreement: nothing is released yet; the owner is asked.
    let state: String = {
        let mut conn = app.conn();
        submissions::table
            .select(submissions::state)
            .first(&mut **conn)
            .unwrap()
    };
    assert_eq!(state, "in_review");
    let open = items(&app);
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].reason, "disagreement");
    // Sessions do not outlive 71 days: the owner signs in again.
    let owner = signed_in(&app, &g.owner_id).await;
    let page = owner.get("/grading").await;
    assert!(page.body.contains("Graders disagree"));
    // Confirming needs a decision (none was released); changing needs a note.
    let path = format!("/moderation/{}", open[0].id);
    let confirm = owner
        .post(&path, &[("action", "confirm"), ("lock_version", "1")])
        .await;
    assert_eq!(confirm.status, 422);
    assert!(confirm.body.contains("Choose a decision"));
    let no_note = owner
        .post(
            &path,
            &[
                ("action", "change"),
                ("decision", "passed"),
                ("lock_version", "1"),
            ],
        )
        .await;
    assert_eq!(no_note.status, 422);
    let changed = owner
        .post(
            &path,
            &[
                ("action", "change"),
                ("decision", "passed"),
                ("note", "The roadmap is strong enough."),
                ("lock_version", "1"),
            ],
        )
        .await;
    assert_eq!(changed.status, 303, "{}", changed.body);
    let trainee = signed_in(&app, &tara).await;
    let mine = trainee
        .get(&format!("/learn/{enrollment}/assignments/capstone-plan"))
        .await
        .body;
    assert!(mine.contains("Passed"));
    assert!(mine.contains("The roadmap is strong enough."));
    // Agreement with moderation: Ben agreed, Anna did not.
    let overview = owner.get("/grading").await.body;
    let pool = overview.split("id=\"pool-title\"").nth(1).unwrap();
    let row = |name: &str| {
        pool.split(name)
            .nth(1)
            .unwrap()
            .split("</tr>")
            .next()
            .unwrap()
            .to_string()
    };
    assert!(row("Ben Kind").contains("100 % (1)"));
    assert!(row("Anna Strict").contains("0 % (1)"));
    let again = owner
        .post(&path, &[("action", "confirm"), ("lock_version", "2")])
        .await;
    assert_eq!(
        again.status, 422,
        "resolved items cannot be moderated again"
    );
}

#[actix_web::test]
async fn a_trainee_disputes_once_and_the_owner_sends_the_review_back() {
    let app = spawn_app().await;
    set_policy(&app, false, true, 100);
    let g = Grading::new(&app).await;
    let (tara, coach, enrollment) = g.trainee_and_coach().await;
    let coach_token = token(&app, &coach);
    g.submit(&tara, &enrollment, "purpose-canvas", "## Purpose\nMine.")
        .await;
    let review = g.reviews().remove(0);
    assert_eq!(
        grade(
            &app,
            &coach_token,
            &review.id.0,
            false,
            "revision_requested"
        )
        .await
        .status,
        200
    );
    // With a 100 % sample, the released decision is also queued for a look.
    assert_eq!(items(&app)[0].reason, "sample");

    let trainee = signed_in(&app, &tara).await;
    let path = format!("/learn/{enrollment}/assignments/purpose-canvas");
    let page = trainee.get(&path).await;
    assert!(page.body.contains("I disagree with this decision"));
    let empty = trainee
        .post(&format!("{path}/dispute"), &[("statement", "  ")])
        .await;
    assert_eq!(empty.status, 422);
    assert!(empty.body.contains("Say why you disagree"));
    let disputed = trainee
        .post(
            &format!("{path}/dispute"),
            &[("statement", "My canvas names the benefit in line 2.")],
        )
        .await;
    assert_eq!(disputed.status, 303);
    let trainee_token = token(&app, &tara);
    let twice = api(
        &app,
        &trainee_token,
        "POST",
        &format!("/api/v1/enrollments/{enrollment}/assignments/purpose-canvas/dispute"),
        Some(serde_json::json!({ "statement": "Again." })),
    )
    .await;
    assert_eq!(twice.status, 422);
    assert_eq!(twice.json()["refusal"], "already_disputed");
    assert!(
        trainee
            .get(&path)
            .await
            .body
            .contains("the program lead is looking at it")
    );

    // The owner sends it back; the co-trainer is told and grades again.
    let dispute = items(&app)
        .into_iter()
        .find(|i| i.reason == "dispute")
        .unwrap();
    assert_eq!(dispute.statement, "My canvas names the benefit in line 2.");
    let owner_page = g.owner.get("/grading").await.body;
    assert!(owner_page.contains("My canvas names the benefit in line 2."));
    let sent_back = api(
        &app,
        &g.owner_token,
        "POST",
        &format!("/api/v1/moderation/{}", dispute.id),
        Some(serde_json::json!({ "action": "send_back", "note": "Please look at line 2.", "lock_version": 1 })),
    )
    .await;
    assert_eq!(sent_back.status, 200, "{}", sent_back.body);
    let queue = api(&app, &coach_token, "GET", "/api/v1/reviews", None)
        .await
        .json();
    assert_eq!(
        queue["items"].as_array().unwrap().len(),
        1,
        "back in the co-trainer's queue"
    );
    let mail: String = {
        let mut conn = app.conn();
        outbox::table
            .filter(outbox::kind.eq("review_sent_back"))
            .select(outbox::body_text)
            .first(&mut **conn)
            .unwrap()
    };
    assert!(mail.contains("Please look at line 2."));
    assert_eq!(
        grade(&app, &coach_token, &review.id.0, true, "passed")
            .await
            .status,
        200
    );
    let progress = api(&app, &trainee_token, "GET", "/api/v1/me/progress", None)
        .await
        .json();
    assert_eq!(progress["cohorts"][0]["passed"], 1);
    assert!(
        trainee
            .get(&path)
            .await
            .body
            .contains("Your dispute has been answered")
    );
}
