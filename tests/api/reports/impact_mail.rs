//! The impact report each month: the month that ended is kept once, and every owner gets it
//! once in their first working hours, with the workbook in their language attached (it opens,
//! and its cells read right); two instances ticking at once keep one report and write one mail
//! per owner; no mail when switched off, and none on a weekend.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use diesel::prelude::*;
use qualify::clock::Clock;
use qualify::config::rules::Rules;
use qualify::db::schema::{impact_snapshots, outbox, outbox_attachments};

use crate::support::app::{TestApp, spawn_app};
use crate::support::clock::at;
use crate::support::fixtures::impact::{company, german_owner};
use crate::support::jobs::{composer, impact_mail};

/// The job run by two instances at the same moment; the mails both wrote.
fn twice_at_once(app: &TestApp, rules: &Rules) -> usize {
    let (now, composer) = (app.clock.now_naive(), composer(app));
    let (mut one, mut two) = (app.conn(), app.conn());
    let (a, b) = (composer.clone(), composer);
    let (one, two) = (&mut *one, &mut *two);
    std::thread::scope(|s| {
        let first = s.spawn(move || qualify::jobs::impact_mail::tick(one, &a, rules, now));
        let second = s.spawn(move || qualify::jobs::impact_mail::tick(two, &b, rules, now));
        first.join().unwrap().unwrap() + second.join().unwrap().unwrap()
    })
}

fn workbook(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap()
}

#[actix_web::test]
async fn every_owner_gets_last_months_report_once_with_the_workbook() {
    let app = spawn_app().await;
    // Saturday 1 August 2026: July is kept, but nobody is mailed on a weekend.
    at(&app, 2026, 8, 1, 9);
    let _company = company(&app);
    german_owner(&app);
    let rules = Rules::default();
    assert_eq!(twice_at_once(&app, &rules), 0);
    {
        let mut conn = app.conn();
        let months: Vec<String> = impact_snapshots::table
            .select(impact_snapshots::month)
            .load(&mut **conn)
            .unwrap();
        assert_eq!(months, ["2026-07"], "kept once");
    }
    // Monday 3 August, 10:00 in Berlin.
    at(&app, 2026, 8, 3, 8);
    let off = Rules {
        impact_mail: false,
        ..Rules::default()
    };
    assert_eq!(impact_mail(&app, &off), 0);
    assert_eq!(twice_at_once(&app, &rules), 2, "one mail per owner");
    assert_eq!(impact_mail(&app, &rules), 0, "once a month");
    at(&app, 2026, 8, 20, 9);
    assert_eq!(impact_mail(&app, &rules), 0, "still once this month");

    let mut conn = app.conn();
    let mails: Vec<(String, String, String, Vec<u8>)> = outbox::table
        .inner_join(outbox_attachments::table.on(outbox_attachments::outbox_id.eq(outbox::id)))
        .filter(outbox::kind.eq("owner_impact"))
        .select((
            outbox::subject,
            outbox::body_text,
            outbox_attachments::name,
            outbox_attachments::data,
        ))
        .order(outbox::subject)
        .load(&mut **conn)
        .unwrap();
    drop(conn);
    assert_eq!(mails.len(), 2);
    let (subject, body, name, file) = &mails[0];
    assert_eq!(subject, "Impact report, July 2026");
    assert!(body.contains("16 people were certified"), "{body}");
    assert!(body.contains("/reports/impact?month=2026-07"), "{body}");
    assert_eq!(name, "impact-report-2026-07.xlsx");
    let mut book = workbook(file);
    assert_eq!(book.sheet_names(), ["Org units", "Quarters", "Notes"]);
    let units = book.worksheet_range("Org units").unwrap();
    assert_eq!(units.get((0, 3)), Some(&Data::String("Certified".into())));
    assert_eq!(
        units.get((1, 0)),
        Some(&Data::String("All org units".into()))
    );
    assert_eq!(units.get((1, 3)), Some(&Data::Float(16.0)));
    assert_eq!(
        units.get((6, 0)),
        Some(&Data::String("      Vertrieb Süd".into()))
    );
    assert_eq!(
        units.get((6, 3)),
        Some(&Data::String("–".into())),
        "withheld"
    );
    let quarters = book.worksheet_range("Quarters").unwrap();
    assert_eq!(quarters.get((1, 0)), Some(&Data::String("2026-Q1".into())));
    assert_eq!(quarters.get((1, 1)), Some(&Data::Float(16.0)));

    let (subject, _, name, file) = &mails[1];
    assert_eq!(subject, "Wirkungsbericht, Juli 2026");
    assert_eq!(name, "wirkungsbericht-2026-07.xlsx");
    assert_eq!(
        workbook(file).sheet_names(),
        ["Organisationseinheiten", "Quartale", "Hinweise"]
    );

    let sent = app.deliver().await;
    let impact: Vec<_> = sent
        .iter()
        .filter(|m| m.raw.contains("impact-report-2026-07.xlsx"))
        .collect();
    assert_eq!(impact.len(), 1);
    assert!(impact[0].raw.contains("Content-Disposition: attachment"));
}
