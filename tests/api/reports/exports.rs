//! Reports on a small known data set, checked cell by cell: the certification register as
//! CSV (BOM, CRLF, neutralised formulas), XLSX (typed cells read back with calamine, frozen
//! and filtered header) and JSON; filters and their errors; cohort progress; co-trainer
//! activity.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use diesel::prelude::*;
use qualify::db::schema::{assignments, modules};
use qualify::reports::xlsx::serial;

use crate::support::api::api;
use crate::support::api::download;
use crate::support::app::spawn_app;
use crate::support::fixtures::reports::{EVIL, data};

#[actix_web::test]
async fn the_register_is_the_same_cell_by_cell_in_csv_xlsx_and_json() {
    let app = spawn_app().await;
    let d = data(&app).await;
    let base = &app.settings.base_url;

    let (status, kind, disposition, body) = download(
        &app,
        &d.owner,
        "/api/v1/reports/certificates?format=csv&lang=en",
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(kind, "text/csv; charset=utf-8");
    assert!(disposition.starts_with("attachment; filename=\"certificates-2026-03-02.csv"));
    let text = String::from_utf8(body).unwrap();
    assert!(text.starts_with('\u{feff}'), "a byte order mark for Excel");
    assert!(text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'));
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let header = "Holder,Email,Org unit,Program,Kind,Cohort,Issued,Expires,Status,Verification code,Verification URL";
    assert_eq!(rows[0].join(","), header);
    assert_eq!(
        rows[1],
        [
            "Ben Bauer",
            "ben@example.com",
            "HR",
            "Community management",
            "Certification",
            "K1",
            "2024-01-01",
            "2026-02-01",
            "expired",
            "BENCODE",
            &format!("{base}/verify/BENCODE")
        ]
    );
    assert_eq!(rows[2][0], "Ada Lovelace");
    assert_eq!(rows[2][8], "active");
    assert_eq!(rows[3][0], format!("'{EVIL}"), "formula neutralised");
    assert_eq!(rows[3][2], "'@evil");
    assert_eq!(rows[3][8], "revoked");
    assert_eq!(rows.len(), 4);

    let (status, kind, _, body) = download(
        &app,
        &d.owner,
        "/api/v1/reports/certificates?format=xlsx&lang=en",
    )
    .await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("application/vnd.openxmlformats"));
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(body.clone())).unwrap();
    assert_eq!(book.sheet_names(), ["Certification register"]);
    let sheet = book.worksheet_range("Certification register").unwrap();
    assert_eq!(sheet.get_size(), (4, 11));
    let cell = |r: usize, c: usize| sheet.get((r, c)).unwrap().clone();
    for (c, title) in header.split(',').enumerate() {
        assert_eq!(cell(0, c), Data::String(title.into()));
    }
    assert_eq!(cell(1, 0), Data::String("Ben Bauer".into()));
    match (cell(1, 6), cell(1, 7)) {
        (Data::DateTime(issued), Data::DateTime(expires)) => {
            assert_eq!(
                issued.as_f64() as i64,
                serial(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap())
            );
            assert_eq!(
                expires.as_f64() as i64,
                serial(NaiveDate::from_ymd_opt(2026, 2, 1).unwrap())
            );
        }
        other => panic!("dates are typed as dates: {other:?}"),
    }
    assert_eq!(
        cell(3, 0),
        Data::String(EVIL.into()),
        "a typed text cell is never a formula"
    );
    let mut zip = zip::ZipArchive::new(Cursor::new(body)).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains(r#"state="frozen""#), "frozen header row");
    assert!(
        xml.contains(r#"<autoFilter ref="A1:K4"/>"#),
        "filtered header row"
    );
    assert!(xml.contains(r#"<col min="1" max="1" width="28" customWidth="1"/>"#));

    let json = api(
        &app,
        &d.owner,
        "GET",
        "/api/v1/reports/certificates?lang=en",
        None,
    )
    .await;
    assert_eq!(json.status, 200);
    let list = json.json();
    assert_eq!(list.as_array().unwrap().len(), 3);
    assert_eq!(list[0]["holder"], "Ben Bauer");
    assert_eq!(list[0]["issued"], "2024-01-01");
    assert_eq!(list[2]["holder"], EVIL, "JSON keeps the text as it is");

    let german = download(
        &app,
        &d.owner,
        "/api/v1/reports/certificates?format=csv&lang=de",
    )
    .await;
    let german = String::from_utf8(german.3).unwrap();
    assert!(german.contains("Inhaber:in,E-Mail,Organisationseinheit"));
    assert!(german.contains(",abgelaufen,"));
}

#[actix_web::test]
async fn filters_narrow_the_register_and_bad_ones_are_explained() {
    let app = spawn_app().await;
    let d = data(&app).await;
    let holders = |list: serde_json::Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|r| r["holder"].as_str().unwrap().to_string())
            .collect()
    };
    for (query, expected) in [
        ("status=revoked", vec![EVIL]),
        ("status=expired", vec!["Ben Bauer"]),
        ("status=active", vec!["Ada Lovelace"]),
        ("org_unit=HR", vec!["Ben Bauer"]),
        ("from=2026-01-01&to=2026-01-31", vec!["Ada Lovelace"]),
        ("expiring_days=700", vec!["Ada Lovelace"]),
        ("expiring_days=600", vec![]),
        (
            &format!("cohort={}", d.g.cohort),
            vec!["Ben Bauer", "Ada Lovelace", EVIL],
        ),
    ] {
        let resp = api(
            &app,
            &d.owner,
            "GET",
            &format!("/api/v1/reports/certificates?{query}"),
            None,
        )
        .await;
        assert_eq!(resp.status, 200, "{query}: {}", resp.body);
        assert_eq!(holders(resp.json()), expected, "{query}");
    }
    for (query, status, message) in [
        (
            "certificates?from=2026-02-30&lang=en",
            400,
            "Enter dates as YYYY-MM-DD.",
        ),
        (
            "certificates?from=2026-02-01&to=2026-01-01&lang=en",
            400,
            "The end date is before the start date.",
        ),
        (
            "certificates?status=sleeping&lang=en",
            400,
            "This status does not exist",
        ),
        (
            "certificates?format=pdf&lang=en",
            400,
            "Choose csv, xlsx or json",
        ),
        (
            "progress?lang=en",
            400,
            "Choose a cohort for the progress report.",
        ),
        ("payroll?lang=en", 400, "There is no report of that name"),
        ("progress?cohort=no-such-cohort", 404, ""),
    ] {
        let resp = api(
            &app,
            &d.owner,
            "GET",
            &format!("/api/v1/reports/{query}"),
            None,
        )
        .await;
        assert_eq!(resp.status, status, "{query}: {}", resp.body);
        assert!(resp.body.contains(message), "{query}: {}", resp.body);
    }
    let trainee = api(
        &app,
        &d.trainee,
        "GET",
        "/api/v1/reports/certificates",
        None,
    )
    .await;
    assert_eq!(trainee.status, 403, "owners only");
}

#[actix_web::test]
async fn cohort_progress_has_three_typed_columns_per_assignment() {
    let app = spawn_app().await;
    let d = data(&app).await;
    let path = format!("/api/v1/cohorts/{}/progress?lang=en", d.g.cohort);
    let resp = api(&app, &d.owner, "GET", &path, None).await;
    assert_eq!(resp.status, 200, "{}", resp.body);
    let table = resp.json();
    let keys: Vec<&str> = table["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys[..8],
        [
            "trainee",
            "email",
            "org_unit",
            "enrollment",
            "next_module",
            "purpose-canvas_state",
            "purpose-canvas_points",
            "purpose-canvas_late"
        ]
    );
    assert_eq!(
        keys[keys.len() - 5..],
        [
            "certificate",
            "issued",
            "code",
            "sessions_attended",
            "sessions"
        ],
        "a cohort without live sessions has no column per session"
    );
    let rows = table["rows"].as_array().unwrap();
    let names: Vec<&str> = rows
        .iter()
        .map(|r| r["trainee"].as_str().unwrap())
        .collect();
    assert_eq!(names, [EVIL, "Ada Lovelace", "Ben Bauer"], "sorted by name");
    let (ada, ben) = (&rows[1], &rows[2]);
    let max: i32 = {
        let mut conn = app.conn();
        assignments::table
            .filter(assignments::slug.eq("purpose-canvas"))
            .select(assignments::max_points)
            .first(&mut **conn)
            .unwrap()
    };
    assert_eq!(ada["purpose-canvas_state"], "passed");
    assert_eq!(ada["purpose-canvas_points"], max);
    assert_eq!(ada["purpose-canvas_late"], "no");
    assert_eq!(ada["certificate"], "active");
    assert_eq!(ada["code"], "ADACODE");
    assert_eq!(ben["purpose-canvas_state"], "submitted");
    assert_eq!(ben["purpose-canvas_points"], serde_json::Value::Null);
    assert_eq!(ben["launch-plan_state"], "not started");
    assert_eq!(ben["certificate"], "expired");
    let module_of = |slug: &str| -> String {
        let mut conn = app.conn();
        modules::table
            .inner_join(assignments::table)
            .filter(assignments::slug.eq(slug))
            .select(modules::slug)
            .first(&mut **conn)
            .unwrap()
    };
    assert_eq!(ben["next_module"], module_of("purpose-canvas"));
    assert_eq!(ada["next_module"], module_of("impact-report"));

    // Filters: the stalled in a module, the certified.
    let stalled = format!("{path}&module={}", module_of("impact-report"));
    let only = api(&app, &d.owner, "GET", &stalled, None).await.json();
    assert_eq!(only["rows"].as_array().unwrap().len(), 1);
    assert_eq!(only["rows"][0]["trainee"], "Ada Lovelace");
    let certified = api(
        &app,
        &d.owner,
        "GET",
        &format!("{path}&status=certified"),
        None,
    )
    .await
    .json();
    assert_eq!(certified["rows"].as_array().unwrap().len(), 1);

    // The same report as XLSX: points are numbers, states text.
    let file = download(
        &app,
        &d.owner,
        &format!(
            "/api/v1/reports/progress?format=xlsx&lang=en&cohort={}",
            d.g.cohort
        ),
    )
    .await;
    assert_eq!(file.0, 200);
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(file.3)).unwrap();
    let sheet = book.worksheet_range("Cohort progress").unwrap();
    assert_eq!(sheet.get((2, 5)), Some(&Data::String("passed".into())));
    assert_eq!(sheet.get((2, 6)), Some(&Data::Float(f64::from(max))));
    assert_eq!(sheet.get((3, 6)), Some(&Data::Empty));
}

#[actix_web::test]
async fn cotrainer_activity_counts_open_work() {
    let app = spawn_app().await;
    let d = data(&app).await;
    let list = api(
        &app,
        &d.owner,
        "GET",
        "/api/v1/reports/cotrainers?lang=en",
        None,
    )
    .await
    .json();
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    let carla = &rows[0];
    assert_eq!(carla["cotrainer"], "Carla Coach");
    assert_eq!(carla["capacity"], 3);
    assert_eq!(carla["reviews_open"], 1);
    assert_eq!(carla["reviews_done"], 0);
    assert_eq!(carla["reviews_overdue"], 0);
    assert_eq!(carla["turnaround_hours"], serde_json::Value::Null);
    // Past the grading deadline the open review is overdue.
    app.clock.advance(chrono::Duration::days(8));
    let later = api(&app, &d.owner, "GET", "/api/v1/reports/cotrainers", None)
        .await
        .json();
    assert_eq!(later[0]["reviews_overdue"], 1);
}
