//! The roll call: a host marks each person with a place once the session has begun; a later
//! check-in does not overwrite the mark, and the person sees it; hosts download the attendance
//! as CSV and XLSX.

use calamine::{Reader, Xlsx, open_workbook_from_rs};

use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::events::{
    attendance, check_in_code as code, on_session_day as at, plan, session_form,
};
use crate::support::fixtures::people::create_person;

#[actix_web::test]
async fn the_roll_call_opens_when_the_session_begins() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga Owner", true);
    let ada_id = create_person(&app, "ada@example.com", "Ada Lovelace", false);
    let owner = signed_in(&app, &owner_id).await;
    let id = plan(&owner, &session_form("Community call", "")).await;
    let ada = signed_in(&app, &ada_id).await;
    ada.get("/events").await;
    assert_eq!(
        ada.post(&format!("/events/{id}/register"), &[])
            .await
            .status,
        303
    );
    let mark = [(format!("a.{}", ada_id.0), "excused".to_string())];
    let fields: Vec<(&str, &str)> = mark.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let early = owner
        .post(&format!("/events/{id}/attendance"), &fields)
        .await;
    assert_eq!(early.status, 409);
    assert!(
        early
            .body
            .contains("The roll call opens when the live session begins.")
    );

    at(&app, 7, 5);
    let owner = signed_in(&app, &owner_id).await;
    owner.get(&format!("/events/{id}")).await;
    let saved = owner
        .post(&format!("/events/{id}/attendance"), &fields)
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(
        attendance(&app, "ada@example.com").as_deref(),
        Some("excused")
    );
    let ada = signed_in(&app, &ada_id).await;
    ada.get(&format!("/events/{id}")).await;
    assert_eq!(
        ada.post(&format!("/events/{id}/attendance"), &fields)
            .await
            .status,
        403
    );
    let page = ada.get(&format!("/events/{id}")).await.body;
    assert!(page.contains("Excused"), "the person sees their attendance");
    let code = code(&app, &id);
    ada.post(&format!("/events/{id}/check-in"), &[("code", &code)])
        .await;
    assert_eq!(
        attendance(&app, "ada@example.com").as_deref(),
        Some("excused"),
        "a check-in does not overwrite the host's mark"
    );
    let download = format!("/events/{id}/attendance/download");
    let (status, _, _) = ada.get_bytes(&format!("{download}?format=csv"), &[]).await;
    assert_eq!(status, 403, "hosts only");
    let owner = signed_in(&app, &owner_id).await;
    let (status, headers, csv) = owner
        .get_bytes(&format!("{download}?format=csv"), &[])
        .await;
    assert_eq!(status, 200);
    assert!(
        headers
            .get("content-disposition")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.starts_with('\u{feff}')
            && csv.contains("Ada Lovelace,ada@example.com,registered,excused\r\n"),
        "{csv}"
    );
    let (_, _, xlsx) = owner
        .get_bytes(&format!("{download}?format=xlsx"), &[])
        .await;
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let row: Vec<String> = sheet
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        row,
        ["Ada Lovelace", "ada@example.com", "registered", "excused"]
    );
}
