//! Attendance beyond the session: the trainee's page shows the live sessions attended against
//! the program's share, and the cohort's progress report (CSV and XLSX) has the count and one
//! column per session with the mark.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::{TimeZone, Utc};

use crate::support::api::{download, token};
use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::cohorts::create_cohort;
use crate::support::fixtures::events::{plan, session_form};
use crate::support::fixtures::people::create_person;

#[actix_web::test]
async fn the_trainees_page_and_the_progress_report_show_attendance() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga Owner", true);
    let tara_id = create_person(&app, "tara@example.com", "Tara Trainee", false);
    let owner = signed_in(&app, &owner_id).await;
    let cohort = create_cohort(&owner, "March", "2026-03-02").await;
    owner.get(&format!("/cohorts/{cohort}")).await;
    let people = [("people", "tara@example.com")];
    let enrolled = owner
        .post(&format!("/cohorts/{cohort}/enrollments"), &people)
        .await;
    assert_eq!(enrolled.status, 200, "{}", enrolled.body);
    let mut ids = Vec::new();
    for (title, day) in [("Kick-off", "02"), ("Second call", "09")] {
        let mut form = session_form(title, "");
        form[0].1 = cohort.clone();
        form[5].1 = format!("2026-03-{day}T10:00");
        form[6].1 = format!("2026-03-{day}T11:00");
        ids.push(plan(&owner, &form).await);
    }

    // 10:05 in Berlin on the first day: the host marks Tara present.
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 3, 2, 9, 5, 0).unwrap());
    let owner = signed_in(&app, &owner_id).await;
    owner.get(&format!("/events/{}", ids[0])).await;
    let mark = [(format!("a.{}", tara_id.0), "present")];
    let fields: Vec<(&str, &str)> = mark.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let marked = owner
        .post(&format!("/events/{}/attendance", ids[0]), &fields)
        .await;
    assert_eq!(marked.status, 303, "{}", marked.body);

    let tara = signed_in(&app, &tara_id).await;
    let page = tara.get("/learn?lang=en").await.body;
    assert!(
        page.contains("Live sessions: 1 of 2 sessions attended (75 % needed for the certificate)"),
        "{page}"
    );
    assert!(
        !page.contains("enough attended"),
        "one of two is not three in four"
    );

    let owner_token = token(&app, &owner_id);
    let path = format!("/api/v1/reports/progress?format=csv&lang=en&cohort={cohort}");
    let (status, _, _, csv) = download(&app, &owner_token, &path).await;
    assert_eq!(status, 200);
    let csv = String::from_utf8(csv).unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(
        header.ends_with("Live sessions attended,Live sessions,Kick-off (2026-03-02 10:00),Second call (2026-03-09 10:00)"),
        "{header}"
    );
    let row = lines.next().unwrap();
    assert!(row.ends_with(",1,2,present,"), "{row}");

    let xlsx = path.replace("format=csv", "format=xlsx");
    let (status, _, _, bytes) = download(&app, &owner_token, &xlsx).await;
    assert_eq!(status, 200);
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("Cohort progress").unwrap();
    let width = sheet.width(); // the header, then Tara's row
    assert_eq!(sheet.get((1, width - 4)), Some(&Data::Float(1.0)));
    assert_eq!(
        sheet.get((1, width - 2)),
        Some(&Data::String("present".into()))
    );
}
