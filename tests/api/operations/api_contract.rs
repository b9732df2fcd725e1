//! The API as a contract: the OpenAPI document validates with `openapi-spec-validator` (from
//! PyPI; without it the test prints that it did not run, and fails when
//! `QUALIFY_TEST_REQUIRE_OPENAPI_VALIDATOR=1`, as in CI), every operation documents the
//! standard errors with the problem schema and carries its links, malformed input is 400 and
//! refused input 422 with stable problem types and JSON pointers, and timestamps carry `Z`.

use crate::support::api::{api, token};
use crate::support::app::{Response, TestApp, spawn_app};
use crate::support::fixtures::people::create_person;

async fn document(app: &TestApp) -> serde_json::Value {
    app.get("/api/openapi.json", None).await.json()
}

#[actix_web::test]
async fn the_document_passes_openapi_spec_validator() {
    let app = spawn_app().await;
    let doc = document(&app).await;
    let present = std::process::Command::new("python3")
        .args(["-c", "import openapi_spec_validator"])
        .status()
        .is_ok_and(|s| s.success());
    if !present {
        assert!(
            std::env::var("QUALIFY_TEST_REQUIRE_OPENAPI_VALIDATOR").as_deref() != Ok("1"),
            "QUALIFY_TEST_REQUIRE_OPENAPI_VALIDATOR=1 but openapi-spec-validator is not installed"
        );
        eprintln!("OpenAPI validation not run: pip install openapi-spec-validator (see .ci/run)");
        return;
    }
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), doc.to_string()).unwrap();
    let out = std::process::Command::new("python3")
        .args(["-m", "openapi_spec_validator"])
        .arg(file.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "openapi-spec-validator refused the document:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["version"], qualify::api::API_VERSION);
}

#[actix_web::test]
async fn every_operation_documents_its_errors_as_problems() {
    let app = spawn_app().await;
    let doc = document(&app).await;
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            operations += 1;
            let responses = op["responses"].as_object().unwrap();
            for (status, response) in responses {
                let text = response["description"].as_str().unwrap_or("");
                assert!(
                    !text.is_empty(),
                    "{method} {path} {status} has no description"
                );
            }
            let mut expected = vec!["404", "429"];
            if op.get("security").is_some() {
                expected.extend(["401", "403"]);
            }
            if method != "get" {
                expected.extend(["400", "409", "422"]);
            }
            for status in expected {
                let schema = &responses
                    .get(status)
                    .unwrap_or_else(|| panic!("{method} {path} does not document {status}"))["content"]
                    ["application/problem+json"]["schema"]["$ref"];
                assert_eq!(
                    schema, "#/components/schemas/Problem",
                    "{method} {path} {status}"
                );
            }
        }
    }
    assert!(operations >= 47);
    let links = &doc["paths"]["/api/v1/cohorts"]["post"]["responses"]["201"]["links"];
    assert_eq!(links["getCohort"]["operationId"], "getCohort");
    assert_eq!(
        links["getCohort"]["parameters"]["cohort_id"],
        "$response.body#/id"
    );
    assert_eq!(links["enrollTrainees"]["operationId"], "enrollTrainees");
    let queue = &doc["paths"]["/api/v1/reviews"]["get"]["responses"]["200"]["links"];
    assert_eq!(
        queue["getReview"]["parameters"]["review_id"],
        "$response.body#/items/0/id"
    );
    let upload = &doc["paths"]["/api/v1/enrollments/{enrollment_id}/assignments/{assignment_id}/attachments"]
        ["post"]["responses"]["201"]["links"];
    assert_eq!(
        upload["downloadAttachment"]["operationId"],
        "downloadAttachment"
    );
}

async fn raw_post(app: &TestApp, token: &str, path: &str, body: &'static str) -> Response {
    let sent = app
        .client
        .post(app.url(path))
        .insert_header(("Authorization", format!("Bearer {token}")))
        .insert_header(("Content-Type", "application/json"))
        .insert_header(("Accept-Language", "en"))
        .send_body(body)
        .await
        .unwrap();
    Response::from(sent).await
}

#[actix_web::test]
async fn malformed_input_is_400_and_refused_input_422_with_pointers() {
    let app = spawn_app().await;
    let owner = create_person(&app, "owner@example.com", "Olga Owner", true);
    let t = token(&app, &owner);
    let unparsable = raw_post(&app, &t, "/api/v1/cohorts", "{\"name\": ").await;
    assert_eq!(unparsable.status, 400);
    assert_eq!(
        unparsable.headers.get("content-type").unwrap(),
        "application/problem+json"
    );
    assert_eq!(unparsable.json()["type"], "urn:qualify:problem:malformed");
    let unknown = raw_post(&app, &t, "/api/v1/cohorts", "{\"colour\": 1}").await;
    assert_eq!(unknown.status, 400);
    assert_eq!(unknown.json()["errors"][0]["pointer"], "/colour");
    let array = raw_post(&app, &t, "/api/v1/cohorts", "[null, null]").await;
    assert_eq!(array.status, 400);
    let wrong_type = raw_post(&app, &t, "/api/v1/cohorts", "{\"name\": 5}").await;
    assert_eq!(wrong_type.status, 400);
    let nul = raw_post(&app, &t, "/api/v1/cohorts", "{\"name\": \"a\\u0000\"}").await;
    assert_eq!(nul.status, 400);
    assert_eq!(nul.json()["errors"][0]["pointer"], "/name");
    let nul_in_url = api(&app, &t, "GET", "/api/v1/people?search=%00", None).await;
    assert_eq!(nul_in_url.status, 400);
    assert_eq!(nul_in_url.json()["type"], "urn:qualify:problem:malformed");
    let query = app
        .client
        .get(app.url("/api/v1/people?limit=x"))
        .insert_header(("Authorization", format!("Bearer {t}")))
        .send()
        .await
        .unwrap();
    let query = Response::from(query).await;
    assert_eq!(query.status, 400);
    assert_eq!(query.json()["type"], "urn:qualify:problem:malformed");

    let refused = raw_post(
        &app,
        &t,
        "/api/v1/cohorts",
        r#"{"name": "", "starts_on": "2027-03-01", "time_zone": "UTC"}"#,
    )
    .await;
    assert_eq!(refused.status, 422);
    let problem = refused.json();
    assert_eq!(problem["type"], "urn:qualify:problem:invalid");
    assert_eq!(problem["refusal"], "invalid");
    assert_eq!(problem["title"], "Some entries need correcting");
    assert_eq!(problem["errors"][0]["pointer"], "/name");
    assert_eq!(problem["errors"][0]["field"], "name");
}

#[actix_web::test]
async fn problem_titles_follow_the_callers_language() {
    let app = spawn_app().await;
    let german = app.get("/api/v1/no-such-thing", Some("de")).await;
    assert_eq!(german.status, 404);
    assert_eq!(german.json()["type"], "urn:qualify:problem:not_found");
    assert_eq!(german.json()["title"], "Seite nicht gefunden");
    let english = app.get("/api/v1/no-such-thing", Some("en")).await;
    assert_eq!(english.json()["title"], "Page not found");
    assert_eq!(english.json()["type"], "urn:qualify:problem:not_found");
}

#[actix_web::test]
async fn timestamps_leave_the_api_with_their_zone() {
    let app = spawn_app().await;
    let owner = create_person(&app, "owner@example.com", "Olga Owner", true);
    let t = token(&app, &owner);
    let board = api(&app, &t, "GET", "/api/v1/dashboard", None).await;
    assert_eq!(board.status, 200);
    let as_of = board.json()["as_of"].as_str().unwrap().to_string();
    assert!(as_of.ends_with('Z'), "{as_of}");
    assert!(
        chrono::DateTime::parse_from_rfc3339(&as_of).is_ok(),
        "{as_of}"
    );
}

/// The fields of serialized structs that hold a UTC moment but would leave without its zone.
fn naive_serialized_fields(file: &str, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let (mut serialized, mut attributes) = (false, String::new());
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with("#[derive(") {
            serialized = line.contains("Serialize");
        }
        if line.starts_with("#[") || line.starts_with("///") {
            attributes.push_str(line);
            continue;
        }
        let field = line
            .trim_start_matches("pub ")
            .trim_start_matches("pub(crate) ");
        let naive = field.ends_with(": NaiveDateTime,")
            || field.ends_with(": Option<NaiveDateTime>,")
            || field.ends_with(": chrono::NaiveDateTime,");
        let dressed = attributes.contains("timestamp::serialize") || attributes.contains("skip");
        if serialized && naive && !dressed {
            found.push(format!("{file}:{}: {line}", n + 1));
        }
        if line.starts_with('}') {
            serialized = false;
        }
        attributes.clear();
    }
    found
}

#[test]
fn every_serialized_moment_goes_through_the_one_timestamp_serializer() {
    let sources = crate::support::sources::rust_files("src");
    assert!(sources.len() > 100, "the service's sources were not found");
    let naive: Vec<String> = sources
        .iter()
        .flat_map(|(file, text)| naive_serialized_fields(file, text))
        .collect();
    assert!(
        naive.is_empty(),
        "serialized without a zone (add #[serde(serialize_with = \"crate::domain::timestamp::serialize\")]):\n{}",
        naive.join("\n")
    );
    let probe = "#[derive(Serialize)]\nstruct A {\n    pub at: NaiveDateTime,\n}\n";
    assert_eq!(naive_serialized_fields("probe.rs", probe).len(), 1);
}
