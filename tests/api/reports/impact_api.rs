//! `getImpactReport` over the fixture company: each org unit's figures rolled up the tree, a
//! small figure withheld together with the figure that would give it away, the quarters since
//! the first certificate, the figures not recorded yet; months written wrong or not kept;
//! owners only.

use serde_json::{Value, json};

use crate::support::api::{api, send};
use crate::support::app::spawn_app;
use crate::support::clock::at;
use crate::support::fixtures::impact::company;

/// (certified, active, expiring, expired, self-study) of the line named.
fn figures(report: &Value, name: &str) -> Value {
    let u = report["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == name)
        .unwrap_or_else(|| panic!("no line {name}"));
    for key in ["live_sessions", "communities", "success_stories"] {
        assert_eq!(u[key], Value::Null, "{name}: {key} is not recorded");
    }
    json!([
        u["certified"],
        u["active"],
        u["expiring"],
        u["expired"],
        u["self_study"]
    ])
}

#[actix_web::test]
async fn each_unit_counts_everything_below_it_and_small_figures_stay_hidden() {
    let app = spawn_app().await;
    at(&app, 2026, 8, 3, 8);
    let c = company(&app);
    let r = api(&app, &c.owner, "GET", "/api/v1/reports/impact", None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let j = r.json();
    let lines: Vec<(String, u64)> = j["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["name"].as_str().unwrap().to_string(),
                u["depth"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("", 0),
        ("Konzern", 1),
        ("IT", 2),
        ("Vertrieb", 2),
        ("Vertrieb Nord", 3),
        ("Vertrieb Süd", 3),
    ];
    assert_eq!(lines, expected.map(|(n, d)| (n.to_string(), d)));
    assert_eq!(j["units"][0]["kind"], "company");
    assert_eq!(figures(&j, ""), json!([16, 16, 0, 0, 7]));
    assert_eq!(figures(&j, "Konzern"), json!([16, 16, 0, 0, 7]));
    assert_eq!(figures(&j, "IT"), json!([7, 7, 0, 0, null]));
    assert_eq!(figures(&j, "Vertrieb"), json!([9, 9, 0, 0, null]));
    // Süd's 3 is withheld, and Nord's 6 beside it: 9 − 6 would give the 3 away.
    assert_eq!(
        figures(&j, "Vertrieb Nord"),
        json!([null, null, 0, 0, null])
    );
    assert_eq!(figures(&j, "Vertrieb Süd"), json!([null, null, 0, 0, 0]));
    assert_eq!(j["quarters"], json!(["2026-Q1", "2026-Q2", "2026-Q3"]));
    assert_eq!(
        j["trend"],
        json!([
            {"quarter": "2026-Q1", "certified": 16, "self_study": 7},
            {"quarter": "2026-Q2", "certified": 0, "self_study": 0},
            {"quarter": "2026-Q3", "certified": 0, "self_study": 0},
        ])
    );
    assert_eq!(
        j["units"][2]["trend"][0],
        json!({"quarter": "2026-Q1", "certified": 7, "self_study": null})
    );
    assert_eq!(j["units"][4]["parent"], "Vertrieb");
    assert_eq!(j["min_people"], 5);
    assert_eq!(j["month"], Value::Null);
    assert_eq!(j["months"], json!([]));
    assert_eq!(
        j["not_recorded"],
        json!(["live_sessions", "communities", "success_stories"])
    );
    assert_eq!(j["as_of"], "2026-08-03T08:00:00Z");
}

#[actix_web::test]
async fn months_must_be_written_right_and_kept_and_only_owners_may_read() {
    let app = spawn_app().await;
    at(&app, 2026, 8, 3, 8);
    let c = company(&app);
    let bad = api(
        &app,
        &c.owner,
        "GET",
        "/api/v1/reports/impact?month=July",
        None,
    )
    .await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert_eq!(
        bad.json()["errors"][0]["parameter"],
        "month",
        "{}",
        bad.body
    );
    let none = api(
        &app,
        &c.owner,
        "GET",
        "/api/v1/reports/impact?month=2026-06",
        None,
    )
    .await;
    assert_eq!(none.status, 404, "{}", none.body);
    let trainee = api(&app, &c.trainee, "GET", "/api/v1/reports/impact", None).await;
    assert_eq!(trainee.status, 403);
    let anonymous = send(&app, None, "GET", "/api/v1/reports/impact", None).await;
    assert_eq!(anonymous.status, 401);
    let document = app.get("/api/openapi.json", None).await.json();
    let operation = &document["paths"]["/api/v1/reports/impact"]["get"];
    assert_eq!(operation["operationId"], "getImpactReport");
}
