//! Calibration through the pages: a new co-trainer gets no real reviews until they pass a
//! round of reference submissions; after each reference they see their levels beside the gold
//! ones with the rationales (never before grading); a round with a criterion two levels off
//! fails and a new round can start; one level off everywhere passes; the owner sees the rounds,
//! the weighted kappa and the drift chart; nobody else sees someone's calibration.

use qualify::clock::Clock;

use crate::support::app::{TestApp, spawn_app_with};
use crate::support::browser::{Browser, signed_in};
use crate::support::content::ContentCopy;
use crate::support::fixtures::grading::{Grading, Who};
use crate::support::jobs::tick;

/// Three shipped references of the purpose canvas, told apart by a phrase of their text, with
/// the gold points of purpose-statement, target-group-and-value (levels 0, 2, 4, 6),
/// scope-and-roles and alignment-and-success. The tests run on a copy of the curriculum that
/// holds only these three, so that a new reference in the curriculum changes no round here.
const GOLD: [(&str, [i32; 4]); 3] = [
    ("Excel Circle", [3, 6, 3, 2]),
    ("Sales support", [1, 2, 1, 0]),
    ("Green Office", [3, 4, 1, 2]),
];
const KEPT: [&str; 3] = ["excel-circle", "sales-support", "green-office"];

/// The app over a copy of the curriculum whose only references are [`KEPT`].
async fn spawn_app() -> (TestApp, ContentCopy) {
    let copy = ContentCopy::new();
    for module in std::fs::read_dir(copy.path("modules")).unwrap().flatten() {
        for assignment in std::fs::read_dir(module.path().join("assignments"))
            .unwrap()
            .flatten()
        {
            let Ok(refs) = std::fs::read_dir(assignment.path().join("references")) else {
                continue;
            };
            for r in refs.flatten() {
                if !KEPT.contains(&r.file_name().to_str().unwrap()) {
                    std::fs::remove_dir_all(r.path()).unwrap();
                }
            }
        }
    }
    let root = copy.root.display().to_string();
    let app = spawn_app_with(move |s| {
        s.insert("QUALIFY_CONTENT_DIR".into(), root.clone());
    })
    .await;
    (app, copy)
}
const CRITERIA: [&str; 4] = [
    "purpose-statement",
    "target-group-and-value",
    "scope-and-roles",
    "alignment-and-success",
];

/// The links to the references of the current round, from the calibration page.
async fn round_links(browser: &Browser<'_>) -> Vec<String> {
    let page = browser.get("/calibration").await;
    assert_eq!(page.status, 200);
    let mut links: Vec<String> = page
        .body
        .match_indices("href=\"/calibration/")
        .map(|(i, _)| {
            let rest = &page.body[i + 6..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect();
    links.dedup();
    links
}

/// Grades every reference of the round: `choose(name, gold)` gives the points per criterion.
/// Before grading the page shows no gold; afterwards it shows both side by side.
async fn grade_round(browser: &Browser<'_>, choose: impl Fn(&str, [i32; 4]) -> [i32; 4]) {
    let links = round_links(browser).await;
    assert_eq!(links.len(), 3, "three references per round");
    for link in links {
        let page = browser.get(&link).await;
        assert_eq!(page.status, 200);
        assert!(!page.body.contains("Rationale"), "no gold before grading");
        assert!(
            !page.body.contains("implicit"),
            "no rationale before grading"
        );
        let (name, gold) = GOLD
            .iter()
            .find(|(name, _)| page.body.contains(name))
            .copied()
            .expect("a shipped reference");
        let points = choose(name, gold);
        let fields: Vec<(String, String)> = CRITERIA
            .iter()
            .zip(points)
            .map(|(c, p)| (format!("level__{c}"), p.to_string()))
            .collect();
        let fields: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let resp = browser.post(&link, &fields).await;
        assert_eq!(resp.status, 303, "{}", resp.body);
        let after = browser.get(&link).await;
        assert!(
            after
                .body
                .contains("Your grading and the reference grading")
        );
        assert!(after.body.contains("Rationale"));
        if name == "Excel Circle" {
            assert!(
                after
                    .body
                    .contains("the link to an organizational goal stays implicit")
            );
        }
    }
}

async fn setup(app: &TestApp) -> (Grading<'_>, qualify::domain::ids::PersonId, String) {
    let g = Grading::new(app).await;
    let tara = g.person(Who::new("tara@example.com", "Tara Trainee"));
    let nina = g.person(Who::new("nina@example.com", "Nina New"));
    g.new_cotrainers(&[(&nina, "nina@example.com", 5, &["en"])])
        .await;
    let enrollment = g.enroll(&[(&tara, "tara@example.com")]).await.remove(0);
    g.submit(&tara, &enrollment, "purpose-canvas", "## Purpose\nMine.")
        .await;
    (g, nina, enrollment)
}

#[actix_web::test]
async fn a_new_cotrainer_reviews_only_after_passing_calibration() {
    let (app, _content) = spawn_app().await;
    let (g, nina, _) = setup(&app).await;
    assert!(g.reviews().is_empty(), "not allocated before calibrating");
    let as_nina = signed_in(&app, &nina).await;
    let page = as_nina.get("/calibration").await;
    assert!(page.body.contains("once you pass a calibration round"));
    let started = as_nina.post("/calibration/rounds", &[]).await;
    assert_eq!(started.status, 303);

    // Round 1: one criterion two levels off fails the round, though 11 of 12 are close.
    grade_round(&as_nina, |name, gold| {
        let mut p = gold;
        if name == "Sales support" {
            p[0] = 3;
        }
        p
    })
    .await;
    let page = as_nina.get("/calibration").await;
    assert!(page.body.contains("not passed"), "{}", page.body);
    assert!(page.body.contains("92 %"));
    assert!(page.body.contains("Start a new round"));
    tick(&app);
    assert!(g.reviews().is_empty(), "a failed round allocates nothing");

    // Round 2: every criterion at most one level off passes.
    as_nina.post("/calibration/rounds", &[]).await;
    grade_round(&as_nina, |name, _| match name {
        "Excel Circle" => [2, 6, 3, 3],
        "Sales support" => [1, 4, 0, 0],
        _ => [3, 4, 2, 1],
    })
    .await;
    let page = as_nina.get("/calibration").await;
    assert!(page.body.contains("You are calibrated"), "{}", page.body);
    tick(&app);
    let reviews = g.reviews();
    assert_eq!(reviews.len(), 1, "the waiting work is allocated");
    assert_eq!(reviews[0].reviewer_id, nina);

    // The owner sees both rounds with the weighted kappa of the passing one (scikit-learn's
    // cohen_kappa_score(weights="quadratic") on those twelve level pairs: 0.7631578947368421)
    // and the drift chart.
    let owner = &g.owner;
    let grading = owner.get("/grading").await;
    assert!(
        grading
            .body
            .contains(&format!("/grading/calibration/{nina}"))
    );
    let view = owner.get(&format!("/grading/calibration/{nina}")).await;
    assert_eq!(view.status, 200);
    assert!(view.body.contains("Calibrated since"));
    assert!(view.body.contains("0.76"), "{}", view.body);
    assert_eq!(view.body.matches("<circle").count(), 6);
}

#[actix_web::test]
async fn a_calibration_is_seen_only_by_its_cotrainer_and_the_owner() {
    let (app, _content) = spawn_app().await;
    let (g, nina, _) = setup(&app).await;
    let other = g.person(Who::new("otto@example.com", "Otto Other"));
    g.new_cotrainers(&[(&other, "otto@example.com", 5, &["en"])])
        .await;
    let as_nina = signed_in(&app, &nina).await;
    as_nina.get("/calibration").await;
    let started = as_nina.post("/calibration/rounds", &[]).await;
    assert_eq!(started.status, 303, "{}", started.body);
    let link = round_links(&as_nina).await.remove(0);
    let as_other = signed_in(&app, &other).await;
    as_other.get("/calibration").await;
    assert_eq!(as_other.get(&link).await.status, 404);
    let posted = as_other
        .post(&link, &[("level__purpose-statement", "1")])
        .await;
    assert_eq!(posted.status, 404);
    let owners_page = as_other.get(&format!("/grading/calibration/{nina}")).await;
    assert!(matches!(owners_page.status, 403 | 404));
    // The API answers the same: the reference without gold before grading, then with it;
    // someone else's is not found.
    let id = link.trim_start_matches("/calibration/");
    let nina_token = crate::support::api::token(&app, &nina);
    let other_token = crate::support::api::token(&app, &other);
    let path = format!("/api/v1/calibration/{id}");
    let before = crate::support::api::api(&app, &nina_token, "GET", &path, None).await;
    assert_eq!(before.status, 200, "{}", before.body);
    assert!(
        before.json()["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["gold"].is_null() && c["rationale"].is_null())
    );
    let theirs = crate::support::api::api(&app, &other_token, "GET", &path, None).await;
    assert_eq!(theirs.status, 404);
    let points: serde_json::Map<String, serde_json::Value> = CRITERIA
        .iter()
        .map(|c| (c.to_string(), serde_json::json!(2)))
        .collect();
    let graded = crate::support::api::api(
        &app,
        &nina_token,
        "POST",
        &path,
        Some(serde_json::json!({ "points": points })),
    )
    .await;
    assert_eq!(graded.status, 200, "{}", graded.body);
    assert_eq!(graded.json()["round_complete"], false);
    let after = crate::support::api::api(&app, &nina_token, "GET", &path, None).await;
    assert!(
        after.json()["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["rationale"].is_string())
    );
    let again = crate::support::api::api(
        &app,
        &nina_token,
        "POST",
        &path,
        Some(serde_json::json!({ "points": points })),
    )
    .await;
    assert_eq!(again.status, 409);
    let mine =
        crate::support::api::api(&app, &nina_token, "GET", "/api/v1/calibration", None).await;
    assert_eq!(mine.json()["calibrated"], false);
    // A round cannot start twice, and a graded reference cannot be graded again.
    assert_eq!(as_nina.post("/calibration/rounds", &[]).await.status, 409);
    // Without CSRF token the form is refused.
    let forged = as_nina
        .post_raw(
            &link,
            &[("level__purpose-statement", "1")],
            &[("Origin", app.address.as_str())],
        )
        .await;
    assert_eq!(forged.status, 403);
}

#[actix_web::test]
async fn hidden_references_join_the_queue_and_never_reach_a_trainee() {
    let (app, copy) = spawn_app().await;
    // A curriculum version that mixes a hidden reference into every allocation, newest, so
    // the cohort pins it.
    {
        copy.replace("program.toml", "hidden_percent = 0", "hidden_percent = 100");
        let curriculum = qualify::content::load(&copy.program).unwrap();
        let mut conn = app.conn();
        qualify::content::sync(&mut conn, &curriculum, app.clock.now_naive()).unwrap();
    }
    let g = Grading::new(&app).await;
    let tara = g.person(Who::new("tara@example.com", "Tara Trainee"));
    let coach = g.person(Who::new("coach@example.com", "Carla Coach"));
    g.cotrainers(&[(&coach, "coach@example.com", 5, &["en"])])
        .await;
    let enrollment = g.enroll(&[(&tara, "tara@example.com")]).await.remove(0);
    g.submit(&tara, &enrollment, "purpose-canvas", "## Purpose\nMine.")
        .await;
    assert_eq!(g.reviews().len(), 1);
    let as_coach = signed_in(&app, &coach).await;
    let queue = as_coach.get("/reviews").await;
    let at = queue
        .body
        .find("href=\"/calibration/")
        .expect("a hidden reference in the queue");
    let rest = &queue.body[at + 6..];
    let link = rest[..rest.find('"').unwrap()].to_string();
    assert!(
        queue
            .body
            .contains(&format!("/reviews/{}", g.reviews()[0].id))
    );

    let page = as_coach.get(&link).await;
    assert!(!page.body.contains("Rationale"), "no gold before grading");
    let fields: Vec<(String, String)> = CRITERIA
        .iter()
        .map(|c| (format!("level__{c}"), "2".to_string()))
        .collect();
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(as_coach.post(&link, &fields).await.status, 303);
    assert!(as_coach.get(&link).await.body.contains("Rationale"));
    assert!(
        !as_coach.get("/reviews").await.body.contains(&link),
        "graded: out of the queue"
    );

    // Nothing reached the trainee: no decision, no mail, the one review still open.
    let mine = signed_in(&app, &tara)
        .await
        .get(&format!("/learn/{enrollment}/assignments/purpose-canvas"))
        .await;
    assert!(
        !mine.body.contains("Rationale") && !mine.body.contains("Feedback"),
        "{}",
        mine.body
    );
    let reviews = g.reviews();
    assert_eq!(reviews.len(), 1);
    assert!(reviews[0].decision.is_none());
    let feedback_mails: i64 = {
        use diesel::prelude::*;
        use qualify::db::schema::outbox;
        let mut conn = app.conn();
        outbox::table
            .filter(outbox::kind.eq("feedback_released"))
            .count()
            .get_result(&mut **conn)
            .unwrap()
    };
    assert_eq!(feedback_mails, 0);
}
