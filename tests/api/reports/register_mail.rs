//! The monthly certification register by mail: once a month per owner, on the first working
//! day in working hours, with the register attached as XLSX (stored with the mail, delivered
//! as a real attachment); nothing when switched off.

use diesel::prelude::*;
use qualify::config::rules::Rules;
use qualify::db::schema::{outbox, outbox_attachments};

use crate::support::app::spawn_app;
use crate::support::clock::at;
use crate::support::fixtures::reports::data;
use crate::support::jobs::register_mail;

#[actix_web::test]
async fn owners_get_the_register_once_a_month_with_the_file_attached() {
    let app = spawn_app().await;
    let _d = data(&app).await;
    let rules = Rules::default();
    // Saturday 1 August 2026: not a working day.
    at(&app, 2026, 8, 1, 9);
    assert_eq!(register_mail(&app, &rules), 0);
    // Switched off: nothing on Monday either.
    at(&app, 2026, 8, 3, 8);
    let off = Rules {
        register_mail: false,
        ..Rules::default()
    };
    assert_eq!(register_mail(&app, &off), 0);
    // Monday 3 August, 10:00 in Berlin: the first working hours of the month.
    assert_eq!(register_mail(&app, &rules), 1);
    assert_eq!(register_mail(&app, &rules), 0, "once a month");
    at(&app, 2026, 8, 20, 9);
    assert_eq!(register_mail(&app, &rules), 0, "still once this month");
    {
        let mut conn = app.conn();
        let (subject, body): (String, String) = outbox::table
            .filter(outbox::kind.eq("owner_register"))
            .select((outbox::subject, outbox::body_text))
            .first(&mut **conn)
            .unwrap();
        assert_eq!(subject, "Certification register, 2026-07");
        assert!(body.contains("1 certificate is valid today"), "{body}");
        let files: Vec<(String, Vec<u8>)> = outbox_attachments::table
            .select((outbox_attachments::name, outbox_attachments::data))
            .load(&mut **conn)
            .unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "certification-register-2026-08-03.xlsx");
        assert!(files[0].1.starts_with(b"PK"), "a zip (XLSX) file");
    }
    let sent = app.deliver().await;
    let register: Vec<_> = sent
        .iter()
        .filter(|m| m.subject.starts_with("Certification register"))
        .collect();
    assert_eq!(register.len(), 1);
    let raw = &register[0].raw;
    assert!(raw.contains("multipart/mixed"), "{raw}");
    assert!(raw.contains("Content-Disposition: attachment"), "{raw}");
    assert!(raw.contains("certification-register-2026-08-03.xlsx"));
    assert!(
        raw.contains("List-Unsubscribe"),
        "owner mail can be switched off"
    );
    // Next month again.
    at(&app, 2026, 9, 1, 8);
    assert_eq!(register_mail(&app, &rules), 1);
}
