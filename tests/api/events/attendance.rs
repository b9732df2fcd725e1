//! Checking in: people with a place check in with the code of the minute, only inside the
//! session's window and only to that session; the host shows the code as digits and a QR code.

use crate::support::app::spawn_app;
use crate::support::browser::signed_in;
use crate::support::fixtures::events::{
    attendance, check_in_code as code, on_session_day as at, plan, session_form,
};
use crate::support::fixtures::people::create_person;

#[actix_web::test]
async fn checking_in_takes_this_sessions_code_inside_its_window() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga Owner", true);
    let ada_id = create_person(&app, "ada@example.com", "Ada Lovelace", false);
    let eve_id = create_person(&app, "eve@example.com", "Eve Else", false);
    let owner = signed_in(&app, &owner_id).await;
    let id = plan(&owner, &session_form("Community call", "")).await;
    let other = plan(&owner, &session_form("Another call", "")).await;
    let ada = signed_in(&app, &ada_id).await;
    ada.get("/events").await;
    assert_eq!(
        ada.post(&format!("/events/{id}/register"), &[])
            .await
            .status,
        303
    );

    at(&app, 6, 30);
    let ada = signed_in(&app, &ada_id).await;
    ada.get(&format!("/events/{id}")).await;
    let early = ada
        .post(
            &format!("/events/{id}/check-in"),
            &[("code", &code(&app, &id))],
        )
        .await;
    assert_eq!(early.status, 409, "before the window");

    at(&app, 6, 50);
    let owner = signed_in(&app, &owner_id).await;
    let shown = owner.get(&format!("/events/{id}/code")).await;
    assert_eq!(shown.status, 200, "{}", shown.body);
    let now = code(&app, &id);
    assert!(shown.body.contains(&format!("{} {}", &now[..3], &now[3..])));
    assert!(shown.body.contains("<svg") && shown.body.contains("/static/js/reload.js"));
    let ada = signed_in(&app, &ada_id).await;
    assert_eq!(
        ada.get(&format!("/events/{id}/code")).await.status,
        403,
        "hosts only"
    );
    let page = ada.get(&format!("/events/{id}?code={now}")).await.body;
    assert!(
        page.contains(&format!("value=\"{now}\"")),
        "the QR code fills the form in"
    );

    let foreign = code(&app, &other);
    let wrong = ada
        .post(&format!("/events/{id}/check-in"), &[("code", &foreign)])
        .await;
    assert_eq!(wrong.status, 422, "another session's code");
    assert!(
        wrong
            .body
            .contains("This is not the code shown in the live session right now.")
    );
    assert!(
        wrong.body.contains(&format!("value=\"{foreign}\"")),
        "the typing is kept"
    );
    let eve = signed_in(&app, &eve_id).await;
    eve.get(&format!("/events/{id}")).await;
    let unregistered = eve
        .post(&format!("/events/{id}/check-in"), &[("code", &now)])
        .await;
    assert_eq!(unregistered.status, 409, "no place, no check-in");

    let checked = ada
        .post(&format!("/events/{id}/check-in"), &[("code", &now)])
        .await;
    assert_eq!(checked.status, 303, "{}", checked.body);
    assert_eq!(
        attendance(&app, "ada@example.com").as_deref(),
        Some("present")
    );

    at(&app, 8, 1);
    let ada = signed_in(&app, &ada_id).await;
    ada.get(&format!("/events/{id}")).await;
    let late = ada
        .post(
            &format!("/events/{id}/check-in"),
            &[("code", &code(&app, &id))],
        )
        .await;
    assert_eq!(late.status, 409, "after the end");
}
