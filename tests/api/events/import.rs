//! Importing a Teams export (UTF-16, tabs, with its summary sections): people with a place are
//! marked present, a host's mark stays, unknown addresses are listed, and importing the same
//! file again changes nothing. Only a host imports, with the form's token; a file that is no
//! text is refused at its field.

use crate::support::app::{Response, TestApp, spawn_app};
use crate::support::browser::{Browser, signed_in};
use crate::support::fixtures::events::{attendance, on_session_day as at, plan, session_form};
use crate::support::fixtures::people::create_person;
use crate::support::scrape::assert_marked;
use crate::support::uploads::multipart;

fn teams_export() -> Vec<u8> {
    let text = "1. Summary\r\nMeeting title\tCommunity call\r\n\r\n2. Participants\r\n\
        Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tRole\r\n\
        Ada Lovelace\t3/28/27, 9:01 AM\t3/28/27, 9:58 AM\t57m\tADA@example.com\tAttendee\r\n\
        Bob Builder\t3/28/27, 9:02 AM\t3/28/27, 9:20 AM\t18m\tbob@example.com\tAttendee\r\n\
        Carol Guest\t3/28/27, 9:05 AM\t3/28/27, 9:30 AM\t25m\tcarol@partner.example\tAttendee\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

async fn upload(app: &TestApp, owner: &Browser<'_>, path: &str, file: &[u8]) -> Response {
    let csrf = owner.csrf();
    let parts = [
        ("csrf_token", None, csrf.as_bytes()),
        ("file", Some("attendance.csv"), file),
    ];
    multipart(app, owner, path, &parts).await
}

#[actix_web::test]
async fn a_teams_export_marks_people_present_once() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga Owner", true);
    let owner = signed_in(&app, &owner_id).await;
    let id = plan(&owner, &session_form("Community call", "")).await;
    let mut people = Vec::new();
    for (email, name) in [("ada@example.com", "Ada"), ("bob@example.com", "Bob")] {
        let person = create_person(&app, email, name, false);
        let browser = signed_in(&app, &person).await;
        browser.get("/events").await;
        assert_eq!(
            browser
                .post(&format!("/events/{id}/register"), &[])
                .await
                .status,
            303
        );
        people.push(person);
    }
    at(&app, 7, 30);
    let owner = signed_in(&app, &owner_id).await;
    owner.get(&format!("/events/{id}")).await;
    let bob_excused = [(format!("a.{}", people[1].0), "excused")];
    let fields: Vec<(&str, &str)> = bob_excused.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(
        owner
            .post(&format!("/events/{id}/attendance"), &fields)
            .await
            .status,
        303
    );

    let page = owner.get(&format!("/events/{id}")).await;
    let path = format!("/events/{id}/attendance/import");
    let file = teams_export();
    let first = upload(&app, &owner, &path, &file).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert!(
        first
            .body
            .contains("3 addresses read: 1 marked present, 1 already recorded."),
        "{}",
        first.body
    );
    assert!(first.body.contains("carol@partner.example"));
    assert_eq!(
        attendance(&app, "ada@example.com").as_deref(),
        Some("present")
    );
    assert_eq!(
        attendance(&app, "bob@example.com").as_deref(),
        Some("excused"),
        "the host's mark stays"
    );

    let again = upload(&app, &owner, &path, &file).await;
    assert!(
        again.body.contains("0 marked present, 2 already recorded."),
        "{}",
        again.body
    );

    let ada = signed_in(&app, &people[0]).await;
    ada.get(&format!("/events/{id}")).await;
    assert_eq!(
        upload(&app, &ada, &path, &file).await.status,
        403,
        "hosts only"
    );
    let forged = multipart(&app, &owner, &path, &[("file", Some("a.csv"), &file[..])]).await;
    assert_eq!(forged.status, 403, "no token, no import");

    let refused = upload(&app, &owner, &path, b"\xC3\x28\xFF").await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_marked(&refused.body, "file", "file-error");
    assert!(page.body.contains("attendance/import"));
}
