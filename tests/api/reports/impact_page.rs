//! The impact page over the fixture company, in English and German: the org tree with each
//! unit's figures, withheld ones as a dash, the columns not recorded yet said in words, the
//! quarterly charts with a title, a description and the same figures as a table; a month
//! written wrong is refused next to the field, keeping what was typed; a search over unit
//! names; the workbook; owners only, reached from the reports page.

use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::clock::at;
use crate::support::fixtures::impact::{company, german_owner};
use crate::support::fixtures::people::create_person;
use crate::support::scrape::table_row as row;

#[actix_web::test]
async fn the_page_shows_the_tree_with_small_figures_withheld_in_both_languages() {
    let app = spawn_app().await;
    at(&app, 2026, 8, 3, 8);
    let c = company(&app);
    let owner = signed_in(&app, &c.owner_id).await;
    let page = owner.get("/reports/impact").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let b = &page.body;
    assert_eq!(
        row(b, "All org units"),
        ["16", "16", "0", "0", "7", "", "", ""]
    );
    assert_eq!(row(b, "Vertrieb"), ["9", "9", "0", "0", "–", "", "", ""]);
    assert_eq!(
        row(b, "Vertrieb Nord"),
        ["–", "–", "0", "0", "–", "", "", ""]
    );
    assert_eq!(
        row(b, "Vertrieb Süd"),
        ["–", "–", "0", "0", "0", "", "", ""]
    );
    assert!(
        b.contains(r#"class="depth-3">Vertrieb Süd"#),
        "indented by level"
    );
    assert!(b.contains("are not recorded yet"), "{b}");
    assert!(b.contains("(not recorded yet)"));
    assert!(b.contains("fewer than 5 people"));
    assert!(
        b.contains(r#"role="img" aria-labelledby="chart-certified-title chart-certified-desc""#)
    );
    assert!(b.contains("<title id=\"chart-certified-title\">Certified per quarter</title>"));
    assert!(b.contains("Bar chart from Q1 2026 to Q3 2026"));
    assert_eq!(
        row(b, "Q1 2026"),
        ["16", "7"],
        "the chart's figures as a table"
    );
    assert!(
        b.contains("Current figures as of 3 Aug 2026, 10:00 am"),
        "{b}"
    );
    let reports = owner.get("/reports").await;
    assert!(reports.body.contains(r#"href="/reports/impact""#));

    let greta = german_owner(&app);
    let german = signed_in(&app, &greta).await.get("/reports/impact").await;
    assert_eq!(german.status, 200);
    assert_eq!(
        row(&german.body, "Alle Organisationseinheiten")[..5],
        ["16", "16", "0", "0", "7"]
    );
    assert!(german.body.contains("noch nicht erfasst"));
    assert!(
        german.body.contains("Stand 03.08.2026, 10:00"),
        "{}",
        german.body
    );

    let trainee = create_person(&app, "t@corp.example", "Tom", false);
    let refused = signed_in(&app, &trainee).await.get("/reports/impact").await;
    assert_eq!(refused.status, 403);
}

#[actix_web::test]
async fn a_wrong_month_is_refused_beside_the_field_and_units_can_be_searched() {
    let app = spawn_app().await;
    at(&app, 2026, 8, 3, 8);
    let c = company(&app);
    let owner = signed_in(&app, &c.owner_id).await;
    let wrong = owner.get("/reports/impact?month=2026-7x").await;
    assert_eq!(wrong.status, 422);
    assert!(
        wrong
            .body
            .contains(r#"id="month-error">Choose a month from the list"#),
        "{}",
        wrong.body
    );
    assert!(
        wrong
            .body
            .contains(r#"<option value="2026-7x" selected>2026-7x</option>"#)
    );
    let missing = owner.get("/reports/impact?month=2026-06").await;
    assert_eq!(missing.status, 422);
    assert!(missing.body.contains("No report was kept for this month."));

    let found = owner.get("/reports/impact?q=nord").await;
    assert_eq!(found.status, 200);
    assert!(
        found.body.contains("One org unit matches “nord”."),
        "{}",
        found.body
    );
    assert!(found.body.contains("<mark>Vertrieb Nord</mark>"));
    assert!(
        found.body.contains(">Vertrieb</th>"),
        "the unit above stays"
    );
    assert!(!found.body.contains("Vertrieb Süd"));
    assert!(!found.body.contains(">IT</th>"));

    let (status, headers, bytes) = owner.get_bytes("/reports/impact/download", &[]).await;
    assert_eq!(status, 200);
    let disposition = headers
        .get("content-disposition")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        disposition.contains("impact-report-2026-08.xlsx"),
        "{disposition}"
    );
    assert!(bytes.starts_with(b"PK"), "a workbook");
}
