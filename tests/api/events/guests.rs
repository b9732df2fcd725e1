//! Guests of a public event: they register without an account, hold nothing until they confirm
//! from the mailed link (opening it changes nothing), get the invitation then, wait when it is
//! full, move up when a place is freed, and give their place up from the same link. A changed
//! link is not found, an old one must be asked for again, and a cohort's session takes none.
//! Guests' browsers send no language here, so their pages are in German.

use chrono::Duration;
use qualify::clock::Clock;

use crate::support::api::{post_text, token};
use crate::support::app::{TestApp, spawn_app};
use crate::support::browser::{Browser, signed_in};
use crate::support::fixtures::events::{
    guest_link, guest_states, invites, on_session_day, plan, session_form,
};
use crate::support::fixtures::people::create_person;
use crate::support::scrape::assert_marked;

async fn ask(app: &TestApp, event: &str, name: &str, email: &str) -> String {
    let guest = Browser::new(app);
    guest.get(&format!("/events/{event}/guest")).await;
    let fields = [("name", name), ("email", email), ("language", "en")];
    let sent = guest.post(&format!("/events/{event}/guest"), &fields).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert!(
        sent.body.contains("Bitte prüfen Sie Ihre E-Mails"),
        "{}",
        sent.body
    );
    let (link, names_a_person) = guest_link(app, email);
    assert!(!names_a_person, "a guest's mail names no person");
    link
}

async fn press(app: &TestApp, link: &str, action: &str) -> u16 {
    let guest = Browser::new(app);
    guest.get(link).await;
    guest.post(&format!("{link}/{action}"), &[]).await.status
}

#[actix_web::test]
async fn guests_confirm_by_mail_wait_move_up_and_leave() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga Owner", true);
    let owner = signed_in(&app, &owner_id).await;
    let mut form = session_form("Community call", "1");
    form.push(("guests", "on".into()));
    let id = plan(&owner, &form).await;

    let anonymous = Browser::new(&app);
    let page = anonymous.get(&format!("/events/{id}/guest")).await;
    assert_eq!(page.status, 200);
    assert!(
        !page.body.contains("meet.example.com"),
        "no join link before a place"
    );
    let bad = [
        ("name", "Gina Guest"),
        ("email", "not an address"),
        ("language", "en"),
    ];
    let refused = anonymous.post(&format!("/events/{id}/guest"), &bad).await;
    assert_eq!(refused.status, 422);
    assert_marked(&refused.body, "email", "email-error");
    assert!(
        refused
            .body
            .contains("Geben Sie eine gültige E-Mail-Adresse an.")
    );
    assert!(
        refused.body.contains("value=\"Gina Guest\""),
        "the name is kept"
    );

    let gina = ask(&app, &id, "Gina Guest", "gina@partner.example").await;
    let page = Browser::new(&app).get(&gina).await;
    assert!(page.body.contains("Noch nicht bestätigt"), "{}", page.body);
    assert_eq!(
        guest_states(&app, &id).0,
        0,
        "opening the link holds nothing"
    );
    assert_eq!(press(&app, &gina, "confirm").await, 303);
    assert_eq!(
        press(&app, &gina, "confirm").await,
        303,
        "confirming again is harmless"
    );
    let (taken, states) = guest_states(&app, &id);
    assert_eq!(
        (taken, states["gina@partner.example"].as_str()),
        (1, "registered")
    );
    let invite = invites(&app, "gina@partner.example").remove(0);
    assert_eq!(invite.method, "REQUEST");
    assert!(
        invite.event["URL"].contains("/events/guests/"),
        "the guest's own page"
    );

    let hugo = ask(&app, &id, "Hugo Guest", "hugo@partner.example").await;
    assert_eq!(press(&app, &hugo, "confirm").await, 303);
    assert_eq!(
        guest_states(&app, &id).1["hugo@partner.example"],
        "waitlisted"
    );
    let host_page = owner.get(&format!("/events/{id}")).await.body;
    assert!(
        host_page.contains("gina@partner.example") && host_page.contains("hugo@partner.example")
    );

    assert_eq!(press(&app, &gina, "cancel").await, 303);
    let (taken, states) = guest_states(&app, &id);
    assert_eq!(taken, 1, "the freed place is taken again");
    assert_eq!(states["gina@partner.example"], "canceled");
    assert_eq!(
        states["hugo@partner.example"], "registered",
        "the one waiting moved up"
    );
    let gina_files = invites(&app, "gina@partner.example");
    assert_eq!(gina_files.last().unwrap().method, "CANCEL");
    assert_eq!(
        invites(&app, "hugo@partner.example").len(),
        1,
        "Hugo's invitation"
    );

    let forged = format!("{}x", &hugo[..hugo.len() - 1]);
    assert_eq!(Browser::new(&app).get(&forged).await.status, 404);
}

#[actix_web::test]
async fn an_old_link_is_asked_for_again_and_cohort_sessions_take_no_guests() {
    let app = spawn_app().await;
    let owner_id = create_person(&app, "owner@example.com", "Olga Owner", true);
    let owner = signed_in(&app, &owner_id).await;
    let mut form = session_form("Open workshop", "");
    form.push(("guests", "on".into()));
    let id = plan(&owner, &form).await;
    let link = ask(&app, &id, "Ida Guest", "ida@partner.example").await;
    app.clock.set(app.clock.now() + Duration::hours(49));
    assert_eq!(press(&app, &link, "confirm").await, 410);
    assert_eq!(guest_states(&app, &id).0, 0);
    let again = ask(&app, &id, "Ida Guest", "ida@partner.example").await;
    assert_ne!(again, link, "a new link");
    assert_eq!(
        Browser::new(&app).get(&link).await.status,
        404,
        "the old one ends"
    );
    assert_eq!(press(&app, &again, "confirm").await, 303);
    on_session_day(&app, 7, 30);
    let owner_token = token(&app, &owner_id);
    let path = format!("/api/v1/events/{id}/attendance/import");
    let csv = "Name,Email\nIda Guest,IDA@partner.example\n";
    let imported = post_text(&app, &owner_token, &path, "text/csv", csv).await;
    assert_eq!(imported.json()["marked"], 1, "{}", imported.body);
    let host = signed_in(&app, &owner_id).await;
    let host_page = host.get(&format!("/events/{id}")).await;
    assert!(host_page.body.contains("ida@partner.example"));
    assert!(host_page.body.contains("Present") || host_page.body.contains("Anwesend"));
    let file = host
        .get(&format!("/events/{id}/attendance/download?format=csv"))
        .await;
    assert!(
        file.body.contains("ida@partner.example,registered,present"),
        "{}",
        file.body
    );
    on_session_day(&app, 6, 0);

    // Two days on, the owner signs in again.
    let owner = signed_in(&app, &owner_id).await;
    let closed = plan(&owner, &session_form("Employees only", "")).await;
    let anonymous = Browser::new(&app);
    assert_eq!(
        anonymous
            .get(&format!("/events/{closed}/guest"))
            .await
            .status,
        404
    );

    let cohort = crate::support::fixtures::cohorts::create_cohort(&owner, "K", "2026-04-06").await;
    let mut form = session_form("Kick-off", "");
    form[0].1 = cohort;
    form.push(("guests", "on".into()));
    owner.get("/events/new").await;
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = owner.post("/events", &fields).await;
    assert_eq!(refused.status, 422);
    assert_marked(&refused.body, "guests", "guests-error");
}
