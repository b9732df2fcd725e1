//! A new person's whole self-study, through the pages: enroll, fail and pass a check, finish
//! every lesson, and verify the self-study certificate.

use diesel::prelude::*;
use qualify::db::schema::{certificates, outbox, study_enrollments};

use crate::support::app::{TestApp, spawn_app};
use crate::support::browser::{Browser, signed_in};
use crate::support::fixtures::people::create_person;
use crate::support::fixtures::study::{answers, basics, right_answers};

const PROGRAM: &str = "/self-study/community-basics";

/// Sets the person's language to German (their setting decides the pages' language).
fn speaks_german(app: &TestApp, id: &qualify::domain::ids::PersonId) {
    use qualify::db::schema::people;
    diesel::update(people::table.find(id))
        .set(people::language.eq("de"))
        .execute(&mut **app.conn())
        .unwrap();
}

fn as_refs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// The completion issued one self-study certificate without expiry, mailed it once, and it
/// shows on the holder's page and the public verify page.
async fn the_certificate_is_a_self_study_one_that_verifies(app: &TestApp, b: &Browser<'_>) {
    let (cert_id, public_id, kind, expires) = {
        let mut conn = app.conn();
        let cert: String = study_enrollments::table
            .select(study_enrollments::certificate_id.assume_not_null())
            .first(&mut **conn)
            .unwrap();
        let (public_id, kind, expires): (String, String, Option<chrono::NaiveDateTime>) =
            certificates::table
                .find(&cert)
                .select((
                    certificates::public_id,
                    certificates::kind,
                    certificates::expires_at,
                ))
                .first(&mut **conn)
                .unwrap();
        (cert, public_id, kind, expires)
    };
    assert_eq!(kind, "self_study");
    assert_eq!(expires, None, "no expiry unless the program sets one");
    let mail: i64 = {
        let mut conn = app.conn();
        outbox::table
            .filter(outbox::idempotency_key.eq(format!("certificate_issued:{cert_id}")))
            .count()
            .get_result(&mut **conn)
            .unwrap()
    };
    assert_eq!(mail, 1, "the holder is mailed once");
    let page = b.get(&format!("/certificates/{cert_id}")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Zertifikat über das Selbststudium"),
        "{}",
        page.body
    );
    let (status, _, pdf) = b
        .get_bytes(&format!("/certificates/{cert_id}/pdf?lang=de"), &[])
        .await;
    assert_eq!(status, 200);
    if let Some(text) = crate::support::pdf::pdftotext(&pdf, &[]) {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            text.contains("das folgende Selbststudium erfolgreich abgeschlossen hat"),
            "{text}"
        );
        assert!(text.contains("Art Selbststudium"), "{text}");
        assert!(text.contains("Nina Neu"));
    }
    let verify = Browser::new(app).get(&format!("/verify/{public_id}")).await;
    assert_eq!(verify.status, 200);
    assert!(verify.body.contains("Nina Neu"));
    assert!(
        verify.body.contains("Zertifikat über das Selbststudium"),
        "{}",
        verify.body
    );
}

#[actix_web::test]
async fn a_new_person_enrolls_fails_then_passes_finishes_and_verifies_the_certificate() {
    let app = spawn_app().await;
    let program = basics();
    let nina = create_person(&app, "nina@example.com", "Nina Neu", false);
    speaks_german(&app, &nina);
    let b = signed_in(&app, &nina).await;

    let catalog = b.get("/self-study").await;
    assert_eq!(catalog.status, 200);
    assert!(catalog.body.contains(&program.title.de), "{}", catalog.body);
    assert!(catalog.body.contains("Selbststudium beginnen"));

    // Lessons open only after enrolling.
    let early = b.get(&format!("{PROGRAM}/lessons/start")).await;
    assert_eq!(early.status, 303);
    assert!(
        early
            .header("location")
            .unwrap()
            .contains("done=enroll-first")
    );

    assert_eq!(b.post(&format!("{PROGRAM}/enroll"), &[]).await.status, 303);
    assert_eq!(
        b.post(&format!("{PROGRAM}/enroll"), &[]).await.status,
        303,
        "a second click changes nothing"
    );
    let overview = b.get(&format!("{PROGRAM}?done=enrolled")).await;
    assert!(overview.body.contains("Sie sind angemeldet"));
    // Answers sent without the page's token are refused before they count.
    let forged = b
        .post_raw(
            &format!("{PROGRAM}/lessons/start/check"),
            &[("q0", "0"), ("q1", "0"), ("q2", "0")],
            &[("Origin", app.address.as_str())],
        )
        .await;
    assert_eq!(forged.status, 403);
    assert!(
        overview.body.contains("0 von 6 Lektionen erledigt"),
        "{}",
        overview.body
    );

    let first = &program.lessons[0];
    let lesson = b.get(&format!("{PROGRAM}/lessons/{}", first.slug)).await;
    assert_eq!(lesson.status, 200);
    assert!(lesson.body.contains("<video"));
    assert!(lesson.body.contains(r#"srclang="de""#) && lesson.body.contains(r#"srclang="en""#));
    assert!(
        lesson
            .body
            .contains(&first.guide_title.de.replace('"', "&quot;"))
    );
    assert!(
        lesson
            .body
            .contains("https://intranet.example.com/communities/community-management-de")
    );

    // A wrong attempt: not passed, every explanation shown; then the right one passes.
    let wrong = answers(&first.questions, false);
    let failed = b
        .post(
            &format!("{PROGRAM}/lessons/{}/check", first.slug),
            &as_refs(&wrong),
        )
        .await;
    assert_eq!(failed.status, 200);
    assert!(
        failed.body.contains("Noch nicht bestanden"),
        "{}",
        failed.body
    );
    let explanation = first.questions[0]
        .answers
        .iter()
        .find(|a| !a.correct)
        .unwrap();
    assert!(
        failed
            .body
            .contains(&explanation.explanation.de.replace('"', "&quot;"))
    );
    // Unanswered questions are refused and the choices kept.
    let partial = b
        .post(
            &format!("{PROGRAM}/lessons/{}/check", first.slug),
            &[("q0", "0")],
        )
        .await;
    assert_eq!(partial.status, 422);
    assert!(partial.body.contains("Bitte beantworten Sie jede Frage"));
    assert!(partial.body.contains(r#"value="0" checked"#));

    for l in &program.lessons {
        let right = answers(&l.questions, true);
        let passed = b
            .post(
                &format!("{PROGRAM}/lessons/{}/check", l.slug),
                &as_refs(&right),
            )
            .await;
        assert!(
            passed.body.contains("Bestanden"),
            "{}: {}",
            l.slug,
            passed.body
        );
        let done = b
            .post(&format!("{PROGRAM}/lessons/{}/done", l.slug), &[])
            .await;
        assert_eq!(done.status, 303);
    }
    let finished = b.get(&format!("{PROGRAM}?done=completed")).await;
    assert!(
        finished
            .body
            .contains("6 von 6 Lektionen erledigt · 6 von 6 Wissenschecks bestanden")
    );

    the_certificate_is_a_self_study_one_that_verifies(&app, &b).await;
    the_dashboard_counts_it_apart_from_the_certification(&app).await;
}

/// The owner's dashboard shows the self-study beside, not inside, the certification figures.
async fn the_dashboard_counts_it_apart_from_the_certification(app: &TestApp) {
    let owner = create_person(app, "olga@example.com", "Olga Owner", true);
    let board = crate::support::api::api(
        app,
        &crate::support::api::token(app, &owner),
        "GET",
        "/api/v1/dashboard",
        None,
    )
    .await
    .json();
    assert_eq!(board["certified"], 0, "{board}");
    assert_eq!(board["self_study"][0]["program"], "community-basics");
    assert_eq!(board["self_study"][0]["enrolled"], 1);
    assert_eq!(board["self_study"][0]["completed"], 1);
}

#[actix_web::test]
async fn the_lesson_pages_read_in_english_too() {
    let app = spawn_app().await;
    let program = basics();
    let id = create_person(&app, "eve@example.com", "Eve English", false);
    let b = signed_in(&app, &id).await;
    b.get("/self-study").await;
    b.post(&format!("{PROGRAM}/enroll"), &[]).await;
    let lesson = b
        .get(&format!("{PROGRAM}/lessons/{}", program.lessons[4].slug))
        .await;
    assert!(lesson.body.contains(r#"<html lang="en">"#));
    assert!(lesson.body.contains(&program.lessons[4].title.en));
    assert!(lesson.body.contains("Knowledge check"));
    let wrong = answers(&program.lessons[4].questions, false);
    let failed = b
        .post(
            &format!("{PROGRAM}/lessons/{}/check", program.lessons[4].slug),
            &as_refs(&wrong),
        )
        .await;
    assert!(failed.body.contains("Not passed yet"), "{}", failed.body);
}

#[actix_web::test]
async fn the_api_lists_programs_enrolls_answers_and_reports_progress() {
    use crate::support::api::{api, token};
    let app = spawn_app().await;
    let program = basics();
    let id = create_person(&app, "api@example.com", "Ada Api", false);
    let t = token(&app, &id);

    let listed = api(&app, &t, "GET", "/api/v1/programs", None).await.json();
    let kinds: Vec<(&str, &str)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["slug"].as_str().unwrap(), p["kind"].as_str().unwrap()))
        .collect();
    assert!(
        kinds.contains(&("community-basics", "self_paced")),
        "{listed}"
    );
    assert!(kinds.contains(&("community-manager", "cohort")), "{listed}");

    let lesson = &program.lessons[1];
    let path = format!("/api/v1/programs/community-basics/lessons/{}", lesson.slug);
    let early = api(&app, &t, "POST", &format!("{path}/completion"), None).await;
    assert_eq!(early.status, 409, "{}", early.body);
    assert_eq!(early.json()["refusal"], "not_enrolled");
    let enrolled = api(
        &app,
        &t,
        "POST",
        "/api/v1/programs/community-basics/enrollment",
        None,
    )
    .await;
    assert_eq!(enrolled.status, 200, "{}", enrolled.body);
    assert_eq!(enrolled.json()["program"]["enrolled"], true);
    let cohort_program = api(
        &app,
        &t,
        "POST",
        "/api/v1/programs/community-manager/enrollment",
        None,
    )
    .await;
    assert_eq!(
        cohort_program.status, 404,
        "a cohort program takes no self-enrollment"
    );

    let bad = api(
        &app,
        &t,
        "POST",
        &format!("{path}/check"),
        Some(serde_json::json!({"answers": [[99]]})),
    )
    .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    let right = right_answers(&lesson.questions);
    let passed = api(
        &app,
        &t,
        "POST",
        &format!("{path}/check"),
        Some(serde_json::json!({"answers": right})),
    )
    .await;
    assert_eq!(passed.status, 200, "{}", passed.body);
    assert_eq!(passed.json()["passed"], true);
    assert_eq!(passed.json()["correct"], lesson.questions.len());
    let done = api(&app, &t, "POST", &format!("{path}/completion"), None).await;
    assert_eq!(done.json()["program"]["lessons_done"], 1);

    let progress = api(&app, &t, "GET", "/api/v1/me/progress", None)
        .await
        .json();
    let study = &progress["self_study"][0];
    assert_eq!(study["slug"], "community-basics");
    assert_eq!(
        (
            study["lessons_done"].as_i64(),
            study["checks_passed"].as_i64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(progress["cohorts"], serde_json::json!([]));
}

#[actix_web::test]
async fn the_public_page_of_the_self_study_program_lists_lessons_without_a_schedule() {
    let app = spawn_app().await;
    let program = basics();
    let page = Browser::new(&app)
        .get("/programs/community-basics?lang=en")
        .await;
    assert_eq!(page.status, 200);
    for lesson in &program.lessons {
        assert!(page.body.contains(&lesson.title.de) || page.body.contains(&lesson.title.en));
    }
    assert!(page.body.contains("href=\"/self-study/community-basics\""));
    assert!(!page.body.contains("0 months") && !page.body.contains("0 Monate"));
    assert!(!page.body.contains("Weeks 1–0") && !page.body.contains("Wochen 1–0"));
}
