//! The public program page and `getProgram`, in both languages; the OpenAPI document; every
//! text in German and English.

use qualify::clock::Clock;

use crate::support::app::{Response, spawn_app};
use crate::support::browser::Browser;
use crate::support::content::cohort_program;

fn shipped() -> qualify::content::Curriculum {
    qualify::content::load(&cohort_program()).unwrap()
}

#[actix_web::test]
async fn the_program_page_follows_accept_language() {
    let app = spawn_app().await;
    let c = shipped();
    let de = app.get("/", Some("de-DE,de;q=0.9,en;q=0.5")).await;
    assert_eq!(de.status, 200);
    assert!(de.body.contains(r#"<html lang="de">"#));
    assert!(
        de.body.contains(&html_escape(&c.title.de)),
        "German title on the page"
    );
    for module in &c.modules {
        assert!(
            de.body.contains(&html_escape(&module.title.de)),
            "module {} listed",
            module.slug
        );
    }
    assert!(de.body.contains("Bewertungsraster"));

    let en = app.get("/", Some("en-GB,en;q=0.8")).await;
    assert!(en.body.contains(r#"<html lang="en">"#));
    assert!(en.body.contains(&html_escape(&c.title.en)));
    assert!(en.body.contains("Rubric"));
    assert!(
        !en.body.contains(&html_escape(&c.modules[0].title.de))
            || c.modules[0].title.de == c.modules[0].title.en
    );

    let fallback = app.get("/", Some("fr-FR")).await;
    assert!(
        fallback.body.contains(r#"<html lang="de">"#),
        "German is the default"
    );
    let by_slug = app.get(&format!("/programs/{}", c.slug), Some("en")).await;
    assert_eq!(by_slug.status, 200);
    assert!(by_slug.body.contains(&html_escape(&c.title.en)));
    assert_eq!(
        app.get("/programs/no-such-program", Some("en"))
            .await
            .status,
        404
    );
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
}

#[actix_web::test]
async fn the_language_switch_is_remembered() {
    let app = spawn_app().await;
    let browser = Browser::new(&app);
    let resp = browser
        .post(
            "/language",
            &[("lang", "en"), ("next", "/programs/community-manager")],
        )
        .await;
    assert_eq!(resp.status, 303);
    assert_eq!(resp.header("location"), Some("/programs/community-manager"));
    let cookie = resp.header("set-cookie").expect("cookie set").to_string();
    assert!(
        cookie.starts_with("qualify_lang=en")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let page = app
        .client
        .get(app.url("/"))
        .insert_header(("Accept-Language", "de"))
        .insert_header(("Cookie", "qualify_lang=en"))
        .send()
        .await
        .unwrap();
    assert!(
        Response::from(page)
            .await
            .body
            .contains(r#"<html lang="en">"#),
        "the stored choice beats Accept-Language"
    );
}

#[actix_web::test]
async fn get_program_answers_in_the_requested_language() {
    let app = spawn_app().await;
    let c = shipped();
    for (lang, title) in [("de", &c.title.de), ("en", &c.title.en)] {
        let resp = app
            .get(
                &format!("/api/v1/programs/community-manager?lang={lang}"),
                None,
            )
            .await;
        assert_eq!(resp.status, 200);
        assert_eq!(resp.header("content-type"), Some("application/json"));
        let json = resp.json();
        assert_eq!(json["language"], lang);
        assert_eq!(&json["title"], title.as_str());
        assert_eq!(json["version"], 1);
        let modules = json["modules"].as_array().unwrap();
        assert_eq!(modules.len(), c.modules.len());
        for (m, expected) in modules.iter().zip(&c.modules) {
            assert_eq!(m["id"], expected.slug.as_str());
            assert_eq!(m["title"], expected.title.get(lang));
            assert_eq!(m["due_days"], expected.due_days);
            let assignments = m["assignments"].as_array().unwrap();
            assert_eq!(assignments.len(), expected.assignments.len());
            for (a, ea) in assignments.iter().zip(&expected.assignments) {
                assert_eq!(a["title"], ea.title.get(lang));
                assert_eq!(a["max_points"], ea.max_points());
                assert_eq!(a["criteria"].as_array().unwrap().len(), ea.criteria.len());
                assert_eq!(
                    a["criteria"][0]["levels"][0]["description"],
                    ea.criteria[0].levels[0].description.get(lang)
                );
            }
        }
    }
    let by_header = app
        .client
        .get(app.url("/api/v1/programs/community-manager"))
        .insert_header(("Accept-Language", "en"))
        .send()
        .await
        .unwrap();
    assert_eq!(Response::from(by_header).await.json()["language"], "en");
}

#[actix_web::test]
async fn get_program_errors_are_problem_documents() {
    let app = spawn_app().await;
    let missing = app
        .get("/api/v1/programs/no-such-program", Some("en"))
        .await;
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(missing.json()["status"], 404);
    assert_eq!(missing.json()["title"], "Page not found");

    let bad_lang = app
        .get("/api/v1/programs/community-manager?lang=fr", Some("de"))
        .await;
    assert_eq!(bad_lang.status, 400);
    assert_eq!(
        bad_lang.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(bad_lang.json()["detail"], "lang must be de or en, not 'fr'");

    let unknown_field = app
        .get("/api/v1/programs/community-manager?lang=de&debug=1", None)
        .await;
    assert_eq!(
        unknown_field.status, 400,
        "unknown query fields are refused"
    );
    let unknown_route = app.get("/api/v1/nothing-here", None).await;
    assert_eq!(unknown_route.status, 404);
    assert_eq!(
        unknown_route.header("content-type"),
        Some("application/problem+json")
    );
}

#[actix_web::test]
async fn the_openapi_document_lists_get_program() {
    let app = spawn_app().await;
    let doc = app.get("/api/openapi.json", None).await.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let op = &doc["paths"]["/api/v1/programs/{program_id}"]["get"];
    assert_eq!(op["operationId"], "getProgram");
    assert!(doc["components"]["schemas"]["ProgramView"].is_object());
}

#[actix_web::test]
async fn the_openapi_document_names_every_operation_built_so_far() {
    let app = spawn_app().await;
    let doc = app.get("/api/openapi.json", None).await.json();
    let mut ids: Vec<String> = Vec::new();
    for (_, item) in doc["paths"].as_object().unwrap() {
        for (_, op) in item.as_object().unwrap() {
            if let Some(id) = op["operationId"].as_str() {
                ids.push(id.to_string());
            }
        }
    }
    for expected in [
        "getProgram",
        "getMe",
        "invitePeople",
        "listPeople",
        "updatePerson",
        "listOutbox",
        "retryMail",
        "createCohort",
        "listCohorts",
        "getCohort",
        "updateCohort",
        "enrollTrainees",
        "moveEnrollment",
        "withdrawEnrollment",
        "assignCoTrainers",
        "listAuditLog",
        "getMyProgress",
        "listMyAssignments",
        "getAssignment",
        "saveDraft",
        "submitAssignment",
        "withdrawSubmission",
        "uploadAttachment",
        "downloadAttachment",
    ] {
        assert!(
            ids.contains(&expected.to_string()),
            "{expected} missing from {ids:?}"
        );
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

#[test]
fn every_text_exists_in_german_and_english() {
    let keys = |lang: &str| -> std::collections::BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        let text: String = std::fs::read_dir(dir)
            .unwrap()
            .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
            .collect();
        text.lines()
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_string()))
            .filter(|k| !k.is_empty() && !k.starts_with(' ') && !k.starts_with('#'))
            .collect()
    };
    let (de, en) = (keys("de"), keys("en"));
    assert!(en.len() > 200, "{}", en.len());
    assert_eq!(
        de.difference(&en).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "only in German"
    );
    assert_eq!(
        en.difference(&de).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "only in English"
    );
}

#[actix_web::test]
async fn the_program_page_is_kept_rendered_until_the_curriculum_changes() {
    let copy = crate::support::content::ContentCopy::new();
    let root = copy.root.display().to_string();
    let app = crate::support::app::spawn_app_with(move |s| {
        s.insert("QUALIFY_CONTENT_DIR".into(), root.clone());
    })
    .await;
    let old = shipped().title.en;
    let first = app.get("/program", Some("en")).await;
    assert!(first.body.contains(&html_escape(&old)));
    let main =
        |html: &str| html[html.find("<main").unwrap()..html.find("</main>").unwrap()].to_string();
    let again = app.get("/program", Some("en")).await;
    assert_eq!(main(&again.body), main(&first.body), "the same page again");

    copy.replace(
        "program.toml",
        &old,
        "Community Manager Qualification (new edition)",
    );
    let changed = qualify::content::load(&copy.program).unwrap();
    qualify::content::sync(&mut app.conn(), &changed, app.clock.now_naive()).unwrap();
    let after = app.get("/program", Some("en")).await;
    assert!(
        after
            .body
            .contains("Community Manager Qualification (new edition)"),
        "the new version shows at once"
    );
}
