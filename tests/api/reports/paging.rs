//! Exports read the register a page (2,000 rows) at a time: with many certificates issued in
//! the same second, every row still comes exactly once, in order of issue.

use std::collections::HashSet;

use chrono::NaiveDate;
use diesel::prelude::*;
use qualify::db::models::Certificate;
use qualify::db::schema::{certificates, people};

use crate::support::api::download;
use crate::support::app::spawn_app;
use crate::support::fixtures::reports::data;

#[actix_web::test]
async fn the_register_pages_through_equal_issue_times_without_gaps_or_repeats() {
    let app = spawn_app().await;
    let d = data(&app).await;
    let mut conn = app.conn();
    let template: Certificate = certificates::table
        .select(Certificate::as_select())
        .first(&mut **conn)
        .unwrap();
    let ada: String = people::table
        .filter(people::email.eq("ada@example.com"))
        .select(people::id)
        .first(&mut **conn)
        .unwrap();
    let seconds = [1, 2, 3].map(|h| {
        NaiveDate::from_ymd_opt(2025, 6, 1)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    });
    qualify::db::write_tx(&mut conn, |conn| -> QueryResult<()> {
        for i in 0..4_500 {
            let row = Certificate {
                id: qualify::domain::ids::CertificateId(format!("paging-{i:05}")),
                public_id: format!("PAGE{i:05}"),
                person_id: qualify::domain::ids::PersonId(ada.clone()),
                enrollment_id: None,
                status: qualify::domain::states::CertificateStatus::Superseded,
                issued_at: seconds[i % 3],
                ..template.clone()
            };
            diesel::insert_into(certificates::table)
                .values(&row)
                .execute(conn)?;
        }
        Ok(())
    })
    .unwrap();
    drop(conn);

    let (status, _, _, body) = download(
        &app,
        &d.owner,
        "/api/v1/reports/certificates?format=csv&lang=en",
    )
    .await;
    assert_eq!(status, 200);
    let text = String::from_utf8(body).unwrap();
    let codes: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').find(|c| c.starts_with("PAGE")))
        .collect();
    assert_eq!(codes.len(), 4_500, "every row once");
    assert_eq!(
        codes.iter().collect::<HashSet<_>>().len(),
        4_500,
        "no repeats"
    );
    // In order of issue: all of 01:00, then 02:00, then 03:00 (by id within a second).
    let hours: Vec<usize> = codes
        .iter()
        .map(|c| c[4..].parse::<usize>().unwrap() % 3)
        .collect();
    assert!(
        hours.windows(2).all(|w| w[0] <= w[1]),
        "sorted by issue time"
    );
    assert_eq!(
        text.lines().count(),
        1 + 3 + 4_500,
        "header, the fixture's three, the new ones"
    );
}

#[actix_web::test]
async fn exports_run_without_parallel_workers_and_give_the_setting_back() {
    #[derive(QueryableByName)]
    struct Setting {
        #[diesel(sql_type = diesel::sql_types::Text)]
        value: String,
    }
    let app = spawn_app().await;
    let mut conn = app.conn();
    let read = |conn: &mut qualify::db::DbConnection| -> String {
        diesel::sql_query("SELECT current_setting('max_parallel_workers_per_gather') AS value")
            .get_result::<Setting>(conn)
            .unwrap()
            .value
    };
    let postgres = conn.is_postgres();
    let before = postgres.then(|| read(&mut conn));
    let inside = qualify::db::without_parallel_workers(&mut conn, |conn| {
        Ok::<_, diesel::result::Error>(postgres.then(|| read(conn)))
    })
    .unwrap();
    let after = postgres.then(|| read(&mut conn));
    if postgres {
        assert_eq!(inside.as_deref(), Some("0"), "no workers during the export");
        assert_eq!(after, before, "the server's setting afterwards");
        assert_ne!(before.as_deref(), Some("0"), "the test shows a change");
    } else {
        assert_eq!(inside, None, "nothing to change on SQLite");
    }
    // An export that fails still gives the setting back.
    let failed = qualify::db::without_parallel_workers(&mut conn, |_| {
        Err::<(), _>(diesel::result::Error::NotFound)
    });
    assert!(failed.is_err());
    assert_eq!(postgres.then(|| read(&mut conn)), before);
}
